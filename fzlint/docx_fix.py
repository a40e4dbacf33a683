"""Fixing Word documents: not yet; a .docx is reported on and left exactly as it is."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fzlint.diagnostics import Diagnostic
from fzlint.document.source import Document
from fzlint.fixer import FilePlan


def plan_docx_fix(
    path: str,
    original: bytes,
    doc: Document,
    lint: Callable[[Document], Sequence[Diagnostic]],
    unsafe: bool,
) -> FilePlan:
    """The plan for a .docx: unchanged."""
    return FilePlan(path, original, original, doc.encoding, doc.text, 0)
