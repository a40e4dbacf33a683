"""Reliability and security defects (issue #18): each test fails on the defect it is named for."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
from process import run_fzlint


def _fzlint(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return run_fzlint(*args, cwd=cwd, timeout=timeout)


# 1. --cache-dir on a folder that holds other files


def test_a_cache_dir_holding_other_files_is_refused_and_left_alone(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "r.txt").write_text("甲,乙\n", encoding="utf-8")
    (reports / ".gitignore").write_text("*.bak\n", encoding="utf-8")
    run = _fzlint("--cache-dir", ".", "r.txt", cwd=reports)
    assert run.returncode == 2
    assert "缓存目录" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert (reports / ".gitignore").read_text(encoding="utf-8") == "*.bak\n"
    assert sorted(p.name for p in reports.iterdir()) == [".gitignore", "r.txt"]


def test_a_new_or_empty_cache_dir_is_made_and_marked(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("甲,乙\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    for folder in ("empty", "new/cache"):
        run = _fzlint("--cache-dir", folder, "r.txt", cwd=tmp_path)
        assert run.returncode == 1, run.stderr
        assert (tmp_path / folder / ".gitignore").read_text(encoding="utf-8") == "*\n"
        assert (tmp_path / folder / "CACHEDIR.TAG").is_file()
        # a second run uses the folder it marked
        again = _fzlint("--cache-dir", folder, "r.txt", cwd=tmp_path)
        assert again.returncode == 1 and again.stdout == run.stdout


def test_the_library_never_marks_a_folder_holding_other_files(tmp_path: Path) -> None:
    from fzlint import derived

    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(OSError):
        derived.make_folder(str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


# 2. YAML alias bombs


def _alias_bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("where", ["pack", "config"])
def test_an_alias_bomb_is_refused_with_its_line_also_with_the_cache(
    tmp_path: Path, where: str
) -> None:
    (tmp_path / "r.txt").write_text("甲\n", encoding="utf-8")
    if where == "pack":
        (tmp_path / "bomb.yaml").write_text(
            "pack: bomb\nrules: []\nx:\n" + _alias_bomb().replace("a", "  a", 1), encoding="utf-8"
        )
        args = ["--rules", "bomb.yaml", "r.txt"]
    else:
        (tmp_path / ".fzlint.yaml").write_text(_alias_bomb(), encoding="utf-8")
        args = ["r.txt"]
    run = _fzlint(*args, cwd=tmp_path, timeout=30)
    assert run.returncode == 2
    assert "bomb.yaml:" in run.stderr or ".fzlint.yaml:" in run.stderr
    assert "别名" in run.stderr, run.stderr


def test_aliases_of_reasonable_size_still_load(tmp_path: Path) -> None:
    from fzlint import derived
    from fzlint.engine.yamlfile import load_yaml

    text = "base: &b {severity: warning, tags: [a, b]}\nitems: [*b, *b, *b]\n"
    for folder in (None, str(tmp_path), str(tmp_path)):  # parsed, kept, read back
        derived.keep_in(folder)
        try:
            data = load_yaml(text, "ok.yaml")
        finally:
            derived.keep_in(None)
        assert data["items"] == [{"severity": "warning", "tags": ["a", "b"]}] * 3


@pytest.mark.parametrize(
    "text",
    [
        "a: &b x\nc: *b\n",
        "- &b x\n- *b\n",
        "[&b x, *b]",
        "[x,&b y, *b]",
        "[x, [&b y], *b]",
        "{a: &b x, c: *b}",
        "{a:&b x, c: *b}",
        '{"a":&b x, c: *b}',
        "? &b x\n: *b\n",
        "a: !!str &b x\nc: *b\n",
        "&b [x, *b]\n",
        "\ufeff&b [x, *b]\n",
        "--- &b [x, *b]\n",
    ],
)
def test_every_file_with_an_alias_has_its_aliases_checked(text: str) -> None:
    """The alias walk is left out of files without an anchor (a third of parsing a pack): wherever
    YAML lets an anchor stand, the file is seen to have one."""
    import yaml

    from fzlint.engine.yamlfile import _ANCHOR

    assert any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text))
    assert _ANCHOR.search(text)


def test_the_shipped_packs_without_anchors_are_parsed_without_the_walk() -> None:
    from fzlint.engine.packs import default_pack_files
    from fzlint.engine.yamlfile import _ANCHOR

    texts = [Path(path).read_text(encoding="utf-8") for path in default_pack_files()]
    assert sum(1 for text in texts if not _ANCHOR.search(text)) >= len(texts) - 1


# 3. Chinese numerals past 99, and one file's internal error


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (10, "十"),
        (15, "十五"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (115, "一百一十五"),
        (999, "九百九十九"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (2024, "二千零二十四"),
        (9999, "九千九百九十九"),
    ],
)
def test_chinese_numerals_past_ninety_nine(value: int, written: str) -> None:
    from fzlint.text.numerals import parse_chinese_number, to_chinese_number

    assert to_chinese_number(value) == written
    assert parse_chinese_number(written) == value


def test_chinese_numerals_round_trip_to_9999() -> None:
    from fzlint.text.numerals import parse_chinese_number, to_chinese_number

    for value in range(1, 10_000):
        assert parse_chinese_number(to_chinese_number(value)) == value


@pytest.mark.parametrize(
    "text",
    ["百", "一百一", "一百零", "一百零零一", "十百", "一千千", "一十十", "零一", "二三", "十一百"],
)
def test_what_is_not_a_chinese_numeral(text: str) -> None:
    from fzlint.text.numerals import parse_chinese_number

    assert parse_chinese_number(text) is None


def test_alternative_spellings_are_read() -> None:
    from fzlint.text.numerals import parse_chinese_number

    assert parse_chinese_number("两千") == 2000
    assert parse_chinese_number("二百") == 200
    assert parse_chinese_number("一百一十") == 110
    assert parse_chinese_number("三〇") is None


def _many_headings(count: int) -> str:
    body = "".join(f"一、第{i}项工作\n推进有关工作。\n" for i in range(count))
    return "关于2024年法治政府建设情况的报告\n\n" + body


def test_a_report_with_over_a_hundred_headings_is_linted(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(_many_headings(101), encoding="utf-8")
    run = _fzlint("--no-cache", "--format", "json", "r.txt", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert "内部错误" not in run.stderr


def test_chinese_numerals_with_wan() -> None:
    from fzlint.text.numerals import parse_chinese_number, to_chinese_number

    assert to_chinese_number(10_000) == "一万"
    assert to_chinese_number(10_010) == "一万零一十"
    assert to_chinese_number(105_000) == "十万五千"
    assert to_chinese_number(100_500) == "十万零五百"
    assert parse_chinese_number("一万一") is None
    for value in [*range(9_990, 12_000), *range(99_999_000, 100_000_000), 20_240_101]:
        assert parse_chinese_number(to_chinese_number(value)) == value
    with pytest.raises(ValueError):
        to_chinese_number(100_000_000)


@pytest.fixture
def fragile_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linting any report that holds 炸 raises an internal error (a bug of ours, as it were)."""
    from fzlint import parallel

    linted = parallel.lint_document

    def fragile(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "炸" in doc.text:
            raise ValueError(100)
        return linted(doc, *args, **kwargs)

    monkeypatch.delenv("FZLINT_DEBUG", raising=False)
    monkeypatch.setattr(parallel, "lint_document", fragile)


@pytest.mark.usefixtures("fragile_lint")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_internal_error_in_one_file_costs_only_that_file(tmp_path: Path, cli, jobs: str) -> None:
    (tmp_path / "a.txt").write_text("甲,乙\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("炸,药\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("丙,丁\n", encoding="utf-8")
    run = cli("--no-cache", "-j", jobs, "--format", "concise", str(tmp_path))
    assert run.code == 2
    assert "a.txt:1:2:" in run.out and "c.txt:1:2:" in run.out
    assert str(tmp_path / "b.txt") in run.err and "内部错误" in run.err and "ValueError" in run.err


@pytest.mark.usefixtures("fragile_lint")
def test_an_internal_error_on_stdin_costs_only_stdin(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    stdin = io.TextIOWrapper(io.BytesIO("炸,药\n".encode()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    (tmp_path / "a.txt").write_text("甲,乙\n", encoding="utf-8")
    run = cli("--no-cache", "--format", "concise", "-", str(tmp_path / "a.txt"))
    assert run.code == 2
    assert "a.txt:1:2:" in run.out
    assert "<stdin>: 内部错误: ValueError: 100" in run.err


# 4. Impossible dates in YAML files

PACK_WITH_DATE = """\
pack: dated
rules:
  - id: XZ901
    name: dated-rule
    category: punctuation
    severity: warning
    kind: pattern
    pattern: '甲'
    message: 甲
    description: 甲。
    examples:
      fire:
        - text: '甲'
          as_of: 2024-02-30
"""

KNOWLEDGE = """\
entries:
  - id: old-name
    type: law
    name: 《旧条例》
    replacement: 《新条例》
    since: 2022-13-01
    scope: mention
    source: 测试
"""

KNOWLEDGE_PACK = """\
pack: known
rules:
  - id: XZ902
    name: known-rule
    category: stale-name
    severity: warning
    kind: stale-name
    knowledge: kb.yaml
    scopes: [mention]
    message: 「{match}」
    description: 旧名。
"""


@pytest.mark.parametrize("where", ["config", "pack", "knowledge"])
@pytest.mark.parametrize("cached", [False, True])
def test_an_impossible_date_names_its_file_and_line(
    tmp_path: Path, where: str, cached: bool
) -> None:
    (tmp_path / "r.txt").write_text("甲\n", encoding="utf-8")
    args = ["r.txt"] if cached else ["--no-cache", "r.txt"]
    if where == "config":
        (tmp_path / ".fzlint.yaml").write_text("as-of: 2024-02-30\n", encoding="utf-8")
        expected = ".fzlint.yaml:1:"
    elif where == "pack":
        (tmp_path / "p.yaml").write_text(PACK_WITH_DATE, encoding="utf-8")
        args = ["--rules", "p.yaml", *args]
        expected = "p.yaml:14:"
    else:
        (tmp_path / "p.yaml").write_text(KNOWLEDGE_PACK, encoding="utf-8")
        (tmp_path / "kb.yaml").write_text(KNOWLEDGE, encoding="utf-8")
        args = ["--rules", "p.yaml", *args]
        expected = "kb.yaml:6:"
    run = _fzlint(*args, cwd=tmp_path)
    assert run.returncode == 2
    assert expected in run.stderr and "内部错误" not in run.stderr, run.stderr


# 5. Damaged or wrong-shaped entries of the derived data


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.marshal"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: marshal.dumps(12),  # a marshal value of the wrong shape
        lambda data: marshal.dumps(("M", "x", [1])),
        lambda data: marshal.dumps({("a", 8): 3, ("required_literals", "a", 8): 5}),
        lambda data: data[: len(data) // 2],  # a truncated entry
        lambda data: data[:-40] + bytes(40),  # zeros at the end, as a crashed disk leaves
    ],
)
def test_every_damaged_derived_entry_is_a_miss(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "r.txt").write_text("甲,乙\n一、总体情况\n", encoding="utf-8")
    first = _fzlint("--cache-dir", "c", "--format", "json", "r.txt", cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    entries = _entries(tmp_path / "c")
    assert any(p.parent.name == "yaml" for p in entries)
    assert any(p.parent.name == "patterns" for p in entries)
    for entry in entries:
        entry.write_bytes(damage(entry.read_bytes()))
    for _ in range(2):  # read damaged, then as the run wrote it again
        again = _fzlint("--cache-dir", "c", "--format", "json", "--no-cache", "r.txt", cwd=tmp_path)
        run = _fzlint("--cache-dir", "c", "--format", "json", "r.txt", cwd=tmp_path)
        assert (run.returncode, run.stdout, run.stderr) == (1, again.stdout, ""), run.stderr


def test_wrong_shaped_entries_written_as_entries_are_misses(tmp_path: Path) -> None:
    """Entries whose bytes are whole (as `derived.write` writes them) but whose data is not
    what the reader expects."""
    from fzlint import derived

    (tmp_path / "r.txt").write_text("甲,乙\n一、总体情况\n", encoding="utf-8")
    first = _fzlint("--cache-dir", "c", "--format", "json", "r.txt", cwd=tmp_path)
    for entry in _entries(tmp_path / "c"):
        data = derived.read(str(entry))
        if isinstance(data, dict):  # the pattern store: every value of the wrong type
            wrong = {key: 7 for key in data}
        else:  # a parsed file: a number, then a mapping whose lines are not numbers
            wrong = 12 if entry.name < "8" else ("M", "one", [("pack", 1, "demo")])
        derived.write(str(entry), wrong)
    run = _fzlint("--cache-dir", "c", "--format", "json", "r.txt", cwd=tmp_path)
    assert (run.returncode, run.stdout, run.stderr) == (1, first.stdout, ""), run.stderr


# 6. Workers end with the parent


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; whoever adopted it reaps it


SLOW_RUN = """\
import sys, time
from fzlint import parallel
linted = parallel.lint_document
def slow(*args, **kwargs):
    time.sleep(60)
    return linted(*args, **kwargs)
parallel.lint_document = slow
from fzlint.cli import main
sys.exit(main(["--no-cache", "-j", "2", "--format", "concise", sys.argv[1]]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_workers_end_with_the_parent(tmp_path: Path, signal_name: str) -> None:
    import signal
    import time

    for index in range(4):
        (tmp_path / f"r{index}.txt").write_text(f"甲,乙{index}\n", encoding="utf-8")
    parent = subprocess.Popen(
        [sys.executable, "-c", SLOW_RUN, str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = [pid for pid in _children(parent.pid) if _alive(pid)]
        assert len(workers) >= 2, "the workers did not start"
        time.sleep(0.5)  # each is in the middle of a file
        parent.send_signal(getattr(signal, signal_name))
        parent.wait(timeout=15)
        # the parent ends as the signal would have ended it (Ctrl-C: fzlint's exit status 130)
        signum = getattr(signal, signal_name)
        assert parent.returncode == (130 if signum == signal.SIGINT else -signum)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
        assert "Traceback" not in (parent.stderr.read() if parent.stderr else "")
    finally:
        for pid in [parent.pid, *workers]:
            if _alive(pid):
                os.kill(pid, 9)
        parent.wait(timeout=5)


# 7. Patterns that backtrack exponentially


@pytest.mark.parametrize(
    "pattern",
    [
        r"^(([a-z])+.)+[A-Z]([a-z])+$",  # a letter is the inner repeat's or the dot's
        r"(a|a)+$",  # two branches read the same text
        r"(a|aa)+$",  # ... or one reads what two rounds of the other read
        r"(\w+\d)+x",
        r"(?:a{1,3})+b",
        r"(a|a){1,30}$",  # a long bounded repeat is as slow
        r"(?=(a|a)+$)b",  # inside a lookahead
        r"(?:[^,]|\w)+$",
        r"(?:[^\d]|[a-z])+$",
        r"(?:x(?:|)(?:|))+$",  # two ways of matching nothing
        r"^(\d+|\d+\.)+$",
        r"(?:[，,]?\s*)+$",
        r"(\s*)*$",
        r"(.*?,)+x",
        r"^(\w+\s?)+$",
        r"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
    ],
)
def test_patterns_that_backtrack_exponentially_are_refused(pattern: str) -> None:
    from fzlint.text.regex import compile_pattern

    with pytest.raises(ValueError, match="灾难性回溯"):
        compile_pattern(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(ab|ac)+",
        r"(a|b)+$",
        r"a*a*",
        r"(?:\d{1,3},)*\d{1,3}",
        r"(?:\d{4})+",
        r"(?:[一二三四五六七八九十]+、)+",
        r"(\w+)\s+\1",
        r"(?:ab?)+$",
        r"(?:[^\d]|5)+$",  # one class, as re reads it
        r"(?:\s|\u3000)+$",
        r"(?:第[一二三]{1,3}条)+",
        r"^\d{4}年[1-9]\d?月[1-9]\d?日$",
    ],
)
def test_patterns_that_read_text_one_way_are_kept(pattern: str) -> None:
    from fzlint.text.regex import compile_pattern

    assert compile_pattern(pattern).pattern == pattern


def test_every_shipped_pattern_still_loads(cli) -> None:
    run = cli("test-rules")
    assert run.code == 0 and "失败0条" in run.out


# Control characters from a report (ANSI / OSC escapes) in the formats for people

ESCAPES = (
    "关于2024年法治政府建设情况的报告\n\n"
    + "推进依法行政工作。\n" * 50
    + "甲,乙\x1b]0;pwned\x07丙\x1b[2J丁,戊\n"
)


@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_control_characters_are_shown_escaped(tmp_path: Path, cli, fmt: str) -> None:
    report = tmp_path / "e\x1b[31m.txt"
    report.write_text(ESCAPES, encoding="utf-8")
    run = cli("--no-cache", "--format", fmt, "--color", "never", str(report))
    assert run.code == 1
    assert "\x1b" not in run.out and "\x07" not in run.out
    assert "e\\x1b[31m.txt:53:2:" in run.out
    if fmt == "full":
        assert "甲,乙\\x1b]0;pwned\\x07丙\\x1b[2J丁,戊" in run.out
        # the caret stands under the second comma, past the escapes as shown
        lines = run.out.splitlines()
        shown = [line for line in lines if line.startswith("53 │ ")]
        carets = [line for line in lines if line.strip().startswith("│") and "^" in line]
        from rich.cells import cell_len

        second = shown[-1].index(",戊")
        assert any(
            cell_len(caret[: caret.index("^")]) == cell_len(shown[-1][:second]) for caret in carets
        )


def test_a_message_with_a_control_character_is_shown_escaped() -> None:
    from fzlint.document.source import Document
    from fzlint.engine.packs import load_rules
    from fzlint.output.concise import render

    doc = Document.from_bytes("甲乙\n".encode(), "r.txt")
    # `render` is handed the rule of each finding, as `Findings.rules` holds them
    rules = {item.rule.id: item.rule for item in load_rules() if item.rule.id == "FZ101"}
    text = render(doc, [("FZ101", 0, 1, "「\x1b[2J」\u202e", 1, None, ())], rules)
    assert text.endswith("「\\x1b[2J」\\u202e")


# Writing over an input report


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
@pytest.mark.parametrize("given", ["file", "folder", "previous"])
def test_an_output_that_is_an_input_report_is_refused(
    tmp_path: Path, cli, option: str, given: str
) -> None:
    report = tmp_path / "r.txt"
    report.write_text("甲,乙\n", encoding="utf-8")
    last_year = tmp_path / "old" / "r.txt"
    last_year.parent.mkdir()
    last_year.write_text("丙,丁\n", encoding="utf-8")
    target = {"file": report, "folder": report, "previous": last_year}[given]
    inputs = [str(tmp_path) if given == "folder" else str(report)]
    if given == "previous":
        inputs = ["--previous", str(last_year), str(report)]
    before = target.read_bytes()
    run = cli("--no-cache", option, str(tmp_path / "." / target.relative_to(tmp_path)), *inputs)
    assert run.code == 2
    assert "覆盖" in run.err and target.name in run.err
    assert target.read_bytes() == before


def test_an_output_file_beside_the_reports_is_written(tmp_path: Path, cli) -> None:
    report = tmp_path / "r.txt"
    report.write_text("甲,乙\n", encoding="utf-8")
    run = cli("--no-cache", "--output-file", str(tmp_path / "out.txt"), str(report))
    assert run.code == 1 and "FZ101" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_the_summary_table_shows_file_names_as_they_are(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Escaped, and never read as rich markup (a path with `[/b]` in it stopped the run)."""
    (tmp_path / "x[").mkdir()
    for name in ("a\x1b[31m.txt", "x[/b].txt"):  # the second: b].txt in the folder x[
        (tmp_path / name).write_text(ESCAPES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # short paths: the table is not cut
    run = cli("--no-cache", "--format", "full", "--color", "never", ".")
    assert run.code == 1, run.err
    assert "\x1b" not in run.out
    table = run.out[run.out.index("问题最多的文件") :]
    assert "a\\x1b[31m.txt" in table and "x[/b].txt" in table


def test_an_error_naming_a_file_shows_its_control_characters_escaped(tmp_path: Path, cli) -> None:
    report = tmp_path / "a\x1b]0;x\x07.txt"
    report.write_bytes(b"\x00\x01\x02\x03binary")
    run = cli("--no-cache", str(report))
    assert run.code == 2
    assert "a\\x1b]0;x\\x07.txt" in run.err and "\x1b" not in run.err


def test_rules_lists_a_pack_s_words_as_written(tmp_path: Path, cli) -> None:
    pack = tmp_path / "mk.yaml"
    pack.write_text(
        "pack: mk\nrules:\n  - id: XZ901\n    name: mk-rule\n    category: punctuation\n"
        "    severity: warning\n    kind: pattern\n    pattern: '甲'\n    message: 甲\n"
        "    description: 不要写 x[/b] 或 [bold]y 这样的内容。\n",
        encoding="utf-8",
    )
    run = cli("rules", "--no-default-rules", "--rules", str(pack))
    assert run.code == 0
    assert "x[/b]" in run.out and "[bold]y" in run.out


def test_structure_shows_control_characters_escaped(tmp_path: Path, cli) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "关于2024年法治政府建设情况的报告\n\n"
        + "推进依法行政工作。\n" * 50
        + "一、总体\x1b[2J情况\n推进工作。\n",
        encoding="utf-8",
    )
    run = cli("structure", "--color", "never", str(report))
    assert run.code == 0
    assert "\x1b" not in run.out
    assert "总体\\x1b[2J情况" in run.out
