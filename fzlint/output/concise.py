"""`concise`: one line per finding, `path:line:col: severity[ID] message`, for quickfix lists and grep."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import IO

from fzlint.diagnostics import Findings, Packed, Severity
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions

_LABELS = {int(severity): severity.label for severity in Severity}


def render(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> str:
    """The findings' lines without the path and its colon in front. A message is kept on its
    finding's line (a line break in it, which no shipped rule writes, becomes a space)."""
    starts = doc.line_starts
    lines = []
    for rule_id, start, _end, message, severity, _fix, _related in packed:
        line = bisect_right(starts, start)
        column = start - starts[line - 1] + 1
        if "\n" in message:
            message = message.replace("\n", " ")
        lines.append(f"{line}:{column}: {_LABELS[severity]}[{rule_id}] {message}")
    return "\n".join(lines)


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    for result in results:
        if result.document is None or not result.diagnostics:
            continue
        diagnostics = result.diagnostics
        text = diagnostics.rendered.get("concise") if isinstance(diagnostics, Findings) else None
        if text is None:
            findings = Findings.of(diagnostics)
            text = render(result.document, findings.packed, findings.rules)
        head = result.path + ":"
        stream.write(head + text.replace("\n", "\n" + head) + "\n")
