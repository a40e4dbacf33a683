"""`mixed-newlines`: a file whose lines end in more than one style (CRLF, LF, CR).

No keys. Reported once, at the start of the file, naming the dominant style that `--fix` keeps:
any write-back by `--fix` re-encodes every line end in that style (fzlint.document.source).
Field for `message`: `{newline}` (CRLF, LF or CR).
"""

from __future__ import annotations

from collections.abc import Iterator

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document.source import Document
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind

_NAMES = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}


@kind("mixed-newlines")
class MixedNewlinesKind(Kind):
    keys = frozenset()

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.compile_templates({"match", "newline"})

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        if doc.mixed_newlines:
            yield self.diagnostic(Span(0, 0), {"match": "", "newline": _NAMES[doc.newline]})
