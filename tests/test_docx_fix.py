"""`--fix` and `--diff` on .docx reports: edits go back into the runs; nothing else changes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx_build import Builder

from fzlint.cli import main
from fzlint.document.source import Document

TITLE = "某市2023年法治政府建设年度报告"
HEADING = "一、主要举措和成效"


def build(*paragraphs: tuple[tuple[str, ...], tuple[int, ...]]) -> Builder:
    builder = Builder()
    builder.para(TITLE)
    builder.para(HEADING)
    for runs, bold in paragraphs:
        builder.para(*runs, bold_runs=bold)
    return builder


def fix(path: Path, *args: str) -> int:
    return main(["--no-cache", "--isolated", "--fix", "-q", *args, str(path)])


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_a_fix_inside_a_run_is_written_and_nothing_else_changes(tmp_path, capsys) -> None:
    path = tmp_path / "r.docx"
    build((("全面推进依法行政,严格规范公正文明执法。",), ())).save(path)
    before = members(path)
    fix(path)
    after = members(path)
    assert list(after) == list(before)
    assert {n: c for n, c in after.items() if n != "word/document.xml"} == {
        n: c for n, c in before.items() if n != "word/document.xml"
    }
    assert Document.from_path(str(path)).lines[2].text == "全面推进依法行政，严格规范公正文明执法。"
    # a second run finds nothing left to fix
    fixed = path.read_bytes()
    fix(path)
    assert path.read_bytes() == fixed
    capsys.readouterr()


def test_the_fixed_docx_reads_as_the_fixed_txt(tmp_path, capsys) -> None:
    lines = [
        TITLE,
        HEADING,
        "（一）完善制度。修订规范性文件管理办法,开展合法性审核312件;",
        "5、[bookmark: _GoBack]其他需要报告的情况",
    ]
    txt = tmp_path / "r.txt"
    txt.write_text("\n".join(lines), encoding="utf-8")
    word = tmp_path / "r.docx"
    builder = Builder()
    for line in lines:
        builder.para(line)
    builder.save(word)
    fix(txt)
    fix(word)
    capsys.readouterr()
    assert Document.from_path(str(word)).text == txt.read_text(encoding="utf-8")


def test_a_fix_across_runs_of_the_same_format_is_applied(tmp_path, capsys) -> None:
    path = tmp_path / "r.docx"
    build((("5、[book", "mark: _GoBack]其他需要报告的情况"), ())).save(path)
    fix(path)
    # the bookmark spans two runs of one format and goes; FZ305's safe fix makes 5、 into 5.
    assert Document.from_path(str(path)).lines[2].text == "5.其他需要报告的情况"
    capsys.readouterr()


def test_a_fix_across_a_formatting_change_is_left_and_said(tmp_path, capsys) -> None:
    path = tmp_path / "r.docx"
    build((("5、[book", "mark: _GoBack]其他需要报告的情况"), (0,))).save(path)
    original = path.read_bytes()
    fix(path, "--select", "FZ501")
    assert path.read_bytes() == original
    err = capsys.readouterr().err
    assert "1处修复涉及不同格式的文字" in err and "请在 Word 中手工修改" in err


def test_a_fix_inside_a_tracked_insertion_is_applied(tmp_path, capsys) -> None:
    builder = Builder()
    builder.para(TITLE)
    builder.raw(
        "<w:r><w:t>全面推进依法行政</w:t></w:r>"
        '<w:ins w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>,严格执法</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>,旧</w:delText></w:r></w:del>'
    )
    path = tmp_path / "r.docx"
    builder.save(path)
    fix(path, "--select", "FZ101")
    doc = Document.from_path(str(path))
    assert doc.lines[1].text == "全面推进依法行政，严格执法"
    assert doc.word is not None and doc.word.revisions == 2  # the marks themselves stay
    assert b",\xe6\x97\xa7" in members(path)["word/document.xml"]  # the deleted text too
    capsys.readouterr()


def test_diff_shows_the_text_and_writes_nothing(tmp_path, capsys) -> None:
    path = tmp_path / "r.docx"
    build((("全面推进依法行政,严格执法。",), ())).save(path)
    original = path.read_bytes()
    assert main(["--no-cache", "--isolated", "--diff", str(path)]) == 1
    out = capsys.readouterr().out
    assert "-全面推进依法行政,严格执法。" in out and "+全面推进依法行政，严格执法。" in out
    assert path.read_bytes() == original
