"""`json`: a JSON array, one object per finding. A stable contract read by other tools (see README)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import IO, Any

import orjson

from fzlint.diagnostics import Diagnostic, Severity, Span
from fzlint.document.source import Document
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions


class _Positions:
    """Spans of one document as the 1-based line and column fields of the contract."""

    def __init__(self, doc: Document) -> None:
        self._starts = doc.line_starts
        self._length = len(doc.text)

    def fields(self, span: Span, **first: Any) -> dict[str, Any]:
        starts = self._starts
        start, end = span.start, span.end
        if not 0 <= start <= end <= self._length:
            raise ValueError(f"span {start}..{end} outside the document")
        line = bisect_right(starts, start)
        end_line = bisect_right(starts, end, line - 1)
        first.update(
            line=line,
            column=start - starts[line - 1] + 1,
            end_line=end_line,
            end_column=end - starts[end_line - 1] + 1,
        )
        return first


def finding(path: str, positions: _Positions, d: Diagnostic) -> dict[str, Any]:
    fix = None
    if d.fix is not None:
        fix = {
            "title": d.fix.title,
            "applicability": d.fix.applicability.value,
            "edits": [positions.fields(e.span, content=e.content) for e in d.fix.edits],
        }
    rule = d.rule
    found = positions.fields(d.span, path=path)
    found.update(
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=_LABELS[d.severity],
        message=d.message,
        fix=fix,
        related=[positions.fields(r.span, message=r.message) for r in d.related],
    )
    return found


_LABELS = {severity: severity.label for severity in Severity}


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    # One finding per line, compact: readable and grep-able, and each line is one orjson call.
    lines = []
    for result in results:
        if result.document is not None and result.diagnostics:
            positions = _Positions(result.document)
            lines += [
                orjson.dumps(finding(result.path, positions, d)).decode()
                for d in result.diagnostics
            ]
    stream.write("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")
