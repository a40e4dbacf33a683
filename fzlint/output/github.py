"""`github`: GitHub Actions workflow commands, shown as annotations on the pull request.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`; info findings are notices.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from fzlint.diagnostics import Severity
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions
from fzlint.output.location import Location

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    for result in results:
        if result.document is None:
            message = str(result.error.message) if result.error else ""
            stream.write(f"::error file={escape_property(result.path)}::{escape_data(message)}\n")
            continue
        for d in result.diagnostics:
            where = Location.of(result.document, d.span)
            properties = ",".join(
                f"{key}={escape_property(str(value))}"
                for key, value in (
                    ("file", result.path),
                    ("line", where.line),
                    ("col", where.column),
                    ("endLine", where.end_line),
                    ("endColumn", where.end_column),
                    ("title", f"{d.rule.id} {d.rule.name}"),
                )
            )
            stream.write(f"::{COMMAND[d.severity]} {properties}::{escape_data(d.message)}\n")
