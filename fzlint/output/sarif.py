"""`sarif`: SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, IDE viewers).

Columns count Unicode code points, as fzlint's do (`columnKind: unicodeCodePoints`). Every rule
that ran is described in `tool.driver.rules`; fixes become `fixes` with the replaced regions; the
baseline fingerprint is given as a partial fingerprint so that results can be tracked over time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote

from fzlint import __version__
from fzlint.baseline import fingerprint_at
from fzlint.diagnostics import Findings, Packed, Severity, Span
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions, rendered_lines
from fzlint.output.holders import HOLDER, after_first, fill, first_strings, member

if TYPE_CHECKING:
    from fzlint.output.view import Place

# SARIF is JSON, so UTF-8.
UTF8 = True

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


def _region(place: Place) -> dict[str, int]:
    return {
        "startLine": place.line,
        "startColumn": place.column,
        "endLine": place.end_line,
        "endColumn": place.end_column,
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


# A result is rendered without its file, which differs between copies of a report, and without
# its rule's index in the run's list of rules: `write` puts them in (see `output.holders`).


def render(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> str:
    """The results, one JSON object per line, each without its rule's index and with a place
    holder for its file."""
    from fzlint.output.view import views  # a warm run renders nothing: not loaded then

    location = {"artifactLocation": HOLDER}
    lines = []
    for finding in views(doc, packed, rules):
        rule_id, place = finding.rule.id, finding.place
        item: dict[str, Any] = {
            "ruleId": rule_id,
            "level": LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": {**location, "region": _region(place)}}],
            "partialFingerprints": {
                "fzlintContext/v1": fingerprint_at(doc, rule_id, Span(place.start, place.end))
            },
        }
        fix = finding.fix
        if fix is not None:
            item["fixes"] = [
                {
                    "description": {"text": fix.title or "修复"},
                    "artifactChanges": [
                        {
                            **location,
                            "replacements": [
                                {
                                    "deletedRegion": _region(edit.place),
                                    "insertedContent": {"text": edit.content},
                                }
                                for edit in fix.edits
                            ],
                        }
                    ],
                }
            ]
        if finding.related:
            item["relatedLocations"] = [
                {
                    "id": number,
                    "physicalLocation": {**location, "region": _region(note.place)},
                    "message": {"text": note.message},
                }
                for number, note in enumerate(finding.related)
            ]
        lines.append(json.dumps(item, ensure_ascii=False))
    return "\n".join(lines)


# A file with results and its results as `render` wrote them.
_Rendered = tuple[FileResult, str]


def _described(rendered: Sequence[_Rendered], rules: Sequence[Rule]) -> list[Rule]:
    """Every rule that ran, and any other with results, by id."""
    described: dict[str, Rule] = {rule.id: rule for rule in rules}
    for result, text in rendered:
        for rule_id in first_strings(text.split("\n"), "ruleId"):
            if rule_id not in described:
                described[rule_id] = Findings.of(result.diagnostics).rules[rule_id]
    return sorted(described.values(), key=lambda rule: rule.id)


def _results(rendered: Sequence[_Rendered], ordered: Sequence[Rule]) -> Iterator[str]:
    """Each file's results as JSON text, in their files and with their rules' indexes."""
    index = {rule.id: member("ruleIndex", number) for number, rule in enumerate(ordered)}
    for result, text in rendered:
        text = fill(text, "artifactLocation", artifact(result.path))
        yield ", ".join(after_first(text.split("\n"), "ruleId", index))


def log(results: Sequence[FileResult], ordered: Sequence[Rule]) -> dict[str, Any]:
    """The SARIF log without its results (`write` puts them in as it writes them)."""
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
                "results": [],
            }
        ],
    }


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    # Compact: the C encoder only serves unindented output, and a CI job may log 10⁵ results.
    # The results are written file by file: joined into the log first, they held 300 MB.
    rendered = [
        (result, rendered_lines(result, "sarif", render))
        for result in results
        if result.document is not None and result.diagnostics
    ]
    ordered = _described(rendered, options.rules)
    text = json.dumps(log(results, ordered), ensure_ascii=False)
    # the results are the last value of the run, the one run of the log
    assert text.endswith('"results": []}]}')
    stream.write(text[: -len("]}]}")])
    separator = ""
    for written in _results(rendered, ordered):
        stream.write(separator + written)
        separator = ", "
    stream.write("]}]}\n")
