"""Finding the reports to lint: files as given, folders walked for report files."""

from __future__ import annotations

import os
from collections.abc import Iterable

from fzlint.errors import InputError

REPORT_SUFFIXES = (".txt",)


def _walk(folder: str) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            os.path.join(root, name)
            for name in sorted(files)
            if name.endswith(REPORT_SUFFIXES) and not name.startswith(".")
        )
    return found


def discover(paths: Iterable[str]) -> list[str]:
    """The report files named by `paths`, in a stable order, each once.

    A file is taken whatever its name; a folder is walked for `*.txt`, skipping hidden entries
    (`.git` among them). A missing path or a folder with no report raises InputError.
    """
    result: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            found = _walk(path)
            if not found:
                raise InputError("目录中没有可检查的报告文件（*.txt）", path)
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
