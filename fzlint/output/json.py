"""`json`: a JSON array, one object per finding. A stable contract read by other tools (see README).

Each finding is one line of compact JSON, its "path" first. `render` writes a file's findings
without the path (which differs between copies of a file); `write` puts it in front. Findings that
a worker or the results cache handed over come rendered already, so a folder's run neither builds
Diagnostic objects for them nor renders them in this (the one serial) process.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import IO, Any

import orjson

from fzlint.diagnostics import Packed, Severity
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions, rendered_lines


def render(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> str:
    """The findings, one JSON object per line, each without the path and its opening brace."""
    position = doc.position

    def place(start: int, end: int) -> dict[str, Any]:
        # as `Location` has them: the end column just past the span
        line, column = position(start)
        end_line, end_column = position(end)
        return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}

    lines = []
    for rule_id, start, end, message, severity, fix, related in packed:
        rule = rules[rule_id]
        found = place(start, end)
        found["rule"] = rule_id
        found["name"] = rule.name
        found["category"] = rule.category
        found["severity"] = Severity(severity).label
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
    opening = "[\n"  # written with the first finding: no findings is "[]"
    for result in results:
        if result.document is None or not result.diagnostics:
            continue
        text = rendered_lines(result, "json", render)
        head = '{"path":' + orjson.dumps(result.path).decode() + ","
        # file by file: joined into one text first, the output was held twice over
        stream.write(opening + head + text.replace("\n", ",\n" + head))
        opening = ",\n"
    stream.write("[]\n" if opening == "[\n" else "\n]\n")
