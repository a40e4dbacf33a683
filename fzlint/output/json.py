"""`json`: a JSON array, one object per finding. A stable contract read by other tools (see README)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from fzlint.diagnostics import Diagnostic, Severity, Span
from fzlint.document.source import Document
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions


def _span(doc: Document, span: Span) -> dict[str, int]:
    line, column = doc.position(span.start)
    end_line, end_column = doc.position(span.end)
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


def finding(path: str, doc: Document, d: Diagnostic) -> dict[str, Any]:
    fix = None
    if d.fix is not None:
        fix = {
            "title": d.fix.title,
            "applicability": d.fix.applicability.value,
            "edits": [{"content": e.content, **_span(doc, e.span)} for e in d.fix.edits],
        }
    rule = d.rule
    return {
        "path": path,
        **_span(doc, d.span),
        "rule": rule.id,
        "name": rule.name,
        "category": rule.category,
        "severity": _LABELS[d.severity],
        "message": d.message,
        "fix": fix,
        "related": [{"message": r.message, **_span(doc, r.span)} for r in d.related],
    }


_LABELS = {severity: severity.label for severity in Severity}


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    # One finding per line: readable and grep-able, and each line goes through json's C encoder
    # (indent= falls back to the pure-Python one, which cost 1.9 s of a 3.2 s run on 12,000 findings).
    encode = json.JSONEncoder(ensure_ascii=False).encode
    lines = [
        encode(finding(result.path, result.document, d))
        for result in results
        if result.document is not None
        for d in result.diagnostics
    ]
    stream.write("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")
