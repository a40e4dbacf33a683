"""The numbering and structure packs on whole texts: exact findings (rule, line, column), the
web-page leniency, the report-year override, and the `fzlint structure` command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fzlint.diagnostics import Severity
from fzlint.document.source import Document
from fzlint.engine.packs import load_rules, select
from fzlint.engine.rule import LintContext
from fzlint.engine.runner import lint_document
from fzlint.fixer import fix_text

RULES = select(load_rules(), ["numbering", "structure", "signature-date"], [])

REPORT = (
    "关于2023年度法治政府建设情况的报告\n"
    "中共沈丘县委、沈丘县人民政府：\n"
    "2023年，我镇全面推进依法行政。\n"
    "一、落实第一责任人职责情况\n"
    "镇党委书记带头学法。一是成立小组。二是明确分工。\n"
    "二、主要举措和成效\n"
    "（一）强化组织领导。一、二季度共开展培训6次，1.5万元经费到位，增幅2.5%。\n"
    "（二）规范执法。正文。\n"
    "三、存在的不足和原因\n"
    "普法形式单一，原因是宣传方式不够丰富。\n"
    "四、2024年工作思路和计划\n"
    "1.完善决策机制。\n"
    "2.加强法治宣传，到2025年基本建成法治政府。\n"
    "五、其他需要报告的情况\n"
    "无其他需要报告的情况。\n"
    "\n"
    "老城镇人民政府\n"
    "2023年12月15日\n"
)


def findings(text: str, ctx: LintContext | None = None) -> list[tuple[str, int, int]]:
    doc = Document(text)
    return [(d.rule.id, *doc.position(d.span.start)) for d in lint_document(doc, RULES, ctx)]


def test_a_correct_report_has_no_findings() -> None:
    assert findings(REPORT) == []


def test_each_defect_at_its_place() -> None:
    text = (
        REPORT.replace("二、主要举措", "三、主要举措")
        .replace("（二）规范执法", "（二）、规范执法")
        .replace("二是明确分工", "三是明确分工")
        .replace("2024年工作思路", "2023年工作思路")
        .replace("2023年12月15日", "2024年01月05日")
    )
    assert findings(text) == [
        ("FZ311", 5, 18),
        ("FZ301", 6, 1),
        ("FZ304", 8, 1),
        ("FZ422", 11, 3),
        ("FZ413", 18, 1),
    ]


def test_missing_tail_is_an_error_on_a_document_and_a_warning_on_a_web_page() -> None:
    text = REPORT.replace("\n老城镇人民政府\n2023年12月15日\n", "")
    doc = Document(text)
    found = [
        (d.rule.id, *doc.position(d.span.start), d.severity) for d in lint_document(doc, RULES)
    ]
    assert found == [("FZ411", 15, 11, Severity.ERROR), ("FZ412", 15, 11, Severity.ERROR)]
    web = "首页\n>> 政务公开 >> 年度报告\n" + text + "\n扫一扫手机查看当前页面\n"
    doc = Document(web)
    found = [
        (d.rule.id, *doc.position(d.span.start), d.severity) for d in lint_document(doc, RULES)
    ]
    assert found == [("FZ411", 17, 11, Severity.WARNING), ("FZ412", 17, 11, Severity.WARNING)]


def test_date_window_follows_the_report_year_override() -> None:
    assert findings(REPORT, LintContext(report_year=2021)) == [("FZ422", 11, 3), ("FZ415", 18, 1)]


def test_safe_fixes_repair_markers_and_date() -> None:
    text = REPORT.replace("（二）规范执法", "(二)、规范执法").replace(
        "2023年12月15日", "二〇二三年十二月十五日"
    )
    fixed, _ = fix_text(text, lambda t: lint_document(Document(t), RULES))
    assert fixed == REPORT


def test_renumbering_is_unsafe() -> None:
    text = REPORT.replace("二、主要举措", "三、主要举措")
    lint = lambda t: lint_document(Document(t), RULES)  # noqa: E731
    assert fix_text(text, lint)[0] == text
    assert fix_text(text, lint, unsafe=True)[0] == REPORT


def test_structure_command_prints_the_outline(cli, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    run = cli("structure", str(path), "--color", "never")
    assert run.code == 0
    lines = run.out.splitlines()
    assert "├── 标题：关于2023年度法治政府建设情况的报告（第1行）" in lines
    assert "├── 报告年度：2023（依据：标题）" in lines
    assert "├── 文种：法治政府建设年度报告（annual-report，依据：标题）" in lines
    assert "├── 截至日期：2023-12-15（成文日期）" in lines
    assert "├── 落款：老城镇人民政府（第17行）" in lines
    assert "└── 成文日期：2023年12月15日（第18行）" in lines
    assert any(line.endswith("7 （一）强化组织领导  [二级·（一）·段中标题]") for line in lines)
    assert "│   └── 第5行 一是、二是" in lines


def test_structure_command_shows_the_appended_blocks(cli, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    appendix = "名词解释\n1.放管服：简政放权、放管结合、优化服务。\n2.河长制：河湖管理制度。\n"
    path.write_text(REPORT.replace("无其他需要报告的情况。\n", "无。\n" + appendix), "utf-8")
    run = cli("structure", str(path), "--color", "never")
    lines = run.out.splitlines()
    assert "├── 附加部分·名词解释 名词解释（第16–18行，2个标题）" in lines
    assert any(
        line.endswith("17 1.放管服：简政放权、放管结合、优化服务  [三级·1.]") for line in lines
    )


def test_structure_command_overrides_and_errors(cli, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    run = cli(
        "structure",
        str(path),
        "--report-year",
        "2022",
        "--as-of",
        "2023-01-02",
        "--doc-type",
        "notice",
    )
    assert "├── 报告年度：2022（命令行）" in run.out.splitlines()
    assert "├── 文种：通知（notice，命令行）" in run.out.splitlines()
    assert "├── 截至日期：2023-01-02（命令行）" in run.out.splitlines()
    missing = cli("structure", str(tmp_path / "none.txt"))
    assert missing.code == 2 and missing.err.count("\n") == 1 and "none.txt" in missing.err


def test_corpus_001_gets_no_signature_date_finding(corpus: Path) -> None:
    [path] = corpus.glob("001_*.txt")
    doc = Document.from_path(str(path))
    assert doc.structure.as_of == date(2023, 12, 15)
    assert [d for d in lint_document(doc, RULES) if d.rule.category == "signature-date"] == []


ALPHABET = "一二三四五是要第、，。：；（）()12350.年月日 \n报告人民政府关于度不足问题下一步其他"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=160))
def test_the_packs_never_crash_and_stay_inside_the_text(text: str) -> None:
    doc = Document(text)
    for found in lint_document(doc, RULES, LintContext(report_year=2023)):
        assert 0 <= found.span.start <= found.span.end <= len(doc.text)
        if found.fix is not None:
            assert all(e.span.end <= len(doc.text) for e in found.fix.edits)
