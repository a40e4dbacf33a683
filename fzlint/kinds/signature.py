"""`signature-date`: the 落款 (issuing body) and 成文日期 that end a report (GB/T 9704-2012
§7.3.5).

YAML keys:
- `check` (required), one of:
  - `signature`: no 落款 at the end (reported once, at the last character of the body).
  - `date`: no 成文日期 at the end.
  - `format`: a 成文日期 not written `2023年12月15日` (Arabic numerals, year in full, no leading
    zero: 二〇二三年十二月十五日, 2023年01月05日, 2023-12-15). `{expected}` is the standard form when
    the date is real (a safe fix). A date in 汉字 before 2012-07-01, when GB/T 9704-2012 took
    effect, was the standard form of its time and is not reported.
  - `valid`: a 成文日期 that names no real day (2023年2月30日, 2023年13月1日).
  - `window`: a 成文日期 outside the plausible filing window for report year Y: before
    Y-11-01 or after (Y+1)-03-31 (reports are due in the first quarter). Needs the report year.
  `signature` and `date` judge whole reports only (`Structure.is_whole_report`), not excerpts.
  - `published`: a scraped page whose 发布日期 is after (Y+1)-03-31: the report was made public
    after the 4月1日 deadline (or re-published; hence a low severity).
- `web_severity`: the severity for `signature` / `date` on text scraped from a web page, where
  the site shows the issuer and date elsewhere (default: the rule's severity).
Message fields: `{date}` (as written), `{expected}`, `{year}` (report year), `{earliest}`,
`{latest}`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from fzlint.diagnostics import Diagnostic, Severity, Span
from fzlint.document.source import Document
from fzlint.document.structure import DateLine
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind
from fzlint.text.regex import compile_kept

CHECKS = ("signature", "date", "format", "valid", "window", "published")
_STANDARD = compile_kept(r"^\d{4}年[1-9]\d?月[1-9]\d?日$")
_FIELDS = ("date", "expected", "year", "earliest", "latest")


# GB/T 9704-2012 (in force from 2012-07-01) made the 成文日期 Arabic numerals; the 1999
# standard it replaced wrote it in 汉字 (一九九六年六月二十九日).
ARABIC_DATES_FROM = date(2012, 7, 1)
_CHINESE_NUMERAL = compile_kept(r"[〇○零一二三四五六七八九]")


def _of_its_time(date_line: DateLine) -> bool:
    """A 成文日期 in 汉字 before GB/T 9704-2012 took effect was correct when it was written."""
    value = date_line.value
    return (
        value is not None
        and value < ARABIC_DATES_FROM
        and _CHINESE_NUMERAL.search(date_line.text[:4]) is not None
    )


def standard_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def filing_window(year: int) -> tuple[date, date]:
    """From the year-end summary season of `year` to the end of the first quarter after it."""
    return date(year, 11, 1), date(year + 1, 3, 31)


@kind("signature-date")
class SignatureDateKind(Kind):
    keys = frozenset({"check", "web_severity"})
    needs = frozenset({"structure"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        options = self.options
        self.check_name = options.choice("check", CHECKS)
        self.reads_web_page = self.check_name == "published"
        self.web_severity = rule.severity
        if options.has("web_severity"):
            try:
                self.web_severity = Severity.parse(options.str("web_severity"))
            except KeyError:
                raise options.error(
                    "web_severity", "「web_severity」应为 info、warning 或 error"
                ) from None
        self.compile_templates(_FIELDS)

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        structure = doc.structure
        if not structure.body_paragraphs:
            return
        values = dict.fromkeys(_FIELDS, "")
        if self.check_name in ("signature", "date"):
            missing = (
                structure.signature_line is None
                if self.check_name == "signature"
                else structure.date_line is None
            )
            if missing and structure.is_whole_report:
                anchor = structure.signature_line if self.check_name == "date" else None
                last = (anchor or structure.body_paragraphs[-1]).content_span
                diagnostic = self.diagnostic(Span(last.end - 1, last.end), values)
                if structure.is_web_page:
                    diagnostic = replace(diagnostic, severity=self.web_severity)
                yield diagnostic
            return
        if self.check_name == "published":
            yield from self._published(doc, ctx)
            return
        date_line = structure.date_line
        if date_line is None:
            return
        span = date_line.line.content_span
        values["date"] = date_line.text
        value = date_line.value
        if self.check_name == "format":
            if not _STANDARD.match(date_line.text) and not _of_its_time(date_line):
                values["expected"] = standard_date(value) if value else ""
                diagnostic = self.diagnostic(span, values)
                if value is None:
                    diagnostic = replace(diagnostic, fix=None)
                yield diagnostic
        elif self.check_name == "valid":
            if value is None:
                yield self.diagnostic(span, values)
        else:
            year = ctx.report_year_of(doc)
            if value is None or year is None:
                return
            earliest, latest = filing_window(year)
            if not earliest <= value <= latest:
                values.update(
                    year=str(year), earliest=standard_date(earliest), latest=standard_date(latest)
                )
                yield self.diagnostic(span, values)

    def _published(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        structure = doc.structure
        year = ctx.report_year_of(doc)
        published, span = structure.web_date, structure.web_date_span
        if year is None or published is None or span is None:
            return
        latest = filing_window(year)[1]
        if published > latest:
            values = dict.fromkeys(_FIELDS, "")
            values.update(
                date=doc.text[span.start : span.end],
                year=str(year),
                latest=standard_date(latest),
            )
            yield self.diagnostic(span, values)
