"""`split-word`: a punctuation mark standing inside a word (`能力得,到了提高` → 得到).

Keys: `marks` (a string of the marks to check, e.g. `",，"`), `scope` (default `prose`). A mark
between two Han characters is reported when the segmentation (jieba, loaded only when a candidate
exists) of the text around it without the mark has one word across the mark's place. Fields:
`{match}` (the mark), `{word}`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document import scopes
from fzlint.document.source import Document
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind, areas_touching
from fzlint.text.regex import compile_kept
from fzlint.text.tokens import word_across

# Han characters either side of the mark given to the segmenter: enough for the words around it.
_CONTEXT = 3


@kind("split-word")
class SplitWordKind(Kind):
    keys = frozenset({"marks", "scope"})
    needs = frozenset({"tokens"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        marks = self.options.str("marks")
        if not marks:
            raise self.options.error("marks", "marks 不能为空")
        self.scope = self.options.scope("prose")
        han = r"\u3400-\u9fff"
        self.pattern = compile_kept(
            rf"(?P<left>[{han}]{{1,{_CONTEXT}}})(?P<mark>[{re.escape(marks)}])"
            rf"(?=(?P<right>[{han}]{{1,{_CONTEXT}}}))"
        )
        self.marks = marks
        self.mark = compile_kept(f"[{re.escape(marks)}]")
        self.compile_templates({"match", "word"})

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        text = doc.text
        # Every match holds a mark: the pattern, which tries every Han character, runs only over
        # the areas where one stands (in most reports none).
        if not any(mark in text for mark in self.marks):
            return
        marks = [match.span() for match in self.mark.finditer(text)]
        for area in areas_touching(scopes.resolve(doc, self.scope), marks):
            for match in self.pattern.finditer(text, area.start, area.end):
                word = word_across(match.group("left"), match.group("right"))
                if word is not None:
                    values = {"match": match.group("mark"), "word": word}
                    yield self.diagnostic(Span(*match.span("mark")), values)
