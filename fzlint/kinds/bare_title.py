"""`bare-title`: a law or regulation named without 书名号 in a document that gives such names 《》.

Keys:
- `title`: regex a 《…》 title must match (searched) to count as a law or regulation title;
- `names`: short names (行政处罚法) looked for bare, besides the document's own titles;
- `ignore`: names never reported (宪法 in 学习宪法 is the constitution as an idea, not a title);
- `strip`: regex removed from the start of a title to give its short name (中华人民共和国);
- `before`: regex the text just before a bare name must end with (a verb or a particle such as 贯彻、
  的、和), so that 海洋环境保护法 is not read as 海洋 + 环境保护法;
- `skip_after`: regex that, matching right after the name, makes it something else (宣传周, 法人,
  实施条例 — a longer name);
- `skip_clause`: regex that, found in the clause (between two of ，。；：！？) holding the name, makes
  the clause about something else (国务院提出了劳动合同法、妇女权益保障法和个人所得税法修正案（草案）:
  bills, not laws);
- `scope` (default `prose`).
Nothing is reported unless the document writes at least one title matching `title` in 《》: a
document that never uses 书名号 for laws follows another convention. Names inside 《…》 or a quoted
phrase (“民法典进万家”), a name that is a whole line (the title of an attachment, written as a
heading), and a name the document introduces with 简称, are not reported.
Fields: `{match}`, `{name}`, `{example}` (a law title the document writes with 书名号).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

import ahocorasick_rs

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document import scopes
from fzlint.document.source import WHITESPACE, Document
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind
from fzlint.text.regex import compile_kept

_TITLE = compile_kept(r"《([^《》\n]{1,80})》")
_QUOTED = compile_kept(r"“[^“”\n]{0,40}”")
_CLAUSE_ENDS = "，。；：！？"
# How far back `before` looks.
_BEFORE = 6
# Shorter names (刑法, 宪法, 水法) are as often an idea or a field as a title.
_SHORTEST = 3


@kind("bare-title")
class BareTitleKind(Kind):
    keys = frozenset(
        {"title", "names", "ignore", "strip", "before", "skip_after", "skip_clause", "scope"}
    )

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        options = self.options
        self.title = options.regex("title", options.str("title"))
        self.names = frozenset(options.str_list("names", []))
        # A DFA: ~1 ms to build once, then searching a report takes ~15 us instead of ~40 us.
        self._names = (
            ahocorasick_rs.AhoCorasick(
                sorted(self.names),
                matchkind=ahocorasick_rs.MatchKind.Standard,
                implementation=ahocorasick_rs.Implementation.DFA,
            )
            if self.names
            else None
        )
        self.ignore = frozenset(options.str_list("ignore", []))
        self.strip = options.regex("strip", options.str("strip", "(?!)"))
        self.before = options.regex("before", f"(?:{options.str('before', '')})$")
        self.skip_after = options.regex("skip_after", options.str("skip_after", "(?!)"))
        self.skip_clause = options.regex("skip_clause", options.str("skip_clause", "(?!)"))
        self.scope = options.scope("prose")
        self.compile_templates({"match", "name", "example"})

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        text = doc.text
        if "《" not in text:
            return
        written = list(_TITLE.finditer(text))
        titles = [m for m in written if self.title.search(m.group(1))]
        if not titles:
            return
        example = titles[0].group(0)
        # the shipped names present in the text, found in one pass (overlapping: 行政处罚法 inside
        # 中华人民共和国行政处罚法 counts too), and the document's own titles
        names = (
            set(self._names.find_matches_as_strings(text, overlapping=True))
            if self._names is not None
            else set()
        )
        for match in titles:
            # the title stands in the text, and so does its short name when that is its end
            # (中华人民共和国 stripped off the front): only another short name is looked for
            full = match.group(1)
            names.add(full)
            short = self.strip.sub("", full, count=1)
            if full.endswith(short) or short in text:
                names.add(short)
        names = {n for n in names if len(n) >= _SHORTEST and n not in self.ignore}
        if "简称" in text:
            # （以下简称个人所得税法）: the document's own short form, written bare on purpose
            names = {n for n in names if not _introduced(text, n)}
        if not names:
            return
        occurrences = _occurrences(text, names)
        shields = _merged([m.span() for m in written] + [m.span() for m in _QUOTED.finditer(text)])
        shield_starts = [s for s, _ in shields]
        occurrence_starts = [s for s, _ in occurrences]
        for area in scopes.resolve(doc, self.scope):
            # most areas (a report's lines) hold no name at all: one search tells
            index = bisect_left(occurrence_starts, area.start)
            if index == len(occurrences) or occurrences[index][0] >= area.end:
                continue
            for start, end in _leftmost_longest(occurrences, index, area):
                i = bisect_right(shield_starts, start) - 1
                if i >= 0 and end <= shields[i][1]:
                    continue
                if self.skip_after.match(text, end, area.end):
                    continue
                line = text[area.start : area.end]
                name = text[start:end]
                if line.strip(WHITESPACE + "。；：，") == name:
                    continue
                clause_start = max(text.rfind(p, area.start, start) for p in _CLAUSE_ENDS) + 1
                clause_ends = [text.find(p, end, area.end) for p in _CLAUSE_ENDS]
                clause_end = min((e for e in clause_ends if e >= 0), default=area.end)
                if self.skip_clause.search(text, max(clause_start, area.start), clause_end):
                    continue
                if start > area.start and "\u3400" <= text[start - 1] <= "\u9fff":
                    context = text[max(area.start, start - _BEFORE) : start]
                    if not self.before.search(context):
                        continue
                values = {"match": name, "name": name, "example": example}
                yield self.diagnostic(Span(start, end), values)


def _introduced(text: str, name: str) -> bool:
    """Whether `text` writes 简称 and then `name` within two characters, none a newline (what
    `re.search("简称.{0,2}" + name)` finds, without compiling a pattern for each name)."""
    at = text.find("简称")
    while at != -1:
        after = at + 2
        for gap in range(3):
            if gap and text[after + gap - 1 : after + gap] in ("\n", ""):
                break
            if text.startswith(name, after + gap):
                return True
        at = text.find("简称", at + 1)
    return False


def _occurrences(text: str, names: set[str]) -> list[tuple[int, int]]:
    """Every place where one of `names` stands (overlapping ones too), by start, longest first.

    Building a pattern from a report's own names cost ~0.3 ms a report (re compiles an
    alternation in Python, and the names differ from report to report); finding each name
    with str.find costs a few microseconds."""
    found = []
    for name in names:
        at = text.find(name)
        while at != -1:
            found.append((at, at + len(name)))
            at = text.find(name, at + 1)
    found.sort(key=lambda span: (span[0], -span[1]))
    return found


def _leftmost_longest(
    occurrences: list[tuple[int, int]], index: int, area: Span
) -> Iterator[tuple[int, int]]:
    """The matches that `finditer` of the alternation of the names, longest first, gives in
    `area`: from the search position on, the first place (the longest name there) that lies
    inside the area, then on from its end. `occurrences[index]` is the first one starting in
    or after the area."""
    position = area.start
    for start, end in occurrences[index:]:
        if start >= area.end:
            return
        if start >= position and end <= area.end:
            yield start, end
            position = end


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` sorted, with overlapping ones (a quote inside a title) made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
