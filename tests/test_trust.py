"""Trust boundaries (fzlint.trust): what another user could have written is not believed, and
--fix keeps a file's owner, group, mode and hard links.

The tests run as root in CI: another user is simulated by giving files to an unused uid
(`os.chown`, which root can do) or by making them writable by others (`chmod o+w`)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from fzlint import cache, derived, trust
from fzlint.text import regex

POSIX = pytest.mark.skipif(
    not hasattr(os, "geteuid"), reason="no POSIX owners here (Windows): every file is believed"
)
AS_ROOT = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="giving a file to another user (os.chown) needs root",
)
OTHER = 54321  # a uid and gid nobody has

REPORT = "某某县2021年法治政府建设工作情况报告\n\n一、主要工作\n\n我县坚持依法行政,推进法治建设。\n"
FIXED = REPORT.replace(",", "，")


@pytest.fixture(autouse=True)
def _fresh_trust() -> None:
    trust.trusted_owners.cache_clear()
    derived._believed_folders.clear()


def _ids(out: str) -> list[str]:
    return re.findall(r"\bFZ\d+\b", out)


# --- configuration files ---------------------------------------------------------------------


def _project(tmp_path: Path) -> Path:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / ".fzlint.yaml").write_text("ignore: [FZ101]\n", encoding="utf-8")
    (tmp_path / ".fzlint.yaml").chmod(0o644)
    return tmp_path


@POSIX
def test_the_users_own_configuration_is_read(tmp_path: Path, cli) -> None:
    run = cli("--no-cache", str(_project(tmp_path) / "r.txt"))
    assert "FZ101" not in run.out
    assert "警告" not in run.err


@AS_ROOT
def test_another_users_configuration_is_skipped_with_a_warning(tmp_path: Path, cli) -> None:
    project = _project(tmp_path)
    os.chown(project / ".fzlint.yaml", OTHER, OTHER)
    run = cli("--no-cache", str(project / "r.txt"))
    assert "FZ101" in _ids(run.out)  # the ignore it holds is not applied
    [line] = [x for x in run.err.splitlines() if ".fzlint.yaml" in x]
    assert "属于其他用户" in line and "已跳过" in line


@POSIX
@pytest.mark.parametrize("bits", [stat.S_IWOTH, stat.S_IWGRP])
def test_a_configuration_others_can_write_is_skipped(tmp_path: Path, cli, bits: int) -> None:
    project = _project(tmp_path)
    config = project / ".fzlint.yaml"
    if bits == stat.S_IWGRP:
        if os.geteuid() != 0:
            pytest.skip("giving a file to a shared group (os.chown) needs root")
        os.chown(config, os.geteuid(), OTHER)  # a group that is not the owner's private group
    config.chmod(0o644 | bits)
    run = cli("--no-cache", str(project / "r.txt"))
    assert "FZ101" in _ids(run.out)
    assert "可写" in run.err and "已跳过" in run.err


@AS_ROOT
def test_the_search_goes_on_above_a_skipped_configuration(tmp_path: Path, cli) -> None:
    (tmp_path / ".fzlint.yaml").write_text("ignore: [FZ101]\n", encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "r.txt").write_text(REPORT, encoding="utf-8")
    (inner / ".fzlint.yaml").write_text("select: [FZ101]\n", encoding="utf-8")
    os.chown(inner / ".fzlint.yaml", OTHER, OTHER)
    run = cli("--no-cache", str(inner / "r.txt"))
    assert "FZ101" not in run.out  # the parent's configuration applies


@AS_ROOT
@pytest.mark.parametrize("fzlints", [True, False])
def test_another_users_pyproject_is_skipped_and_told_only_when_it_configures_fzlint(
    tmp_path: Path, cli, fzlints: bool
) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    table = '[tool.fzlint]\nignore = ["FZ101"]\n' if fzlints else "[tool.black]\nline-length = 99\n"
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    os.chown(tmp_path / "pyproject.toml", OTHER, OTHER)
    run = cli("--no-cache", str(tmp_path / "r.txt"))
    assert "FZ101" in _ids(run.out)
    assert ("pyproject.toml" in run.err) is fzlints


@AS_ROOT
def test_sudo_believes_the_files_of_the_user_who_ran_it(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path)
    os.chown(project / ".fzlint.yaml", OTHER, OTHER)
    monkeypatch.setenv("SUDO_UID", str(OTHER))
    trust.trusted_owners.cache_clear()
    run = cli("--no-cache", str(project / "r.txt"))
    assert "FZ101" not in run.out and "警告" not in run.err


@POSIX
def test_roots_files_are_believed_by_every_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f"
    path.write_text("x", encoding="utf-8")
    status = os.stat(path)
    monkeypatch.setattr(os, "geteuid", lambda: OTHER)
    trust.trusted_owners.cache_clear()
    root_owned = os.stat_result((0o100644, *status[1:4], 0, 0, *status[6:]))
    someone = os.stat_result((0o100644, *status[1:4], OTHER + 1, 0, *status[6:]))
    assert trust.problem(root_owned) is None
    assert trust.problem(someone) == "属于其他用户"


def test_without_owners_every_file_is_believed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "geteuid", raising=False)
    trust.trusted_owners.cache_clear()
    assert trust.trusted_owners() is None
    assert trust.problem(os.stat(tmp_path)) is None


# --- the results cache -----------------------------------------------------------------------


def _forge(folder: Path) -> list[Path]:
    """Replace every results entry in `folder` by one saying the file has no finding."""
    entries = [p for p in folder.glob("??/*.json")]
    for entry in entries:
        entry.write_bytes(cache.encode([]))
    return entries


@POSIX
@pytest.mark.parametrize("how", ["own", "other-owner", "writable", "folder-writable"])
def test_a_forged_results_entry_is_believed_only_when_the_users_own(
    tmp_path: Path, cli, how: str
) -> None:
    if how == "other-owner" and os.geteuid() != 0:
        pytest.skip("giving a file to another user (os.chown) needs root")
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    folder = tmp_path / "cache"
    assert "FZ101" in _ids(cli("--cache-dir", str(folder), str(report)).out)
    entries = _forge(folder)
    assert entries
    for entry in entries:
        if how == "other-owner":
            os.chown(entry, OTHER, OTHER)
        elif how == "writable":
            entry.chmod(0o646)
        elif how == "folder-writable":
            entry.parent.chmod(0o777)
    derived._believed_folders.clear()
    run = cli("--cache-dir", str(folder), str(report))
    if how == "own":
        # the control: the forgery works on an entry the user could have written
        assert "FZ101" not in run.out
    else:
        assert "FZ101" in _ids(run.out)


@AS_ROOT
def test_another_users_cache_folder_is_not_used(tmp_path: Path, cli) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    folder = tmp_path / "cache"
    folder.mkdir()
    os.chown(folder, OTHER, OTHER)
    run = cli("--cache-dir", str(folder), str(report))
    assert "FZ101" in _ids(run.out)
    [line] = [x for x in run.err.splitlines() if "缓存目录" in x]
    assert "属于其他用户" in line and "不读写缓存" in line
    assert list(folder.iterdir()) == []


@POSIX
@pytest.mark.parametrize("shared", ["writable", "other-owner", "own"])
def test_the_default_cache_is_per_user_in_a_shared_project_folder(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch, shared: str
) -> None:
    if shared == "other-owner" and os.geteuid() != 0:
        pytest.skip("giving a folder to another user (os.chown) needs root")
    project = tmp_path / "project"
    project.mkdir()
    (project / "r.txt").write_text(REPORT, encoding="utf-8")
    if shared == "writable":
        project.chmod(0o777)
    elif shared == "other-owner":
        os.chown(project, OTHER, OTHER)
    monkeypatch.delenv("FZLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(project)
    run = cli("r.txt")
    assert "FZ101" in _ids(run.out)
    in_project = (project / ".fzlint_cache").is_dir()
    per_user = (tmp_path / "xdg" / "fzlint").is_dir()
    assert (in_project, per_user) == ((True, False) if shared == "own" else (False, True))
    assert "警告" not in run.err


@POSIX
def test_fzlint_makes_no_cache_folder_it_would_refuse(tmp_path: Path, cli) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    before = os.umask(0o002)
    try:
        cli("--cache-dir", str(tmp_path / "c"), str(report))
    finally:
        os.umask(before)
    folders = [tmp_path / "c", *(p for p in (tmp_path / "c").rglob("*") if p.is_dir())]
    assert len(folders) > 2
    for path in folders:
        assert not os.stat(path).st_mode & 0o022, path


# --- derived data: parsed packs and compiled patterns ----------------------------------------


@POSIX
@pytest.mark.parametrize("how", ["own", "other-owner", "writable", "folder-writable"])
def test_a_derived_entry_is_read_only_when_the_users_own(tmp_path: Path, how: str) -> None:
    if how == "other-owner" and os.geteuid() != 0:
        pytest.skip("giving a file to another user (os.chown) needs root")
    entry = tmp_path / "cache" / "yaml" / f"{'0' * 64}.marshal"
    derived.write(str(entry), {"pack": "planted"})
    if how == "other-owner":
        os.chown(entry, OTHER, OTHER)
    elif how == "writable":
        entry.chmod(0o602)
    elif how == "folder-writable":
        (tmp_path / "cache").chmod(0o757)
    expected = {"pack": "planted"} if how == "own" else None
    assert derived.read(str(entry)) == expected


def test_a_kept_pattern_still_goes_through_the_backtracking_guard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pattern, flags = r"(a+)+$", re.MULTILINE
    monkeypatch.setattr(derived, "_folder", str(tmp_path))
    regex._keep(re.compile(pattern, flags), flags)
    entry = regex._added.pop((pattern, flags), None)
    if entry is None:
        pytest.skip("compiled patterns are not kept on this Python")
    monkeypatch.setattr(regex, "_store", {(pattern, flags): entry})
    assert regex._kept(pattern, flags) is not None  # the entry is there to be read
    with pytest.raises(regex.UnsafePatternError):
        regex.compile_pattern(pattern)


# --- --fix keeps owner, group, mode and hard links --------------------------------------------


@AS_ROOT
def test_fix_as_root_keeps_the_owner_group_and_mode(tmp_path: Path, cli) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    os.chown(report, OTHER, OTHER + 1)
    report.chmod(0o640)
    cli("--no-cache", "--fix", str(report))
    status = os.stat(report)
    assert report.read_text(encoding="utf-8") == FIXED
    assert (status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (
        OTHER,
        OTHER + 1,
        0o640,
    )


@POSIX
def test_fix_keeps_hard_links_sharing_the_text(tmp_path: Path, cli) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    report.chmod(0o604)
    other = tmp_path / "copy.txt"
    os.link(report, other)
    inode = os.stat(report).st_ino
    cli("--no-cache", "--fix", str(report))
    assert report.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == FIXED
    status = os.stat(report)
    assert (status.st_ino, status.st_nlink, stat.S_IMODE(status.st_mode)) == (inode, 2, 0o604)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.txt", "r.txt"]


@POSIX
def test_a_read_only_file_with_hard_links_is_not_written(tmp_path: Path, cli) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    os.link(report, tmp_path / "copy.txt")
    report.chmod(0o444)
    run = cli("--no-cache", "--fix", str(report))
    assert "只读" in run.err and run.code == 2
    assert report.read_text(encoding="utf-8") == REPORT


@POSIX
def test_a_link_out_of_the_walked_folder_is_not_written_even_with_hard_links(
    tmp_path: Path, cli
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(REPORT, encoding="utf-8")
    os.link(outside, tmp_path / "outside-copy.txt")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "r.txt").symlink_to(outside)
    run = cli("--no-cache", "--fix", str(folder))
    assert "符号链接" in run.err
    assert outside.read_text(encoding="utf-8") == REPORT


@AS_ROOT
def test_fix_writes_in_place_when_the_owner_cannot_be_kept(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    os.chown(report, OTHER, OTHER)
    inode = os.stat(report).st_ino

    def refuse(*_args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)  # as a user who is not root
    cli("--no-cache", "--fix", str(report))
    status = os.stat(report)
    assert report.read_text(encoding="utf-8") == FIXED
    assert (status.st_ino, status.st_uid) == (inode, OTHER)
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]
