"""The report's outline as a reviewing office reads it: title, report year, 落款 and 成文日期.

Computed on first use of `Document.structure`, and each part only when asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from fzlint.text.numerals import parse_chinese_number

if TYPE_CHECKING:
    from fzlint.document.source import Document, Line

# How far into the text a title may start (web pages carry navigation and metadata first).
_TITLE_SEARCH_LINES = 40
_MAX_TITLE_LEN = 60
_TITLE_END = re.compile(r"(报告|总结|情况|汇报)\s*$")
_TITLE_HEAD = re.compile(r"(人民政府|政府|委员会|办公室|局|镇|乡|街道|办事处|中心)\s*$")
_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年")
_OPENING_YEAR = re.compile(r"^[\s\u3000]*(\d{4})\s*年(?:度)?\s*[，,以来]")
_DIGITS = "0-9０-９〇○零一二三四五六七八九十"
DATE_LINE = re.compile(
    rf"^[\s\u3000]*(?P<y>[{_DIGITS}]{{4}})\s*年\s*(?P<m>[{_DIGITS}]{{1,3}})\s*月"
    rf"\s*(?P<d>[{_DIGITS}]{{1,3}})\s*日[\s\u3000]*$"
)
_WEB_DATE = re.compile(r"(?:发布日期|发布时间|成文日期)\s*[:：]?\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_SIGNATURE_MAX_LEN = 40
_SENTENCE_END = "。；;，,：:！!？?"


def _number(text: str) -> int | None:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in "〇○零一二三四五六七八九" for c in text):
        return int(
            "".join(
                str("〇一二三四五六七八九".index(c.replace("○", "〇").replace("零", "〇")))
                for c in text
            )
        )
    return parse_chinese_number(text)


@dataclass(frozen=True, slots=True)
class DateLine:
    """A 成文日期 line as written; `value` is None when it names no real date (2023年2月30日)."""

    line: Line
    year: int | None
    month: int | None
    day: int | None

    @property
    def value(self) -> date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None


class Structure:
    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @cached_property
    def title_lines(self) -> tuple[Line, ...]:
        """The title, one or two lines (the issuing body may stand on the line above)."""
        paragraphs = [p for p in self.doc.paragraphs if p.number <= _TITLE_SEARCH_LINES]
        for i, line in enumerate(paragraphs):
            text = line.text.strip()
            if len(text) > _MAX_TITLE_LEN or not _TITLE_END.search(text):
                continue
            if i > 0:
                above = paragraphs[i - 1]
                above_text = above.text.strip()
                if (
                    above.number == line.number - 1
                    and len(above_text) <= 30
                    and _TITLE_HEAD.search(above_text)
                ):
                    return (above, line)
            return (line,)
        return ()

    @cached_property
    def title(self) -> str:
        return "".join(line.text.strip() for line in self.title_lines)

    @cached_property
    def report_year(self) -> int | None:
        """The year reported on: from the title, else from an opening `2020年，`."""
        match = _YEAR_IN_TITLE.search(self.title)
        if match:
            return int(match.group(1))
        for paragraph in self.doc.paragraphs[:_TITLE_SEARCH_LINES]:
            match = _OPENING_YEAR.match(paragraph.text)
            if match:
                return int(match.group(1))
        return None

    @cached_property
    def date_line(self) -> DateLine | None:
        """The 成文日期: a date standing alone on one of the last lines."""
        for line in self.doc.paragraphs[-3:][::-1]:
            match = DATE_LINE.match(line.text)
            if match:
                return DateLine(line, *(_number(match.group(k)) for k in "ymd"))
        return None

    @cached_property
    def signature_line(self) -> Line | None:
        """The 落款 (issuing body): a short line without sentence punctuation above the date."""
        paragraphs = self.doc.paragraphs
        if self.date_line is not None:
            index = paragraphs.index(self.date_line.line)
            candidates = paragraphs[index - 1 : index] if index else ()
        else:
            candidates = paragraphs[-1:]
        for line in candidates:
            text = line.text.strip()
            short = text and len(text) <= _SIGNATURE_MAX_LEN and text[-1] not in _SENTENCE_END
            if short and (_TITLE_HEAD.search(text) or self.date_line is not None):
                return line
        return None

    @cached_property
    def web_date(self) -> date | None:
        """A publication date from a scraped page's metadata block (`发布日期: 2021-02-05`)."""
        window = self.doc.text[: self.doc.line_starts[min(len(self.doc.line_starts), 60) - 1]]
        compact = re.sub(r"[\s\u3000•·]+", "", window)
        match = _WEB_DATE.search(compact)
        if not match:
            return None
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            return None

    @cached_property
    def as_of(self) -> date | None:
        """When the report was written: the 成文日期, else the web publication date."""
        if self.date_line is not None and self.date_line.value is not None:
            return self.date_line.value
        return self.web_date
