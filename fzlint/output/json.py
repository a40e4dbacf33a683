"""`json`: a JSON array, one object per finding. A stable contract read by other tools (see README)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

import orjson

from fzlint.diagnostics import Diagnostic, Severity, Span
from fzlint.document.source import Document
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions
from fzlint.output.location import Location


def _place(doc: Document, span: Span, **first: Any) -> dict[str, Any]:
    where = Location.of(doc, span)
    first.update(
        line=where.line,
        column=where.column,
        end_line=where.end_line,
        end_column=where.end_column,
    )
    return first


def finding(path: str, doc: Document, d: Diagnostic) -> dict[str, Any]:
    fix = None
    if d.fix is not None:
        fix = {
            "title": d.fix.title,
            "applicability": d.fix.applicability.value,
            "edits": [_place(doc, e.span, content=e.content) for e in d.fix.edits],
        }
    rule = d.rule
    found = _place(doc, d.span, path=path)
    found.update(
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=_LABELS[d.severity],
        message=d.message,
        fix=fix,
        related=[_place(doc, r.span, message=r.message) for r in d.related],
    )
    return found


_LABELS = {severity: severity.label for severity in Severity}


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    # One finding per line, compact: readable and grep-able, and each line is one orjson call.
    lines = []
    for result in results:
        if result.document is not None and result.diagnostics:
            lines += [
                orjson.dumps(finding(result.path, result.document, d)).decode()
                for d in result.diagnostics
            ]
    stream.write("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")
