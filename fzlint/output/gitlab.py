"""`gitlab`: GitLab Code Quality JSON (a CodeClimate subset), shown in merge requests.

Each finding has a fingerprint unique in the report: the baseline fingerprint (rule and text
around it) with the path and the occurrence count, so it stays the same across unrelated edits.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import IO

from fzlint.baseline import fingerprint_at
from fzlint.diagnostics import Packed, Severity, Span
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions, rendered_lines
from fzlint.output.holders import HOLDER, carrying, fill, fill_each, holding

# Code Quality reports are JSON, so UTF-8.
UTF8 = True

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


# An issue is rendered without its file, which differs between copies of a report, and so without
# its fingerprint, which is unique in the report: `write` puts them in (see `output.holders`).
_FINGERPRINT = carrying("fingerprint")


def render(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> str:
    """The issues, one JSON object per line, without the file's path and the fingerprint, which
    `write` makes from the path and what this line holds in its place: the baseline fingerprint
    and how many times the file has it up to this issue."""
    from fzlint.output.view import views  # a warm run renders nothing: not loaded then

    seen: Counter[str] = Counter()
    lines = []
    for finding in views(doc, packed, rules):
        rule_id, place = finding.rule.id, finding.place
        base = fingerprint_at(doc, rule_id, Span(place.start, place.end))
        seen[base] += 1
        item = {
            "type": "issue",
            "check_name": rule_id,
            "description": f"{rule_id} {finding.message}",
            "categories": ["Style"],
            "severity": SEVERITY[finding.severity],
            "fingerprint": holding(base, str(seen[base])),
            "location": {"path": HOLDER, "lines": {"begin": place.line, "end": place.end_line}},
        }
        lines.append(json.dumps(item, ensure_ascii=False))
    return "\n".join(lines)


# `write` reads the results once, in order: each file's findings go out as they come.
STREAMED = True


def write(results: Iterable[FileResult], stream: IO[str], options: OutputOptions) -> None:
    stream.write("[")
    separator = ""
    for result in results:
        if result.document is None or not result.diagnostics:
            continue
        path = result.path
        text = fill(rendered_lines(result, "gitlab", render), "path", path.replace("\\", "/"))

        def unique(parts: list[str], path: str = path) -> str:
            base, count = parts
            return hashlib.md5(
                f"{path}\x1f{base}\x1f{count}".encode(), usedforsecurity=False
            ).hexdigest()

        # file by file: joined into one text first, the output was held twice over
        stream.write(
            separator + fill_each(text, "fingerprint", _FINGERPRINT, unique).replace("\n", ", ")
        )
        separator = ", "
    stream.write("]\n")
