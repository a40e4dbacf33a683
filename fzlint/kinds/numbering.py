"""`heading-numbering`: the ordinals of headings (GB/T 9704-2012 §7.3.3, GB/T 15834-2011).

YAML keys:
- `check` (required), one of:
  - `sequence`: siblings must count 1, 2, 3 … without gaps or repeats, restarting under each
    parent (a `1.` or `（1）` list may also start again after running text); the first bad ordinal is reported with the expected one. A fix (mark it unsafe)
    renumbers that heading and the siblings after it.
  - `level-order`: a top-level heading written at level 3 or 4 (`1、`, `（1）` with no `一、`),
    or a heading whose level is not below its parent's (`（一）` under `1.`).
  - `level-mixed`: headings at one depth of the outline written at different levels (`（一）`
    under one part, `（1）` under the next; `二、` followed by sibling `3、`); the first heading
    of each later style is reported. `（一）` at one place and `1.` at another (a skipped level)
    is tolerated.
  - `marker-form`: a marker that is not the standard form of its level: `（一）、`, `(一)`,
    `一.`, `（1）、`, `第一部分、`. `{expected}` is the standard marker (safe fix).
  - `arabic-dunhao`: `1、` where GB/T 15834 practice writes `1.` (not reported for a top level
    already reported by `level-order`).
  - `lone`: a heading numbered 1 with no sibling (`（一）` with no `（二）`).
The outline checks (`sequence`, `level-order`, `level-mixed`, `lone`) need two headings or more.
Message fields: `{marker}` (as written), `{expected}`, `{text}` (heading text, cut to 20
characters), `{first}` (the marker of the first heading of the standard style, for
`level-mixed`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import pairwise

from fzlint.diagnostics import Diagnostic, Edit, Fix
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
_FIELDS = ("marker", "expected", "text", "first")
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


def misplaced_roots(roots: tuple[Section, ...]) -> list[Section]:
    """The top level when it is written at level 3 or deeper (`1、`, `（1）` with no `一、`):
    judged by the first top-level heading, so a later `3、` among `一、二、` is a mixed style."""
    if not roots or roots[0].heading.level < 3:
        return []
    return [s for s in roots if s.heading.level == roots[0].heading.level]


def _runs(structure: Structure, group: list[Section]) -> list[list[Section]]:
    """A sibling group cut where a low-level list starts again at 1 after running text
    (`全年办理案件120件，其中：` / `1.行政处罚…` / `2.行政许可…`): a new list, not a repeat."""
    previous = {line.number: before.number for before, line in pairwise(structure.body_paragraphs)}
    heading_lines = {h.line.number for h in structure.headings}
    runs: list[list[Section]] = []
    for section in group:
        heading = section.heading
        restarts = (
            runs
            and heading.level >= 3
            and heading.ordinal == 1
            and previous.get(heading.line.number) not in heading_lines
        )
        if not runs or restarts:
            runs.append([])
        runs[-1].append(section)
    return runs


@kind("heading-numbering")
class HeadingNumberingKind(Kind):
    keys = frozenset({"check"})
    needs = frozenset({"structure"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.check_name = self.options.choice("check", CHECKS)
        self.compile_templates(_FIELDS)

    def _values(self, heading: Heading, expected: str = "", first: str = "") -> dict[str, str]:
        text = heading.text
        if len(text) > _TEXT_CUT:
            text = text[:_TEXT_CUT] + "…"
        return {"marker": heading.marker, "expected": expected, "text": text, "first": first}

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        structure = doc.structure
        if self.check_name in _OUTLINE_CHECKS and len(structure.headings) < 2:
            return
        groups: list[list[Section]] = [list(structure.sections)] + [
            s.children for s in structure.all_sections if s.children
        ]
        yield from getattr(self, "_" + self.check_name.replace("-", "_"))(structure, groups)

    def _sequence(self, structure: Structure, groups: list[list[Section]]) -> Iterator[Diagnostic]:
        for group in groups:
            for run in _runs(structure, group):
                yield from self._sequence_run(run)

    def _sequence_run(self, group: list[Section]) -> Iterator[Diagnostic]:
        for index, section in enumerate(group):
            heading = section.heading
            if heading.ordinal == index + 1:
                continue
            expected = heading.marker.replace(heading.numeral, heading.numeral_for(index + 1), 1)
            diagnostic = self.diagnostic(heading.marker_span, self._values(heading, expected))
            if self.rule.fix is not None:
                edits = tuple(
                    Edit(s.heading.numeral_span, s.heading.numeral_for(i + 1))
                    for i, s in enumerate(group)
                    if i >= index and s.heading.ordinal != i + 1
                )
                title = f"从此处起重新编号（{len(edits)} 处）"
                fix = Fix(edits, self.rule.fix.applicability, self.rule.fix.title or title)
                diagnostic = replace(diagnostic, fix=fix)
            yield diagnostic
            break

    def _level_order(
        self, structure: Structure, groups: list[list[Section]]
    ) -> Iterator[Diagnostic]:
        misplaced = misplaced_roots(structure.sections)
        if misplaced:
            heading = misplaced[0].heading
            yield self.diagnostic(
                heading.marker_span, self._values(heading, CANONICAL_MARKERS[1].format("一"))
            )
        for section in structure.all_sections:
            parent = section.parent
            if parent is None or parent in misplaced or parent.heading.level == 0:
                continue
            if section.heading.level <= parent.heading.level and section is parent.children[0]:
                heading = section.heading
                below = min(parent.heading.level + 1, 4)
                expected = CANONICAL_MARKERS[below].format("一" if below == 2 else "1")
                yield self.diagnostic(heading.marker_span, self._values(heading, expected))

    def _level_mixed(
        self, structure: Structure, groups: list[list[Section]]
    ) -> Iterator[Diagnostic]:
        first_at_depth: dict[int, Heading] = {}
        reported: set[tuple[int, int]] = set()
        for section in structure.all_sections:
            heading = section.heading
            first = first_at_depth.setdefault(section.depth, heading)
            key = (section.depth, heading.level)
            tolerated = {heading.level, first.level} == _TOLERATED_SKIP
            if heading.level != first.level and not tolerated and key not in reported:
                reported.add(key)
                yield self.diagnostic(
                    heading.marker_span, self._values(heading, first.marker, first.marker)
                )

    def _marker_form(
        self, structure: Structure, groups: list[list[Section]]
    ) -> Iterator[Diagnostic]:
        for heading in structure.headings:
            if heading.style == "1、" or heading.level == 5:
                continue
            expected = standard_marker(heading)
            if heading.level == 0:
                expected = heading.marker.rstrip("、：:")
            if heading.marker.replace("．", ".") != expected:
                yield self.diagnostic(heading.marker_span, self._values(heading, expected))

    def _arabic_dunhao(
        self, structure: Structure, groups: list[list[Section]]
    ) -> Iterator[Diagnostic]:
        misplaced = {s.heading for s in misplaced_roots(structure.sections)}
        for heading in structure.headings:
            if heading.style == "1、" and heading not in misplaced:
                yield self.diagnostic(
                    heading.marker_span, self._values(heading, standard_marker(heading))
                )

    def _lone(self, structure: Structure, groups: list[list[Section]]) -> Iterator[Diagnostic]:
        for group in groups:
            if len(group) == 1 and group[0].heading.ordinal == 1:
                heading = group[0].heading
                yield self.diagnostic(heading.marker_span, self._values(heading))
