"""The command line as users run it: exit codes, formats, errors as one line."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DEFECTIVE = "标题\n列入了年终述职内容,自觉接受监督\n5、[bookmark: _GoBack]其他需要报告的情况\n"
CLEAN = "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全面推进依法行政。\n"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    (tmp_path / "bad.txt").write_text(DEFECTIVE, encoding="utf-8")
    (tmp_path / "good.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_findings_exit_1_and_clean_exit_0(cli, reports: Path) -> None:
    assert cli(str(reports / "good.txt")).code == 0
    run = cli(str(reports / "bad.txt"), "--format", "concise")
    assert run.code == 1
    assert run.out.splitlines() == [
        f"{reports / 'bad.txt'}:2:10: warning[FZ101] 中文语句中使用了半角逗号「,」，应为全角「，」",
        f"{reports / 'bad.txt'}:3:3: warning[FZ501] 残留 Word 书签标记「[bookmark: _GoBack]」，应删除",
    ]


def test_folder_is_walked_in_order_skipping_hidden(cli, reports: Path) -> None:
    hidden = reports / ".git"
    hidden.mkdir()
    (hidden / "x.txt").write_text(DEFECTIVE, encoding="utf-8")
    (reports / "notes.md").write_text(DEFECTIVE, encoding="utf-8")
    run = cli(str(reports), "--format", "json")
    assert run.code == 1
    assert {item["path"] for item in run.json()} == {str(reports / "bad.txt")}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "FZ501"], ["FZ501"]),
        (["--select", "punctuation"], ["FZ101"]),
        (["--ignore", "FZ1"], ["FZ501"]),
        (["--select", "word-bookmark,half-width-comma"], ["FZ101", "FZ501"]),
    ],
)
def test_select_and_ignore(cli, reports: Path, args: list[str], expected: list[str]) -> None:
    run = cli(str(reports / "bad.txt"), "--format", "json", *args)
    assert [item["rule"] for item in run.json()] == expected


def test_min_severity_filters_findings_and_exit_code(cli, reports: Path) -> None:
    run = cli(str(reports / "bad.txt"), "--min-severity", "error", "--format", "json")
    assert (run.code, run.json()) == (0, [])


def test_unknown_selector_is_a_usage_error(cli, reports: Path) -> None:
    run = cli(str(reports / "bad.txt"), "--select", "FZ999")
    assert run.code == 2
    assert "未知的规则选择器「FZ999」" in run.err


def test_missing_file_is_one_line_exit_2(cli, tmp_path: Path) -> None:
    run = cli(str(tmp_path / "nope.txt"))
    assert run.code == 2
    assert run.err == f"fzlint: 错误: {tmp_path / 'nope.txt'}: 文件或目录不存在\n"


def test_binary_file_is_one_line_exit_2(cli, tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    run = cli(str(path))
    assert run.code == 2
    assert run.err.count("\n") == 1 and str(path) in run.err and "不是文本文件" in run.err


def test_empty_folder_is_an_error(cli, tmp_path: Path) -> None:
    run = cli(str(tmp_path))
    assert run.code == 2 and "没有可检查的报告文件" in run.err


def test_empty_file_is_a_finding_not_a_pass(cli, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    run = cli(str(path), "--format", "concise")
    assert run.code == 1
    assert (
        run.out
        == f"{path}:1:1: error[FZ002] 文件为空，不像一份完整的报告：请确认提交的是正确的文件（或导出是否丢失了正文）\n"
    )


def test_broken_rule_file_names_file_and_line(cli, reports: Path, tmp_path: Path) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text("pack: local\nrules:\n  - id: XZ1\n    kind: [\n", encoding="utf-8")
    run = cli(str(reports / "good.txt"), "--rules", str(pack))
    assert run.code == 2
    assert run.err.startswith(f"fzlint: 错误: {pack}:") and run.err.count("\n") == 1


def test_extra_pack_and_no_default_rules(cli, reports: Path, tmp_path: Path) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(
        "pack: local\nrules:\n  - id: XZ101\n    name: no-jia\n    category: wording\n"
        "    severity: error\n    kind: terms\n    terms: {年终述职: 年终述职报告}\n"
        "    message: 「{wrong}」应写作「{right}」\n    description: 本地用语。\n",
        encoding="utf-8",
    )
    run = cli(
        str(reports / "bad.txt"), "--rules", str(pack), "--no-default-rules", "--format", "json"
    )
    assert [(i["rule"], i["severity"], i["message"]) for i in run.json()] == [
        ("XZ101", "error", "「年终述职」应写作「年终述职报告」")
    ]


def test_stdin_with_filename(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class FakeStdin:
        buffer = io.BytesIO(DEFECTIVE.encode("gb18030"))

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    run = cli("-", "--stdin-filename", "draft.txt", "--format", "concise")
    assert run.code == 1
    assert run.out.startswith("draft.txt:2:10: warning[FZ101]")


def test_no_paths_is_a_usage_error(cli) -> None:
    run = cli()
    assert run.code == 2 and "请指定要检查的文件或目录" in run.err


def test_rules_explain_and_test_rules(cli) -> None:
    listing = cli("rules", "--format", "json")
    assert listing.code == 0
    assert {"FZ101", "FZ501", "FZ502"} <= {r["id"] for r in json.loads(listing.out)}
    explained = cli("explain", "FZ501")
    assert explained.code == 0
    assert "word-bookmark" in explained.out and "[bookmark: _GoBack]" in explained.out
    assert cli("explain", "FZ000").code == 2
    tested = cli("test-rules")
    assert tested.code == 0 and tested.out.strip().endswith("失败0条")


def test_test_rules_fails_on_a_bad_pack(cli, tmp_path: Path) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(
        "pack: local\nrules:\n  - id: XZ101\n    name: x\n    category: wording\n    severity: info\n"
        "    kind: pattern\n    pattern: 甲\n    message: m\n    description: d\n"
        "    examples: {fire: ['乙'], pass: ['丙']}\n",
        encoding="utf-8",
    )
    run = cli("test-rules", str(pack))
    assert run.code == 1
    assert "应触发但未触发" in run.out and run.out.strip().endswith("通过0条规则，失败1条")


def test_version(cli) -> None:
    run = cli("--version")
    assert run.code == 0 and run.out.startswith("fzlint ")


def test_module_entry_point_full_format(reports: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "fzlint",
            str(reports / "bad.txt"),
            "--format",
            "full",
            "--color",
            "never",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 1
    assert "2 │ 列入了年终述职内容,自觉接受监督" in proc.stdout
    assert "检查了1个文件，发现2个警告" in proc.stdout
    assert proc.stderr == ""


def test_the_command_exits_at_once_with_everything_written(tmp_path: Path) -> None:
    """`run` (the command, `python -m fzlint`) ends with `os._exit`: what was buffered for a pipe,
    far more than a pipe holds, and the report file still arrive whole, with `main`'s exit code."""
    for number in range(40):
        (tmp_path / f"{number:02}.txt").write_text(
            "报告\n" + "加强依法行政,推进法治建设。\n" * 60, encoding="utf-8"
        )
    command = [sys.executable, "-m", "fzlint", "--no-cache", "--format", "json", str(tmp_path)]
    piped = subprocess.run(command, capture_output=True, check=False)
    assert piped.returncode == 1 and len(piped.stdout) > 256 * 1024
    found = json.loads(piped.stdout)
    assert len({item["path"] for item in found}) == 40
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    written = subprocess.run(
        [*command, "--exit-zero", "--output-file", str(report)], capture_output=True, check=False
    )
    assert written.returncode == 0
    assert report.read_bytes() == piped.stdout


def test_color_always_emits_ansi_and_never_does_not(cli, reports: Path) -> None:
    coloured = cli(str(reports / "bad.txt"), "--format", "full", "--color", "always")
    plain = cli(str(reports / "bad.txt"), "--format", "full", "--color", "never")
    assert "\x1b[" in coloured.out and "\x1b[" not in plain.out


def _run_on_a_gbk_pipe(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """fzlint as it runs redirected on a Chinese Windows machine: standard output in GBK."""
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "PYTHONUTF8": "0"}
    proc = subprocess.run(
        [sys.executable, "-m", "fzlint", *args, "--no-cache"],
        capture_output=True,
        cwd=folder,
        env=env,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr.decode("gbk", "replace")
    return proc


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "gitlab", "github", "concise"])
def test_output_to_a_gbk_pipe_never_stops_the_run(tmp_path: Path, fmt: str) -> None:
    """The machine formats are UTF-8 by their own definitions (JSON, SARIF, junit's XML
    declaration) and are written so; a text format shows what GBK lacks as "?" instead of
    stopping with an error."""
    report = tmp_path / "报告😀.txt"
    report.write_text("列入了年终述职内容,自觉接受监督\n", encoding="utf-8")
    proc = _run_on_a_gbk_pipe(tmp_path, report.name, "--format", fmt, "--ignore", "FZ002")
    if fmt == "concise":
        assert proc.stdout.decode("gbk").startswith("报告?.txt:1:10: warning[FZ101]")
    else:
        assert "应为全角「，」" in proc.stdout.decode("utf-8")


def test_a_diff_to_a_gbk_pipe_never_stops_the_run(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("列入了年终😀述职内容,自觉接受监督\n", encoding="utf-8")
    proc = _run_on_a_gbk_pipe(tmp_path, "r.txt", "--diff")
    assert "+列入了年终?述职内容，自觉接受监督" in proc.stdout.decode("gbk")
    assert report.read_text(encoding="utf-8") == "列入了年终😀述职内容,自觉接受监督\n"
