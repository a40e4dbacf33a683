"""The pre-commit hook as a report repository uses it: pre-commit installs fzlint from this checkout.

pre-commit clones a hook repository at a revision, so the test first snapshots the working tree
(tracked and new files, as git sees them) into a throw-away repository and points at its HEAD:
what is tested is the code as it stands, committed or not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEFECTIVE = "标题\n列入了年终述职内容,自觉接受监督\n5、[bookmark: _GoBack]其他需要报告的情况\n"
CLEAN = "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全面推进依法行政。\n"


def _git(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": str(gitconfig),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "fzlint test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "fzlint test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }


@pytest.fixture
def hook_repo(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A snapshot of this checkout as a git repository, and its HEAD revision."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard", env=env)
    if listed.returncode != 0:
        pytest.skip("this checkout is not a git work tree")
    snapshot = tmp_path / "fzlint-src"
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "snapshot")):
        assert _git(snapshot, *args, env=env).returncode == 0
    rev = _git(snapshot, "rev-parse", "HEAD", env=env).stdout.strip()
    return snapshot, rev


def reports_repository(
    tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str], hook: str, report: str
) -> Path:
    """A repository of reports using `hook` from this checkout, with `report` staged."""
    source, rev = hook_repo
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n",
        encoding="utf-8",
    )
    (reports / "2023").mkdir()
    (reports / "2023" / "report.txt").write_text(report, encoding="utf-8")
    assert _git(reports, "init", "-q", env=env).returncode == 0
    install = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=reports,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    _git(reports, "add", "-A", env=env)
    return reports


def test_commit_of_a_defective_report_is_refused(
    tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str]
) -> None:
    reports = reports_repository(tmp_path, env, hook_repo, "fzlint", DEFECTIVE)

    refused = _git(reports, "commit", "-m", "draft", env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert (
        "2023/report.txt:2:10: warning[FZ101] 中文语句中使用了半角逗号「,」，应为全角「，」"
        in output
    )
    assert (
        "2023/report.txt:3:3: warning[FZ501] 残留 Word 书签标记「[bookmark: _GoBack]」，应删除"
        in output
    )
    assert _git(reports, "rev-parse", "--verify", "HEAD", env=env).returncode != 0

    (reports / "2023" / "report.txt").write_text(CLEAN, encoding="utf-8")
    _git(reports, "add", "-A", env=env)
    accepted = _git(reports, "commit", "-m", "clean report", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr
    assert _git(reports, "rev-parse", "--verify", "HEAD", env=env).returncode == 0


def test_fix_hook_rewrites_the_report_and_the_fixed_one_commits(
    tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str]
) -> None:
    reports = reports_repository(tmp_path, env, hook_repo, "fzlint-fix", DEFECTIVE)
    report = reports / "2023" / "report.txt"

    refused = _git(reports, "commit", "-m", "draft", env=env)
    output = refused.stdout + refused.stderr
    # pre-commit refuses a commit whose files a hook changed, so the author sees the fixes first
    assert refused.returncode != 0, output
    assert "files were modified by this hook" in output
    fixed = "标题\n列入了年终述职内容，自觉接受监督\n5、其他需要报告的情况\n"
    assert report.read_text(encoding="utf-8") == fixed

    _git(reports, "add", "-A", env=env)
    accepted = _git(reports, "commit", "-m", "fixed draft", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert _git(reports, "show", "HEAD:2023/report.txt", env=env).stdout == fixed
