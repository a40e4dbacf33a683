"""A typed, read-only view of one finding, for output formats that read findings one by one.

Findings travel packed (positional tuples: see `fzlint.diagnostics.pack`) between workers, the
results cache and the output. A format that needs more than a line per finding (the html page)
reads them through `views` instead of unpacking the tuples itself: each `Finding` has its
path, span and resolved positions, rule, severity, message, fix and related places by name.
Positions are worked out (a bisect each) only when read; no Diagnostic objects are made. (`json`,
which writes every place of tens of thousands of findings in a folder's run, reads the packed
tuples itself: see `fzlint.output.json.render_bytes`.)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from fzlint.diagnostics import Packed, Severity

if TYPE_CHECKING:
    from fzlint.document.source import Document
    from fzlint.engine.rule import Rule


# Severity by value: a dict look-up, where calling the enum costs ~0.4 µs a finding.
_SEVERITIES = {severity.value: severity for severity in Severity}


class Place:
    """A span of the report and its 1-based positions (`end_column` just past the span).

    The positions are worked out when a format first reads them: concise reads one per finding,
    sarif all four, and a collapsed finding carries dozens of related places that only some
    formats show."""

    __slots__ = ("_doc", "_end_position", "_start_position", "end", "start")

    def __init__(self, doc: Document, start: int, end: int) -> None:
        self._doc = doc
        self.start = start
        self.end = end
        self._start_position: tuple[int, int] | None = None
        self._end_position: tuple[int, int] | None = None

    @classmethod
    def of(cls, doc: Document, start: int, end: int) -> Place:
        return cls(doc, start, end)

    def _starts(self) -> tuple[int, int]:
        if self._start_position is None:
            self._start_position = self._doc.position(self.start)
        return self._start_position

    def _ends(self) -> tuple[int, int]:
        if self._end_position is None:
            self._end_position = self._doc.position(self.end)
        return self._end_position

    @property
    def line(self) -> int:
        return self._starts()[0]

    @property
    def column(self) -> int:
        return self._starts()[1]

    @property
    def end_line(self) -> int:
        return self._ends()[0]

    @property
    def end_column(self) -> int:
        return self._ends()[1]


# Named tuples, not frozen dataclasses: as read-only, and made in a third of the time (a frozen
# dataclass sets each field through object.__setattr__): most findings carry a fix.
class Replacement(NamedTuple):
    place: Place
    content: str


class FixView(NamedTuple):
    title: str
    applicability: str  # safe | unsafe | display-only
    edits: tuple[Replacement, ...]


class Note(NamedTuple):
    """A related place that explains a finding (the first occurrence of a repeat, …)."""

    place: Place
    message: str


class Finding:
    """One finding: path, place, rule, severity and message, and its fix and related places,
    which are built when a format first reads them (concise reads neither)."""

    __slots__ = ("_doc", "_fix", "_related", "message", "path", "place", "rule", "severity")

    def __init__(self, doc: Document, item: Packed, rules: Mapping[str, Rule]) -> None:
        rule_id, start, end, message, severity, fix, related = item
        self._doc = doc
        self.path = doc.path
        self.place = Place(doc, start, end)
        self.rule = rules[rule_id]
        self.severity = _SEVERITIES[severity]
        self.message = message
        self._fix = fix
        self._related = related

    @property
    def fix(self) -> FixView | None:
        fix = self._fix
        if fix is None:
            return None
        doc = self._doc
        edits = tuple(Replacement(Place(doc, a, b), content) for a, b, content in fix[0])
        return FixView(fix[2], fix[1], edits)

    @property
    def related(self) -> tuple[Note, ...]:
        if not self._related:  # most findings: no generator to make and run
            return ()
        doc = self._doc
        return tuple(Note(Place(doc, a, b), note) for a, b, note in self._related)


def views(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> Iterator[Finding]:
    """A file's packed findings (see `fzlint.diagnostics.pack`), in their order, as typed views."""
    for item in packed:
        yield Finding(doc, item, rules)
