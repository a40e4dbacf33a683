"""A typed, read-only view of one finding, for output formats that read findings one by one.

Findings travel packed (positional tuples: see `fzlint.diagnostics.pack`) between workers, the
results cache and the output. A format that needs more than a line per finding (the html page)
reads them through `views` instead of unpacking the tuples itself: each `Finding` has its
path, span and resolved positions, rule, severity, message, fix and related places by name.
Building one costs two bisects per span; no Diagnostic objects are made.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fzlint.diagnostics import Packed, Severity

if TYPE_CHECKING:
    from fzlint.document.source import Document
    from fzlint.engine.rule import Rule


@dataclass(frozen=True, slots=True)
class Place:
    """A span of the report and its 1-based positions (`end_column` just past the span)."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of(cls, doc: Document, start: int, end: int) -> Place:
        line, column = doc.position(start)
        end_line, end_column = doc.position(end)
        return cls(start, end, line, column, end_line, end_column)


@dataclass(frozen=True, slots=True)
class Replacement:
    place: Place
    content: str


@dataclass(frozen=True, slots=True)
class FixView:
    title: str
    applicability: str  # safe | unsafe | display-only
    edits: tuple[Replacement, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """A related place that explains a finding (the first occurrence of a repeat, …)."""

    place: Place
    message: str


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    place: Place
    rule: Rule
    severity: Severity
    message: str
    fix: FixView | None
    related: tuple[Note, ...]


def views(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> Iterator[Finding]:
    """A file's packed findings (see `fzlint.diagnostics.pack`), in their order, as typed views."""
    for rule_id, start, end, message, severity, fix, related in packed:
        yield Finding(
            doc.path,
            Place.of(doc, start, end),
            rules[rule_id],
            Severity(severity),
            message,
            None
            if fix is None
            else FixView(
                fix[2],
                fix[1],
                tuple(Replacement(Place.of(doc, a, b), content) for a, b, content in fix[0]),
            ),
            tuple(Note(Place.of(doc, a, b), note) for a, b, note in related),
        )
