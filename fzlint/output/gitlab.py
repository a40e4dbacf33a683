"""`gitlab`: GitLab Code Quality JSON (a CodeClimate subset), shown in merge requests.

Each finding has a fingerprint unique in the report: the baseline fingerprint (rule and text
around it) with the path and the occurrence count, so it stays the same across unrelated edits.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import IO, Any

from fzlint.baseline import fingerprint
from fzlint.diagnostics import Severity
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions
from fzlint.output.location import Location

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issues(results: Sequence[FileResult]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for result in results:
        if result.document is None:
            continue
        seen: Counter[str] = Counter()
        for d in result.diagnostics:
            base = fingerprint(result.document, d)
            seen[base] += 1
            unique = hashlib.md5(
                f"{result.path}\x1f{base}\x1f{seen[base]}".encode(), usedforsecurity=False
            ).hexdigest()
            where = Location.of(result.document, d.span)
            items.append(
                {
                    "type": "issue",
                    "check_name": d.rule.id,
                    "description": f"{d.rule.id} {d.message}",
                    "categories": ["Style"],
                    "severity": SEVERITY[d.severity],
                    "fingerprint": unique,
                    "location": {
                        "path": result.path.replace("\\", "/"),
                        "lines": {"begin": where.line, "end": where.end_line},
                    },
                }
            )
    return items


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    stream.write(json.dumps(issues(results), ensure_ascii=False))
    stream.write("\n")
