"""`enumeration`: in-paragraph series 一是…二是…, 一要…二要…, 第一，…第二，….

YAML keys:
- `check` (required), one of:
  - `sequence`: the items must count 一, 二, 三 … (a gap 一是…三是, a repeat 二是…二是, or a
    series that does not start at 一); the first bad token is reported.
  - `broken`: a token that lost its 是 / 要 (`四是…。五推进…` for 五是推进); fix inserts 是/要
    (mark it unsafe: the writer may have meant something else).
  - `lone`: a series with only 一是 and no 二是.
  - `mixed`: one series mixing token styles (`一是要…二要…`, `一是…第二，…`); a fix
    `{expected}` rewrites the token in the series' first style (mark it unsafe).
Message fields: `{token}` (as written), `{expected}` (the token expected there), `{first}` (the
series' first token), `{suffix}` (for `broken`: the 是 / 要 it lost; a fix `{suffix}` inserts it
after the numeral).
"""

from __future__ import annotations

from collections.abc import Iterator

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document.source import Document
from fzlint.document.structure import Enumeration, EnumerationItem
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind
from fzlint.text.numerals import to_chinese_number

CHECKS = ("sequence", "broken", "lone", "mixed")


def token_for(ordinal: int, style: str) -> str:
    numeral = to_chinese_number(ordinal)
    return f"第{numeral}" if style == "第" else numeral + style


@kind("enumeration")
class EnumerationKind(Kind):
    keys = frozenset({"check"})
    needs = frozenset({"structure"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.check_name = self.options.choice("check", CHECKS)
        self.compile_templates(("token", "expected", "first", "suffix"))

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        for series in doc.structure.enumerations:
            yield from getattr(self, "_" + self.check_name)(doc, series)

    def _report(
        self,
        doc: Document,
        series: Enumeration,
        item: EnumerationItem,
        expected: str,
        suffix: str = "",
    ) -> Diagnostic:
        first = series.items[0]
        values = {
            "token": doc.text[item.token_span.start : item.token_span.end],
            "expected": expected,
            "first": doc.text[first.token_span.start : first.token_span.end],
            "suffix": suffix,
        }
        end = item.token_span.end
        # a lost 是 is inserted after the numeral; any other fix replaces the whole token
        fix_span = Span(end, end) if item.broken else item.token_span
        return self.diagnostic(item.token_span, values, fix_span=fix_span)

    def _style(self, series: Enumeration) -> str:
        return next((i.style for i in series.items if not i.broken), "是")

    def _sequence(self, doc: Document, series: Enumeration) -> Iterator[Diagnostic]:
        style = self._style(series)
        for index, item in enumerate(series.items):
            if item.ordinal != index + 1:
                yield self._report(doc, series, item, token_for(index + 1, style))
                return

    def _broken(self, doc: Document, series: Enumeration) -> Iterator[Diagnostic]:
        style = self._style(series)
        suffix = "是" if style in ("是", "是要") else style
        for item in series.items:
            if item.broken and suffix != "第":
                expected = token_for(item.ordinal, suffix)
                yield self._report(doc, series, item, expected, suffix)

    def _lone(self, doc: Document, series: Enumeration) -> Iterator[Diagnostic]:
        if len(series.items) == 1 and series.items[0].ordinal == 1:
            item = series.items[0]
            yield self._report(doc, series, item, token_for(2, item.family))

    def _mixed(self, doc: Document, series: Enumeration) -> Iterator[Diagnostic]:
        first = series.items[0]
        for item in series.items[1:]:
            if not item.broken and item.family != first.family:
                expected = token_for(item.ordinal, first.style)
                if first.style == "第":
                    expected += "，"  # the comma that follows 第二 stands outside its token
                yield self._report(doc, series, item, expected)
                return
