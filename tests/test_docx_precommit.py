"""The pre-commit hooks take .docx reports besides .txt ones."""

from __future__ import annotations

from pathlib import Path

from docx_build import Builder
from test_precommit import CLEAN, _git, env, hook_repo, reports_repository  # noqa: F401

REPORT = ["某市2023年法治政府建设年度报告", "一、主要举措和成效", "全面推进依法行政,严格规范执法。"]


def test_commit_of_a_defective_docx_is_refused(
    tmp_path: Path,
    env: dict[str, str],  # noqa: F811
    hook_repo: tuple[Path, str],  # noqa: F811
) -> None:
    reports = reports_repository(tmp_path, env, hook_repo, "fzlint", CLEAN)
    builder = Builder()
    for line in REPORT:
        builder.para(line)
    builder.save(reports / "2023" / "report.docx")
    _git(reports, "add", "-A", env=env)

    refused = _git(reports, "commit", "-m", "draft", env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "2023/report.docx:3:9: warning[FZ101]" in output

    clean = Builder()
    for line in [*REPORT[:2], "全面推进依法行政，严格规范执法。"]:
        clean.para(line)
    clean.save(reports / "2023" / "report.docx")
    _git(reports, "add", "-A", env=env)
    accepted = _git(reports, "commit", "-m", "clean", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
