"""Finding the reports to lint: files as given, folders walked for report files.

Globs (include, exclude, per-file-ignores) follow .gitignore habits: a pattern without a slash
matches a file or folder name at any depth (`*.bak.txt`, `drafts`); a pattern with a slash matches
the path relative to its base folder (`2023/*.txt`, `old/**`), and naming a folder covers
everything under it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase

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


def _walk(folder: str, include: Sequence[str], exclude: Sequence[str]) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        rel_root = relative_posix(root, folder) or "."
        prefix = "" if rel_root == "." else rel_root + "/"
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not matches_any(prefix + d, exclude)
        )
        found.extend(
            os.path.join(root, name)
            for name in sorted(files)
            if not name.startswith(".")
            and matches_any(name, include)
            and not matches_any(prefix + name, exclude)
        )
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
