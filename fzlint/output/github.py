"""`github`: GitHub Actions workflow commands, shown as annotations on the pull request.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`; info findings are notices.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import IO

from fzlint.diagnostics import Packed, Severity
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions, rendered_lines

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> str:
    """The findings' commands without the `::` and the file property in front: `error
    line=…,…::message` (a line break in a message is escaped, so each stays on one line)."""
    position = doc.position
    lines = []
    for rule_id, start, end, message, severity, _fix, _related in packed:
        line, column = position(start)
        end_line, end_column = position(end)
        title = escape_property(f"{rule_id} {rules[rule_id].name}")
        lines.append(
            f"{COMMAND[Severity(severity)]} line={line},col={column},endLine={end_line},"
            f"endColumn={end_column},title={title}::{escape_data(message)}"
        )
    return "\n".join(lines)


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    for result in results:
        if result.document is None:
            message = str(result.error.message) if result.error else ""
            stream.write(f"::error file={escape_property(result.path)}::{escape_data(message)}\n")
            continue
        if not result.diagnostics:
            continue
        file = f" file={escape_property(result.path)},"
        stream.write(
            "".join(
                f"::{command}{file}{rest}\n"
                for command, _, rest in (
                    line.partition(" ")
                    for line in rendered_lines(result, "github", render).split("\n")
                )
            )
        )
