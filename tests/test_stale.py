"""The stale-name rules (FZ601–FZ604) on the corpus, re-dated, and on the precision traps."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from fzlint.diagnostics import Applicability
from fzlint.document.source import Document
from fzlint.engine.packs import load_rules, select
from fzlint.engine.rule import LintContext
from fzlint.engine.runner import lint_document
from fzlint.fixer import fix_text

STALE = select(load_rules(), ["stale-name"])


def found(
    text: str, as_of: date | None = None, report_year: int | None = None
) -> list[tuple[str, int, int, str]]:
    doc = Document(text)
    ctx = LintContext(as_of=as_of, report_year=report_year)
    return [
        (d.rule.id, *doc.position(d.span.start), text[d.span.start : d.span.end])
        for d in lint_document(doc, STALE, ctx)
    ]


def corpus_findings(corpus: Path, name: str, as_of: date | None = None) -> list[tuple]:
    [path] = corpus.glob(f"{name}_*.txt")
    doc = Document.from_path(str(path))
    return [
        (d.rule.id, *doc.position(d.span.start), doc.text[d.span.start : d.span.end])
        for d in lint_document(doc, STALE, LintContext(as_of=as_of))
    ]


# --- the corpus, as dated by the reports themselves ------------------------------------------


def test_report_000_on_2020(corpus: Path) -> None:
    # The 2015—2020 纲要 (line 4) and 扫黑除恶专项斗争 (line 4) are right for 2020.
    assert corpus_findings(corpus, "000") == [
        ("FZ602", 25, 29, "“七五”普法"),
        ("FZ601", 29, 16, "《信访工作条例》"),
    ]


def test_report_001_on_2023(corpus: Path) -> None:
    assert corpus_findings(corpus, "001") == [
        ("FZ603", 11, 69, "中央依法治国工作会议"),
        ("FZ603", 11, 205, "全面守法"),
        ("FZ603", 16, 26, "新时期法治政府建设"),
    ]


def test_report_002_on_2020(corpus: Path) -> None:
    # 新冠肺炎 (line 15) is the right name in 2020.
    assert corpus_findings(corpus, "002") == [
        ("FZ604", 9, 339, "法制教育"),
        ("FZ604", 19, 121, "法制化"),
    ]


def test_report_004_on_2021(corpus: Path) -> None:
    # 党的十九大精神 (line 5) is the right guide in 2021.
    assert corpus_findings(corpus, "004") == [
        ("FZ604", 47, 5, "法制培训"),
        ("FZ604", 49, 52, "法制宣传教育"),
    ]


# --- the same texts re-dated --------------------------------------------------------------


def test_report_000_written_after_the_petition_regulations_exist(corpus: Path) -> None:
    assert corpus_findings(corpus, "000", date(2022, 6, 1)) == [("FZ602", 25, 29, "“七五”普法")]


def test_report_001_written_before_the_twentieth_congress(corpus: Path) -> None:
    assert [f for f in corpus_findings(corpus, "001", date(2021, 6, 1)) if f[0] == "FZ601"] == [
        ("FZ601", 7, 15, "党的二十大"),
        ("FZ601", 11, 17, "党的二十大"),
        ("FZ601", 11, 121, "党的二十大"),
    ]


def test_report_002_written_after_the_covid_renaming(corpus: Path) -> None:
    assert ("FZ603", 15, 29, "新冠肺炎") in corpus_findings(corpus, "002", date(2024, 1, 10))


def test_nineteenth_congress_is_stale_in_a_report_on_2023() -> None:
    text = "我镇在党的十九大精神的指导下推进法治建设。"
    assert found(text, as_of=date(2022, 3, 1)) == []
    assert found(text, as_of=date(2024, 2, 1)) == [("FZ602", 1, 6, "十九大精神")]
    assert found(text, report_year=2022) == []
    assert found(text, report_year=2023) == [("FZ602", 1, 6, "十九大精神")]


def test_report_year_wins_over_the_as_of_date_when_both_are_given() -> None:
    text = "严格执行《信访条例》。"
    assert found(text, as_of=date(2023, 3, 1), report_year=2021) == []
    assert found(text, as_of=date(2023, 3, 1)) == [("FZ602", 1, 5, "《信访条例》")]


def test_a_name_superseded_in_the_last_quarter_is_right_for_that_year() -> None:
    # Renamed 2022-12-26: a report on 2022 rightly says 新冠肺炎; one on 2023 does not.
    assert found("2022年，统筹做好新冠肺炎疫情防控。") == []
    assert found("2023年，统筹做好新冠肺炎疫情防控。") == [("FZ603", 1, 11, "新冠肺炎")]


def test_undated_text_is_judged_only_for_names_that_are_always_wrong() -> None:
    assert found("严格执行《信访工作条例》，全面守法、严格执法、公正司法。") == [
        ("FZ603", 1, 14, "全面守法")
    ]


# --- current citation, plans and history --------------------------------------------------

PLAN_2020 = "2020年度法治政府建设情况报告\n一、主要举措\n{body}\n二、下一年度工作安排\n{plan}\n"


def test_a_plan_is_judged_for_the_next_year() -> None:
    text = PLAN_2020.format(body="深入开展“七五”普法。", plan="深入开展“七五”普法。")
    assert found(text) == [("FZ602", 5, 5, "“七五”普法")]


def test_a_later_year_in_the_sentence_is_a_plan() -> None:
    assert found("2020年，深入开展七五普法。2021年，继续深入开展七五普法。") == [
        ("FZ602", 1, 28, "七五普法")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2021年，原工商局的职责划入县市场监督管理局。",
        "2021年，“七五”普法圆满收官。",
        "2021年，“七五”普法期间积累的经验得到推广。",
        "2021年，《民法典》施行，《合同法》同时废止。",
        "2021年，巩固扫黑除恶专项斗争成果。",
        "2021年，对照2020年扫黑除恶专项斗争的部署查漏补缺。",
    ],
)
def test_history_is_not_a_current_citation(text: str) -> None:
    assert found(text) == []


def test_a_repealed_law_fires_only_when_cited_as_in_force() -> None:
    assert found("2021年，依据《合同法》审查合同。") == [("FZ602", 1, 9, "《合同法》")]
    assert found("2021年，整理《合同法》时期的合同档案。") == []


# --- precision traps ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2023年，我镇认真学习宣传《劳动合同法》。",
        "2023年，依据劳动合同法处理劳动争议。",
        "2023年，依据《中华人民共和国噪声污染防治法》查处噪声扰民。",
        "2023年，依据《医师法》规范诊疗行为。",
        "2023年，认真贯彻《浙江省信访条例》。",
        "2023年，认真贯彻浙江省信访条例。",
        "2023年，重大执法决定须经法制审核。",
        "2023年，全国人大常委会法制工作委员会。",
        "2023年，农业部门、环境保护部门联合执法。",
        "2023年，形成良好的法治文化局面。",
        "2023年，县文化和旅游局开展执法检查。",
        "2023年，区规划土地监察局荣获执法监察工作先进集体称号。",
        "2023年，市劳动保障监察局查处欠薪案件。",
        "2023年，聘请律师审查合同法律风险。",
        "2020年，全面落实《法治政府建设实施纲要（2015—2020年）》。",
        "2020年，针对新冠肺炎疫情防控中暴露的突出问题。",
        "2020年，以扫黑除恶专项斗争为契机。",
        "2023年，回顾《关于进一步加强法制宣传教育的决议》的实施情况。",
        "2023年，清理《县环保局关于加强噪声管理的通知》等文件。",
    ],
)
def test_trap_does_not_fire(text: str) -> None:
    assert found(text) == []


def test_old_noise_law_is_the_stale_one_not_the_new_name_inside_it() -> None:
    assert found("2023年，依据《环境噪声污染防治法》查处噪声扰民。") == [
        ("FZ602", 1, 9, "《环境噪声污染防治法》")
    ]
    assert found("2019年，依据《环境噪声污染防治法》查处噪声扰民。") == []


def test_old_physicians_law_is_the_stale_one() -> None:
    assert found("2023年，依据《执业医师法》规范诊疗行为。") == [("FZ602", 1, 9, "《执业医师法》")]


def test_national_petition_regulations_are_stale_in_2023() -> None:
    assert found("2023年，认真贯彻《信访条例》。") == [("FZ602", 1, 11, "《信访条例》")]


def test_dash_and_bracket_variants_of_the_outline() -> None:
    for title in ("（2015—2020年）", "(2015-2020年)", "（2015－2020年）", "（2015——2020年）"):
        text = f"2022年，全面落实《法治政府建设实施纲要{title}》。"
        assert [f[0] for f in found(text)] == ["FZ602"], title


# --- findings: message and fixes -----------------------------------------------------------


def test_finding_names_what_since_when_replacement_and_source() -> None:
    [diagnostic] = lint_document(Document("2022年，严格执行《信访条例》。"), STALE)
    assert diagnostic.message == (
        "「《信访条例》」报告年度2022年的工作中以「严格执行」作为当前工作，"
        "但《信访条例》（国务院令第431号）自2022年5月1日起"
        "已不再现行，应为《信访工作条例》（中共中央、国务院2022年2月25日发布）（依据：《信访工作条例》"
        "第五十条（中共中央、国务院2022年2月25日发布，2022年5月1日起施行））"
    )


def test_fix_keeps_the_title_marks_and_prefix_and_is_unsafe() -> None:
    text = "2021年，依据《中华人民共和国合同法》审查合同。"
    [diagnostic] = lint_document(Document(text), STALE)
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability is Applicability.UNSAFE

    def lint(t: str) -> list:
        return lint_document(Document(t), STALE)

    assert fix_text(text, lint) == (text, 0)
    assert fix_text(text, lint, unsafe=True) == (
        "2021年，依据《中华人民共和国民法典》审查合同。",
        1,
    )


def test_set_phrase_fix_is_safe() -> None:
    text = "2023年，科学立法、严格执法、公正司法、全面守法。"

    def lint(t: str) -> list:
        return lint_document(Document(t), STALE)

    assert fix_text(text, lint) == ("2023年，科学立法、严格执法、公正司法、全民守法。", 1)


def test_rules_category_stale_name_lists_the_knowledge_base(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = cli("rules", "--category", "stale-name")  # not a terminal: a line per rule or entry
    assert run.code == 0
    rows = [line.split("\t") for line in run.out.splitlines() if line.startswith("FZ60")]
    entries = sum(len(item.checker.entries) for item in STALE)
    assert [len(row) for row in rows] == [6] * 4 + [7] * entries
    petition = next(row for row in rows if "《信访条例》（国务院令第431号）" in row)
    assert petition == [
        "FZ602",
        "《信访条例》（国务院令第431号）",
        "《信访工作条例》（中共中央、国务院2022年2月25日发布）",
        "2022-05-01",
        "作现行依据",
        "警告",
        "可修复（需确认）",
    ]
    # on a terminal, the same in tables
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", "400")
    table = cli("rules", "--category", "stale-name").out
    assert sum(1 for line in table.splitlines() if line.startswith("│ FZ60")) == 4 + entries


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年，目前仍严格执行《信访条例》。", [("FZ602", 1, 14, "《信访条例》")]),
        ("2023年，按照原则严格执行《信访条例》。", [("FZ602", 1, 15, "《信访条例》")]),
        ("2023年，原《信访条例》规定的程序已不再适用。", []),
        ("2019年，组织学习《民法典（草案）》。", []),
        ("2019年，组织学习《民法典》。", [("FZ601", 1, 11, "《民法典》")]),
    ],
)
def test_history_markers_are_words_not_characters(text: str, expected: list) -> None:
    assert found(text) == expected


# --- time: looking back, looking forward, and why a name counts as current ------------------


def messages(text: str, **dating) -> list[str]:
    return [d.message for d in lint_document(Document(text), STALE, LintContext(**dating))]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # 2022 政府工作报告 reviewing 2021 (shared/real 005).
        ("如期打赢脱贫攻坚战，如期全面建成小康社会、实现第一个百年奋斗目标。", 2021),
        ("在助力对口地区打赢脱贫攻坚战、全面建成小康社会的基础上，投入财政资金。", 2021),
        ("过去五年，我们开展扫黑除恶专项斗争，社会治安持续好转。", 2022),
        ("深入推进扫黑除恶专项斗争，刑事治安总警情年均下降19%。", 2021),
        ("“七五”普法圆满收官，“八五”普法规划顺利出台。", 2021),
        ("“七五”普法顺利通过验收。", 2021),
        # 2016: “七五”普法 is the plan in force.
        ("实施“七五”普法，做好司法行政工作。", 2016),
    ],
)
def test_looking_back_is_not_current_use(text: str, year: int) -> None:
    assert found(text, report_year=year) == []


def test_a_section_that_looks_back_over_five_years_is_history() -> None:
    text = (
        "XX区政府工作报告\n一、过去五年工作回顾\n（一）平安建设\n"
        "开展扫黑除恶专项斗争，打掉涉黑组织12个、涉恶团伙40个。\n"
        "二、2022年工作安排\n持续开展扫黑除恶专项斗争。\n"
    )
    # Reviewed 2017—2021 (a 换届 report): only the plan for 2022 is current work.
    assert found(text, report_year=2021) == [("FZ602", 6, 5, "扫黑除恶专项斗争")]


def test_results_of_one_year_do_not_make_a_name_history() -> None:
    # 2021 alone is reviewed: the special campaign ended with 2020 (常态化扫黑除恶斗争 since).
    assert found("开展扫黑除恶专项斗争，打掉涉黑组织12个。", report_year=2021) == [
        ("FZ602", 1, 3, "扫黑除恶专项斗争")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "今年将召开党的二十大和省第十三次党代会，做好今年工作意义重大。",
        "以优异成绩迎接党的二十大胜利召开。",
        "围绕迎接党的二十大胜利召开，组织开展系列主题教育。",
        "做好党的二十大召开前的安保筹备工作。",
    ],
)
def test_looking_forward_to_a_meeting_is_not_an_anachronism(text: str) -> None:
    assert found(text, as_of=date(2022, 3, 5), report_year=2021) == []


def test_a_meeting_not_yet_held_is_an_anachronism_without_a_forward_word() -> None:
    assert found("深入学习党的二十大精神。", as_of=date(2022, 3, 5), report_year=2021) == [
        ("FZ601", 1, 5, "党的二十大")
    ]


def test_a_result_word_in_the_plan_or_after_a_goal_word_is_a_goal() -> None:
    text = (
        "2021年度法治政府建设情况报告\n一、主要举措\n如期打赢脱贫攻坚战。\n"
        "二、2022年工作安排\n坚决打赢脱贫攻坚战。\n"
    )
    assert found(text, report_year=2021) == [("FZ602", 5, 5, "脱贫攻坚战")]
    [message] = messages(text, report_year=2021)
    assert message.startswith(
        "「脱贫攻坚战」报告年度2021年的下一年度工作安排（2022年）中仍作为当前工作，"
    )
    assert found("2021年，确保打赢脱贫攻坚战。", report_year=2021) == [
        ("FZ602", 1, 11, "脱贫攻坚战")
    ]


def test_the_message_says_which_words_make_it_current() -> None:
    # shared/real 027 reviews 2021: the special campaign ended with 2020.
    [message] = messages("深入推进扫黑除恶专项斗争，刑事治安警情下降32%。", report_year=2021)
    assert message.startswith(
        "「扫黑除恶专项斗争」报告年度2021年的工作中以「深入推进」作为当前工作，但扫黑除恶专项斗争"
    )
    [message] = messages("以扫黑除恶专项斗争为契机，增强法律意识。", report_year=2021)
    assert "报告年度2021年的工作中后接「为契机」，作为当前依据" in message
    [message] = messages("县工商局联合开展执法检查。", report_year=2021)
    assert "（报告年度2021年仍作为现行名称使用）" in message


def test_seventh_legal_publicity_plan_is_current_work_only_from_2021() -> None:
    text = "认真落实“七五”普法规划，推进法治宣传教育。"
    assert found(text, report_year=2020) == []
    assert found(text, report_year=2021) == [("FZ602", 1, 5, "“七五”普法")]


# --- wrong set names: wrong in any year ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021年，贯彻中央依法治国委员会第三次会议精神。", ("FZ603", 1, 9, "中央依法治国委员会")),
        ("2020年，学习党的十九大和十九大历次全会精神。", ("FZ603", 1, 15, "十九大历次全会")),
        ("2023年，贯彻党的二十大和二十大历次全会精神。", ("FZ603", 1, 15, "二十大历次全会")),
        ("2016年，贯彻十八大历次全会精神。", ("FZ603", 1, 9, "十八大历次全会")),
        ("2020年，学习十九大四中全会精神。", ("FZ603", 1, 9, "十九大四中全会")),
        ("2022年，实施“八·五”普法规划。", ("FZ603", 1, 10, "八·五")),
        ("2022年，启动“八·五普法”。", ("FZ603", 1, 10, "八·五")),
        ("2018年，推进“七・五”普法。", ("FZ603", 1, 10, "七・五")),
        (
            "2021年，落实《推进法治政府建设第一责任人职责规定》。",
            ("FZ603", 1, 10, "推进法治政府建设第一责任人职责规定"),
        ),
        ("2021年，为营商环境提供法制保障。", ("FZ604", 1, 14, "法制保障")),
    ],
)
def test_wrong_names_are_found(text: str, expected: tuple) -> None:
    assert found(text, report_year=int(text[:4])) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "2021年，贯彻中央全面依法治国委员会第三次会议精神，报送中央依法治国办。",
        "2020年，学习党的十九大和十九届历次全会精神。",
        "2022年，实施“八五”普法规划。",
        "2022年，八·五期间做好安全生产。",
        "2021年，区长认真履行推进法治政府建设第一责任人职责。",
        "2021年，落实《党政主要负责人履行推进法治建设第一责任人职责规定》。",
        # 法制 that is a current name, or the wording of its time.
        "2021年，落实重大行政执法决定法制审核制度，发挥法制机构作用。",
        "2013年，加强政府法制工作，深入开展法制宣传教育，为发展提供法制保障。",
    ],
)
def test_right_names_are_not_found(text: str) -> None:
    assert found(text, report_year=int(text[:4])) == []


def test_a_wrong_set_name_is_wrong_in_a_sentence_about_an_earlier_year() -> None:
    text = "2021年，传达学习2020年11月召开的中央依法治国工作会议精神。"
    assert found(text, report_year=2021) == [("FZ603", 1, 22, "中央依法治国工作会议")]


def test_fazhi_guarantee_turns_with_the_fourth_plenum_of_2014() -> None:
    text = "为改革发展提供有力法制保障。"
    assert found(text, report_year=2014) == []
    assert found(text, report_year=2015) == [("FZ604", 1, 10, "法制保障")]
    [message] = messages(text, report_year=2015)
    assert "2014年10月23日起的规范提法" in message
    assert "报告年度2015年仍作为现行用语使用" in message
