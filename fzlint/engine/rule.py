"""A rule as data (picklable metadata) and the context a run gives every rule."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from fzlint.diagnostics import Applicability, Severity

if TYPE_CHECKING:
    from fzlint.document.source import Document

CATEGORIES_FIXED = ("signature-date", "duplicate", "numbering", "stale-name")


@dataclass(frozen=True, slots=True)
class FixSpec:
    """A rule's replacement template and how far the fix may be trusted."""

    template: str
    applicability: Applicability = Applicability.SAFE
    title: str = ""


@dataclass(frozen=True, slots=True)
class Example:
    """One should-fire or should-pass example of a rule, with the line it stands on in its pack."""

    text: str
    line: int
    fixed: str | None = None
    at: tuple[str, ...] = ()
    count: int | None = None
    as_of: date | None = None
    report_year: int | None = None
    note: str = ""
    previous: str | None = None
    doc_type: str | None = None
    # (revisions, comments): the example stands for a .docx carrying that many review marks,
    # the first at the start of its text
    word: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str
    category: str
    severity: Severity
    kind: str
    message: str
    description: str
    pack: str
    source: str
    line: int
    options: Mapping[str, Any] = field(default_factory=dict)
    fix: FixSpec | None = None
    fire: tuple[Example, ...] = ()
    passes: tuple[Example, ...] = ()
    # The document types the rule judges (`applies-to:`, groups expanded, sorted so that the
    # results cache, which keys on the repr, sees the same rule in every process); empty: all.
    applies_to: tuple[str, ...] = ()

    def applies(self, doc_type: str) -> bool:
        return not self.applies_to or doc_type in self.applies_to

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}"


@dataclass(frozen=True)
class LintContext:
    """What a run tells every rule; kinds never read files, the environment or the clock."""

    as_of: date | None = None
    report_year: int | None = None
    # The document type from configuration or `--doc-type`, instead of the detected one.
    doc_type: str | None = None
    # Last year's report of the same unit (`--previous`), for rules that compare the two.
    previous: Document | None = field(default=None, repr=False)
    # What the results cache (which keys on the repr) sees of `previous`: path and text digest.
    previous_key: str = field(init=False, default="")

    def __post_init__(self) -> None:
        if self.previous is not None:
            digest = hashlib.sha256(self.previous.text.encode()).hexdigest()[:16]
            object.__setattr__(self, "previous_key", f"{self.previous.path}:{digest}")

    def report_year_of(self, doc: Document) -> int | None:
        return self.report_year if self.report_year is not None else doc.structure.report_year

    def doc_type_of(self, doc: Document) -> str:
        return self.doc_type if self.doc_type is not None else doc.structure.doc_type.name

    def as_of_of(self, doc: Document) -> date | None:
        return self.as_of if self.as_of is not None else doc.structure.as_of
