"""`report-year`: the years a report names must agree with the year it reports on (Y).

YAML keys:
- `check` (required), one of:
  - `title-body`: the title's year differs from the opening sentence's (`2021年度…报告` over
    `2020年，我镇…`); reported at the opening year.
  - `next-year`: a year named in the plan part (`Structure.next_year_section`) that is not
    Y+1: in its heading, or opening one of its sentences that says what will be done
    (`2022年，我镇将…`; a sentence without 将/要/计划/力争/继续 … is a look back and not read). A plan about Y
    itself is reported with `same_year_message` when given. Spans such as （2021—2025年） and
    targets such as 到2025年 are not opening a sentence and are not read.
Message fields: `{year}` (as written), `{report_year}`, `{expected}` (Y+1 for `next-year`, the
title year for `title-body`), `{title_year}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document.source import Document
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind
from fzlint.text.regex import compile_kept

CHECKS = ("title-body", "next-year")
_FIELDS = ("year", "report_year", "expected", "title_year")
# A year opening a sentence of the plan: at the start of a paragraph or after 。；, or in the
# heading text, and not the start of a span (2021—2025年).
_LEADING_YEAR = compile_kept(
    r"(?:^|(?<=[。；;！!]))[\s\u3000]*(?P<year>\d{4})(?=\s*年(?!\s*[—–\-－~至到]))"
)
# A sentence of the plan says what will be done; a year opening a look back (2021年，我镇虽然…)
# is not a plan year.
_SENTENCE = compile_kept(r"[^。；;！!？?]*")
_PLAN_WORDS = compile_kept(r"将|要|计划|力争|拟|打算|继续|着力|重点")
_HEADING_YEAR = compile_kept(r"(?<![\d—–\-－~至到])(?P<year>\d{4})(?=\s*年(?!\s*[—–\-－~至到]))")


@kind("report-year")
class ReportYearKind(Kind):
    keys = frozenset({"check", "same_year_message"})
    needs = frozenset({"structure"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        options = self.options
        self.check_name = options.choice("check", CHECKS)
        self.compile_templates(_FIELDS)
        self.same_year = None
        if options.has("same_year_message"):
            self.same_year = options.template(
                "same_year_message", options.str("same_year_message"), _FIELDS
            )

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        structure = doc.structure
        if self.check_name == "title-body":
            opening = structure.opening_year
            title_year = structure.title_year
            if opening is None or title_year is None or opening[0] == title_year:
                return
            year, span = opening
            values = {
                "year": str(year),
                "report_year": str(title_year),
                "expected": str(title_year),
                "title_year": str(title_year),
            }
            yield self.diagnostic(span, values)
            return
        report_year = ctx.report_year_of(doc)
        section = structure.next_year_section
        if report_year is None or section is None:
            return
        expected = report_year + 1
        heading = section.heading
        found: list[tuple[int, int, int]] = []
        for match in _HEADING_YEAR.finditer(
            doc.text, heading.text_span.start, heading.text_span.end
        ):
            found.append((match.start("year"), match.end("year"), int(match.group("year"))))
        body_start = heading.line.span.end
        for line in doc.lines[
            heading.line.number : doc.line_index(max(body_start, section.span.end - 1)) + 1
        ]:
            for match in _LEADING_YEAR.finditer(line.text):
                sentence = _SENTENCE.match(line.text, match.end("year"))
                if sentence is None or not _PLAN_WORDS.search(sentence.group(0)):
                    continue
                start = line.span.start + match.start("year")
                found.append((start, start + 4, int(match.group("year"))))
        for start, end, year in found:
            if year == expected:
                continue
            values = {
                "year": str(year),
                "report_year": str(report_year),
                "expected": str(expected),
                "title_year": str(structure.title_year or ""),
            }
            message = None
            if year == report_year and self.same_year is not None:
                message = self.same_year.render(values)
            yield self.diagnostic(Span(start, end), values, message=message)
