"""CI use: machine formats checked against what their consumers accept, the report in a file,
statistics, --exit-zero, the baseline, and parallel runs that print in a fixed order."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from tests.test_config import DEFECTIVE, write

# The format tests pin the rules they were written against; rule packs grow independently.
FOUNDATION_RULES = "FZ101,FZ501,FZ502"
CLEAN = "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全面推进依法行政。\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path / "bad.txt", DEFECTIVE)
    write(tmp_path / "good.txt", CLEAN)
    return tmp_path


def test_github_annotations_carry_file_line_col(cli, folder: Path) -> None:
    run = cli(str(folder), "--format", "github")
    assert run.code == 1
    bad = folder / "bad.txt"
    assert run.out.splitlines() == [
        f"::warning file={bad},line=2,col=10,endLine=2,endColumn=11,title=FZ101 half-width-comma"
        "::中文语句中使用了半角逗号「,」，应为全角「，」",
        f"::warning file={bad},line=3,col=3,endLine=3,endColumn=22,title=FZ501 word-bookmark"
        "::残留 Word 书签标记「[bookmark%3A _GoBack]」，应删除".replace("%3A", ":"),
    ]


def test_github_escapes_properties_and_data() -> None:
    from fzlint.output.github import escape_data, escape_property

    assert escape_property("a,b:c%d\n") == "a%2Cb%3Ac%25d%0A"
    assert escape_data("50%,\r\n") == "50%25,%0D%0A"


def test_sarif_is_valid_2_1_0_with_rules_and_fixes(cli, folder: Path, sarif_validator) -> None:
    run = cli(str(folder), "--format", "sarif", "--select", FOUNDATION_RULES)
    assert run.code == 1
    log = json.loads(run.out)
    sarif_validator.validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == ["FZ101", "FZ501", "FZ502"]
    assert driver["rules"][0]["defaultConfiguration"] == {"level": "warning"}
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("FZ101", 0, "warning"),
        ("FZ501", 1, "warning"),
    ]
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2,
        "startColumn": 10,
        "endLine": 2,
        "endColumn": 11,
    }
    assert first["fixes"][0]["artifactChanges"][0]["replacements"] == [
        {
            "deletedRegion": {"startLine": 2, "startColumn": 10, "endLine": 2, "endColumn": 11},
            "insertedContent": {"text": "，"},
        }
    ]
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_sarif_relative_non_ascii_paths_are_uri_references(sarif_validator) -> None:
    from fzlint.output.sarif import uri

    assert uri("报告/2023 年.txt") == "%E6%8A%A5%E5%91%8A/2023%20%E5%B9%B4.txt"
    assert uri("/tmp/a b.txt") == "file:///tmp/a%20b.txt"


def test_sarif_validator_rejects_a_broken_log(sarif_validator) -> None:
    with pytest.raises(jsonschema.ValidationError):
        sarif_validator.validate({"version": "2.1.0", "runs": [{"results": []}]})


def test_junit_one_test_case_per_file(cli, folder: Path) -> None:
    run = cli(str(folder), "--format", "junit")
    root = ET.fromstring(run.out)
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {str(folder / "bad.txt"), str(folder / "good.txt")}
    failure = cases[str(folder / "bad.txt")].find("failure")
    assert failure is not None and failure.get("message") == "2处问题"
    assert failure.text.splitlines()[0].startswith(f"{folder / 'bad.txt'}:2:10: warning[FZ101]")
    assert list(cases[str(folder / "good.txt")]) == []


GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string"},
            "check_name": {"type": "string"},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def test_gitlab_code_quality(cli, folder: Path) -> None:
    (folder / "copy.txt").write_text(DEFECTIVE + DEFECTIVE, encoding="utf-8")
    run = cli(str(folder), "--format", "gitlab", "--select", FOUNDATION_RULES)
    issues = json.loads(run.out)
    jsonschema.validate(issues, GITLAB_SCHEMA)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues) == 6
    assert (issues[0]["check_name"], issues[0]["severity"], issues[0]["location"]) == (
        "FZ101",
        "minor",
        {"path": str(folder / "bad.txt"), "lines": {"begin": 2, "end": 2}},
    )


def test_output_file_gets_the_report_and_terminal_the_summary(cli, folder: Path) -> None:
    target = folder / "out" / "report.json"
    target.parent.mkdir()
    run = cli(str(folder), "--format", "json", "--output-file", str(target))
    assert run.code == 1
    assert [i["rule"] for i in json.loads(target.read_text(encoding="utf-8"))] == ["FZ101", "FZ501"]
    assert run.out.splitlines()[0] == "文件：共2个，检查2个，有问题1个"
    assert "问题最多的文件" in run.out and "标点" in run.out


def test_statistics_counts_per_rule(cli, folder: Path) -> None:
    (folder / "more.txt").write_text("甲,乙,丙\n", encoding="utf-8")
    run = cli(str(folder), "--statistics")
    assert run.code == 1
    assert run.out.splitlines() == [
        "3\tFZ101\t[*] half-width-comma",
        "1\tFZ002\t    empty-or-too-short",  # more.txt: three words, no heading
        "1\tFZ501\t[*] word-bookmark",
    ]


def test_exit_zero_keeps_findings_but_exits_0(cli, folder: Path) -> None:
    run = cli(str(folder), "--exit-zero", "--format", "concise")
    assert run.code == 0 and len(run.out.splitlines()) == 2
    assert cli(str(folder / "missing.txt"), "--exit-zero").code == 2


def test_baseline_hides_todays_findings_and_not_a_new_one(cli, folder: Path) -> None:
    baseline = folder / "fzlint-baseline.json"
    written = cli(str(folder), "--write-baseline", str(baseline))
    assert written.code == 0
    assert written.err == f"fzlint: 已将2处问题写入基线 {baseline}\n"
    assert cli(str(folder), "--baseline", str(baseline)).code == 0
    # Unrelated edits move the old findings to other lines; one new finding is added.
    bad = folder / "bad.txt"
    bad.write_text("新增的一段说明。\n\n" + DEFECTIVE + "又有半角逗号,在这里\n", encoding="utf-8")
    run = cli(str(folder), "--baseline", str(baseline), "--format", "json")
    assert run.code == 1
    assert [(i["rule"], i["line"], i["column"]) for i in run.json()] == [("FZ101", 6, 7)]


def test_baseline_counts_repeats_and_keys_paths_to_its_folder(
    cli, folder: Path, monkeypatch
) -> None:
    baseline = folder / "baseline.json"
    monkeypatch.chdir(folder)
    cli("bad.txt", "--write-baseline", str(baseline))
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert [(f["path"], f["rule"], f["count"]) for f in data["findings"]] == [
        ("bad.txt", "FZ101", 1),
        ("bad.txt", "FZ501", 1),
    ]
    (folder / "bad.txt").write_text(DEFECTIVE + DEFECTIVE, encoding="utf-8")
    monkeypatch.chdir(folder.parent)
    run = cli(
        str(folder / "bad.txt"),
        "--baseline",
        str(baseline),
        "--format",
        "json",
        "--select",
        FOUNDATION_RULES,
    )
    assert [(i["rule"], i["line"]) for i in run.json()] == [("FZ101", 5), ("FZ501", 6)]


def test_bad_baseline_is_one_line_exit_2(cli, folder: Path) -> None:
    broken = write(folder / "b.json", "[]")
    run = cli(str(folder), "--baseline", str(broken))
    assert (run.code, run.err) == (
        2,
        f"fzlint: 错误: {broken}: 不是 fzlint 基线文件（用 --write-baseline 生成）\n",
    )


def fzlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fzlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )


def test_parallel_output_is_in_input_order(tmp_path: Path) -> None:
    for i in range(40):
        text = DEFECTIVE if i % 3 else CLEAN
        write(tmp_path / f"d{i % 4}" / f"r{39 - i:02d}.txt", text * (1 + i % 5))
    serial = fzlint(".", "-j", "1", "--format", "concise", cwd=tmp_path)
    parallel = fzlint(".", "-j", "2", "--format", "concise", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    paths = [line.split(":")[0] for line in serial.stdout.splitlines()]
    assert paths == sorted(paths, key=lambda p: (p.split("/")[1], p.split("/")[2]))
    assert parallel.stderr == ""


def _run_with_terminal_stderr(cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """Run fzlint with stderr on a pseudo-terminal (as in an interactive shell), stdout piped."""
    import os
    import pty

    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "fzlint", ".", "--format", "concise"],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
        text=True,
    )
    os.close(slave)
    out, _ = process.communicate()
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.returncode, out, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize(("ci", "bar"), [(False, True), (True, False)])
def test_progress_bar_on_a_terminal_only_outside_ci(tmp_path: Path, ci: bool, bar: bool) -> None:
    for i in range(60):
        write(tmp_path / f"r{i:02d}.txt", DEFECTIVE)
    env = {"PATH": "/usr/bin:/bin", "TERM": "xterm"} | ({"CI": "true"} if ci else {})
    code, out, err = _run_with_terminal_stderr(tmp_path, env)
    assert code == 1
    assert len(out.splitlines()) == 120
    assert ("60/60" in err) is bar


MACHINE_FORMATS = ["json", "concise", "github", "sarif", "junit", "gitlab"]


@pytest.fixture
def tricky_folder(tmp_path: Path, corpus: Path) -> tuple[Path, list[Path]]:
    """Two reports (findings with fixes and related places) under names that each format must
    escape, and a copy of the first: the copies share one results-cache entry."""
    reports = sorted(corpus.glob("*.txt"))[-2:]  # both have a repeat, told with a related place
    folder = tmp_path / "in"
    files = [folder / "a,b:c%d.txt", folder / '引号"与 空格.txt', folder / "copy.txt"]
    for target, source in zip(files, [*reports, reports[0]], strict=True):
        write(target, source.read_text(encoding="utf-8"))
    return folder, files


@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_machine_formats_write_the_same_from_workers_and_the_cache(
    cli, tmp_path: Path, tricky_folder: tuple[Path, list[Path]], fmt: str
) -> None:
    folder, _ = tricky_folder
    reference = cli(str(folder), "--format", fmt, "--no-cache", "-j", "1")
    assert reference.code == 1 and len(reference.out) > 5000
    cache = str(tmp_path / "cache")
    runs = [
        cli(str(folder), "--format", fmt, "--cache-dir", cache, "-j", "2"),  # rendered by workers
        cli(str(folder), "--format", fmt, "--cache-dir", cache, "-j", "2"),  # from the cache
    ]
    other = str(tmp_path / "other")
    cli(str(folder), "--format", "json" if fmt != "json" else "concise", "--cache-dir", other)
    runs.append(cli(str(folder), "--format", fmt, "--cache-dir", other))  # rendered now
    assert [run.out for run in runs] == [reference.out] * 3


def test_sarif_results_name_their_own_file_and_rule(
    cli, tricky_folder: tuple[Path, list[Path]], sarif_validator
) -> None:
    from fzlint.output.sarif import uri

    folder, files = tricky_folder
    log = json.loads(cli(str(folder), "--format", "sarif", "--no-cache").out)
    sarif_validator.validate(log)
    run = log["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    by_file: dict[str, list[dict]] = {}
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        places = [result["locations"][0]["physicalLocation"]]
        places += [change for fix in result.get("fixes", []) for change in fix["artifactChanges"]]
        places += [r["physicalLocation"] for r in result.get("relatedLocations", [])]
        uris = {place["artifactLocation"]["uri"] for place in places}
        assert len(uris) == 1
        by_file.setdefault(uris.pop(), []).append(result)
    assert set(by_file) == {uri(str(path)) for path in files}
    assert any("relatedLocations" in r for r in by_file[uri(str(files[0]))])
    # the copy's results are the original's, each in its own file
    original, copy = (json.dumps(by_file[uri(str(p))]) for p in (files[0], files[2]))
    assert copy.replace(uri(str(files[2])), uri(str(files[0]))) == original


def test_gitlab_fingerprints_stay_unique_across_copies(
    cli, tricky_folder: tuple[Path, list[Path]]
) -> None:
    folder, files = tricky_folder
    issues = json.loads(cli(str(folder), "--format", "gitlab", "--no-cache").out)
    jsonschema.validate(issues, GITLAB_SCHEMA)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    paths = [issue["location"]["path"] for issue in issues]
    assert set(paths) == {str(path) for path in files}
    assert paths.count(str(files[0])) == paths.count(str(files[2]))


def test_github_commands_name_their_own_file(cli, tricky_folder: tuple[Path, list[Path]]) -> None:
    from fzlint.output.github import escape_property

    folder, files = tricky_folder
    lines = cli(str(folder), "--format", "github", "--no-cache").out.splitlines()
    by_file: dict[str, list[str]] = {}
    for line in lines:
        command, _, rest = line.partition(" file=")
        assert command in ("::error", "::warning", "::notice")
        file, _, rest = rest.partition(",line=")
        by_file.setdefault(file, []).append(command + rest)
    assert set(by_file) == {escape_property(str(path)) for path in files}
    assert by_file[escape_property(str(files[0]))] == by_file[escape_property(str(files[2]))]
