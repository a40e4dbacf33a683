"""--fix, --unsafe-fixes and --diff: what is written, what is kept (encoding, BOM, line endings),
and what is refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fzlint.document.source import Document
from fzlint.engine.packs import load_rules
from fzlint.engine.runner import lint_document
from fzlint.errors import InputError
from fzlint.fixer import fix_files, plan_fix, write_fix

RULES = load_rules()

DRAFT = "2021 年,我镇召开会议:\n（一） 学习《民法典》、《宪法》\n老城镇人民政府 \n"
FIXED = "2021年，我镇召开会议：\n（一）学习《民法典》《宪法》\n老城镇人民政府\n"


def lint(doc: Document) -> list:
    return lint_document(doc, RULES)


def test_fix_rewrites_the_file_and_reports_what_remains(cli, tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT + "思想 and 党的精神\n", encoding="utf-8")
    run = cli(str(path), "--fix", "--format", "concise")
    assert path.read_text(encoding="utf-8") == FIXED + "思想 and 党的精神\n"
    assert run.code == 1
    assert [line.split(" ")[1] for line in run.out.splitlines()] == ["warning[FZ505]"]
    assert "已修复6处，改写1个文件" in run.err


def test_fix_twice_changes_nothing_the_second_time(cli, tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    assert cli(str(path), "--fix").code == 0
    stat = path.stat()
    assert cli(str(path), "--fix").code == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert path.stat().st_mtime_ns == stat.st_mtime_ns


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [("gbk", b"", "\r\n"), ("utf-8", b"\xef\xbb\xbf", "\n"), ("utf-16-le", b"\xff\xfe", "\r\n")],
)
def test_fix_keeps_encoding_bom_and_line_endings(
    cli, tmp_path: Path, encoding: str, bom: bytes, newline: str
) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(bom + DRAFT.replace("\n", newline).encode(encoding))
    cli(str(path), "--fix")
    assert path.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)


def test_mixed_line_endings_are_normalised_to_the_dominant_one(cli, tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes("标题\r\n正文\r\n落款\n".encode())
    run = cli(str(path), "--format", "concise")
    assert "info[FZ001]" in run.out and "「CRLF」" in run.out
    cli(str(path), "--fix")
    assert path.read_bytes() == "标题\r\n正文\r\n落款\r\n".encode()


def test_unsafe_fixes_only_with_the_flag(cli, tmp_path: Path) -> None:
    text = "开展“12.5国家宪法日”宣传，提高了法治意识，于11月3日在全\n\n体机关干部中开展讲座。\n"
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    cli(str(path), "--fix")
    safe = path.read_text(encoding="utf-8")
    # in quotes the date takes the event's form “12·5”, not 12月5日
    assert safe == text.replace("12.5", "12·5")
    cli(str(path), "--fix", "--unsafe-fixes")
    assert path.read_text(encoding="utf-8") == (
        "开展“12月4日国家宪法日”宣传，提高了法治意识，于11月3日在全体机关干部中开展讲座。\n"
    )


def test_diff_prints_a_unified_diff_and_writes_nothing(cli, tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    run = cli(str(path), "--diff")
    assert run.code == 1
    assert path.read_text(encoding="utf-8") == DRAFT
    assert run.out.splitlines()[:3] == [f"--- {path}", f"+++ {path}", "@@ -1,3 +1,3 @@"]
    assert "-2021 年,我镇召开会议:" in run.out and "+2021年，我镇召开会议：" in run.out
    path.write_text(FIXED, encoding="utf-8")
    assert cli(str(path), "--diff").code == 0


def test_fix_refuses_stdin(cli) -> None:
    run = cli("-", "--fix")
    assert run.code == 2 and "标准输入" in run.err


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    plan = plan_fix(str(path), lint)
    path.write_text(DRAFT + "新增一段。\n", encoding="utf-8")
    with pytest.raises(InputError, match="被其他程序修改"):
        write_fix(plan)
    assert path.read_text(encoding="utf-8") == DRAFT + "新增一段。\n"
    assert os.listdir(tmp_path) == ["draft.txt"]


def test_gbk_file_stays_gbk(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("2021年,我镇召开会议\n".encode("gbk"))
    plan = plan_fix(str(path), lint)
    assert plan.after == "2021年，我镇召开会议\n"
    assert plan.fixed == "2021年，我镇召开会议\n".encode("gbk")


def test_a_failed_write_leaves_the_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    plan = plan_fix(str(path), lint)

    def replace(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", replace)
    report = fix_files([str(path)], lint)
    assert [str(e) for e in report.errors] == [f"{path}: 无法写回：磁盘空间不足"]
    with pytest.raises(InputError, match="无法写回"):
        write_fix(plan)
    assert path.read_text(encoding="utf-8") == DRAFT
    assert os.listdir(tmp_path) == ["draft.txt"]


def test_symlink_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text(DRAFT, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    fix_files([str(link)], lint)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED


def test_a_fix_gives_way_to_a_finding_for_a_human_on_the_same_span(cli, tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("执政能力得,到了进一步提高,群众满意。\n", encoding="utf-8")
    run = cli(str(path), "--fix", "--format", "concise", "--ignore", "FZ002")
    assert path.read_text(encoding="utf-8") == "执政能力得,到了进一步提高，群众满意。\n"
    assert [line.split(" ")[1] for line in run.out.splitlines()] == [
        "warning[FZ101]",
        "warning[FZ112]",
    ]


def test_diff_shows_normalised_line_endings(cli, tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(b"a\r\nb\r\nc\n")
    run = cli(str(path), "--diff")
    assert run.code == 1
    assert run.out.endswith("-c\n+c\r\n")


def test_an_unreadable_report_is_reported_once(cli, tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    run = cli(str(tmp_path), "--fix")
    assert run.code == 2
    assert run.err.count("binary.txt") == 1
    assert (tmp_path / "draft.txt").read_text(encoding="utf-8") == FIXED


def test_a_read_only_report_is_not_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    path.chmod(0o444)
    # root may write anything; what matters is that fzlint asks before renaming over the file
    monkeypatch.setattr(os, "access", lambda target, mode: False)
    report = fix_files([str(path)], lint)
    assert [str(e) for e in report.errors] == [f"{path}: 文件是只读的，未写回"]
    assert path.read_text(encoding="utf-8") == DRAFT


def test_a_finding_of_another_category_on_the_span_does_not_hold_a_fix_back(
    cli, tmp_path: Path
) -> None:
    # （一） alone under its part is a numbering question for a human (FZ307); its half-width
    # brackets are a punctuation fix all the same (FZ104)
    report = tmp_path / "r.txt"
    text = "一、主要举措\n(一)强化组织领导。\n二、存在的不足和原因\n（一）培训不足。\n（二）原因分析。\n"
    report.write_text(text, encoding="utf-8")
    cli("--fix", "--select", "FZ104,FZ307", str(report))
    assert report.read_text(encoding="utf-8") == text.replace("(一)", "（一）")
