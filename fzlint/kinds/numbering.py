"""`heading-numbering`: the ordinals of headings (GB/T 9704-2012 §7.3.3, GB/T 15834-2011).

YAML keys:
- `check` (required), one of:
  - `sequence`: each numbered list must count 1, 2, 3 … without gaps or repeats. Lower levels
    either restart under each parent or count on across parents (`一、（一）（二）二、（三）`); the
    document's convention at each level is the one most of its lists follow, and a list that
    mixes in the other one is reported with the number its convention expects. The body and each
    appended block (附件, 名词解释, what follows the 落款) number anew, and so does a list that
    starts again at 1 after running text (at a low level, or when it goes on to 2: a speech's
    second part). The first bad ordinal of a list is reported with the expected one; a fix (mark
    it unsafe) renumbers that heading and the rest of its list, and the finding spans them.
  - `level-order`: a top-level heading written at level 3 or 4 (`1、`, `（1）` with no `一、`;
    not in an appended block, nor under a decimal outline 1 / 1.1), or a heading whose level is
    not below its parent's (`（一）` under `1.`).
  - `level-mixed`: headings at one depth of the outline written at different levels (`（一）`
    under one part, `（1）` under the next; `二、` followed by sibling `3、`); the first heading
    of each later style is reported. `（一）` at one place and `1.` at another (a skipped level)
    is tolerated.
  - `marker-form`: a marker that is not the standard form of its level: `（一）、`, `(一)`,
    `一.`, `（1）、`, `第一部分、`. `{expected}` is the standard marker (safe fix).
  - `arabic-dunhao`: `1、` where GB/T 15834 practice writes `1.`: once per numbered list (as
    `sequence` reads them), at its first `1、`, spanning the list, with a fix for every marker
    (not reported for a top level already reported by `level-order`).
  - `lone`: a heading numbered 1 with no sibling (`（一）` with no `（二）`).
The outline checks (`sequence`, `level-order`, `level-mixed`, `lone`) need two headings or more.
Message fields: `{marker}` (as written), `{expected}`, `{text}` (heading text, cut to 20
characters), `{first}` (the marker of the first heading of the standard style, for
`level-mixed`), `{convention}` (for `sequence`: a note naming the document's convention at that
level when it has lists under several parents, else empty), `{count}` (for `arabic-dunhao`: the
`1、` markers of the list).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import pairwise

from fzlint.diagnostics import Diagnostic, Edit, Fix, Span
from fzlint.document.source import Document
from fzlint.document.structure import CANONICAL_MARKERS, Heading, Section, Structure
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind

CHECKS = (
    "sequence",
    "level-order",
    "level-mixed",
    "marker-form",
    "arabic-dunhao",
    "lone",
)
_FIELDS = ("marker", "expected", "text", "first", "convention", "count")
_TEXT_CUT = 20
# Checks of the outline as a whole: one heading (an excerpt, a quoted line) is no outline.
_OUTLINE_CHECKS = frozenset({"sequence", "level-order", "level-mixed", "lone"})
# （一） under one part and 1. under another: skipping （一） where a part has one sub-level is
# common practice, not a mix.
_TOLERATED_SKIP = {2, 3}


def standard_marker(heading: Heading, ordinal: int | None = None) -> str:
    """The GB/T 9704 marker for the heading's level, keeping its numeral system."""
    value = heading.ordinal if ordinal is None else ordinal
    return CANONICAL_MARKERS[heading.level].format(heading.numeral_for(value))


def misplaced_roots(roots: Sequence[Section]) -> list[Section]:
    """The top level when it is written at level 3 or deeper (`1、`, `（1）` with no `一、`):
    judged by the first top-level heading, so a later `3、` among `一、二、` is a mixed style."""
    if not roots or roots[0].heading.level < 3:
        return []
    return [s for s in roots if s.heading.level == roots[0].heading.level]


@dataclass(frozen=True)
class Outline:
    """The outline of the body or of one appended block: numbering starts again in each."""

    headings: tuple[Heading, ...]
    sections: tuple[Section, ...]
    appended: bool

    @cached_property
    def all_sections(self) -> list[Section]:
        # walked once: most of the six checks of this kind read it
        return [s for root in self.sections for s in root.walk()]


def outlines(structure: Structure) -> list[Outline]:
    body = Outline(structure.headings, structure.sections, False)
    return [body] + [Outline(b.headings, b.sections, True) for b in structure.appended_blocks]


def document_outlines(doc: Document) -> list[Outline]:
    """`outlines(doc.structure)`, made once per document for every rule of this kind."""
    found: list[Outline] | None = doc.memo.get(_OUTLINES)
    if found is None:
        found = doc.memo[_OUTLINES] = outlines(doc.structure)
    return found


@dataclass(frozen=True)
class NumberedList:
    """Headings that must count 1, 2, 3 … one by one: a sibling list, or, under the continuous
    convention, the lists of one level counted on across their parents. `convention` is the
    document's convention at this level when it has lists under several parents there
    (`restart`, `continuous`), else ''."""

    sections: tuple[Section, ...]
    convention: str


def _runs(group: list[Section], after_text: set[int]) -> list[list[Section]]:
    """A sibling group cut where a list starts again at 1 after running text: at a low level
    (`全年办理案件120件，其中：` / `1.行政处罚…` / `2.行政许可…`), or at any level when the new
    list goes on to 2 (a speech's second part `今年将重点做好六个方面的工作：` / `一、…` /
    `二、…`): a new list, not a repeat."""
    runs: list[list[Section]] = []
    for index, section in enumerate(group):
        heading = section.heading
        restarts = False
        if runs and heading.ordinal == 1 and heading.line.number in after_text:
            following = group[index + 1].heading if index + 1 < len(group) else None
            goes_on = following is not None and following.ordinal == 2
            restarts = heading.level >= 3 or goes_on
        if not runs or restarts:
            runs.append([])
        runs[-1].append(section)
    return runs


def _lists(outline: Outline, after_text: set[int]) -> list[NumberedList]:
    """The numbered lists of an outline. Lists of one level under different parents either each
    start at 1 (restart: GB/T 9704 practice) or count on across their parents (continuous:
    `一、（一）（二）二、（三）`, common in 国务院 意见). The document's convention at a level is
    the one most of its lists follow there (the first one seen on a tie). A list that starts at 1
    where a higher level changed too (`1.` under `二、（一）` after `一、（二）`) or started again
    (`（一）` under a second `一、`) may restart under either convention."""
    groups = [list(outline.sections)] + [s.children for s in outline.all_sections if s.children]
    # Keyed by the level the markers stand for, not their depth: a 1. list counts on under
    # 二、 where the （N） between was lost (a table flattened to text).
    by_level: dict[int, list[tuple[list[Section], bool]]] = {}
    for group in groups:
        for index, run in enumerate(_runs(group, after_text)):
            entry = (run, index == 0 and run[0].parent is not None)
            by_level.setdefault(run[0].heading.level, []).append(entry)
    found: list[NumberedList] = []
    for runs in by_level.values():
        runs.sort(key=lambda entry: entry[0][0].heading.marker_span.start)
        votes: list[str] = []
        joins: list[bool] = []  # whether a run goes on counting the one before, if continuous
        for index, (run, new_parent) in enumerate(runs):
            if index == 0 or not new_parent:
                joins.append(False)
                continue
            first, before = run[0], runs[index - 1][0]
            if first.heading.ordinal == before[-1].heading.ordinal + 1:
                votes.append("continuous")
                joins.append(True)
            elif first.heading.ordinal == 1:
                # under the continuous convention, a restart is a mix unless a higher level
                # changed or started again as well (a second 规定 under a notice: 一、（一）)
                boundary = _grandparent(first) is not _grandparent(before[0]) or (
                    first.parent is not None and first.parent.heading.ordinal == 1
                )
                if not boundary:
                    votes.append("restart")
                joins.append(not boundary)
            else:
                joins.append(True)
        convention = ""
        if votes:
            continuous, restart = votes.count("continuous"), votes.count("restart")
            wins = continuous > restart or (continuous == restart and votes[0] == "continuous")
            convention = "continuous" if wins else "restart"
        current: list[Section] = []
        for (run, _), join in zip(runs, joins, strict=True):
            if current and not (convention == "continuous" and join):
                found.append(NumberedList(tuple(current), convention))
                current = []
            current.extend(run)
        if current:
            found.append(NumberedList(tuple(current), convention))
    found.sort(key=lambda numbered: numbered.sections[0].heading.marker_span.start)
    return found


def numbered_lists(doc: Document) -> list[list[NumberedList]]:
    """The numbered lists of each outline of `document_outlines(doc)`, computed once per
    document (`sequence` and `arabic-dunhao` both read them)."""
    found: list[list[NumberedList]] | None = doc.memo.get(_LISTS)
    if found is None:
        every = document_outlines(doc)
        heading_lines = {h.line.number for outline in every for h in outline.headings}
        after_text = {
            line.number
            for before, line in pairwise(doc.paragraphs)
            if before.number not in heading_lines
        }
        found = doc.memo[_LISTS] = [_lists(outline, after_text) for outline in every]
    return found


def _grandparent(section: Section) -> Section | None:
    return section.parent.parent if section.parent is not None else None


_LISTS = "numbering.lists"
_OUTLINES = "numbering.outlines"
_CONVENTION_NOTES = {
    "continuous": "（本文此层序号跨上级标题连续编排）",
    "restart": "（本文此层序号在各上级标题下重新起编）",
    "": "",
}


@kind("heading-numbering")
class HeadingNumberingKind(Kind):
    keys = frozenset({"check"})
    needs = frozenset({"structure"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.check_name = self.options.choice("check", CHECKS)
        self.compile_templates(_FIELDS)

    def _values(
        self, heading: Heading, expected: str = "", first: str = "", **extra: str
    ) -> dict[str, str]:
        text = heading.text
        if len(text) > _TEXT_CUT:
            text = text[:_TEXT_CUT] + "…"
        values = {"marker": heading.marker, "expected": expected, "text": text, "first": first}
        values.update({"convention": "", "count": ""}, **extra)
        return values

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        check = getattr(self, "_" + self.check_name.replace("-", "_"))
        for index, outline in enumerate(document_outlines(doc)):
            if self.check_name in _OUTLINE_CHECKS and len(outline.headings) < 2:
                continue
            yield from check(doc, outline, index)

    def _sequence(self, doc: Document, outline: Outline, index: int) -> Iterator[Diagnostic]:
        for numbered in numbered_lists(doc)[index]:
            yield from self._sequence_run(numbered)

    def _sequence_run(self, numbered: NumberedList) -> Iterator[Diagnostic]:
        group = numbered.sections
        for index, section in enumerate(group):
            heading = section.heading
            if heading.ordinal == index + 1:
                continue
            expected = heading.marker.replace(heading.numeral, heading.numeral_for(index + 1), 1)
            values = self._values(
                heading, expected, convention=_CONVENTION_NOTES[numbered.convention]
            )
            diagnostic = self.diagnostic(heading.marker_span, values)
            if self.rule.fix is not None:
                edits = tuple(
                    Edit(s.heading.numeral_span, s.heading.numeral_for(i + 1))
                    for i, s in enumerate(group)
                    if i >= index and s.heading.ordinal != i + 1
                )
                title = f"从此处起重新编号（{len(edits)}处）"
                fix = Fix(edits, self.rule.fix.applicability, self.rule.fix.title or title)
                # the finding flags every marker its fix renumbers
                span = Span(heading.marker_span.start, edits[-1].span.end)
                diagnostic = replace(diagnostic, span=span, fix=fix)
            yield diagnostic
            break

    def _reported_roots(self, doc: Document, outline: Outline) -> list[Section]:
        """The misplaced top level FZ302 reports: not in an appended block (a 名词解释 is
        numbered 1. 2. at its top) nor under a decimal outline (1 / 1.1 / 1.2.1 of a 预案)."""
        if outline.appended or doc.structure.decimal_outline:
            return []
        return misplaced_roots(outline.sections)

    def _level_order(self, doc: Document, outline: Outline, index: int) -> Iterator[Diagnostic]:
        misplaced = misplaced_roots(outline.sections)
        reported = self._reported_roots(doc, outline)
        if reported:
            heading = reported[0].heading
            yield self.diagnostic(
                heading.marker_span, self._values(heading, CANONICAL_MARKERS[1].format("一"))
            )
        for section in outline.all_sections:
            parent = section.parent
            if parent is None or parent in misplaced or parent.heading.level == 0:
                continue
            if section.heading.level <= parent.heading.level and section is parent.children[0]:
                heading = section.heading
                below = min(parent.heading.level + 1, 4)
                expected = CANONICAL_MARKERS[below].format("一" if below == 2 else "1")
                yield self.diagnostic(heading.marker_span, self._values(heading, expected))

    def _level_mixed(self, doc: Document, outline: Outline, index: int) -> Iterator[Diagnostic]:
        first_at_depth: dict[int, Heading] = {}
        reported: set[tuple[int, int]] = set()
        for section in outline.all_sections:
            heading = section.heading
            first = first_at_depth.setdefault(section.depth, heading)
            key = (section.depth, heading.level)
            tolerated = {heading.level, first.level} == _TOLERATED_SKIP
            if heading.level != first.level and not tolerated and key not in reported:
                reported.add(key)
                yield self.diagnostic(
                    heading.marker_span, self._values(heading, first.marker, first.marker)
                )

    def _marker_form(self, doc: Document, outline: Outline, index: int) -> Iterator[Diagnostic]:
        for heading in outline.headings:
            if heading.style == "1、" or heading.level == 5:
                continue
            expected = standard_marker(heading)
            if heading.level == 0:
                expected = heading.marker.rstrip("、：:")
            if heading.marker.replace("．", ".") != expected:
                yield self.diagnostic(heading.marker_span, self._values(heading, expected))

    def _arabic_dunhao(self, doc: Document, outline: Outline, index: int) -> Iterator[Diagnostic]:
        """One finding per list (a sibling list, or the lists of one level counted on across
        their parents), at its first `1、`: a list written `1、` throughout is one choice of
        style, not twenty mistakes. The fix still corrects every marker of the list."""
        misplaced = {s.heading for s in self._reported_roots(doc, outline)}
        for numbered in numbered_lists(doc)[index]:
            wrong = [
                s.heading
                for s in numbered.sections
                if s.heading.style == "1、" and s.heading not in misplaced
            ]
            if not wrong:
                continue
            heading = wrong[0]
            values = self._values(heading, standard_marker(heading), count=str(len(wrong)))
            diagnostic = self.diagnostic(heading.marker_span, values)
            if self.rule.fix is not None:
                edits = tuple(Edit(h.marker_span, standard_marker(h)) for h in wrong)
                title = self.rule.fix.title or f"改为下脚点「.」（{len(edits)}处）"
                fix = Fix(edits, self.rule.fix.applicability, title)
                # the finding flags the list, from its first marker to its last
                span = Span(heading.marker_span.start, wrong[-1].marker_span.end)
                diagnostic = replace(diagnostic, span=span, fix=fix)
            yield diagnostic

    def _lone(self, doc: Document, outline: Outline, index: int) -> Iterator[Diagnostic]:
        groups = [list(outline.sections)] + [s.children for s in outline.all_sections if s.children]
        for group in groups:
            if len(group) == 1 and group[0].heading.ordinal == 1:
                heading = group[0].heading
                yield self.diagnostic(heading.marker_span, self._values(heading))
