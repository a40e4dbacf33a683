"""Configuration files as users write them: found by walking up, validated with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

DEFECTIVE = "标题\n列入了年终述职内容,自觉接受监督\n5、[bookmark: _GoBack]其他需要报告的情况\n"
KEYS = (
    "select、ignore、per-file-ignores、severity、rules、include、exclude、as-of、doc-type、previous"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def found(run) -> list[tuple[str, str, int, int]]:
    return [(Path(i["path"]).name, i["rule"], i["line"], i["column"]) for i in run.json()]


def test_subfolder_config_changes_verdicts_under_it_only(cli, tmp_path: Path) -> None:
    write(tmp_path / "a" / "r.txt", DEFECTIVE)
    write(tmp_path / "b" / "r.txt", DEFECTIVE)
    write(tmp_path / "b" / ".fzlint.yaml", "ignore: [FZ101]\n")
    run = cli(str(tmp_path), "--format", "json")
    assert run.code == 1
    assert [(Path(i["path"]).parent.name, i["rule"]) for i in run.json()] == [
        ("a", "FZ101"),
        ("a", "FZ501"),
        ("b", "FZ501"),
    ]


def test_nearest_config_wins_and_is_not_merged(cli, tmp_path: Path) -> None:
    write(tmp_path / ".fzlint.yaml", "ignore: [FZ101]\n")
    write(tmp_path / "sub" / ".fzlint.yaml", "ignore: [FZ501]\n")
    write(tmp_path / "sub" / "r.txt", DEFECTIVE)
    write(tmp_path / "top.txt", DEFECTIVE)
    run = cli(str(tmp_path), "--format", "json")
    assert found(run) == [("top.txt", "FZ501", 3, 3), ("r.txt", "FZ101", 2, 10)]


def test_pyproject_tool_table(cli, tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.fzlint]\nselect = ["artefact"]\n',
    )
    report = write(tmp_path / "r.txt", DEFECTIVE)
    assert found(cli(str(report), "--format", "json")) == [("r.txt", "FZ501", 3, 3)]


def test_pyproject_without_tool_table_is_passed_over(cli, tmp_path: Path) -> None:
    write(tmp_path / ".fzlint.yaml", "ignore: [FZ501]\n")
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    report = write(tmp_path / "sub" / "r.txt", DEFECTIVE)
    assert found(cli(str(report), "--format", "json")) == [("r.txt", "FZ101", 2, 10)]


def test_unknown_yaml_key_names_file_and_line(cli, tmp_path: Path) -> None:
    config = write(tmp_path / ".fzlint.yaml", "ignore: [FZ101]\nselct: [FZ5]\n")
    report = write(tmp_path / "r.txt", DEFECTIVE)
    run = cli(str(report))
    assert run.code == 2
    assert run.err == f"fzlint: 错误: {config}:2: 不认识的配置项「selct」（可用：{KEYS}）\n"


def test_unknown_toml_key_names_file_and_line(cli, tmp_path: Path) -> None:
    config = write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.fzlint]\nignore = ["FZ101"]\nexclud = ["old"]\n',
    )
    report = write(tmp_path / "r.txt", DEFECTIVE)
    run = cli(str(report))
    assert run.code == 2
    assert run.err == f"fzlint: 错误: {config}:6: 不认识的配置项「exclud」（可用：{KEYS}）\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("select: 3\n", 1, "「select」应为字符串或字符串列表"),
        ("ignore: [FZ999]\n", 1, "未知的规则选择器「FZ999」（可写规则编号、编号前缀、名称或类别）"),
        (
            "\nseverity:\n  FZ501: fatal\n",
            3,
            "severity 中「FZ501」的级别应为 error、warning 或 info",
        ),
        (
            "per-file-ignores:\n  a: [FZ1]\n  b: [FZ9]\n",
            3,
            "未知的规则选择器「FZ9」（可写规则编号、编号前缀、名称或类别）",
        ),
        ("as-of: soon\n", 1, "「as-of」应为 YYYY-MM-DD 格式的日期：soon"),
        ("rules: [missing.yaml]\n", 1, "规则包「missing.yaml」不存在（相对于配置文件所在目录）"),
        ("previous: [a, b]\n", 1, "「previous」应为「路径正则: 上一年度报告路径」的映射"),
        (
            "previous:\n  '(\\d+': x\n",
            1,
            "previous 中的正则「(\\d+」无效：missing ), unterminated subpattern at position 0",
        ),
        (
            "previous:\n  '(\\d+)/r.txt': '\\2/r.txt'\n",
            1,
            "previous 中「\\2/r.txt」引用了正则中不存在的分组",
        ),
        ("select: [FZ1\n", 2, None),
    ],
)
def test_invalid_values_name_file_and_line(
    cli, tmp_path: Path, text: str, line: int, message: str | None
) -> None:
    config = write(tmp_path / ".fzlint.yaml", text)
    report = write(tmp_path / "r.txt", DEFECTIVE)
    run = cli(str(report))
    assert run.code == 2
    assert run.err.startswith(f"fzlint: 错误: {config}:{line}: ")
    assert run.err.count("\n") == 1
    if message is not None:
        assert run.err == f"fzlint: 错误: {config}:{line}: {message}\n"


def test_fixed_category_names_are_valid_selectors_without_rules(cli, tmp_path: Path) -> None:
    write(tmp_path / ".fzlint.yaml", "ignore: [stale-name, duplicate, numbering, signature-date]\n")
    report = write(tmp_path / "r.txt", DEFECTIVE)
    assert cli(str(report), "--format", "json").code == 1


def test_per_file_ignores_by_glob(cli, tmp_path: Path) -> None:
    write(
        tmp_path / ".fzlint.yaml",
        "per-file-ignores:\n  'old/**': [FZ101]\n  '*-web.txt': artefact\n",
    )
    write(tmp_path / "old" / "2019" / "r.txt", DEFECTIVE)
    write(tmp_path / "new" / "r-web.txt", DEFECTIVE)
    write(tmp_path / "new" / "r.txt", DEFECTIVE)
    run = cli(str(tmp_path), "--format", "json")
    assert [(i["path"].removeprefix(str(tmp_path) + "/"), i["rule"]) for i in run.json()] == [
        ("new/r-web.txt", "FZ101"),
        ("new/r.txt", "FZ101"),
        ("new/r.txt", "FZ501"),
        ("old/2019/r.txt", "FZ501"),
    ]


def test_severity_override_changes_severity_and_min_severity(cli, tmp_path: Path) -> None:
    write(tmp_path / ".fzlint.yaml", "severity:\n  FZ501: error\n")
    report = write(tmp_path / "r.txt", DEFECTIVE)
    run = cli(str(report), "--format", "json", "--min-severity", "error")
    assert [(i["rule"], i["severity"]) for i in run.json()] == [("FZ501", "error")]


def test_extra_pack_is_relative_to_the_config(cli, tmp_path: Path) -> None:
    write(
        tmp_path / "packs" / "office.yaml",
        """pack: office
rules:
  - id: OF101
    name: no-draft-mark
    category: artefact
    severity: error
    kind: pattern
    pattern: '征求意见稿'
    message: 残留「{match}」字样
    description: 定稿不应带征求意见稿字样。
    examples:
      fire: ['（征求意见稿）']
      pass: ['定稿']
""",
    )
    write(tmp_path / "reports" / ".fzlint.yaml", "rules: ../packs/office.yaml\nselect: [OF]\n")
    report = write(tmp_path / "reports" / "r.txt", "标题（征求意见稿）\n")
    run = cli(str(report), "--format", "json")
    assert found(run) == [("r.txt", "OF101", 1, 4)]


def test_exclude_globs_skip_walked_and_named_files(cli, tmp_path: Path) -> None:
    write(tmp_path / ".fzlint.yaml", "exclude: [drafts, '*.bak.txt']\n")
    write(tmp_path / "drafts" / "r.txt", DEFECTIVE)
    write(tmp_path / "r.bak.txt", DEFECTIVE)
    write(tmp_path / "r.txt", DEFECTIVE)
    run = cli(str(tmp_path), "--format", "json")
    assert {Path(i["path"]).relative_to(tmp_path).as_posix() for i in run.json()} == {"r.txt"}
    assert cli(str(tmp_path / "drafts" / "r.txt"), "--format", "json").json() == []


def test_cli_include_and_exclude(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DEFECTIVE)
    write(tmp_path / "b.md", DEFECTIVE)
    write(tmp_path / "skip" / "c.md", DEFECTIVE)
    run = cli(str(tmp_path), "--include", "*.md", "--exclude", "skip", "--format", "json")
    assert {Path(i["path"]).name for i in run.json()} == {"b.md"}


def test_command_line_select_replaces_config_select(cli, tmp_path: Path) -> None:
    write(tmp_path / ".fzlint.yaml", "select: [FZ501]\n")
    report = write(tmp_path / "r.txt", DEFECTIVE)
    assert found(cli(str(report), "--select", "FZ101", "--format", "json")) == [
        ("r.txt", "FZ101", 2, 10)
    ]
    assert found(cli(str(report), "--isolated", "--format", "json")) == [
        ("r.txt", "FZ101", 2, 10),
        ("r.txt", "FZ501", 3, 3),
    ]


def test_as_of_from_config_reaches_settings(cli, tmp_path: Path) -> None:
    config = write(tmp_path / ".fzlint.yaml", "as-of: 2024-03-01\n")
    report = write(tmp_path / "r.txt", DEFECTIVE)
    run = cli("config", str(report))
    assert run.code == 0
    assert f"as-of        2024-03-01    ← {config}:1" in run.out.splitlines()


def test_show_settings_says_where_each_came_from(cli, tmp_path: Path) -> None:
    config = write(
        tmp_path / ".fzlint.yaml",
        "select: [FZ101, FZ501, FZ502]\nignore: [FZ101]\nper-file-ignores:\n  'old/*': [FZ502]\n"
        "severity:\n  FZ501: error\nprevious:\n  '(\\d{4})/(.*)': 'archive/\\1/\\2'\n",
    )
    report = write(tmp_path / "old" / "r.txt", DEFECTIVE)
    run = cli("--show-settings", str(report), "--as-of", "2025-01-31")
    assert run.code == 0
    assert run.out.splitlines() == [
        f"文件：{report}",
        f"配置文件：{config}",
        f"select       FZ101、FZ501、FZ502    ← {config}:1",
        f"ignore       FZ101、FZ502    ← {config}:2；per-file-ignores「old/*」{config}:3",
        f"severity     FZ501=error    ← {config}:5",
        "rules        （无）    ← 默认",
        "exclude      否    ← 默认",
        "as-of        2025-01-31    ← 命令行",
        "report-year  从标题读取    ← 默认",
        f"previous     (\\d{{4}})/(.*) → archive/\\1/\\2    ← {config}:7",
        "生效的规则（1条）：FZ501",
    ]


def test_previous_pairs_a_report_with_last_years(tmp_path: Path) -> None:
    from fzlint.config import Overrides, Resolver, previous_report

    write(tmp_path / ".fzlint.yaml", "previous:\n  '2024/(.*)\\.txt': '2023/\\1.txt'\n")
    report = write(tmp_path / "2024" / "区司法局.txt", DEFECTIVE)
    other = write(tmp_path / "drafts" / "x.txt", DEFECTIVE)
    resolver = Resolver(Overrides())
    assert previous_report(resolver.settings_for(str(report)), str(report)) == str(
        tmp_path / "2023" / "区司法局.txt"
    )
    assert previous_report(resolver.settings_for(str(other)), str(other)) is None


def test_include_from_config_decides_what_a_walk_takes(cli, tmp_path: Path) -> None:
    write(tmp_path / ".fzlint.yaml", "include: ['*.md', '*.txt']\n")
    write(tmp_path / "a.md", DEFECTIVE)
    write(tmp_path / "b.txt", DEFECTIVE)
    write(tmp_path / "c.rst", DEFECTIVE)
    run = cli(str(tmp_path), "--select", "FZ501", "--format", "json")
    assert [Path(i["path"]).name for i in run.json()] == ["a.md", "b.txt"]


def test_command_line_and_file_origins_add_up(cli, tmp_path: Path) -> None:
    config = write(tmp_path / ".fzlint.yaml", "select: [FZ5]\nignore: [FZ502]\n")
    report = write(tmp_path / "r.txt", DEFECTIVE)
    lines = cli("config", str(report), "--select", "ALL", "--ignore", "FZ101").out.splitlines()
    assert lines[2:4] == [
        "select       ALL    ← 命令行",
        f"ignore       FZ502、FZ101    ← {config}:2；命令行",
    ]
