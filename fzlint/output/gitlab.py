"""`gitlab`: GitLab Code Quality JSON (a CodeClimate subset), shown in merge requests.

Each finding has a fingerprint unique in the report: the baseline fingerprint (rule and text
around it) with the path and the occurrence count, so it stays the same across unrelated edits.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import IO

from fzlint.baseline import fingerprint_at
from fzlint.diagnostics import Packed, Severity, Span
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.output import HOLDER, OutputOptions, held, rendered_lines
from fzlint.text.regex import compile_kept

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


# An issue is rendered without its file, which differs between copies of a report, and so without
# its fingerprint, which is unique in the report: `write` puts them in (see `output.held`).
_PATH = held("path")
_FINGERPRINT = compile_kept(r'"fingerprint": "\\u0000([0-9a-f]+)\\u0000([0-9]+)"')


def render(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> str:
    """The issues, one JSON object per line, without the file's path and the fingerprint, which
    `write` makes from the path and what this line holds in its place: the baseline fingerprint
    and how many times the file has it up to this issue."""
    position = doc.position
    seen: Counter[str] = Counter()
    lines = []
    for rule_id, start, end, message, severity, _fix, _related in packed:
        base = fingerprint_at(doc, rule_id, Span(start, end))
        seen[base] += 1
        item = {
            "type": "issue",
            "check_name": rule_id,
            "description": f"{rule_id} {message}",
            "categories": ["Style"],
            "severity": SEVERITY[Severity(severity)],
            "fingerprint": f"{HOLDER}{base}{HOLDER}{seen[base]}",
            "location": {
                "path": HOLDER,
                "lines": {"begin": position(start)[0], "end": position(end)[0]},
            },
        }
        lines.append(json.dumps(item, ensure_ascii=False))
    return "\n".join(lines)


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    stream.write("[")
    separator = ""
    for result in results:
        if result.document is None or not result.diagnostics:
            continue
        path = result.path
        text = rendered_lines(result, "gitlab", render).replace(
            _PATH, '"path": ' + json.dumps(path.replace("\\", "/"), ensure_ascii=False)
        )

        def unique(match: re.Match[str], path: str = path) -> str:
            digest = hashlib.md5(
                f"{path}\x1f{match[1]}\x1f{match[2]}".encode(), usedforsecurity=False
            ).hexdigest()
            return f'"fingerprint": "{digest}"'

        # file by file: joined into one text first, the output was held twice over
        stream.write(separator + _FINGERPRINT.sub(unique, text).replace("\n", ", "))
        separator = ", "
    stream.write("]\n")
