"""What fzlint derives from its rule files and keeps between runs, as Python keeps bytecode.

Two things are kept, in the results cache's folder (so `--no-cache` and `--cache-dir` govern them
too), each keyed by what it was derived from:
- `yaml/`: each parsed rule pack and knowledge base (fzlint.engine.yamlfile), so that an unchanged
  pack is read back with `marshal` and PyYAML is not even imported;
- `patterns/`: the compiled form of the rule packs' regular expressions (fzlint.text.regex).

On one report these save ~120 ms of a ~0.45 s run. An unreadable entry is a miss, and a folder
that cannot be written is skipped: never an error.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

_folder: str | None = None


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


def make_folder(folder: str) -> None:
    """Create the cache folder, marked as one: never committed (its own `.gitignore`) and skipped
    by backup tools (CACHEDIR.TAG, https://bford.info/cachedir/). Raises OSError."""
    if os.path.isfile(os.path.join(folder, "CACHEDIR.TAG")):
        return
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, ".gitignore"), "w", encoding="utf-8") as handle:
        handle.write("*\n")
    with open(os.path.join(folder, "CACHEDIR.TAG"), "w", encoding="utf-8") as handle:
        handle.write("Signature: 8a477f597d28d172789f06886806bc55\n")


def keep_in(folder: str | None) -> None:
    """Keep derived data under `folder`, or nowhere (None)."""
    global _folder
    _folder = folder


def path(*parts: str) -> str | None:
    """Where an entry lives, or None when nothing is kept."""
    return os.path.join(_folder, *parts) if _folder else None


def read(entry: str) -> Any:
    """The data stored in `entry`, or None."""
    try:
        with open(entry, "rb") as handle:
            return marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write(entry: str, data: Any) -> None:
    """Store `data` (marshal-able) in `entry` atomically: a temporary file renamed into place."""
    try:
        encoded = marshal.dumps(data)
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
