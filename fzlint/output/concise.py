"""`concise`: one line per finding, `path:line:col: severity[ID] message`, for quickfix lists and grep."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import IO

from fzlint.diagnostics import Packed
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions, rendered_lines, visible

# `write` reads the results once, in order: each file's findings go out as they come.
STREAMED = True


def render(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> str:
    """The findings' lines without the path and its colon in front. A message is kept on its
    finding's line (a line break in it, which no shipped rule writes, becomes a space), with the
    report's control characters it quotes escaped."""
    from fzlint.output.view import views  # a warm run renders nothing: not loaded then

    lines = []
    for finding in views(doc, packed, rules):
        message = finding.message
        if "\n" in message:
            message = message.replace("\n", " ")
        place, label = finding.place, finding.severity.label
        lines.append(f"{place.line}:{place.column}: {label}[{finding.rule.id}] {visible(message)}")
    return "\n".join(lines)


def write(results: Iterable[FileResult], stream: IO[str], options: OutputOptions) -> None:
    for result in results:
        if result.document is None or not result.diagnostics:
            continue
        text = rendered_lines(result, "concise", render)
        head = visible(result.path) + ":"
        stream.write(head + text.replace("\n", "\n" + head) + "\n")
