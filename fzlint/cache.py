"""A results cache keyed by file content, rule set and fzlint itself.

An entry holds the findings of one file as JSON, under `<cache dir>/<key[:2]>/<key>.json`, where
the key hashes the file's bytes, the fingerprint of the run (the rules with their options, the
files they read, the lint context, the fzlint version and its own source) and nothing else: an
edited report, a changed rule or an upgraded fzlint each miss. Entries are written to a temporary
file and renamed into place, so two runs sharing a cache folder never see a partial entry; an
unreadable or corrupt entry is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from fzlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity, Span
from fzlint.engine.packs import LoadedRule
from fzlint.engine.rule import LintContext, Rule

CACHE_FORMAT = 1


def _source_digest() -> str:
    """fzlint's own code, so that a development checkout invalidates entries as it changes."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(rules: Sequence[LoadedRule], ctx: LintContext, version: str) -> str:
    """What, besides the file itself, decides a file's findings."""
    digest = hashlib.sha256()
    digest.update(f"{CACHE_FORMAT}\0{version}\0{_source_digest()}\0{ctx!r}\0".encode())
    read: set[str] = set()
    for item in rules:
        digest.update(repr(item.rule).encode())
        read.update([item.rule.source, *item.checker.dependencies()])
    for path in sorted(read):
        digest.update(path.encode())
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            digest.update(b"\0missing")
    return digest.hexdigest()


def _span(span: Span) -> list[int]:
    return [span.start, span.end]


def dump(diagnostics: Iterable[Diagnostic]) -> list[dict[str, Any]]:
    return [
        {
            "rule": d.rule.id,
            "span": _span(d.span),
            "message": d.message,
            "severity": d.severity.value,
            "fix": None
            if d.fix is None
            else {
                "edits": [[*_span(e.span), e.content] for e in d.fix.edits],
                "applicability": d.fix.applicability.value,
                "title": d.fix.title,
            },
            "related": [[*_span(r.span), r.message] for r in d.related],
        }
        for d in diagnostics
    ]


def load(items: list[dict[str, Any]], rules: Mapping[str, Rule]) -> list[Diagnostic]:
    """The inverse of `dump`; raises KeyError/TypeError/ValueError on an entry that does not fit."""
    result = []
    for item in items:
        fix = item["fix"]
        result.append(
            Diagnostic(
                rule=rules[item["rule"]],
                span=Span(*item["span"]),
                message=item["message"],
                severity=Severity(item["severity"]),
                fix=None
                if fix is None
                else Fix(
                    tuple(Edit(Span(s, e), c) for s, e, c in fix["edits"]),
                    Applicability(fix["applicability"]),
                    fix["title"],
                ),
                related=tuple(Related(Span(s, e), m) for s, e, m in item["related"]),
            )
        )
    return result


class ResultsCache:
    def __init__(
        self, folder: str | os.PathLike[str], run_fingerprint: str, rules: Sequence[LoadedRule]
    ) -> None:
        self.folder = Path(folder)
        self.run_fingerprint = run_fingerprint
        self.rules = {item.rule.id: item.rule for item in rules}

    def key(self, data: bytes) -> str:
        return hashlib.sha256(self.run_fingerprint.encode() + b"\0" + data).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, data: bytes) -> list[Diagnostic] | None:
        try:
            with open(self._path(self.key(data)), encoding="utf-8") as handle:
                return load(json.load(handle), self.rules)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, data: bytes, diagnostics: Iterable[Diagnostic]) -> None:
        """Store an entry; a cache that cannot be written is skipped, never an error."""
        path = self._path(self.key(data))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(dump(diagnostics), out, ensure_ascii=False)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
