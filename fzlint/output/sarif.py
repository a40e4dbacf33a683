"""`sarif`: SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, IDE viewers).

Columns count Unicode code points, as fzlint's do (`columnKind: unicodeCodePoints`). Every rule
that ran is described in `tool.driver.rules`; fixes become `fixes` with the replaced regions; the
baseline fingerprint is given as a partial fingerprint so that results can be tracked over time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from fzlint import __version__
from fzlint.baseline import fingerprint
from fzlint.diagnostics import Diagnostic, Severity, Span
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions
from fzlint.output.location import Location

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


SOURCE_ROOT = "%SRCROOT%"


def uri(path: str) -> str:
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"))


def artifact(path: str) -> dict[str, str]:
    """An artifact location; a relative path is relative to the folder fzlint ran in."""
    if os.path.isabs(path):
        return {"uri": uri(path)}
    return {"uri": uri(path), "uriBaseId": SOURCE_ROOT}


def _region(doc: Document, span: Span) -> dict[str, int]:
    where = Location.of(doc, span)
    return {
        "startLine": where.line,
        "startColumn": where.column,
        "endLine": where.end_line,
        "endColumn": where.end_column,
    }


def _rule(rule: Rule) -> dict[str, Any]:
    first = rule.description.split("。")[0] + "。" if "。" in rule.description else rule.description
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": first},
        "fullDescription": {"text": rule.description},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"category": rule.category, "pack": rule.pack, "tags": [rule.category]},
    }


def _result(path: str, doc: Document, d: Diagnostic, index: int) -> dict[str, Any]:
    location = {"artifactLocation": artifact(path)}
    item: dict[str, Any] = {
        "ruleId": d.rule.id,
        "ruleIndex": index,
        "level": LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {**location, "region": _region(doc, d.span)}}],
        "partialFingerprints": {"fzlintContext/v1": fingerprint(doc, d)},
    }
    if d.fix is not None:
        item["fixes"] = [
            {
                "description": {"text": d.fix.title or "修复"},
                "artifactChanges": [
                    {
                        **location,
                        "replacements": [
                            {
                                "deletedRegion": _region(doc, edit.span),
                                "insertedContent": {"text": edit.content},
                            }
                            for edit in d.fix.edits
                        ],
                    }
                ],
            }
        ]
    if d.related:
        item["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": {**location, "region": _region(doc, related.span)},
                "message": {"text": related.message},
            }
            for number, related in enumerate(d.related)
        ]
    return item


def log(results: Sequence[FileResult], rules: Sequence[Rule]) -> dict[str, Any]:
    described: dict[str, Rule] = {rule.id: rule for rule in rules}
    for result in results:
        for d in result.diagnostics:
            described.setdefault(d.rule.id, d.rule)
    ordered = sorted(described.values(), key=lambda rule: rule.id)
    index = {rule.id: number for number, rule in enumerate(ordered)}
    sarif_results = [
        _result(result.path, result.document, d, index[d.rule.id])
        for result in results
        if result.document is not None
        for d in result.diagnostics
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": result.error.message},
            "locations": [{"physicalLocation": {"artifactLocation": artifact(result.path)}}],
        }
        for result in results
        if result.error is not None
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "fzlint",
                        "version": __version__,
                        "rules": [_rule(rule) for rule in ordered],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "originalUriBaseIds": {SOURCE_ROOT: {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    # Compact: the C encoder only serves unindented output, and a CI job may log 10⁵ results.
    stream.write(json.dumps(log(results, options.rules), ensure_ascii=False))
    stream.write("\n")
