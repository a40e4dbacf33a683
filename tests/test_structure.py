"""The parsed outline: headings and their levels, the sections tree, enumerations, the head and
tail of a report, and the scopes built on them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fzlint.document import scopes
from fzlint.document.source import Document
from fzlint.document.structure import describe_sections


def structure(text: str):  # type: ignore[no-untyped-def]
    return Document(text).structure


def body(text: str) -> str:
    """A minimal report around `text`, so the lines after the title form the body."""
    return "关于2023年度法治政府建设情况的报告\n" + text


def cut(doc: Document, span) -> str:  # type: ignore[no-untyped-def]
    return doc.text[span.start : span.end]


@pytest.mark.parametrize(
    ("line", "level", "style", "ordinal", "marker", "text", "run_in"),
    [
        ("一、主要举措和成效", 1, "一、", 1, "一、", "主要举措和成效", False),
        ("十二、其他需要报告的情况", 1, "一、", 12, "十二、", "其他需要报告的情况", False),
        ("一．主要举措", 1, "一．", 1, "一．", "主要举措", False),
        ("一、两个责任落实情况", 1, "一、", 1, "一、", "两个责任落实情况", False),
        (
            "（三）强化组织领导，抓好落实。正文在此。",
            2,
            "（一）",
            3,
            "（三）",
            "强化组织领导，抓好落实",
            True,
        ),
        (
            "(二)政府职能不断转变,体制机制不断完善。我镇…",
            2,
            "(一)",
            2,
            "(二)",
            "政府职能不断转变,体制机制不断完善",
            True,
        ),
        ("（一）、强化组织领导", 2, "（一）、", 1, "（一）、", "强化组织领导", False),
        ("1.优化法治化营商环境。成立了领导小组。", 3, "1.", 1, "1.", "优化法治化营商环境", True),
        ("2.积极推行三项制度建设。", 3, "1.", 2, "2.", "积极推行三项制度建设", False),
        ("3．推动规范性文件清理", 3, "1．", 3, "3．", "推动规范性文件清理", False),
        (
            "1、 上一年度推进法治政府建设的主要举措和成效",
            3,
            "1、",
            1,
            "1、",
            "上一年度推进法治政府建设的主要举措和成效",
            False,
        ),
        ("1. 全面落实执法责任制", 3, "1.", 1, "1.", "全面落实执法责任制", False),
        (
            "1、2021年以来，我镇全面推进依法行政。",
            3,
            "1、",
            1,
            "1、",
            "2021年以来，我镇全面推进依法行政",
            False,
        ),
        ("（10）规范信访行为", 4, "（1）", 10, "（10）", "规范信访行为", False),
        ("(1)明确分工", 4, "(1)", 1, "(1)", "明确分工", False),
        ("第二部分　工作计划", 0, "第一部分", 2, "第二部分", "工作计划", False),
        ("②加强培训", 5, "①", 2, "②", "加强培训", False),
        (
            "\u3000\u3000（八）持续优化法治化营商环境。",
            2,
            "（一）",
            8,
            "（八）",
            "持续优化法治化营商环境",
            False,
        ),
    ],
)
def test_heading_variants(
    line: str, level: int, style: str, ordinal: int, marker: str, text: str, run_in: bool
) -> None:
    s = structure(body(line + "\n"))
    [heading] = s.headings
    assert (heading.level, heading.style, heading.ordinal) == (level, style, ordinal)
    assert (heading.marker, heading.text, heading.run_in) == (marker, text, run_in)
    assert heading.line.number == 2


@pytest.mark.parametrize(
    "line",
    [
        "一、二季度共开展培训6次。",
        "一、二两类事项分别办理。",
        "一、二、三等奖各评出2名。",
        "全镇工作分为一、二两类，分别推进。",
        "1.5万元专项经费已全部到位。",
        "2.5%的增幅高于全县平均水平。",
        "12.4宪法日当天开展宣传。",
        "1、2月份共受理案件3件。",
        "2021年，我镇全面推进依法行政。",
        "2023.12.15召开会议。",
        "一是完善决策机制。二是推进普法工作。",
        "（此件公开发布）",
        "（2021—2025年）规划期内完成。",
        "①优化审批流程；②压缩办理时限。",
        "(1)废止5件；(2)修改7件。",
        "一、",
    ],
)
def test_text_that_is_not_a_heading(line: str) -> None:
    assert structure(body(line + "\n")).headings == ()


def test_heading_spans_point_into_the_document() -> None:
    doc = Document(body("（一） 学习贯彻习近平法治思想。正文。\n"))
    [heading] = doc.structure.headings
    assert cut(doc, heading.marker_span) == "（一）"
    assert cut(doc, heading.numeral_span) == "一"
    assert cut(doc, heading.gap_span) == " "
    assert cut(doc, heading.text_span) == "学习贯彻习近平法治思想"


def test_the_parse_reads_through_a_word_bookmark() -> None:
    text = "（一）强化领导。\n[bookmark: _GoBack]（二）规范执法。\n[bookmark: _GoBack]一是加强培训；二是严格考核。\n"
    doc = Document(body(text))
    markers = [cut(doc, h.marker_span) for h in doc.structure.headings]
    assert markers == ["（一）", "（二）"]
    [series] = doc.structure.enumerations
    assert [cut(doc, item.token_span) for item in series.items] == ["一是", "二是"]


OUTLINE = body(
    "一、主要举措和成效\n"
    "（一）强化组织领导。正文。\n"
    "1.成立领导小组。\n"
    "2.明确分工。\n"
    "（二）推进依法决策。正文。\n"
    "二、存在的不足和原因\n"
    "正文。\n"
    "三、2024年工作思路和计划\n"
    "（一）完善决策机制。\n"
    "\n"
    "老城镇人民政府\n"
    "2023年12月15日\n"
)


def test_sections_tree_and_spans() -> None:
    doc = Document(OUTLINE)
    s = doc.structure
    assert describe_sections(s.sections) == [
        "2 一、 主要举措和成效",
        "  3 （一） 强化组织领导",
        "    4 1. 成立领导小组",
        "    5 2. 明确分工",
        "  6 （二） 推进依法决策",
        "7 二、 存在的不足和原因",
        "9 三、 2024年工作思路和计划",
        "  10 （一） 完善决策机制",
    ]
    first, second, third = s.sections
    assert first.parent is None and first.children[0].parent is first
    assert doc.position(first.span.start) == (2, 1)
    assert doc.position(first.span.end) == (7, 1)
    assert doc.position(first.children[0].span.end) == (6, 1)
    # the last section stops before the 落款
    assert cut(doc, third.span) == "三、2024年工作思路和计划\n（一）完善决策机制。"
    assert s.section_matching("不足|问题") == (second,)
    assert s.next_year_section is third


def test_a_top_level_written_as_1_still_nests() -> None:
    s = structure(
        body(
            "1、 主要举措\n（一）强化领导\n2、 下一年度安排\n（1） 落实责任制\n（2）加强宣传\n3、其他\n"
        )
    )
    assert describe_sections(s.sections) == [
        "2 1、 主要举措",
        "  3 （一） 强化领导",
        "4 2、 下一年度安排",
        "  5 （1） 落实责任制",
        "  6 （2） 加强宣传",
        "7 3、 其他",
    ]


def test_a_sibling_in_another_style_stays_a_sibling() -> None:
    s = structure(body("一、主要举措\n二、存在的不足\n3、下一年度安排\n"))
    assert [sec.depth for sec in s.all_sections] == [1, 1, 1]


def test_next_year_section_phrasings() -> None:
    for heading in (
        "四、下一步工作打算",
        "四、下一年度推进法治政府建设的主要安排",
        "四、2022年工作计划",
    ):
        s = structure(body(f"一、主要举措和成效\n{heading}\n"))
        assert s.next_year_section is not None and s.next_year_section.heading.line.number == 3
    assert structure(body("一、主要举措和成效\n二、存在的问题\n")).next_year_section is None


def test_enumerations_in_and_across_paragraphs() -> None:
    doc = Document(
        body(
            "（一）强化领导。一是成立小组，明确分工。二是明确目标。\n"
            "一是完善决策机制。\n\n二是推进普法。\n"
            "（二）规范执法。一是要加强培训，提高能力。增强学习，在发\n\n展经济时，二要抓住普法。\n"
        )
    )
    series = doc.structure.enumerations
    assert [[(i.line.number, i.ordinal, i.style) for i in e.items] for e in series] == [
        [(2, 1, "是"), (2, 2, "是")],
        [(3, 1, "是"), (5, 2, "是")],
        [(6, 1, "是要"), (8, 2, "要")],
    ]
    first = series[0].items[0]
    assert cut(doc, first.token_span) == "一是"
    assert cut(doc, first.text_span) == "成立小组，明确分工。"
    assert cut(doc, series[0].items[1].text_span) == "明确目标。"


def test_enumeration_tokens_need_a_clause_boundary() -> None:
    s = structure(body("标准统一是前提，唯一要求是依法办事，履行第一责任人职责，第二季度开会。\n"))
    assert s.enumerations == ()


def test_broken_token_inside_a_series() -> None:
    doc = Document(body("一是成立小组。二是明确目标。三推进法律顾问制度。五大理念贯穿始终。\n"))
    [series] = doc.structure.enumerations
    assert [(i.ordinal, i.style) for i in series.items] == [(1, "是"), (2, "是"), (3, "")]
    assert cut(doc, series.items[2].token_span) == "三"


def test_head_and_tail_of_a_report() -> None:
    s = structure(
        " 城政〔2023〕83号\n\n老城镇人民政府\n关于2023年度法治政府建设情况的报告\n\n"
        "中共沈丘县委、沈丘县人民政府：\n2023年，我镇全面推进依法行政。\n"
        "一、主要举措和成效\n正文。\n\n老城镇人民政府 \n2023年12月15日\n"
    )
    assert [line.number for line in s.title_lines] == [3, 4]
    assert s.doc_number_line is not None and s.doc_number_line.number == 1
    assert s.addressee_line is not None and s.addressee_line.number == 6
    assert s.report_year == 2023 and s.opening_year is not None and s.opening_year[0] == 2023
    assert s.signature_line is not None and s.signature_line.number == 11
    assert s.date_line is not None and s.date_line.value == date(2023, 12, 15)
    assert s.as_of == date(2023, 12, 15)
    assert [p.number for p in s.body_paragraphs] == [7, 8, 9]
    assert s.is_whole_report and not s.is_web_page


def test_scraped_page_title_and_tail_skip_the_cruft() -> None:
    s = structure(
        "首页\n>> 政务公开 >> 法治政府工作报告\n  • 发布日期:\n    2021-02-05\n"
        "江东镇2020年度法治政府建设工作报告\n2020年,江东镇扎实推进法治建设。\n"
        "一、基本情况\n二、下一步措施\n正文。\n\n扫一扫手机查看当前页面\n"
    )
    assert s.title == "江东镇2020年度法治政府建设工作报告"
    assert s.is_web_page and s.web_date == date(2021, 2, 5) and s.as_of == date(2021, 2, 5)
    assert s.signature_line is None and s.date_line is None
    assert s.body_paragraphs[-1].text == "正文。"


@pytest.mark.parametrize(
    ("last", "value"),
    [
        ("二〇二三年十二月十五日", date(2023, 12, 15)),
        ("2024-01-05", date(2024, 1, 5)),
        ("2023年2月30日", None),
    ],
)
def test_date_line_forms(last: str, value: date | None) -> None:
    s = structure(body(f"正文。\n老城镇人民政府\n{last}\n"))
    assert s.date_line is not None and s.date_line.value == value
    assert s.signature_line is not None and s.signature_line.text == "老城镇人民政府"


def test_an_excerpt_is_not_a_whole_report() -> None:
    assert not structure("一、主要举措和成效\n全面推进依法行政。\n").is_whole_report
    assert not structure(body("一、主要举措和成效\n全面推进依法行政。\n")).is_whole_report
    assert structure(body("一、主要举措\n二、存在的不足\n")).is_whole_report


def test_structure_scopes() -> None:
    doc = Document(OUTLINE)
    assert [cut(doc, s) for s in scopes.resolve(doc, "heading")][:2] == [
        "一、主要举措和成效",
        "（一）强化组织领导。正文。",
    ]
    assert [cut(doc, s) for s in scopes.resolve(doc, "section:不足")] == [
        "二、存在的不足和原因\n正文。\n"
    ]
    [plan] = scopes.resolve(doc, "next-year")
    assert doc.position(plan.start) == (9, 1)
    assert [cut(doc, s) for s in scopes.resolve(doc, "signature")] == [
        "老城镇人民政府",
        "2023年12月15日",
    ]
    assert scopes.validate("section:(") is not None
    assert scopes.validate("section") is not None
    assert scopes.validate("next-year") is None


def test_corpus_outlines(corpus: Path) -> None:
    parsed = {}
    for path in sorted(corpus.glob("00*.txt")):
        s = Document.from_path(str(path)).structure
        parsed[path.name[:3]] = (
            s.report_year,
            len(s.sections),
            len(s.headings),
            s.next_year_section.heading.line.number if s.next_year_section else None,
            s.signature_line.number if s.signature_line else None,
            s.date_line.line.number if s.date_line else None,
        )
    assert parsed == {
        "000": (2020, 5, 19, 23, None, None),
        "001": (2023, 4, 18, 23, 31, 32),
        "002": (2020, 3, 18, 30, None, None),
        "003": (2020, 4, 13, 61, None, None),
        "004": (2021, 4, 15, 41, None, None),
    }


ALPHABET = "一二三四五十是要第、，。：；（）()1234567890.．年月日 \n\u3000报告人民政府关于度部分"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=200))
def test_any_text_parses_with_spans_inside_it(text: str) -> None:
    doc = Document(text)
    s = doc.structure
    size = len(doc.text)
    for heading in s.headings:
        assert 0 <= heading.marker_span.start < heading.text_span.end <= size
    for section in s.all_sections:
        assert 0 <= section.span.start <= section.span.end <= size
    for series in s.enumerations:
        for item in series.items:
            assert item.token_span.end <= item.text_span.end <= size
    assert s.next_year_section is None or s.next_year_section in s.all_sections
    _ = (s.date_line, s.signature_line, s.as_of, s.is_whole_report, s.addressee_line)


def test_a_long_title_wrapped_anywhere() -> None:
    s = structure(
        "中共柳林镇委员会、柳林镇人民政府关于2023年度法治政府建设和党政主要负责人履行推进法治建设第一\n"
        "责任人职责情况的报告\n\n县委、县人民政府：\n2023年，我镇全面推进依法行政。\n"
    )
    assert [line.number for line in s.title_lines] == [1, 2]
    assert s.addressee_line is not None and s.addressee_line.number == 4


def test_the_imprint_and_a_page_footer_stand_below_the_signature_and_date() -> None:
    s = structure(
        "老城镇人民政府关于2023年度法治政府建设情况的报告\n\n2023年，我镇全面推进依法行政。\n"
        "一、主要举措和成效\n正文。\n\n老城镇人民政府\n2024年1月5日\n（此件公开发布）\n\n"
        "抄送：县委依法治县办。\n老城镇党政办公室　　2024年1月5日印发\n（共印10份）\n\n"
        "分享到：\n主办单位：老城镇人民政府  网站标识码：4116240001\n"
    )
    assert s.signature_line is not None and s.signature_line.number == 7
    assert s.date_line is not None and s.date_line.value == date(2024, 1, 5)
    # the footer is not prose; the 版记 is (its punctuation is the report's)
    assert s.page_footer == frozenset({15, 16})


def test_a_higher_level_marker_closes_the_lower_levels() -> None:
    s = structure(body("（一）强化组织领导\n（二）推进依法决策\n一、附表说明\n二、填报要求\n"))
    assert describe_sections(s.sections) == [
        "2 （一） 强化组织领导",
        "3 （二） 推进依法决策",
        "4 一、 附表说明",
        "5 二、 填报要求",
    ]


def test_sub_levels_numbered_on_across_parts_stay_children() -> None:
    s = structure(
        body(
            "一、总体要求\n（一）指导思想\n（二）基本原则\n二、主要任务\n（三）完善制度\n三、保障措施\n"
        )
    )
    assert [sec.depth for sec in s.all_sections] == [1, 2, 2, 1, 2, 1]
    s = structure(body("一、经济发展\n1、主要指标\n2、质量效益\n二、自主创新\n3、政策与措施\n"))
    assert [sec.depth for sec in s.all_sections] == [1, 2, 2, 1, 2]


def test_headings_on_a_flattened_line() -> None:
    doc = Document(
        body("一、主要举措\n（一）强化组织领导。成立小组。（二）推进依法决策。完善程序。\n")
    )
    s = doc.structure
    assert [(h.line.number, h.marker, h.inline) for h in s.headings] == [
        (2, "一、", False),
        (3, "（一）", False),
        (3, "（二）", True),
    ]
    first, second = s.sections[0].children
    assert cut(doc, first.span) == "（一）强化组织领导。成立小组。"
    assert cut(doc, second.span) == "（二）推进依法决策。完善程序。"


def test_an_inline_arabic_list_is_not_a_heading() -> None:
    s = structure(body("一、主要举措\n1.加强学习；2.规范执法；3.强化监督。\n"))
    assert [h.marker for h in s.headings] == ["一、"]


def test_a_heading_text_may_start_with_a_number_where_the_list_goes_on() -> None:
    s = structure(body("一、名词\n18．湾区经济：正文。\n19．21世纪海上丝绸之路：正文。\n"))
    assert [h.ordinal for h in s.headings] == [1, 18, 19]
    # a decimal is still no heading where it does not continue a list
    s = structure(body("一、主要举措\n1.5万元专项经费已到位。\n"))
    assert [h.ordinal for h in s.headings] == [1]


def test_appended_blocks_have_outlines_of_their_own() -> None:
    doc = Document(
        body(
            "一、主要举措\n（一）强化组织领导\n二、下一年度安排\n"
            "附件1\n\n2023年十件民生实事\n一、提高教师生活补助\n二、提升就业技能\n"
            "名词解释\n1.放管服：简政放权。\n2.河长制：河湖管理制度。\n"
        )
    )
    s = doc.structure
    assert describe_sections(s.sections) == [
        "2 一、 主要举措",
        "  3 （一） 强化组织领导",
        "4 二、 下一年度安排",
    ]
    assert cut(doc, s.sections[-1].span) == "二、下一年度安排\n"
    attachment, glossary = s.appended_blocks
    assert (attachment.kind, attachment.label) == ("附件", "附件1 2023年十件民生实事")
    assert describe_sections(attachment.sections) == [
        "8 一、 提高教师生活补助",
        "9 二、 提升就业技能",
    ]
    assert (glossary.kind, glossary.title) == ("名词解释", None)
    assert [h.ordinal for h in glossary.headings] == [1, 2]


def test_text_after_the_signature_is_an_appended_block() -> None:
    s = structure(
        body(
            "一、主要举措\n二、存在的不足\n老城镇人民政府\n2024年1月5日\n一、关于财政税收\n二、关于投资融资\n"
        )
    )
    [block] = s.appended_blocks
    assert block.kind == "落款之后" and block.first.number == 6
    assert [h.line.number for h in block.headings] == [6, 7]
    assert [h.line.number for h in s.headings] == [2, 3]


def test_a_note_inside_the_body_ends_where_the_body_goes_on_counting() -> None:
    s = structure(body("一、主要举措\n二、统计数据\n注：数据截至11月底。\n三、下一年度安排\n"))
    [note] = s.appended_blocks
    assert note.kind == "注" and [line.number for line in note.paragraphs] == [4]
    assert [h.ordinal for h in s.headings] == [1, 2, 3]


def test_an_enumeration_runs_over_paragraphs_without_a_token() -> None:
    s = structure(
        body(
            "一年来，我们主要做了以下工作：\n一是深化改革。正文。\n我们从政府自身改起。\n"
            "二是创新调控。正文。\n去年上半年，出口波动。\n四是保障民生。\n"
            "（一）规范执法。\n一是加强培训。\n正文。\n一是严格考核。\n"
        )
    )
    assert [[(i.line.number, i.ordinal) for i in e.items] for e in s.enumerations] == [
        [(3, 1), (5, 2), (7, 4)],
        [(9, 1)],
        [(11, 1)],
    ]


def test_a_token_split_by_a_space() -> None:
    doc = Document(body("工作中，一 是加强学习；二 是规范执法。\n"))
    [series] = doc.structure.enumerations
    assert [cut(doc, i.token_span) for i in series.items] == ["一 是", "二 是"]


def test_each_note_inside_the_body_ends_where_the_body_goes_on() -> None:
    s = structure(
        body(
            "一、主要举措\n注：数据截至11月底。\n二、统计数据\n三、存在的不足\n"
            "注：另见附表。\n四、下一年度安排\n"
        )
    )
    assert [len(note.paragraphs) for note in s.appended_blocks] == [1, 1]
    assert [h.ordinal for h in s.headings] == [1, 2, 3, 4]
