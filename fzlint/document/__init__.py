"""The document model: decoded text with its lines, paragraphs and lazily parsed structure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fzlint.document.source import Document, Line

__all__ = ["Document", "Line"]


def __getattr__(name: str) -> Any:
    # The model is imported when first named, not with the package: the command line reads the
    # document types (fzlint.document.doctype) before it chooses the cache folder, and the
    # model's patterns are then read from that folder instead of compiled (fzlint.text.regex).
    if name in __all__:
        from fzlint.document import source

        return getattr(source, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
