"""Whose files fzlint believes: the trust boundary of the cache folder and of configuration files.

A cached entry decides a report's findings (and, through a parsed pack, what `--fix` writes), and a
configuration file decides which rules run. So, as git's `safe.directory` and ssh's `StrictModes`
do, fzlint believes only files and folders that nobody else could have written: owned by the user
running fzlint (the effective uid), by root, or, under `sudo`, by the user who ran sudo
(`SUDO_UID`), and not writable by others: not world-writable, and group-writable only when the
group is the owner's own private group (a group of the owner's name holding nobody else, as
`umask 002` systems give every user).

Ownership and modes were chosen over a keyed hash (a per-user secret signing each entry): they cost
one `fstat` per entry, need no secret file to create, protect or lose, and also cover the
configuration files, which nobody signs. Windows has no POSIX owners (`os.stat` reports uid 0 and
only the read-only bit): there every file is believed, and a folder's NTFS permissions are what
protect it; fzlint's default cache folder is then the project's `.fzlint_cache`, or
`%LOCALAPPDATA%\\fzlint\\cache` by choice (`--cache-dir`).
"""

from __future__ import annotations

import os
import stat
from functools import cache


@cache
def trusted_owners() -> frozenset[int] | None:
    """The uids whose files are believed, or None where files have no owners (Windows)."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:
        return None
    owners = {geteuid(), 0}
    if geteuid() == 0:
        sudo = os.environ.get("SUDO_UID", "")
        if sudo.isdigit():
            owners.add(int(sudo))
    return frozenset(owners)


@cache
def _private_group(uid: int, gid: int) -> bool:
    """Whether `gid` is the user private group of `uid`: its primary group, named after it, with
    no other member."""
    try:
        import grp
        import pwd

        user = pwd.getpwuid(uid)
        group = grp.getgrgid(gid)
    except (ImportError, KeyError, OSError):
        return False
    return (
        user.pw_gid == gid and group.gr_name == user.pw_name and set(group.gr_mem) <= {user.pw_name}
    )


def problem(status: os.stat_result) -> str | None:
    """Why a file or folder with this `stat` is not believed (in Chinese), or None when it is."""
    owners = trusted_owners()
    if owners is None:
        return None
    if status.st_uid not in owners:
        return "属于其他用户"
    if status.st_mode & stat.S_IWOTH:
        return "其他用户可写"
    if status.st_mode & stat.S_IWGRP and not _private_group(status.st_uid, status.st_gid):
        return "同组的其他用户可写"
    return None


def believed(path: str) -> bool:
    """Whether `path` exists and passes `problem` (following a symbolic link)."""
    try:
        return problem(os.stat(path)) is None
    except (OSError, ValueError):
        return False


def user_cache_folder() -> str:
    """The per-user cache folder: `%LOCALAPPDATA%\\fzlint\\cache` on Windows,
    `~/Library/Caches/fzlint` on macOS, else `$XDG_CACHE_HOME/fzlint` or `~/.cache/fzlint`."""
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser(r"~\AppData\Local")
        return os.path.join(base, "fzlint", "cache")
    if os.uname().sysname == "Darwin":
        return os.path.join(os.path.expanduser("~/Library/Caches"), "fzlint")
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # the XDG spec: a relative path is invalid and ignored
    base = xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache")
    return os.path.join(base, "fzlint")
