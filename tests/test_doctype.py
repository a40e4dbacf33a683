"""Document type, report year and closing block as a 公文 editor reads them, on short excerpts
written after the forms real documents take (国务院 通知 that issue a 方案, joint notices, 政府工作
报告, reports pasted without their title)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fzlint.document.source import Document
from fzlint.engine.packs import load_rules, select
from fzlint.engine.rule import LintContext
from fzlint.engine.runner import lint_document

RULES = load_rules()

NOTICE_WITH_PLAN = (
    "国务院关于印发国家职业教育改革\n"
    "实施方案的通知\n"
    "国发〔2019〕4号\n"
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
    "现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。\n"
    "国务院               \n"
    "2019年1月24日          \n"
    "（此件公开发布）\n"
    "国家职业教育改革实施方案\n"
    "一、完善国家职业教育制度体系\n"
    "（一）健全国家职业教育制度框架。正文。\n"
    "二、构建职业教育国家标准\n"
    "（二）完善教育教学相关标准。正文。\n"
)

SPEECH = (
    "各位代表：\n"
    "　　现在，我代表区人民政府向大会报告工作，请予审议，并请区政协委员提出意见。\n"
    "　　一、过去五年工作回顾\n"
    "　　过去五年，我们坚持稳中求进工作总基调。\n"
    "　　二、2018年经济社会发展总体要求\n"
    "　　今年是全面贯彻党的十九大精神的开局之年。\n"
)


def structure(text: str):
    return Document(text).structure


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("关于2023年度法治政府建设情况的报告\n正文。\n", "annual-report"),
        ("2021 年度凤凰镇法治政府工作报告\n正文。\n", "annual-report"),
        ("关于2020年法治政府建设工作总结\n正文。\n", "annual-report"),
        ("县司法局2023年法治政府建设工作总结和2024年工作计划\n正文。\n", "annual-report"),
        ("关于报送2023年度法治政府建设情况报告的通知\n各乡镇人民政府：\n", "notice"),
        ("在全县法治政府建设工作会议上的讲话\n同志们：\n", "speech"),
        (NOTICE_WITH_PLAN, "notice"),
        ("国务院办公厅关于加快发展\n体育竞赛表演产业的指导意见\n国办发〔2018〕121号\n", "opinion"),
        ("国务院办公厅关于湖北省巴东县\n地质灾害险情有关问题的复函\n", "letter"),
        ("国务院办公厅对全国政协十届四次会议\n第4626号提案的答复\n正文。\n", "letter"),
        ("国务院关于棉粮、糖粮挂钩奖售粮\n几 个 问 题 的 通 知\n正文。\n", "notice"),
        ("国务院关于2018年度国家科学技术奖励的决定\n正文。\n", "decision"),
        ("国务院关于河北雄安新区总体规划（2018—2035年）的批复\n正文。\n", "reply"),
        ("国务院办公厅关于对国务院第五次大督查\n发现的典型经验做法给予表扬的通报\n", "bulletin"),
        ("2012年国务院政府工作报告\n各位代表：\n正文。\n", "speech"),
        (SPEECH, "speech"),
        ("同志们：\n　　今天，我们召开新区年度工作会议。\n", "speech"),
        (
            "2022年，我局深入推进法治政府建设，现将有关情况报告如下。\n一、主要举措\n",
            "annual-report",
        ),
        ("一、2021年度推进法治政府建设的主要举措和成效\n正文。\n", "annual-report"),
        ("一、总体要求\n（一）指导思想。以习近平新时代中国特色社会主义思想为指导。\n", "unknown"),
    ],
)
def test_document_type(text: str, expected: str) -> None:
    assert structure(text).doc_type.name == expected


def test_a_long_title_wraps_over_three_lines_with_the_issuer_above() -> None:
    text = (
        "国务院办公厅、中央军委办公厅\n"
        "关于加强对侵华日军遗弃化学武器\n"
        "调查和管理工作的通知\n"
        "国办发〔1996〕25号\n"
        "北京市、天津市人民政府：\n"
    )
    found = structure(text)
    assert [line.number for line in found.title_lines] == [1, 2, 3]
    assert found.doc_number_line is not None and found.doc_number_line.number == 4


@pytest.mark.parametrize(
    ("text", "year", "clue"),
    [
        ("关于2023年度法治政府建设情况的报告\n正文。\n", 2023, "标题"),
        ("一、2021年度推进法治政府建设的主要举措和成效\n正文。\n", 2021, "第一部分标题（第1行）"),
        ("2022年，我局深入推进法治政府建设。\n正文。\n", 2022, "正文开头（第1行）"),
        ("2020年是“七五”普法收官之年。\n正文。\n", 2020, "正文开头（第1行）"),
        ("正文。\n老城镇人民政府\n2024年1月5日\n", 2023, "成文日期 2024-01-05"),
        ("正文。\n老城镇人民政府\n2023年12月15日\n", 2023, "成文日期 2023-12-15"),
        ("时间:2025-03-17 15:36 浏览量:128\n正文。\n", 2024, "网页发布日期 2025-03-17"),
        ("来源：县司法局 时间：2024-12-30\n正文。\n", 2024, "网页发布日期 2024-12-30"),
        (
            "2012年国务院政府工作报告\n各位代表：\n正文。\n",
            2011,
            "标题中的会议年份2012年的上一年",
        ),
        (SPEECH, 2017, "工作安排部分标题（第5行）的上一年"),
    ],
)
def test_report_year_and_its_clue(text: str, year: int, clue: str) -> None:
    assert structure(text).report_year_clue == (year, clue)


def test_a_date_in_report_text_is_no_web_date() -> None:
    assert structure("会议时间：2023-03-01在县政府召开。\n正文。\n").web_date is None


def test_a_range_in_the_title_is_no_report_year() -> None:
    text = "国务院关于河北雄安新区总体规划（2018—2035年）的批复\n正文。\n国务院\n2018年12月25日\n"
    assert structure(text).report_year_clue == (2018, "成文日期 2018-12-25")


def test_closing_block_before_an_issued_plan() -> None:
    found = structure(NOTICE_WITH_PLAN)
    assert [line.number for line in found.signature_lines] == [6]
    assert found.date_line is not None and found.date_line.value == date(2019, 1, 24)
    assert found.closing_end == 7
    assert [p.number for p in found.body_paragraphs] == [5]


def test_joint_issuers_on_two_lines_and_notes_after_the_date() -> None:
    text = (
        "国务院办公厅　中央军委办公厅\n关于加强调查和管理工作的通知\n各省人民政府：\n"
        "一、加强组织领导\n正文。\n二、做好调查工作\n正文。\n"
        "国务院办公厅\n中央军委办公厅\n2019年6月29日\n（此件公开发布）\n（联系人：张三）\n"
    )
    found = structure(text)
    assert [line.number for line in found.signature_lines] == [8, 9]
    assert found.date_line is not None and found.date_line.line.number == 10
    assert found.body_paragraphs[-1].number == 7


def test_a_quoted_report_with_its_own_closing_does_not_close_the_notice() -> None:
    text = (
        "国务院办公厅转发国家地震局\n关于加强防震减灾工作意见报告的通知\n各省人民政府：\n"
        "国家地震局《关于加强防震减灾工作的意见报告》已经国务院同意，现转发给你们。\n"
        "国务院办公厅\n一九九六年二月五日\n（本文有删减）\n"
        "关于加强防震减灾工作的意见报告\n国务院：\n正文。\n以上意见如无不妥，请批转执行。\n"
        "国家地震局\n一九九六年一月二十五日\n"
    )
    found = structure(text)
    assert found.signature_line is not None and found.signature_line.number == 5
    assert found.date_line is not None and found.date_line.value == date(1996, 2, 5)


def lint(text: str, selectors: list[str], **context) -> list[tuple[str, int, int]]:
    doc = Document(text)
    return [
        (d.rule.id, *doc.position(d.span.start))
        for d in lint_document(doc, select(RULES, selectors), LintContext(**context))
    ]


def test_a_speech_gets_no_signature_date_or_part_findings() -> None:
    assert lint(SPEECH, ["structure", "signature-date"]) == []


def test_doc_type_override_applies_the_annual_report_rules() -> None:
    titled = "2018年南山区政府工作报告\n" + SPEECH
    assert lint(titled, ["FZ402", "FZ403"]) == []
    found = lint(titled, ["FZ402", "FZ403"], doc_type="annual-report")
    assert [rule for rule, *_ in found] == ["FZ402", "FZ403"]


def test_a_notice_from_before_2012_may_date_itself_in_chinese_numerals() -> None:
    old = "国务院办公厅关于做好调查工作的通知\n各省人民政府：\n正文。\n国务院办公厅\n一九九六年六月二十九日\n"
    assert lint(old, ["FZ413"]) == []
    new = old.replace("一九九六年六月二十九日", "二〇一九年六月二十九日")
    assert lint(new, ["FZ413"]) == [("FZ413", 5, 1)]


def test_config_and_command_line_set_the_doc_type(cli, tmp_path: Path) -> None:
    report = tmp_path / "speech.txt"
    report.write_text("2018年南山区政府工作报告\n" + SPEECH, encoding="utf-8")
    assert cli(str(report), "--select", "FZ402", "--isolated").code == 0
    run = cli(str(report), "--select", "FZ402", "--isolated", "--doc-type", "annual-report")
    assert run.code == 1 and "FZ402" in run.out
    (tmp_path / ".fzlint.yaml").write_text("doc-type: annual-report\n", encoding="utf-8")
    assert cli(str(report), "--select", "FZ402").code == 1
    (tmp_path / ".fzlint.yaml").write_text("doc-type: memo\n", encoding="utf-8")
    bad = cli(str(report), "--select", "FZ402")
    assert bad.code == 2
    assert bad.err.startswith(f"fzlint: 错误: {tmp_path / '.fzlint.yaml'}:1: 「doc-type」应为")


def test_a_pack_names_unknown_doc_types_with_file_and_line(tmp_path: Path) -> None:
    from fzlint.engine.packs import load_pack
    from fzlint.errors import RuleFileError

    pack = tmp_path / "p.yaml"
    pack.write_text(
        "pack: p\nrules:\n  - id: XZ101\n    name: x\n    category: c\n    severity: info\n"
        "    applies-to: [speech, memo]\n    kind: pattern\n    pattern: x\n"
        "    message: m\n    description: d\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as error:
        load_pack(str(pack))
    assert error.value.line == 7 and "memo" in error.value.message
