"""The core value types: spans, edits, fixes and diagnostics."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import TYPE_CHECKING, Any, overload

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
        # looked up, not worked out: every finding of a json or sarif run reads its label
        return _LABELS[self]


_LABELS = {severity: severity.name.lower() for severity in Severity}


@dataclass(frozen=True, slots=True, order=True, init=False)
class Span:
    """Half-open code-point offsets into `Document.text`."""

    start: int
    end: int

    # A document makes hundreds of spans (each line, four per heading). The dataclass's own
    # __init__ sets each field through object.__setattr__, which looks the slot up by name, then
    # calls __post_init__ to check it; this one checks first and writes the two slots through
    # their descriptors (`_set_start`, `_set_end`, below): 0.19 instead of 0.30 us, and the same
    # object. Frozen all the same: only Span.__setattr__ refuses, the descriptors are the slots.
    def __init__(self, start: int, end: int) -> None:
        if not 0 <= start <= end:
            raise ValueError(f"bad span {start}..{end}")
        _set_start(self, start)
        _set_end(self, end)

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


_set_start = Span.start.__set__  # type: ignore[attr-defined]
_set_end = Span.end.__set__  # type: ignore[attr-defined]


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
    # A loop reading each attribute once (a finding's span and fix are read twice each), its
    # edits listed without a generator, and no related places read for most findings (none):
    # a finding is packed in ~0.4 instead of ~0.7 us, a folder's run packs tens of thousands.
    packed = []
    for d in diagnostics:
        span = d.span
        fix = d.fix
        related = d.related
        packed.append(
            (
                d.rule.id,
                span.start,
                span.end,
                d.message,
                int(d.severity),
                None
                if fix is None
                else (
                    tuple([(e.span.start, e.span.end, e.content) for e in fix.edits]),
                    fix.applicability.value,
                    fix.title,
                ),
                tuple([(r.span.start, r.span.end, r.message) for r in related]) if related else (),
            )
        )
    return tuple(packed)


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


class Findings(Sequence[Diagnostic]):
    """A file's findings in their packed form (as a worker sends them back or the results cache
    keeps them), made Diagnostics only when something reads them as such: a run that prints JSON
    or counts findings never builds the tens of thousands of objects a folder's findings make.

    `rendered` holds, by output format, the findings already written out by that format's
    `render` (one line per finding, in order; see `fzlint.output`), where a worker or the cache
    had them: as text, or as the UTF-8 bytes an entry holds (decoded only for a format that reads
    them as text: `json` writes them as they are). Findings read from the cache may be `deferred`:
    their count and severities are known, and the packed data is read only when something needs
    more.
    """

    __slots__ = ("_diagnostics", "_json", "_load", "_packed", "rendered", "rules", "severities")

    def __init__(
        self,
        packed: Sequence[Packed],
        rules: Mapping[str, Rule],
        rendered: Mapping[str, str | bytes] | None = None,
        diagnostics: tuple[Diagnostic, ...] | None = None,
    ) -> None:
        self._packed: Sequence[Packed] | None = packed
        self._load: Callable[[], Sequence[Packed]] | None = None
        self.severities: Sequence[int] = [p[4] for p in packed]
        self.rules = rules
        self.rendered: dict[str, str | bytes] = dict(rendered or {})
        self._diagnostics = diagnostics
        self._json: bytes | None = None

    @classmethod
    def of(cls, diagnostics: Sequence[Diagnostic]) -> Findings:
        if isinstance(diagnostics, Findings):
            return diagnostics
        diagnostics = tuple(diagnostics)
        rules = {d.rule.id: d.rule for d in diagnostics}
        return cls(pack(diagnostics), rules, diagnostics=diagnostics)

    def packed_json(self) -> bytes:
        """The packed findings as JSON, made once: what the results cache keeps and what a worker
        hands back (both, in a run with a cache)."""
        if self._json is None:
            import orjson

            self._json = orjson.dumps(self.packed)
        return self._json

    @classmethod
    def deferred(
        cls,
        load: Callable[[], Sequence[Packed]],
        severities: Sequence[int],
        rules: Mapping[str, Rule],
        rendered: Mapping[str, str | bytes],
    ) -> Findings:
        """Findings of these severities whose packed form `load` gives when first needed.
        Raises ValueError when a severity or a rendering does not fit."""
        if not _SEVERITIES.keys() >= set(severities):
            raise ValueError("unknown severity")
        for text in rendered.values():
            if not severities or line_count(text) != len(severities):
                raise ValueError("a rendering does not have a line per finding")
        findings = cls((), rules, rendered)
        findings._packed, findings._load, findings.severities = None, load, severities
        return findings

    @property
    def packed(self) -> Sequence[Packed]:
        if self._packed is None:
            assert self._load is not None
            self._packed, self._load = self._load(), None
        return self._packed

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        if self._diagnostics is None:
            self._diagnostics = unpack(self.packed, self.rules)
        return self._diagnostics

    def at_least(self, minimum: Severity) -> Findings:
        keep = [index for index, severity in enumerate(self.severities) if severity >= minimum]
        if len(keep) == len(self.severities):
            return self
        rendered: dict[str, str | bytes] = {}
        for name, text in self.rendered.items():
            newline: Any = b"\n" if isinstance(text, bytes) else "\n"
            lines = text.split(newline)
            rendered[name] = newline.join([lines[index] for index in keep])
        packed = self.packed
        return Findings([packed[index] for index in keep], self.rules, rendered if keep else None)

    def __len__(self) -> int:
        return len(self.severities)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    @overload
    def __getitem__(self, index: int) -> Diagnostic: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Diagnostic, ...]: ...
    def __getitem__(self, index: int | slice) -> Diagnostic | tuple[Diagnostic, ...]:
        return self.diagnostics[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Findings):
            return self.diagnostics == other.diagnostics
        return isinstance(other, tuple) and self.diagnostics == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Findings({len(self)}, rendered as {sorted(self.rendered)})"


def line_count(text: str | bytes) -> int:
    """The lines of a rendering, as text or as bytes."""
    return (text.count(b"\n") if isinstance(text, bytes) else text.count("\n")) + 1


def at_least(diagnostics: Sequence[Diagnostic], minimum: Severity) -> Sequence[Diagnostic]:
    """The findings of `minimum` severity or above, in the form they came in."""
    if isinstance(diagnostics, Findings):
        return diagnostics.at_least(minimum)
    return tuple(d for d in diagnostics if d.severity >= minimum)
