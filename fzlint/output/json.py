"""`json`: a JSON array, one object per finding. A stable contract read by other tools (see README).

Each finding is one line of compact JSON, its "path" first. `render` writes a file's findings
without the path (which differs between copies of a file); `write` puts it in front. Findings that
a worker or the results cache handed over come rendered already, so a folder's run neither builds
Diagnostic objects for them nor renders them in this (the one serial) process.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import IO, Any

import orjson

from fzlint.diagnostics import Findings, Packed, Severity
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions

_LABELS = {int(severity): severity.label for severity in Severity}


def render(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> str:
    """The findings, one JSON object per line, each without the path and its opening brace."""
    starts = doc.line_starts

    def place(start: int, end: int) -> dict[str, Any]:
        # 1-based lines and columns, the end column just past the span, as `Location` has them
        line = bisect_right(starts, start)
        end_line = bisect_right(starts, end)
        return {
            "line": line,
            "column": start - starts[line - 1] + 1,
            "end_line": end_line,
            "end_column": end - starts[end_line - 1] + 1,
        }

    lines = []
    for rule_id, start, end, message, severity, fix, related in packed:
        rule = rules[rule_id]
        found = place(start, end)
        found["rule"] = rule_id
        found["name"] = rule.name
        found["category"] = rule.category
        found["severity"] = _LABELS[severity]
        found["message"] = message
        found["fix"] = (
            None
            if fix is None
            else {
                "title": fix[2],
                "applicability": fix[1],
                "edits": [{"content": content, **place(a, b)} for a, b, content in fix[0]],
            }
        )
        found["related"] = [{"message": note, **place(a, b)} for a, b, note in related]
        # decoded at once: orjson's bytes keep a buffer of several KB each (48,000 findings held
        # 190 MB), a str only its text
        lines.append(orjson.dumps(found).decode()[1:])
    return "\n".join(lines)


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    blocks: list[str] = []
    for result in results:
        if result.document is None or not result.diagnostics:
            continue
        findings = Findings.of(result.diagnostics)
        text = findings.rendered.get("json")
        if text is None:
            text = render(result.document, findings.packed, findings.rules)
        head = '{"path":' + orjson.dumps(result.path).decode() + ","
        blocks.append(head + text.replace("\n", ",\n" + head))
    stream.write("[\n" + ",\n".join(blocks) + "\n]\n" if blocks else "[]\n")
