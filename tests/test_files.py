"""Globs for include, exclude and per-file-ignores, and the summary table's worst files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from fzlint.document.source import Document
from fzlint.engine.packs import load_rules
from fzlint.engine.runner import FileResult, lint_document
from fzlint.files import matches_glob
from fzlint.output.summary import write_table
from tests.test_config import DEFECTIVE, write


@pytest.mark.parametrize(
    ("rel", "pattern", "expected"),
    [
        ("drafts/2023/r.txt", "drafts", True),
        ("a/drafts/r.txt", "drafts", True),
        ("a/drafts-old/r.txt", "drafts", False),
        ("r.bak.txt", "*.bak.txt", True),
        ("old/2019/r.txt", "old/**", True),
        ("old/r.txt", "old/*", True),
        ("new/old/r.txt", "old/*", False),
        ("new/old/r.txt", "**/old/*", True),
        ("old/r.txt", "**/old/*", True),
        ("2023/r.txt", "/2023/", True),
        ("2023/r.txt", "2024/*.txt", False),
        ("r.txt", "", False),
    ],
)
def test_matches_glob(rel: str, pattern: str, expected: bool) -> None:
    assert matches_glob(rel, pattern) is expected


def test_stdin_takes_the_config_of_its_stdin_filename(tmp_path: Path, monkeypatch, cli) -> None:
    write(tmp_path / "sub" / ".fzlint.yaml", "ignore: [FZ101]\n")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(DEFECTIVE.encode())))
    run = cli("-", "--stdin-filename", str(tmp_path / "sub" / "r.txt"), "--format", "json")
    assert [(i["path"], i["rule"]) for i in run.json()] == [
        (str(tmp_path / "sub" / "r.txt"), "FZ501")
    ]


def test_config_command_needs_a_file(cli) -> None:
    run = cli("config")
    assert (run.code, run.err) == (
        2,
        "fzlint: 错误: 请指定要查看设置的报告文件，例如 fzlint config 报告.txt\n",
    )


def test_summary_table_counts_and_worst_files() -> None:
    rules = [item for item in load_rules() if item.rule.id != "FZ002"]  # fragments
    results = []
    for name, text in (
        ("one.txt", DEFECTIVE),
        ("many.txt", "甲,乙,丙,丁\n" + DEFECTIVE),
        ("ok.txt", "好。\n"),
    ):
        doc = Document(text, name)
        results.append(FileResult(name, doc, tuple(lint_document(doc, rules))))
    results.append(FileResult("gone.txt", None))
    stream = io.StringIO()
    write_table(results, stream, color="never")
    lines = [line for line in stream.getvalue().splitlines() if "│" in line or "文件" in line]
    assert lines[0] == "文件：共4个，检查3个，有问题2个，无法读取1个"
    cells = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines if "│" in line]
    assert cells == [
        ["标点", "0", "5", "0", "5"],
        ["残留", "0", "2", "0", "2"],
        ["合计", "0", "7", "0", "7"],
        ["many.txt", "0", "5", "0", "5"],
        ["one.txt", "0", "2", "0", "2"],
    ]
