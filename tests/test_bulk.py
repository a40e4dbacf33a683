"""A 500-report submission folder, made from the corpus, linted with every format as CI would."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from fzlint.output import FORMATS
from tests.conftest import CORPUS

FILES = 500


@pytest.fixture(scope="module")
def submissions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reports = sorted(CORPUS.glob("*.txt"))
    root = tmp_path_factory.mktemp("bulk")
    for i in range(FILES):
        folder = root / "submissions" / f"dept{i % 10:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(reports[i % len(reports)], folder / f"report{i:03d}.txt")
    (root / "submissions" / ".git").mkdir()
    shutil.copy(reports[0], root / "submissions" / ".git" / "hidden.txt")
    return root


@pytest.fixture(scope="module")
def concise(submissions: Path) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-m", "fzlint", "submissions", "--format", "concise"],
        cwd=submissions,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    return run.stdout.splitlines()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_on_500_files(
    submissions: Path, concise: list[str], fmt: str, sarif_validator
) -> None:
    out = submissions / f"report.{fmt}"
    run = subprocess.run(
        [sys.executable, "-m", "fzlint", "submissions", "--format", fmt, "--output-file", str(out)],
        cwd=submissions,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stderr) == (1, "")
    assert run.stdout.startswith(f"文件：共{FILES}个，检查{FILES}个，有问题")
    text = out.read_text(encoding="utf-8")
    findings = len(concise)
    expected = [line.split(": ", 1)[0] for line in concise]
    if fmt == "concise":
        assert text.splitlines() == concise
    elif fmt == "full":
        # the same lines, with the severity as people read it
        words = {"error[": "错误[", "warning[": "警告[", "info[": "提示["}
        in_chinese = [
            re.sub(r"(error|warning|info)\[", lambda m: words[m[0]], c, count=1) for c in concise
        ]
        assert [line for line in text.splitlines() if line.startswith("submissions/")] == in_chinese
    elif fmt == "json":
        items = json.loads(text)
        assert [f"{i['path']}:{i['line']}:{i['column']}" for i in items] == expected
    elif fmt == "github":
        lines = text.splitlines()
        assert len(lines) == findings
        assert all(
            line.startswith(
                tuple(f"::{level} file=submissions/" for level in ("error", "warning", "notice"))
            )
            for line in lines
        )
    elif fmt == "sarif":
        log = json.loads(text)
        sarif_validator.validate(log)
        assert len(log["runs"][0]["results"]) == findings
    elif fmt == "junit":
        suite = ET.fromstring(text).find("testsuite")
        assert suite is not None and suite.get("tests") == str(FILES)
        assert len(suite.findall("testcase")) == FILES
    elif fmt == "gitlab":
        issues = json.loads(text)
        assert len(issues) == findings == len({i["fingerprint"] for i in issues})
    elif fmt == "html":
        # a finding is the one list item with a class (see tests/test_html.py)
        assert text.count("<li class=") == findings
        assert text.count('<section class="rep ') == FILES
    else:
        pytest.fail(f"no check for format {fmt}")
