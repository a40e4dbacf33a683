"""What fzlint derives from its rule files and keeps between runs, as Python keeps bytecode.

Four things are kept, in the results cache's folder (so `--no-cache` and `--cache-dir` govern them
too), each keyed by what it was derived from:
- `yaml/`: each parsed rule pack and knowledge base (fzlint.engine.yamlfile), so that an unchanged
  pack is read back with `marshal` and PyYAML is not even imported;
- `patterns/`: the compiled form of the rule packs' regular expressions (fzlint.text.regex);
- `words/`: each report's words, line by line (fzlint.text.tokens), so that an edited report is
  segmented again only where it changed;
- `lexicon/`: the segmenter's dictionary grouped by first character (fzlint.text.lexicon), from
  which the few lines an edit changed are segmented without loading the whole dictionary.

On one report these save ~120 ms of a ~0.45 s run. An unreadable, damaged (each entry carries a
checksum) or unexpected entry is a miss, and a folder that cannot be written is skipped: never an
error. Only a folder fzlint creates, or an empty one, is made a cache folder (`make_folder`).

An entry is read only when nobody else could have written it (fzlint.trust): the entry (checked on
the open file), its subfolder and the cache folder are the user's and not writable by others.
Folders are created with mode 0755 and entries 0600, whatever the umask, so fzlint never makes a
cache it would then refuse.

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
from typing import IO, Any

from fzlint.trust import problem, user_cache_folder

_folder: str | None = None
DEFAULT_FOLDER = ".fzlint_cache"

UNUSED_DAYS = 30
_DAY = 24 * 60 * 60
# What `prune` may remove, by subfolder: results entries (in folders named by two hex digits) and
# derived data; their temporary files. Nothing else in the folder is touched.
_ENTRY = re.compile(r"[0-9a-f]{64}\.json|[0-9a-f]{64}\.marshal|[0-9a-f]{20}-[\w.-]+\.marshal")
_TEMPORARY = re.compile(r"\.tmp-\w+\.json|tmp\w+\.tmp")
_SUBFOLDER = re.compile(r"[0-9a-f]{2}|yaml|patterns|words|lexicon")
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


# 0755 (not 0777 less the umask): a group-writable cache would be refused by `believed_entry`
FOLDER_MODE = 0o755
_believed_folders: set[str] = set()


def believed_folder(folder: str) -> bool:
    """Whether nobody else can write in `folder` (remembered once true: only its owner could
    change that)."""
    if folder in _believed_folders:
        return True
    try:
        if problem(os.stat(folder)) is not None:
            return False
    except OSError:
        return False
    _believed_folders.add(folder)
    return True


def believed_entry(entry: str, handle: IO[bytes]) -> bool:
    """Whether the open entry `handle` (a file at `<cache folder>/<subfolder>/<name>`) and the two
    folders above it are the user's alone: another user's or a writable entry could have been
    planted to change a report's findings or what --fix writes."""
    if problem(os.fstat(handle.fileno())) is not None:
        return False
    subfolder = os.path.dirname(os.path.abspath(entry))
    return believed_folder(subfolder) and believed_folder(os.path.dirname(subfolder))


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
    os.makedirs(folder, mode=FOLDER_MODE, exist_ok=True)
    if not is_ours(folder):
        raise FileExistsError(f"{folder} holds files that are not fzlint's")
    # the tag first: a run that finds the folder between the two writes then takes it as marked
    with open(os.path.join(folder, _TAG), "w", encoding="utf-8") as handle:
        handle.write(_SIGNATURE)
    with open(os.path.join(folder, ".gitignore"), "w", encoding="utf-8") as handle:
        handle.write("*\n")


def choose_folder(given: str | None, project: str = ".") -> tuple[str | None, str | None]:
    """The cache folder to use and a warning (Chinese, one line) for the user, or None.

    `given` is `--cache-dir` or `$FZLINT_CACHE_DIR`. Without it, the cache is `.fzlint_cache` in
    the `project` folder when that folder is the user's and not writable by others, else the
    per-user folder (`trust.user_cache_folder`): another user must not be able to plant entries.
    A chosen folder that exists but is someone else's, or writable by others, is not used at all
    (None): its entries could be forged, and ours there could be read or removed."""
    if given is None:
        try:
            shared = problem(os.stat(project)) is not None
        except OSError:
            shared = True
        folder = user_cache_folder() if shared else os.path.join(project, DEFAULT_FOLDER)
    else:
        folder = given
    try:
        why = problem(os.stat(folder))
    except OSError:
        return folder, None  # made when first written, as the user's
    if why is None:
        return folder, None
    return (
        None,
        f"fzlint: 警告: 缓存目录 {folder} {why}，本次不读写缓存（请用 --cache-dir 指定自己的目录）",
    )


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
            if not believed_entry(entry, handle):
                return None
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
        os.makedirs(folder, mode=FOLDER_MODE, exist_ok=True)
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
