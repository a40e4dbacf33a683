"""`report-part`: one of the parts a report must have, found by its heading; reported once.

The five parts are required by 《法治政府建设与责任落实督察工作规定》 (厅字〔2019〕28号). A part is
present when a heading's text matches one of `heading` (only top-level headings with
`where: top`, the default; any heading with `where: any`), or when the first sentence of a body
paragraph matches one of `labelled` (a clearly labelled paragraph such as
`党政主要负责人履行第一责任人职责情况：…`). A document without any heading is judged on its
labelled paragraphs alone.

YAML keys: `heading` (regex or list, required), `where` (`top` | `any`), `labelled` (regex or
list), `complete` (regex: what the part must also name, looked for in the heading and its
section, e.g. 原因 for 存在的不足和原因) with `incomplete_message` (reported at the heading when
`complete` is not found), `topical_before` (regex or list: the headings of the *other* parts;
a top-level part before the first of those that matches none of them also counts, so
achievements told under topical headings — 一、强化组织领导 二、推进依法决策 … 五、存在的问题 —
are found). Missing parts are reported at the start of the title (or the first
line). Only whole reports with an outline of two top-level parts or more are judged: an
excerpt, or a report without numbered parts, cannot be checked part by part. Message fields: `{heading}` (the matched heading as written, for `incomplete_message`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document.source import Document
from fzlint.document.structure import Section
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind
from fzlint.text.regex import compile_kept

_FIRST_SENTENCE = compile_kept(r"[^。；;：:！？!?]*")

# The document memo's keys for what the rules of this kind (one per part) all read: the headings'
# texts (a heading's text is sliced from its line on each read), and the first sentence of each
# body paragraph.
_HEADINGS = "report-part: headings"
_FIRST_SENTENCES = "report-part: first sentences"


def _headings(doc: Document, top: bool) -> list[tuple[Section, str]]:
    """The top-level sections (or all of them), each with its heading's text."""
    key = (_HEADINGS, top)
    found: list[tuple[Section, str]] | None = doc.memo.get(key)
    if found is None:
        structure = doc.structure
        sections = structure.sections if top else structure.all_sections
        found = doc.memo[key] = [(section, section.heading.text) for section in sections]
    return found


def _first_sentences(doc: Document) -> list[tuple[Span, str]]:
    """Each body paragraph's span with its first sentence (up to its first 。；：！？)."""
    found: list[tuple[Span, str]] | None = doc.memo.get(_FIRST_SENTENCES)
    if found is None:
        found = doc.memo[_FIRST_SENTENCES] = []
        for paragraph in doc.structure.body_paragraphs:
            sentence = _FIRST_SENTENCE.match(paragraph.text)
            assert sentence is not None  # the pattern matches the empty string too
            found.append((paragraph.span, sentence.group(0)))
    return found


def _search_any(patterns: list[re.Pattern[str]], text: str) -> bool:
    """Whether one of `patterns` is found in `text`. A loop rather than any() over a generator:
    the five rules of this kind test ~150 texts a report, most of them with one pattern."""
    for pattern in patterns:  # noqa: SIM110
        if pattern.search(text):
            return True
    return False


@kind("report-part")
class ReportPartKind(Kind):
    keys = frozenset(
        {"heading", "where", "labelled", "topical_before", "complete", "incomplete_message"}
    )
    needs = frozenset({"structure"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        options = self.options
        self.headings = [options.regex("heading", p) for p in options.str_list("heading")]
        self.labelled = [options.regex("labelled", p) for p in options.str_list("labelled", [])]
        self.topical_before = [
            options.regex("topical_before", p) for p in options.str_list("topical_before", [])
        ]
        self.where = options.str("where", "top")
        if self.where not in ("top", "any"):
            raise options.error("where", "「where」应为 top 或 any")
        self.complete = (
            options.regex("complete", options.str("complete")) if options.has("complete") else None
        )
        self.compile_templates(("heading",))
        self.incomplete = None
        if self.complete is not None:
            self.incomplete = options.template(
                "incomplete_message", options.str("incomplete_message"), ("heading",)
            )

    def _found(self, doc: Document) -> Section | Span | None:
        for section, text in _headings(doc, self.where == "top"):
            if _search_any(self.headings, text):
                return section
        if self.topical_before:
            for section, text in _headings(doc, True):
                if _search_any(self.topical_before, text):
                    break
                return section
        if self.labelled:
            for span, sentence in _first_sentences(doc):
                if _search_any(self.labelled, sentence):
                    return span
        return None

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        structure = doc.structure
        if not structure.is_whole_report or len(structure.sections) < 2:
            return
        found = self._found(doc)
        if found is None:
            first = structure.title_lines[0] if structure.title_lines else doc.paragraphs[0]
            start = first.content_span.start
            yield self.diagnostic(Span(start, start + 1), {"heading": ""})
            return
        if self.complete is None or self.incomplete is None or not isinstance(found, Section):
            return
        heading = found.heading
        if self.complete.search(doc.text, found.span.start, found.span.end):
            return
        values = {"heading": heading.marker + heading.text}
        yield self.diagnostic(heading.text_span, values, message=self.incomplete.render(values))
