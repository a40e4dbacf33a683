"""The interface language: what a person reads from fzlint (help, usage errors, severities,
category names, summaries) is Chinese; `FZLINT_LANG=en` gives the English interface.

Only FZLINT_LANG decides, not LANG or LC_ALL: CI images and containers commonly set
`LANG=en_US.UTF-8` or `C.UTF-8` with nobody choosing English, and a Chinese Windows sets none of
them, so following them would make the default depend on the machine instead of the reader.
Rule ids, names and category ids stay English everywhere, and machine formats (json, sarif,
gitlab, github, junit, and the severity word of `concise`) are the same in either language.
"""

from __future__ import annotations

import argparse
import datetime
import errno
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from fzlint.diagnostics import Severity


def english() -> bool:
    """Whether the English interface was asked for (FZLINT_LANG=en, en_US, en-GB …)."""
    return os.environ.get("FZLINT_LANG", "").strip().lower().startswith("en")


def tr(zh: str, en: str) -> str:
    """`zh`, or `en` under the English interface."""
    return en if english() else zh


_SEVERITIES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def severity(level: Severity) -> str:
    """A severity as people read it: 错误/警告/提示 (error/warning/info in English)."""
    return level.label if english() else _SEVERITIES[level]


# Every category the shipped packs use; a pack's own category is shown as its id.
CATEGORIES = {
    "punctuation": "标点",
    "spacing": "空格",
    "numbering": "编号",
    "structure": "结构",
    "signature-date": "落款日期",
    "artefact": "残留",
    "date": "日期",
    "duplicate": "重复",
    "stale-name": "过时名称",
    "file": "文件",
}


def category(name: str) -> str:
    """A category id as people read it (the id itself in English or when it is not known)."""
    return name if english() else CATEGORIES.get(name, name)


# The system's texts for the errors a file operation commonly meets, which come in the
# system's language (English on Linux and macOS) and would be joined to a Chinese sentence.
_ERRNO = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许此操作",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一部分不是目录",
    errno.EEXIST: "文件已存在",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EMFILE: "打开的文件过多",
    errno.EBUSY: "文件正被占用",
    errno.EINVAL: "参数无效",
    errno.EIO: "输入输出错误",
    errno.ELOOP: "符号链接层次过多",
    errno.EXDEV: "不能跨设备操作",
    errno.ETIMEDOUT: "操作超时",
}
_WINERROR = {32: "文件正被另一个程序占用", 33: "文件的一部分已被另一个程序锁定"}


def strerror(exc: OSError) -> str:
    """An OSError's reason in the interface language (the system's text for an unknown one)."""
    if not english():
        winerror = getattr(exc, "winerror", None)
        if winerror in _WINERROR:
            return _WINERROR[winerror]
        if exc.errno in _ERRNO:
            return _ERRNO[exc.errno]
    if exc.strerror:
        return exc.strerror
    if exc.errno:
        return os.strerror(exc.errno)
    return str(exc)


# argparse's own strings (its gettext message ids), for the messages fzlint's parsers can show.
_ARGPARSE = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 错误: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "ignored explicit argument %r": "多余的参数值 %r",
    "not allowed with argument %s": "不能与参数 %s 同用",
    "one of the arguments %s is required": "需要参数 %s 之一",
    "unexpected option string: %s": "意外的选项：%s",
}


def _gettext(message: str) -> str:
    return _ARGPARSE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextmanager
def _argparse_language() -> Iterator[None]:
    """argparse's strings in the interface language while fzlint's parser is at work. argparse
    looks its strings up through gettext at the moment it shows them (`argparse._`), so a
    translation table put there for that moment serves, and nothing outside fzlint's parsers
    is touched."""
    if english():
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


# An ASCII word (an option, a path, a list of names joined by commas) is kept whole; any other
# character may end a line, except a closing mark that belongs to what comes before it.
_TOKEN = re.compile(r"[!-~]+|\s+|.", re.DOTALL)
_NO_BREAK_BEFORE = frozenset("，。；：、）」』”’！？")


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines at most `width` terminal cells wide (a Chinese character takes two):
    argparse's textwrap counts characters and breaks only at spaces, so a Chinese help text
    overflows the terminal and a list such as annual-report、speech、… is cut inside a word."""
    lines: list[str] = []
    line, cells = "", 0
    for token in _TOKEN.findall(text):
        if token.isspace():
            if line:
                line, cells = line + " ", cells + 1
            continue
        size = _cells(token)
        if line.strip() and cells + size > width and token[0] not in _NO_BREAK_BEFORE:
            lines.append(line.rstrip())
            line, cells = "", 0
        line, cells = line + token, cells + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _HelpFormatter(argparse.HelpFormatter):
    """Help text wrapped by display width (see `wrap`)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))


def iso_date(value: str) -> datetime.date:
    """An argparse type: a date written YYYY-MM-DD, or a usage error in the interface's language."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr(f"日期应为 YYYY-MM-DD 格式：{value}", f"expected a date YYYY-MM-DD: {value}")
        ) from None


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser that speaks the interface language: its usage, section titles, help
    option and error messages, with help text wrapped for Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        with _argparse_language():
            super().__init__(*args, **kwargs)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> argparse.Namespace:
        with _argparse_language():
            return super().parse_args(args, namespace)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with _argparse_language():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _argparse_language():
            return super().format_usage()

    def format_help(self) -> str:
        with _argparse_language():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with _argparse_language():
            super().error(message)  # exits


__all__ = ["ArgumentParser", "category", "english", "severity", "strerror", "tr"]
