"""`unbalanced-quotes`: a closing ” with no opening “ before it, or an opening “ never closed.

No keys but `scope` (default `prose`). Quotes are paired line by line (each paragraph is one line in
these reports), with two allowances for text that legitimately spans lines: a quotation running
over several paragraphs opens each paragraph with “ and closes only in the last (GB/T 15834—2011
第 4.8.3.4 条), and a paragraph broken in two by a page break or a PDF line end closes on the next
line what it opened on this one. A “ still open after the line that follows it is reported. A line
with straight quotes (") is left alone: which of them open and which close is FZ114's business.
Fields: `{match}` (the mark), `{problem}` (what is wrong with it).
"""

from __future__ import annotations

from collections.abc import Iterator

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document import scopes
from fzlint.document.source import WHITESPACE, Document
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind
from fzlint.text.regex import compile_kept

_QUOTES = compile_kept("[“”]")
_STRAY = "右引号「”」前面没有与之配对的左引号「“」"
_UNCLOSED = "左引号「“」在本段中没有与之配对的右引号「”」"


@kind("unbalanced-quotes")
class UnbalancedQuotesKind(Kind):
    keys = frozenset({"scope"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.scope = self.options.scope("prose")
        self.compile_templates({"match", "problem"})

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        text = doc.text
        if "“" not in text and "”" not in text:
            return
        # open quotes: (offset, number of the line that opened it)
        open_quotes: list[tuple[int, int]] = []
        for number, area in enumerate(scopes.resolve(doc, self.scope)):
            line = text[area.start : area.end]
            body = line.lstrip(WHITESPACE)
            if not body:
                continue
            if '"' in line or "＂" in line:
                open_quotes = []
                continue
            start = area.start + len(line) - len(body)
            if open_quotes and body[0] == "“":
                # the next paragraph of a quotation that runs over several: the same quote
                open_quotes = [(offset, number) for offset, _ in open_quotes]
                start += 1
            for mark in _QUOTES.finditer(text, start, area.end):
                position, char = mark.start(), mark.group()
                if char == "“":
                    open_quotes.append((position, number))
                elif char == "”":
                    if open_quotes:
                        open_quotes.pop()
                    else:
                        yield self.diagnostic(Span(position, position + 1), _values("”", _STRAY))
            # a quote opened before this line and neither closed nor continued here is never closed
            while open_quotes and open_quotes[0][1] < number:
                offset, _ = open_quotes.pop(0)
                yield self.diagnostic(Span(offset, offset + 1), _values("“", _UNCLOSED))
        for offset, _ in open_quotes:
            yield self.diagnostic(Span(offset, offset + 1), _values("“", _UNCLOSED))


def _values(mark: str, problem: str) -> dict[str, str]:
    return {"match": mark, "problem": problem}
