"""A results cache keyed by file content, rule set and fzlint itself.

An entry holds the findings of one file under `<cache dir>/<key[:2]>/<key>.json`: a first line of
JSON with their severities, the size of each rendering and a checksum of the rest; then the text
each output format that renders a file on its own rendered of them (see `fzlint.output`); then
the packed findings (`diagnostics.pack`) as JSON, read only when a run needs more than a rendering
(`Findings`).
The key hashes the file's bytes, the lint context (as-of date,
report year, last year's report) and the fingerprint of the rules: their definitions and
severities, the files they read, and fzlint's version and source. An edited report, a changed rule
or an upgraded fzlint each miss. Entries are written to a temporary file and renamed into place,
so runs sharing a cache folder never see a partial entry; an unreadable or corrupt entry (one
whose findings do not match the checksum) is a miss, and a cache that cannot be written is skipped, never an error.
So is an entry someone else could have written (`derived.believed_entry`): the checksum is
against damage, the owner and mode against tampering. `derived.choose_folder` picks the folder: the
project's `.fzlint_cache` when the project folder is the user's, else a per-user folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

import fzlint
from fzlint import derived
from fzlint.derived import source_digest as _source_digest
from fzlint.diagnostics import Diagnostic, Findings, Severity
from fzlint.engine.packs import LoadedRule
from fzlint.engine.rule import LintContext, Rule

CACHE_FORMAT = 4
DEFAULT_FOLDER = derived.DEFAULT_FOLDER


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


def _checksum(head: list[Any], body: bytes) -> int:
    # against damage, not tampering (`derived.believed_entry` is): a CRC is 3x faster than a hash
    return zlib.crc32(body, zlib.crc32(orjson.dumps(head)))


def encode(diagnostics: Sequence[Diagnostic]) -> bytes:
    """An entry's bytes: see the module's docstring."""
    findings = Findings.of(diagnostics)
    rendered = {
        name: text if isinstance(text, bytes) else text.encode()
        for name, text in findings.rendered.items()
    }
    sizes = {name: len(text) for name, text in rendered.items()}
    body = b"".join(rendered.values()) + findings.packed_json()
    severities = list(findings.severities)
    head = {
        "severities": severities,
        "rendered": sizes,
        "checksum": _checksum([severities, sizes], body),
    }
    return orjson.dumps(head) + b"\n" + body


def decode(data: bytes, rules: Mapping[str, Rule]) -> Findings:
    """The inverse of `encode`, its packed findings read when first needed. Raises ValueError,
    KeyError, TypeError or AttributeError when the entry is not one `encode` wrote."""
    first, _, body = data.partition(b"\n")
    head = orjson.loads(first)
    severities, sizes = head["severities"], head["rendered"]
    if head["checksum"] != _checksum([severities, sizes], body):
        raise ValueError("the entry does not match its checksum")
    rendered: dict[str, str | bytes] = {}
    at = 0
    for name, size in sizes.items():
        # kept as bytes: `json` writes them so, another format decodes them when it reads them
        # (what `encode` wrote, as the checksum says: UTF-8)
        rendered[name] = body[at : at + size]
        at += size
    packed = body[at:]
    return Findings.deferred(
        lambda: orjson.loads(packed),  # type: ignore[no-any-return]
        severities,
        rules,
        rendered,
    )


class ResultsCache:
    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = os.fspath(folder)

    @staticmethod
    def key(rules_fingerprint: str, ctx: LintContext, data: bytes) -> str:
        digest = hashlib.sha256(f"{rules_fingerprint}\0{ctx!r}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], f"{key}.json")

    def get(self, key: str, rules: Mapping[str, Rule]) -> Findings | None:
        try:
            path = self._path(key)
            with open(path, "rb") as handle:
                if not derived.believed_entry(path, handle):
                    return None
                data = handle.read()
            derived.used(path)
            return decode(data, rules)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, findings: Sequence[Diagnostic]) -> None:
        """Store findings under `key`."""
        path = self._path(key)
        try:
            derived.make_folder(self.folder)
            os.makedirs(os.path.dirname(path), mode=derived.FOLDER_MODE, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=os.path.dirname(path), prefix=".tmp-", suffix=".json"
            )
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(encode(findings))
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
