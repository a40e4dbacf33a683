"""`concise`: one line per finding, `path:line:col: severity[ID] message`, for quickfix lists and grep."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions
from fzlint.output.location import Location


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    for result in results:
        if result.document is None:
            continue
        for d in result.diagnostics:
            where = Location.of(result.document, d.span)
            stream.write(
                f"{result.path}:{where.line}:{where.column}: "
                f"{d.severity.label}[{d.rule.id}] {d.message}\n"
            )
