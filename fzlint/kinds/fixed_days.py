"""`fixed-days`: a commemorative day named with the wrong date (`12.5国家宪法日`) or the wrong
ordinal for its year (`2023年…第九个国家宪法日`: the 1st was 2014, so 2023 is the 10th).

```yaml
check: date                       # or: ordinal
days:
  - name: [国家宪法日, 宪法日]     # the forms the day is written in
    date: 12-4                      # month-day
    first_year: 2014                # the year of the 1st (needed by check: ordinal)
    basis: 全国人大常委会决定（2014年11月1日）
```
`check: date` — a date written as `12.5`, `12·5` or `12月5日`, then an optional closing quote and a
prefix such as 全民/国家/世界, then a day's name: the date names the day, so it must be the day's
date. A date merely near the name (`12月5日，开展宪法日宣传`) is when an event took place and is
not checked. A fix replaces only the date.

`check: ordinal` — `第N个` before a day's name must match the year: the last `YYYY年` earlier in the
same sentence (not inside 《…》 or brackets, nor a span such as 2021—2025年), else the report year (LintContext); with neither, nothing is checked.

Keys: `check`, `days`, `scope` (default `prose`). Fields: `{match}`, `{name}`, `{basis}`;
for dates `{date}` (as written) and `{right}` (the day's date as `12月4日`); for ordinals
`{number}` (as written), `{year}` and `{expected}` (the right ordinal in Chinese numerals).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document import scopes
from fzlint.document.source import Document
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind, areas_touching
from fzlint.text.numerals import parse_chinese_number, to_chinese_number
from fzlint.text.regex import compile_kept

_PREFIX = r"[”\"’」“]?[ \t]*(?:全民|国家|全国|世界|中国|国际)*?"
_DATE = (
    r"(?<![0-9.．])(?P<date>(?P<m>1[0-2]|0?[1-9])[ \t]*(?:[.．·・•]|月)[ \t]*"
    r"(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9])(?:[ \t]*日)?)" + _PREFIX
)
_ORDINAL = r"第(?P<number>[一二三四五六七八九十]{1,3}|[0-9]{1,2})个"
_YEAR = compile_kept(r"((?:19|20)[0-9]{2})[ \t]*年")
_SENTENCE_END = compile_kept(r"[。；;！？\n]")
# Years that do not date the sentence: inside a title or a bracket (《…规划（2021—2025年）》) or
# a span's years (2021—2025年).
_NOT_THE_DATE = compile_kept(
    r"《[^《》]*》|[（(][^（）()]*[）)]"
    r"|(?:19|20)[0-9]{2}[ \t]*年?[ \t]*[—–\-－~～至到][ \t]*(?:19|20)[0-9]{2}[ \t]*年"
)


@dataclass(frozen=True, slots=True)
class Day:
    month: int
    day: int
    basis: str
    first_year: int | None


@kind("fixed-days")
class FixedDaysKind(Kind):
    keys = frozenset({"check", "days", "scope"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        options = self.options
        self.scope = options.scope("prose")
        self.mode = options.str("check", "date")
        if self.mode not in ("date", "ordinal"):
            raise options.error("check", "check 应为 date 或 ordinal")
        self.days: dict[str, Day] = {}
        for entry in options.list("days"):
            if not isinstance(entry, dict) or not {"name", "date"} <= set(entry):
                raise options.error("days", "每一项应写成 {name: 名称或名称列表, date: 月-日}")
            extra = set(entry) - {"name", "date", "basis", "first_year"}
            if extra:
                raise options.error("days", f"days 中不认识的键「{sorted(extra)[0]}」")
            match = re.fullmatch(r"(1[0-2]|[1-9])-(3[01]|[12][0-9]|[1-9])", str(entry["date"]))
            if not match:
                raise options.error("days", f"date 应为「月-日」，例如 12-4：{entry['date']}")
            first_year = entry.get("first_year")
            if self.mode == "ordinal" and not isinstance(first_year, int):
                raise options.error(
                    "days", f"check: ordinal 需要每一项的 first_year（整数）：{entry}"
                )
            basis = str(entry.get("basis", ""))
            day = Day(int(match.group(1)), int(match.group(2)), basis, first_year)
            names = entry["name"] if isinstance(entry["name"], list) else [entry["name"]]
            for name in names:
                if not isinstance(name, str) or not name or name in self.days:
                    raise options.error("days", f"名称「{name}」为空或重复")
                self.days[name] = day
        if not self.days:
            raise options.error("days", "days 不能为空")
        names_pattern = "|".join(re.escape(n) for n in sorted(self.days, key=len, reverse=True))
        lead = _ORDINAL + _PREFIX if self.mode == "ordinal" else _DATE
        self.pattern = compile_kept(lead + f"(?P<name>{names_pattern})")
        # Every match holds a day's name, which a search for the names alone finds many times
        # faster than the pattern: it runs only over the areas where a name stands.
        self.names = compile_kept(names_pattern)
        self.compile_templates(
            {"match", "date", "name", "right", "basis", "number", "year", "expected"}
        )

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        names = [match.span() for match in self.names.finditer(doc.text)]
        if not names:
            return
        areas = areas_touching(scopes.resolve(doc, self.scope), names)
        if self.mode == "ordinal":
            yield from self._check_ordinals(doc, ctx, areas)
            return
        text = doc.text
        for area in areas:
            for match in self.pattern.finditer(text, area.start, area.end):
                day = self.days[match.group("name")]
                if (int(match.group("m")), int(match.group("d"))) == (day.month, day.day):
                    continue
                values = {
                    "match": match.group(0),
                    "date": match.group("date"),
                    "name": match.group("name"),
                    "right": f"{day.month}月{day.day}日",
                    "basis": day.basis,
                }
                yield self.diagnostic(
                    Span(*match.span()), values, fix_span=Span(*match.span("date"))
                )

    def _check_ordinals(
        self, doc: Document, ctx: LintContext, areas: Sequence[Span]
    ) -> Iterator[Diagnostic]:
        text = doc.text
        for area in areas:
            for match in self.pattern.finditer(text, area.start, area.end):
                day = self.days[match.group("name")]
                written = match.group("number")
                number = int(written) if written.isdigit() else parse_chinese_number(written)
                year = self._year_before(doc, match.start()) or ctx.report_year_of(doc)
                if number is None or year is None or day.first_year is None:
                    continue
                expected = year - day.first_year + 1
                if expected < 1 or number == expected:
                    continue
                values = {
                    "match": match.group(0),
                    "name": match.group("name"),
                    "basis": day.basis,
                    "number": written,
                    "year": str(year),
                    "expected": to_chinese_number(expected) if expected <= 99 else str(expected),
                }
                yield self.diagnostic(Span(*match.span()), values)

    @staticmethod
    def _year_before(doc: Document, offset: int) -> int | None:
        """The last `YYYY年` before `offset` in the same sentence, not counting the years of a
        title, a bracket or a span."""
        line_start = doc.line_starts[doc.line_index(offset)]
        before = doc.text[line_start:offset]
        ends = list(_SENTENCE_END.finditer(before))
        sentence = before[ends[-1].end() :] if ends else before
        years = _YEAR.findall(_NOT_THE_DATE.sub(" ", sentence))
        return int(years[-1]) if years else None
