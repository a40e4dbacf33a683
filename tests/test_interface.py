"""The interface language: what a person reads is Chinese by default (help, usage errors,
severities, categories, summaries), English with FZLINT_LANG=en; machine formats are the same
in both. Also the small defects of the interface: the rule listing outside a terminal, rich
markup in descriptions, spaces between digits and Chinese in fzlint's own sentences, 100% said
of texts that differ, --statistics in JSON, the ranking of the worst files, FZ801's fix in quotes."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from fzlint.cli import COMMANDS, main
from fzlint.diagnostics import Severity
from fzlint.document.doctype import TYPES
from fzlint.document.source import Document
from fzlint.engine.packs import load_pack_text, load_rules
from fzlint.engine.rule import LintContext
from fzlint.engine.runner import lint_document
from fzlint.i18n import CATEGORIES, category, severity, strerror
from fzlint.kinds.duplicate import percent
from fzlint.output import FORMATS

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "examples" / "draft.txt"

# ASCII words a Chinese interface may show: option names, format and choice names, metavars,
# product and format names, environment variables; rule ids, rule names and paths are added
# by `english_words`.
ALLOWED = {
    *FORMATS,
    *("table", "auto", "always", "never", "info", "warning", "error"),
    *("PATH", "RULES", "GLOB", "FILE", "N", "NAME", "YYYY-MM-DD", "YEAR", "TYPE", "PACK", "RULE"),
    *("fzlint", "Word", "GB/T", "FZLINT_CACHE_DIR", "NO_COLOR", "unified", "diff", "exclude"),
    *("txt", "docx", "yaml", "toml", "pyproject", "previous", "fzlint_cache", "CPU"),
    *TYPES,
    *COMMANDS,
    *("CATEGORY", "id", "artefact", "stale-name", "GoBack", "PDF", "ICP"),
}


def english_words(text: str) -> set[str]:
    """The ASCII words of `text` that are not allowed in a Chinese interface: what is left
    after rule ids and names, option names (--fix), paths, document text quoted in 「」 and
    the code frames of `full` (the report's own lines) are taken out."""
    rule_names = {r.rule.name for r in load_rules([], defaults=True)}
    kept = []
    for line in text.splitlines():
        if re.match(r"\s*\d*\s*│", line):  # a code frame: the report's own text
            continue
        line = re.sub(r"「[^」]*」|“[^”]*”|'[^']*'", "", line)  # quoted text and input
        line = re.sub(r"(?<![\w-])-{1,2}[A-Za-z][\w-]*", "", line)  # option names
        line = re.sub(r"\S*[/\\]\S*|\S+\.(?:txt|docx|yaml|md)\b", "", line)  # paths
        kept.append(line)
    words = set(re.findall(r"[A-Za-z][A-Za-z0-9_-]*", "\n".join(kept)))
    return {
        w
        for w in words
        if w not in ALLOWED and w not in rule_names and not re.fullmatch(r"FZ\d{3}", w)
    }


@pytest.fixture(autouse=True)
def _chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FZLINT_LANG", raising=False)


def _exit_code(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """A run that may end in argparse's exit."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    "command", [[], ["rules"], ["explain"], ["test-rules"], ["structure"], ["config"]]
)
def test_help_is_chinese(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, _ = _exit_code(capsys, *command, "--help")
    assert code == 0
    assert out.startswith("用法：fzlint")
    assert "显示本帮助并退出" in out and "选项" in out
    assert english_words(out) == set()


def test_usage_errors_are_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _exit_code(capsys, "--format", "pdf", "x.txt")
    assert code == 2
    assert err.startswith("用法：fzlint")
    assert "fzlint: 错误: 参数 --format：无效的选项 'pdf'（可选：'full'" in err
    assert english_words(err) == set()
    for args, expected in [
        (["--format"], "参数 --format：需要一个值"),
        (["explain"], "缺少必需的参数：RULE"),
        (["rules", "--bogus"], "无法识别的参数：--bogus"),
        (["--jobs", "x", "a.txt"], "参数 -j/--jobs：无效的值 'x'"),
        (["--as-of", "2023-13-01", "a.txt"], "日期应为 YYYY-MM-DD 格式：2023-13-01"),
    ]:
        code, _, err = _exit_code(capsys, *args)
        assert code == 2 and expected in err, err


def test_a_missing_file_is_reported_in_chinese(cli, tmp_path: Path) -> None:
    run = cli(str(tmp_path / "nonexist.txt"))
    assert run.code == 2
    assert run.err.endswith("nonexist.txt: 文件或目录不存在\n")
    assert english_words(run.err) == set()


def test_the_system_reason_of_a_failed_write_is_chinese(cli, tmp_path: Path) -> None:
    run = cli(str(DRAFT), "--no-cache", "--output-file", str(tmp_path / "no" / "report.txt"))
    assert run.code == 2
    assert run.err.endswith("无法写入报告：文件或目录不存在\n")
    assert strerror(OSError(28, "No space left on device")) == "磁盘空间不足"
    # a reason fzlint has no Chinese for is the system's own
    assert strerror(OSError(1000, "Something odd")) == "Something odd"


def test_full_format_is_chinese(cli) -> None:
    run = cli(str(DRAFT), "--no-cache", "--format", "full", "--color", "never")
    assert run.code == 1
    header = run.out.splitlines()[0]
    assert re.fullmatch(r"\S+draft\.txt:1:1: 警告\[FZ502\] .+", header)
    assert "warning" not in run.out and "error" not in run.out
    assert english_words(run.out) == set()
    assert re.search(r"检查了1个文件，发现\d+个警告。其中\d+处可用 --fix 自动修复。", run.out)


def test_explain_and_rules_are_chinese(cli) -> None:
    explained = cli("explain", "FZ602")
    assert explained.code == 0
    assert "类别：过时名称（stale-name）　级别：警告" in explained.out
    head = cli("rules").out.splitlines()[:10]
    assert english_words("\n".join(line.split("\t", 2)[2] for line in head)) == set()


def test_every_shipped_category_has_a_chinese_name() -> None:
    shipped = {r.rule.category for r in load_rules([], defaults=True)}
    assert shipped <= set(CATEGORIES)
    assert category("signature-date") == "落款日期" and category("my-own") == "my-own"
    assert [severity(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)] == [
        "错误",
        "警告",
        "提示",
    ]


def test_rules_outside_a_terminal_one_rule_a_line(cli) -> None:
    run = cli("rules")
    rows = [line.split("\t") for line in run.out.splitlines()]
    assert len(rows) == len(load_rules([], defaults=True))
    assert all(len(row) == 6 for row in rows)
    fz501 = next(row for row in rows if row[0] == "FZ501")
    assert fz501[1:5] == ["word-bookmark", "残留", "警告", "可修复"]
    assert "「[bookmark: _GoBack]」" in fz501[5] and "…" not in fz501[5]
    assert cli("rules", "--category", "残留").out == cli("rules", "--category", "artefact").out


def test_rules_on_a_terminal_keep_bracketed_text(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", "400")
    out = re.sub(r"\x1b\[[0-9;]*m", "", cli("rules", "--category", "artefact").out)
    assert "┃ 规则" in out  # the table
    assert "[bookmark: _GoBack]" in out


def test_rules_json_is_unchanged(cli) -> None:
    [fz501] = [r for r in cli("rules", "--format", "json").json() if r["id"] == "FZ501"]
    assert (fz501["category"], fz501["severity"]) == ("artefact", "warning")


def test_machine_formats_keep_english_ids(cli) -> None:
    """json, sarif … are for programs; concise keeps `severity[ID]` in English too, so that
    editors' error formats (vim's %trror, problem matchers) and greps read it."""
    concise = cli(str(DRAFT), "--no-cache", "--format", "concise").out
    assert re.match(r"\S+:\d+:\d+: warning\[FZ\d{3}\] ", concise)
    found = cli(str(DRAFT), "--no-cache", "--format", "json").json()
    assert {f["severity"] for f in found} <= {"error", "warning", "info"}


def test_english_interface_on_request(cli, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FZLINT_LANG", "en_US")
    code, out, _ = _exit_code(capsys, "--help")
    assert code == 0 and out.startswith("usage: fzlint")
    assert "show this help message and exit" in out and "output format" in out
    code, _, err = _exit_code(capsys, "--format", "pdf", "x.txt")
    assert code == 2 and "error: argument --format: invalid choice: 'pdf'" in err
    run = cli(str(DRAFT), "--no-cache", "--format", "full", "--color", "never")
    assert ": warning[FZ502]" in run.out
    assert re.search(r"Checked 1 file: \d+ warnings\. \d+ fixable with --fix\.", run.out)
    assert cli("rules").out.split("\n")[0].split("\t")[2:4] == ["artefact", "warning"]


def test_lang_alone_does_not_switch_to_english(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """CI images set LANG=en_US.UTF-8 without anyone choosing English."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    _, out, _ = _exit_code(capsys, "--help")
    assert out.startswith("用法：")


def test_own_sentences_put_no_space_between_digits_and_chinese(cli, tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(DRAFT.read_bytes())
    run = cli(str(tmp_path), "--no-cache", "--format", "full", "--color", "never")
    summary = [line for line in run.out.splitlines() if not re.match(r"\s*\d*\s*│", line)]
    summary = [line for line in summary if ":" not in line or "文件：" in line]
    text = "\n".join(summary)
    assert "文件：共2个，检查2个，有问题2个" in text
    assert not re.search(r"\d [\u4e00-\u9fff]|[\u4e00-\u9fff] \d", text)
    baseline = tmp_path / "base.json"
    written = cli(str(tmp_path), "--no-cache", "--write-baseline", str(baseline))
    assert re.match(r"fzlint: 已将\d+处问题写入基线", written.err)


SIMILAR = """
pack: test
rules:
  - id: XX701
    name: repeated-paragraph
    category: duplicate
    severity: warning
    kind: duplicate
    scope: document
    threshold: 0.85
    message: 「{item}」与{place}重复（相似度{similarity}）
    description: test
"""


def test_100_percent_only_for_identical_texts() -> None:
    assert percent(1.0, identical=True) == "100%"
    assert percent(1.0, identical=False) == "99%"
    assert percent(0.996, identical=False) == "99%"
    assert percent(0.934, identical=False) == "93%"
    text = (
        "一是努力完善政府决策机制。坚持重大问题集体决策，将专家论证落到实处。\n"
        "二是扎实推进普法工作。\n"
        "三是努力完善政府决策机制，坚持重大问题集体决策，将专家论证落到实处。\n"
    )
    doc = Document(text)
    [found] = lint_document(doc, load_pack_text(SIMILAR, "t.yaml"), LintContext())
    assert found.message.endswith("与第1行第一项重复（相似度99%）")


def test_statistics_as_json(cli) -> None:
    run = cli(str(DRAFT), "--no-cache", "--statistics", "--format", "json")
    rows = json.loads(run.out)
    assert rows and set(rows[0]) == {"rule", "name", "count", "fixable"}
    fz101 = next(row for row in rows if row["rule"] == "FZ101")
    assert (fz101["name"], fz101["fixable"]) == ("half-width-comma", fz101["count"])
    counts = [row["count"] for row in rows]
    assert counts == sorted(counts, reverse=True)
    plain = cli(str(DRAFT), "--no-cache", "--statistics", "--format", "concise").out
    assert re.match(r"\s*\d+\tFZ\d{3}\t", plain)


def test_worst_files_rank_by_all_findings(cli, tmp_path: Path) -> None:
    """Nine warnings make a file worse off than two errors; errors decide between equals."""
    from dataclasses import replace

    from fzlint.engine.runner import FileResult
    from fzlint.output.summary import write_table

    doc = Document("我镇开展普法,依法行政,深化改革。\n" * 5, "many.txt")
    rules = [r for r in load_rules([], defaults=True) if r.rule.id == "FZ101"]
    found = list(lint_document(doc, rules, LintContext()))
    assert len(found) == 10
    warnings = tuple(found[:9])
    errors = tuple(replace(d, severity=Severity.ERROR) for d in found[:2])
    results = [
        FileResult("errors.txt", doc, errors),
        FileResult("many.txt", doc, warnings),
        FileResult("tie-warnings.txt", doc, tuple(found[:2])),
    ]
    stream = io.StringIO()
    write_table(results, stream, "never")
    table = stream.getvalue()[stream.getvalue().index("问题最多的文件") :]
    assert table.index("many.txt") < table.index("errors.txt") < table.index("tie-warnings.txt")


def test_dot_date_in_quotes_is_fixed_to_the_event_form(cli, tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("主要有“4.15”全民国家安全教育日活动，开展12.4宪法日宣传\n", encoding="utf-8")
    cli(str(path), "--no-cache", "--select", "FZ801", "--fix")
    assert path.read_text(encoding="utf-8") == (
        "主要有“4·15”全民国家安全教育日活动，开展12月4日宪法日宣传\n"
    )
