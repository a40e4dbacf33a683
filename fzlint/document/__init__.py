"""The document model: decoded text with its lines, paragraphs and lazily parsed structure."""

from fzlint.document.source import Document, Line

__all__ = ["Document", "Line"]
