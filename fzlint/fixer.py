"""Applying fixes: deterministic overlap resolution, iteration to a fixed point, and writing a
fixed report back to disk without ever losing data.

`apply_once` and `fix_text` are pure. `plan_fix` reads one file and computes its fixed bytes;
`write_fix` replaces the file atomically (a temporary file in the same folder, renamed over the
original; in place for a file with hard links or whose owner a new file cannot take), keeping its
mode, owner and group, and refuses when the file changed on disk after it was read. The original encoding (a
GBK file stays GBK), BOM and dominant line ending are kept; mixed line endings are normalised to
the dominant one.
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from fzlint.diagnostics import Applicability, Diagnostic, Edit
from fzlint.document.source import Document, encode, read_report
from fzlint.errors import FzlintError, InputError
from fzlint.files import relative_posix
from fzlint.i18n import strerror

# Fixing re-lints and re-applies until nothing changes; a pair of rules that keep undoing each
# other must not loop forever.
MAX_ROUNDS = 10


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    if fix is None:
        return False
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def apply_once(
    text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False
) -> tuple[str, list[Diagnostic]]:
    """Apply the non-overlapping fixes of `diagnostics` (earliest first, then by rule id).

    A fix whose edits overlap an already chosen fix waits for the next round. A fix is held back
    when another finding of the same category on exactly the same span has no fix to apply: two
    rules judge the same text, one mechanically and one for a human (a half-width comma that also
    splits a word, 得,到), and the human decides. A finding of another category on that span is
    about something else (a lone （一） still takes its full-width brackets).
    """
    diagnostics = list(diagnostics)
    for_a_human = {(d.span, d.rule.category) for d in diagnostics if not applicable(d, unsafe)}
    chosen: list[Diagnostic] = []
    taken = _Taken()
    candidates = sorted(
        (
            d
            for d in diagnostics
            if applicable(d, unsafe) and (d.span, d.rule.category) not in for_a_human
        ),
        key=lambda d: (d.fix.span.start, d.fix.span.end, d.rule.id),  # type: ignore[union-attr]
    )
    for diagnostic in candidates:
        edits = diagnostic.fix.edits  # type: ignore[union-attr]
        if any(taken.conflicts(edit) for edit in edits):
            continue
        chosen.append(diagnostic)
        taken.add(edits)
    return _apply(text, taken.edits), chosen


def _apply(text: str, edits: list[Edit]) -> str:
    """`text` with `edits` (none overlapping) made, in one pass."""
    pieces: list[str] = []
    at = 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        pieces.append(text[at : edit.span.start])
        pieces.append(edit.content)
        at = edit.span.end
    pieces.append(text[at:])
    return "".join(pieces)


class _Taken:
    """The edits of the fixes chosen so far, sorted by start, and which of them a new edit
    conflicts with. An edit that conflicts with `a` starts at or before `a`'s end and ends at or
    after its start, so only the taken edits starting between `a.start - longest` and `a.end` are
    looked at: a few, not all of them (fixes come in text order, so most land at the end)."""

    def __init__(self) -> None:
        self.edits: list[Edit] = []
        self._starts: list[int] = []
        self._longest = 0
        # overlap checks made, for the test that they grow linearly with the fixes
        self.checks = 0

    def conflicts(self, edit: Edit) -> bool:
        index = bisect.bisect_right(self._starts, edit.span.end)
        lowest = edit.span.start - self._longest
        while index > 0 and self._starts[index - 1] >= lowest:
            index -= 1
            self.checks += 1
            if _conflict(edit, self.edits[index]):
                return True
        return False

    def add(self, edits: Iterable[Edit]) -> None:
        for edit in edits:
            # after the edits starting at the same point: the order they were taken in
            index = bisect.bisect_right(self._starts, edit.span.start)
            self._starts.insert(index, edit.span.start)
            self.edits.insert(index, edit)
            self._longest = max(self._longest, len(edit.span))


def _conflict(a: Edit, b: Edit) -> bool:
    if a.span.overlaps(b.span):
        return True
    # Two insertions at one point, or an insertion at the edge of a replacement, have no clear order.
    return a.span.start == b.span.start or (
        (len(a.span) == 0 or len(b.span) == 0)
        and (a.span.start == b.span.end or b.span.start == a.span.end)
    )


def fix_text(
    text: str, lint: Callable[[str], Sequence[Diagnostic]], unsafe: bool = False
) -> tuple[str, int]:
    """Lint and fix repeatedly until no applicable fix is left; returns the text and fixes applied."""
    applied = 0
    for _ in range(MAX_ROUNDS):
        fixed, chosen = apply_once(text, lint(text), unsafe)
        if not chosen or fixed == text:
            break
        text = fixed
        applied += len(chosen)
    return text, applied


class WriteError(InputError):
    """A fixed report that could not be written back; the file is as it was."""


@dataclass(frozen=True)
class FilePlan:
    """One file's fix, computed but not yet written."""

    path: str
    original: bytes
    fixed: bytes
    encoding: str
    after: str
    applied: int
    # For a Word document: the text before fixing (the diff is of the text, not the package),
    # and how many fixes could not be put back into it (fzlint.docx_fix).
    before: str | None = None
    skipped: int = 0

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        """A unified diff of the file as decoded, line ends included, so that a normalised line
        ending shows too (empty when nothing changes)."""
        if not self.changed:
            return ""
        if self.before is not None:
            before, after = _lines(self.before), _lines(self.after)
            return "".join(difflib.unified_diff(before, after, self.path, self.path))
        before = _lines(self.original.decode(self.encoding))
        after = _lines(self.fixed.decode(self.encoding))
        return "".join(difflib.unified_diff(before, after, self.path, self.path))


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def plan_fix(
    path: str, lint: Callable[[Document], Sequence[Diagnostic]], unsafe: bool = False
) -> FilePlan:
    """Read `path` and compute its fixed bytes in the file's own encoding, BOM and line ending."""
    original = read_report(path)
    doc = Document.from_bytes(original, path)
    if doc.word is not None:
        from fzlint.docx_fix import plan_docx_fix

        return plan_docx_fix(path, original, doc, lint, unsafe)

    def lint_text(text: str) -> Sequence[Diagnostic]:
        return lint(Document(text, path, encoding=doc.encoding, bom=doc.bom, newline=doc.newline))

    after, applied = fix_text(doc.text, lint_text, unsafe)
    if applied == 0 and not doc.mixed_newlines:
        return FilePlan(path, original, original, doc.encoding, doc.text, 0)
    try:
        fixed = encode(after, doc.encoding, doc.bom, doc.newline)
    except UnicodeEncodeError as exc:
        raise WriteError(
            f"修复后的文本含有无法用原编码 {doc.encoding} 保存的字符「{exc.object[exc.start]}」，未写回",
            path,
        ) from None
    return FilePlan(path, original, fixed, doc.encoding, after, applied)


# A fixed report is written to `.<name>.fzlint-fix-<pid>-<random>.tmp` beside it, then renamed over
# it. A run killed in between leaves that copy: the next --fix in the folder removes the copies of
# runs that have ended (and those of the earlier naming `.<name>.<random>.fzlint` after an hour).
_TEMPORARY = ".fzlint-fix-"
_STALE = re.compile(r"\..+\.fzlint-fix-(\d+)-[a-z0-9_]+\.tmp")
_STALE_BEFORE = re.compile(r"\..+\.[a-z0-9_]{8}\.fzlint")
_AN_HOUR = 3600


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def remove_stale_temporaries(folder: str) -> None:
    """Remove the temporary copies that fixing runs killed before their end left in `folder`."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        path = os.path.join(folder, name)
        if (found := _STALE.fullmatch(name)) is not None:
            stale = not _running(int(found.group(1)))
        elif _STALE_BEFORE.fullmatch(name) is not None:
            stale = False
            with contextlib.suppress(OSError):
                stale = time.time() - os.lstat(path).st_mtime > _AN_HOUR
        else:
            continue
        if stale and os.path.isfile(path) and not os.path.islink(path):
            with contextlib.suppress(OSError):
                os.unlink(path)


def write_fix(plan: FilePlan, within: str | None = None) -> None:
    """Replace the file by `plan.fixed`; on any failure the file is left untouched.

    A symbolic link is written through, never replaced; but for a file found by walking the folder
    `within`, only when the link stays inside it: a link in a folder of reports to a file somewhere
    else is not the user's to fix by fixing the folder.

    The file keeps its mode, owner and group (root fixing another user's report must not make it
    root's) and its hard links: it is written in place (`_write_in_place`) when it has several
    names, or when its owner or group cannot be given to a new file; else a temporary file beside it
    is renamed over it, which is atomic."""
    target = os.path.realpath(plan.path)
    if within is not None and relative_posix(target, os.path.realpath(within)) is None:
        raise WriteError(
            "是指向所检查目录之外的符号链接，未写回（如需修复，请直接指定该文件）", plan.path
        )
    folder = os.path.dirname(target)
    # Renaming over a file needs only a writable folder; a read-only report must stay as it is.
    # `os.access` says yes to root whatever the mode, so the mode's write bits decide too.
    try:
        status = os.stat(target)
    except OSError as exc:
        raise WriteError(f"无法写回：{strerror(exc)}", plan.path) from None
    mode = stat.S_IMODE(status.st_mode)
    if not os.access(target, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError("文件是只读的，未写回", plan.path)
    if status.st_nlink > 1:
        _write_in_place(plan, target)
        return
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(target)}{_TEMPORARY}{os.getpid()}-",
            suffix=".tmp",
            dir=folder,
        )
    except OSError as exc:
        raise WriteError(f"无法写回：{strerror(exc)}", plan.path) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(plan.fixed)
            handle.flush()
            os.fsync(handle.fileno())
        if not _same_owner(temporary, status):
            os.unlink(temporary)
            _write_in_place(plan, target)
            return
        # after chown, which clears the set-user-ID and set-group-ID bits
        os.chmod(temporary, mode)
        with open(target, "rb") as handle:
            if handle.read() != plan.original:
                raise WriteError("文件在修复期间被其他程序修改，未写回", plan.path)
        os.replace(temporary, target)
    except OSError as exc:
        raise WriteError(f"无法写回：{strerror(exc)}", plan.path) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _same_owner(temporary: str, status: os.stat_result) -> bool:
    """Give `temporary` the owner and group of the file it replaces (`status`); whether it has
    them now. Root can give any; a user only a group of theirs. Where files have no owners
    (Windows), there is nothing to keep."""
    if not hasattr(os, "chown"):
        return True
    mine = os.stat(temporary)
    if (mine.st_uid, mine.st_gid) == (status.st_uid, status.st_gid):
        return True
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except OSError:
        return False
    return True


# The original's copy kept while a file is written in place: not a fix temporary (`_STALE`), so a
# run killed mid-write leaves it for the user instead of having the next run remove it.
_ORIGINAL = ".fzlint-original-"


def _write_in_place(plan: FilePlan, target: str) -> None:
    """Overwrite `target` through its own inode, so that its hard links share the fixed text and its
    owner, group and mode stay. Not atomic: the original is first copied beside it
    (`.<name>.fzlint-original-<pid>-<random>`, removed once the file is written) so that a run
    killed while writing loses nothing."""
    try:
        descriptor, backup = tempfile.mkstemp(
            prefix=f".{os.path.basename(target)}{_ORIGINAL}{os.getpid()}-",
            dir=os.path.dirname(target),
        )
    except OSError as exc:
        raise WriteError(f"无法写回：{strerror(exc)}", plan.path) from None
    # the copy is kept only when writing the file began and failed
    keep = False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(plan.original)
            handle.flush()
            os.fsync(handle.fileno())
        # no O_TRUNC: nothing is lost before the content is checked
        with open(target, "r+b") as handle:
            if handle.read() != plan.original:
                raise WriteError("文件在修复期间被其他程序修改，未写回", plan.path)
            keep = True
            handle.seek(0)
            handle.write(plan.fixed)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
            keep = False
    except OSError as exc:
        where = f"（原文件内容保存在 {backup}）" if keep else ""
        raise WriteError(f"无法写回：{strerror(exc)}{where}", plan.path) from None
    finally:
        if not keep:
            with contextlib.suppress(OSError):
                os.unlink(backup)


@dataclass
class FixReport:
    """What `fix_files` did: fixes applied, files changed, the diff, and per-file errors."""

    applied: int = 0
    changed: list[str] = field(default_factory=list)
    diff: str = ""
    errors: list[FzlintError] = field(default_factory=list)
    # what the user should know about a file that was fixed only in part
    notes: list[str] = field(default_factory=list)


def fix_files(
    paths: Iterable[str],
    lint: Callable[[Document], Sequence[Diagnostic]],
    unsafe: bool = False,
    write: bool = True,
    walked: Mapping[str, str] | None = None,
) -> FixReport:
    """Fix each file (or, with `write=False`, only compute the diff). A file that fails is
    reported and left as it was; the others are still fixed. When writing, a report that cannot
    be read or decoded is skipped, not reported: the lint pass that follows `--fix` reports it.
    `walked` maps a file found by walking a folder to that folder (see `write_fix`)."""
    report = FixReport()
    diffs: list[str] = []
    cleaned: set[str] = set()
    for path in paths:
        folder = os.path.dirname(os.path.realpath(path))
        if write and folder not in cleaned:
            cleaned.add(folder)
            remove_stale_temporaries(folder)
        try:
            plan = plan_fix(path, lint, unsafe)
            if plan.skipped:
                report.notes.append(
                    f"{path}: {plan.skipped}处修复涉及不同格式的文字或 Word 自动生成的内容"
                    "（自动编号、制表符、换行、域），未自动修改，请在 Word 中手工修改"
                )
            if not plan.changed:
                continue
            if write:
                write_fix(plan, (walked or {}).get(path))
            else:
                diffs.append(plan.diff())
        except FzlintError as exc:
            if not write or isinstance(exc, WriteError):
                report.errors.append(exc)
            continue
        report.applied += plan.applied
        report.changed.append(path)
    report.diff = "".join(diffs)
    return report
