"""`fixed-days`: a commemorative day named with the wrong date (`12.5国家宪法日`).

```yaml
days:
  - name: [国家宪法日, 宪法日]     # the forms the day is written in
    date: 12-4                      # month-day
    basis: 全国人大常委会决定（2014年11月1日）
```
A date written as `12.5`, `12·5` or `12月5日`, then an optional closing quote and a prefix such as
全民/国家/世界, then a day's name: the date names the day, so it must be the day's date. A date
merely near the name (`12月5日，开展宪法日宣传`) is when an event took place and is not checked.

Keys: `days`, `scope` (default `prose`). Fields: `{match}`, `{date}` (as written), `{name}`,
`{right}` (the day's date as `12月4日`), `{basis}`. A fix replaces only the date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document import scopes
from fzlint.document.source import Document
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind

_DATE = (
    r"(?<![0-9.．])(?P<date>(?P<m>1[0-2]|0?[1-9])[ \t]*(?:[.．·・•]|月)[ \t]*"
    r"(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9])(?:[ \t]*日)?)"
    r"[”\"’」]?[ \t]*(?:全民|国家|全国|世界|中国|国际)*?"
)


@dataclass(frozen=True, slots=True)
class Day:
    month: int
    day: int
    basis: str


@kind("fixed-days")
class FixedDaysKind(Kind):
    keys = frozenset({"days", "scope"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        options = self.options
        self.scope = options.scope("prose")
        self.days: dict[str, Day] = {}
        for entry in options.list("days"):
            if not isinstance(entry, dict) or not {"name", "date"} <= set(entry):
                raise options.error("days", "每一项应写成 {name: 名称或名称列表, date: 月-日}")
            extra = set(entry) - {"name", "date", "basis"}
            if extra:
                raise options.error("days", f"days 中不认识的键「{sorted(extra)[0]}」")
            match = re.fullmatch(r"(1[0-2]|[1-9])-(3[01]|[12][0-9]|[1-9])", str(entry["date"]))
            if not match:
                raise options.error("days", f"date 应为「月-日」，例如 12-4：{entry['date']}")
            day = Day(int(match.group(1)), int(match.group(2)), str(entry.get("basis", "")))
            names = entry["name"] if isinstance(entry["name"], list) else [entry["name"]]
            for name in names:
                if not isinstance(name, str) or not name or name in self.days:
                    raise options.error("days", f"名称「{name}」为空或重复")
                self.days[name] = day
        if not self.days:
            raise options.error("days", "days 不能为空")
        names_pattern = "|".join(re.escape(n) for n in sorted(self.days, key=len, reverse=True))
        self.pattern = re.compile(_DATE + f"(?P<name>{names_pattern})")
        self.compile_templates({"match", "date", "name", "right", "basis"})

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        text = doc.text
        for area in scopes.resolve(doc, self.scope):
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
