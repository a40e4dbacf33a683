"""Resolving spans to the 1-based (line, column) pairs that every output format prints."""

from __future__ import annotations

from dataclasses import dataclass

from fzlint.diagnostics import Span
from fzlint.document.source import Document


@dataclass(frozen=True, slots=True)
class Location:
    """`end_column` points just past the last character, as in ruff's JSON."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of(cls, doc: Document, span: Span) -> Location:
        line, column = doc.position(span.start)
        end_line, end_column = doc.position(span.end)
        return cls(line, column, end_line, end_column)
