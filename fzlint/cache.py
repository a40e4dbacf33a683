"""A results cache keyed by file content, rule set and fzlint itself.

An entry holds the findings of one file (`diagnostics.pack`, as JSON) under
`<cache dir>/<key[:2]>/<key>.json`. The key hashes the file's bytes, the lint context (as-of date,
report year, last year's report) and the fingerprint of the rules: their definitions and
severities, the files they read, and fzlint's version and source. An edited report, a changed rule
or an upgraded fzlint each miss. Entries are written to a temporary file and renamed into place,
so runs sharing a cache folder never see a partial entry; an unreadable or corrupt entry is a
miss, and a cache that cannot be written is skipped, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import orjson

import fzlint
from fzlint import derived
from fzlint.derived import source_digest as _source_digest
from fzlint.diagnostics import Diagnostic, Severity, pack, unpack
from fzlint.engine.packs import LoadedRule
from fzlint.engine.rule import LintContext, Rule

CACHE_FORMAT = 2
DEFAULT_FOLDER = ".fzlint_cache"


def fingerprint(
    rules: Sequence[LoadedRule],
    severity: Mapping[str, Severity] | None = None,
    version: str = fzlint.__version__,
) -> str:
    """What, besides the file and the context, decides a file's findings."""
    digest = hashlib.sha256()
    digest.update(f"{CACHE_FORMAT}\0{version}\0{_source_digest()}\0".encode())
    digest.update(repr(sorted((severity or {}).items())).encode())
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


class ResultsCache:
    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    @staticmethod
    def key(rules_fingerprint: str, ctx: LintContext, data: bytes) -> str:
        digest = hashlib.sha256(f"{rules_fingerprint}\0{ctx!r}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, rules: Mapping[str, Rule]) -> tuple[Diagnostic, ...] | None:
        try:
            with open(self._path(key), "rb") as handle:
                return unpack(orjson.loads(handle.read()), rules)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, diagnostics: Iterable[Diagnostic]) -> None:
        path = self._path(key)
        try:
            derived.make_folder(str(self.folder))
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(orjson.dumps(pack(diagnostics)))
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
