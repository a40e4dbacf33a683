"""What fzlint derives from its rule files and keeps between runs, as Python keeps bytecode.

Two things are kept, in the results cache's folder (so `--no-cache` and `--cache-dir` govern them
too), each keyed by what it was derived from:
- `yaml/`: each parsed rule pack and knowledge base (fzlint.engine.yamlfile), so that an unchanged
  pack is read back with `marshal` and PyYAML is not even imported;
- `patterns/`: the compiled form of the rule packs' regular expressions (fzlint.text.regex).

On one report these save ~120 ms of a ~0.45 s run. An unreadable, damaged (each entry carries a
checksum) or unexpected entry is a miss, and a folder that cannot be written is skipped: never an
error. Only a folder fzlint creates, or an empty one, is made a cache folder (`make_folder`).

The folder's housekeeping is here too. Every entry of the folder (these and the results cache's)
is keyed by what it was made from, so an edited report or an upgrade leaves old entries behind:
`used` keeps an entry's modification time within a day of its last use, and `prune` (at most once
a day) removes the entries unused for `UNUSED_DAYS`, and temporary files a killed run left.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import tempfile
import time
import zlib
from functools import cache
from pathlib import Path
from typing import Any

_folder: str | None = None

UNUSED_DAYS = 30
_DAY = 24 * 60 * 60
# What `prune` may remove, by subfolder: results entries (in folders named by two hex digits) and
# derived data; their temporary files. Nothing else in the folder is touched.
_ENTRY = re.compile(r"[0-9a-f]{64}\.json|[0-9a-f]{64}\.marshal|[0-9a-f]{20}-[\w.-]+\.marshal")
_TEMPORARY = re.compile(r"\.tmp-\w+\.json|tmp\w+\.tmp")
_SUBFOLDER = re.compile(r"[0-9a-f]{2}|yaml|patterns")
_PRUNED = ".pruned"


@cache
def source_digest() -> str:
    """fzlint's own code: what is derived (and the results cache) is keyed by it, so that a
    development checkout invalidates entries as it changes, as an upgrade does."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


_TAG = "CACHEDIR.TAG"
_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55\n"


def is_ours(folder: str) -> bool:
    """Whether fzlint may keep its cache in `folder`: one it marked (CACHEDIR.TAG), an empty one,
    or none yet. A folder holding anything else is someone's (`--cache-dir .` in a folder of
    reports): marking it would hide all of it from git."""
    try:
        if os.path.isfile(os.path.join(folder, _TAG)):
            return True
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except FileNotFoundError:
        return True
    except OSError:
        return False


def make_folder(folder: str) -> None:
    """Create the cache folder, marked as one: never committed (its own `.gitignore`) and skipped
    by backup tools (CACHEDIR.TAG, https://bford.info/cachedir/). Only a folder fzlint made (or an
    empty one) is marked. Raises OSError, also for a folder holding other files."""
    if os.path.isfile(os.path.join(folder, _TAG)):
        return
    os.makedirs(folder, exist_ok=True)
    if not is_ours(folder):
        raise FileExistsError(f"{folder} holds files that are not fzlint's")
    # the tag first: a run that finds the folder between the two writes then takes it as marked
    with open(os.path.join(folder, _TAG), "w", encoding="utf-8") as handle:
        handle.write(_SIGNATURE)
    with open(os.path.join(folder, ".gitignore"), "w", encoding="utf-8") as handle:
        handle.write("*\n")


def keep_in(folder: str | None) -> None:
    """Keep derived data under `folder`, or nowhere (None)."""
    global _folder
    _folder = folder


def path(*parts: str) -> str | None:
    """Where an entry lives, or None when nothing is kept."""
    return os.path.join(_folder, *parts) if _folder else None


# An entry's bytes: this tag, the CRC-32 of the rest (4 bytes, big-endian), then the marshal data.
# marshal reads damaged bytes as whatever they happen to spell (or crashes on them): the checksum
# makes a truncated or overwritten entry a miss before they are read.
_HEADER = b"fzlint-derived-1\n"


def read(entry: str) -> Any:
    """The data stored in `entry`, or None when there is none or it is damaged. What it holds
    may still not be what the reader expects (an entry of another fzlint): readers check that."""
    try:
        with open(entry, "rb") as handle:
            data = handle.read()
        start = len(_HEADER) + 4
        if not data.startswith(_HEADER):
            return None
        if zlib.crc32(data[start:]).to_bytes(4, "big") != data[len(_HEADER) : start]:
            return None
        value = marshal.loads(data[start:])
        used(entry)
        return value
    except (OSError, EOFError, ValueError, TypeError):
        return None


def used(entry: str) -> None:
    """Note that `entry` was used: its modification time is set to now when it is more than a day
    old, so that `prune` keeps it. Raises OSError."""
    now = time.time()
    if now - os.stat(entry).st_mtime > _DAY:
        os.utime(entry, (now, now))


def prune(folder: str, now: float | None = None) -> int:
    """Remove the folder's entries unused for `UNUSED_DAYS` and temporary files over a day old;
    once a day at most (the time of the last pass is kept in the folder). Returns how many files
    were removed; a folder that cannot be read or written is left alone."""
    now = time.time() if now is None else now
    marker = os.path.join(folder, _PRUNED)
    try:
        if now - os.stat(marker).st_mtime < _DAY:
            return 0
    except FileNotFoundError:
        pass
    except OSError:
        return 0
    try:
        with open(marker, "w", encoding="utf-8"):
            pass
        os.utime(marker, (now, now))
        subfolders = [e.path for e in os.scandir(folder) if _SUBFOLDER.fullmatch(e.name)]
    except OSError:
        return 0
    removed = 0
    for subfolder in subfolders:
        try:
            files = list(os.scandir(subfolder))
        except OSError:
            continue
        for file in files:
            if _ENTRY.fullmatch(file.name):
                limit = UNUSED_DAYS * _DAY
            elif _TEMPORARY.fullmatch(file.name):
                limit = _DAY
            else:
                continue
            try:
                if now - file.stat().st_mtime > limit:
                    os.unlink(file.path)
                    removed += 1
            except OSError:
                continue
    return removed


def write(entry: str, data: Any) -> None:
    """Store `data` (marshal-able) in `entry` atomically: a temporary file renamed into place."""
    try:
        body = marshal.dumps(data)
        encoded = _HEADER + zlib.crc32(body).to_bytes(4, "big") + body
        if _folder is not None:
            make_folder(_folder)
        folder = os.path.dirname(entry)
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(encoded)
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):
        pass
