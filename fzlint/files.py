"""Finding the reports to lint: files as given, folders walked for report files.

Globs (include, exclude, per-file-ignores) follow .gitignore habits: a pattern without a slash
matches a file or folder name at any depth (`*.bak.txt`, `drafts`); a pattern with a slash matches
the path relative to its base folder (`2023/*.txt`, `old/**`), and naming a folder covers
everything under it.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase

from fzlint.document.source import file_kind
from fzlint.errors import InputError

# Text reports and Word documents; a .docx is recognised by its content wherever it is named.
DEFAULT_INCLUDE = ("*.txt", "*.docx")


def relative_posix(path: str, base: str) -> str | None:
    """`path` relative to folder `base` with `/` separators, or None when it is not under `base`."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return rel.replace(os.sep, "/")


def matches_glob(rel: str, pattern: str) -> bool:
    """Whether the relative posix path `rel` (a file or a folder) is matched by `pattern`."""
    pattern = pattern.strip().rstrip("/")
    if not pattern:
        return False
    parts = rel.split("/")
    if "/" not in pattern:
        return any(fnmatchcase(part, pattern) for part in parts)
    pattern = pattern.lstrip("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    bare = pattern[3:] if pattern.startswith("**/") else None
    return any(
        fnmatchcase(candidate, pattern) or (bare is not None and fnmatchcase(candidate, bare))
        for candidate in candidates
    )


def matches_any(rel: str, patterns: Iterable[str]) -> bool:
    return any(matches_glob(rel, pattern) for pattern in patterns)


# Non-regular files already reported as skipped: `--fix` walks the folders again to lint them.
_said_skipped: set[str] = set()


def _not_regular(path: str) -> str | None:
    """What `path` is when it is not a regular file (after links), or None. A path that cannot be
    examined (a broken link) is kept: reading it reports why."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else file_kind(mode)


def _say_skipped(skipped: list[tuple[str, str]]) -> None:
    """One line on stderr for the named pipes, devices and sockets a folder walk left out."""
    new = [(path, kind) for path, kind in skipped if os.path.abspath(path) not in _said_skipped]
    if not new:
        return
    _said_skipped.update(os.path.abspath(path) for path, _ in new)
    listed = "、".join(f"{path}（{kind}）" for path, kind in new)
    print(f"fzlint: 提示: 已跳过 {len(new)} 个不是普通文件的条目：{listed}", file=sys.stderr)


def _walk(folder: str, include: Sequence[str], exclude: Sequence[str]) -> list[str]:
    """The report files under `folder`; named pipes, devices and sockets (links to them too) are
    left out, since reading one would block or never end."""
    found: list[str] = []
    skipped: list[tuple[str, str]] = []
    for root, dirs, files in os.walk(folder):
        rel_root = relative_posix(root, folder) or "."
        prefix = "" if rel_root == "." else rel_root + "/"
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not matches_any(prefix + d, exclude)
        )
        for name in sorted(files):
            if (
                name.startswith(".")
                or not matches_any(name, include)
                or matches_any(prefix + name, exclude)
            ):
                continue
            path = os.path.join(root, name)
            kind = _not_regular(path)
            if kind is None:
                found.append(path)
            else:
                skipped.append((path, kind))
    _say_skipped(skipped)
    return found


def discover(
    paths: Iterable[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
) -> list[str]:
    """The report files named by `paths`, in a stable order, each once.

    A file is taken whatever its name; a folder is walked for files matching `include` (by name),
    skipping hidden entries (`.git` among them) and whatever matches `exclude` (relative to the
    folder walked). A missing path or a folder with no report raises InputError.
    """
    result: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            found = _walk(path, include, exclude)
            if not found:
                raise InputError(f"目录中没有可检查的报告文件（{'、'.join(include)}）", path)
        elif os.path.exists(path):
            found = [path]
        else:
            raise InputError("文件或目录不存在", path)
        for file in found:
            key = os.path.normpath(file)
            if key not in seen:
                seen.add(key)
                result.append(file)
    return result


def walked_from(path: str, inputs: Iterable[str]) -> str | None:
    """The folder among `inputs` whose walk found `path`, or None when `path` was named itself.
    `--fix` writes a file found by a walk only inside that folder (see fzlint.fixer.write_fix)."""
    for each in inputs:
        if each != path and os.path.isdir(each) and relative_posix(path, each) is not None:
            return each
    return None
