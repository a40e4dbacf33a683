"""The core value types: spans, edits, fixes and diagnostics."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fzlint.engine.rule import Rule


class Severity(IntEnum):
    """Ordered so that `--min-severity` is a comparison."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open code-point offsets into `Document.text`."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `span` by `content`; an empty content deletes, an empty span inserts."""

    span: Span
    content: str


class Applicability(Enum):
    """How far a fix may be trusted (after ruff): `--fix` applies SAFE, `--unsafe-fixes` UNSAFE too."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits applied together (e.g. both brackets of a pair), with a short Chinese title."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    title: str = ""

    @property
    def span(self) -> Span:
        return Span(min(e.span.start for e in self.edits), max(e.span.end for e in self.edits))


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a finding, such as the first occurrence of a repeat."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    rule: Rule
    span: Span
    message: str
    severity: Severity
    fix: Fix | None = None
    related: tuple[Related, ...] = ()

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.start, self.span.end, self.rule.id)


# Diagnostics cross process boundaries (parallel workers) and are stored (the results cache) as
# plain nested tuples: pickling frozen dataclasses by the ten thousand costs more than linting, and
# the receiver re-attaches its own Rule objects by id. JSON lists read back the same way.
Packed = tuple[Any, ...]


def pack(diagnostics: Iterable[Diagnostic]) -> tuple[Packed, ...]:
    return tuple(
        (
            d.rule.id,
            d.span.start,
            d.span.end,
            d.message,
            int(d.severity),
            None
            if d.fix is None
            else (
                tuple((e.span.start, e.span.end, e.content) for e in d.fix.edits),
                d.fix.applicability.value,
                d.fix.title,
            ),
            tuple((r.span.start, r.span.end, r.message) for r in d.related),
        )
        for d in diagnostics
    )


_SEVERITIES = {int(s): s for s in Severity}
_APPLICABILITIES = {a.value: a for a in Applicability}


def unpack(packed: Sequence[Sequence[Any]], rules: Mapping[str, Rule]) -> tuple[Diagnostic, ...]:
    """The inverse of `pack`; raises KeyError, TypeError or ValueError on data that does not fit."""
    return tuple(
        Diagnostic(
            rules[rule_id],
            Span(start, end),
            message,
            _SEVERITIES[severity],
            None
            if fix is None
            else Fix(
                tuple([Edit(Span(a, b), content) for a, b, content in fix[0]]),
                _APPLICABILITIES[fix[1]],
                fix[2],
            ),
            tuple([Related(Span(a, b), note) for a, b, note in related]) if related else (),
        )
        for rule_id, start, end, message, severity, fix, related in packed
    )
