"""`github`: GitHub Actions workflow commands, shown as annotations on the pull request.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`; info findings are notices.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import IO

from fzlint.diagnostics import Packed, Severity
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions, rendered_lines

# GitHub's workflow commands are read as UTF-8.
UTF8 = True

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> str:
    """The findings' commands without the `::` and the file property in front: `error
    line=…,…::message` (a line break in a message is escaped, so each stays on one line)."""
    from fzlint.output.view import views  # a warm run renders nothing: not loaded then

    lines = []
    for finding in views(doc, packed, rules):
        place = finding.place
        title = escape_property(f"{finding.rule.id} {finding.rule.name}")
        lines.append(
            f"{COMMAND[finding.severity]} line={place.line},col={place.column},"
            f"endLine={place.end_line},endColumn={place.end_column},"
            f"title={title}::{escape_data(finding.message)}"
        )
    return "\n".join(lines)


# `write` reads the results once, in order: each file's findings go out as they come.
STREAMED = True


def write(results: Iterable[FileResult], stream: IO[str], options: OutputOptions) -> None:
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
