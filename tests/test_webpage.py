"""The chrome of a scraped web page: its blocks, the `prose` scope, and no rule but the web-residue
ones inside a block."""

from fzlint.diagnostics import Span
from fzlint.document import scopes
from fzlint.document.source import Document
from fzlint.document.webpage import (
    metadata_fields,
    touches_web_block,
    web_blocks,
    web_line_numbers,
)
from fzlint.engine.packs import load_rules
from fzlint.engine.runner import lint_document

RULES = load_rules()

PAGE = """首页
>> 政务公开 >> 法治政府工作报告
  • 信息索引号:

    1133070373602550XG/2021-45834

  • 发文字号:

  • 发布日期:

    2021-02-05

江东镇2020年度法治政府建设工作报告

发布时间: 2021-02-05 17:44 信息来源: 便民服务平台(党政综合办公室)

2020年,江东镇在区委、区政府的正确领导下，全面推进法治政府建设。
"""


def _findings(text: str, *ids: str) -> list[tuple[str, int, int]]:
    doc = Document(text)
    return [
        (d.rule.id, *doc.position(d.span.start))
        for d in lint_document(doc, RULES)
        if not ids or d.rule.id in ids
    ]


def test_blocks_of_a_page_head() -> None:
    doc = Document(PAGE)
    found = [(b.kind, b.first_line, b.last_line, b.labels) for b in web_blocks(doc)]
    assert found == [
        ("navigation", 1, 2, ("首页", "导航")),
        ("metadata", 3, 11, ("信息索引号", "发文字号", "发布日期")),
        ("metadata", 15, 15, ("发布时间", "信息来源")),
    ]
    assert sorted(web_line_numbers(doc)) == [1, 2, 3, 5, 7, 9, 11, 15]


def test_prose_leaves_out_the_chrome() -> None:
    doc = Document(PAGE)
    prose = scopes.resolve(doc, "prose")
    assert [doc.position(span.start)[0] for span in prose if span] == [13, 17]


def test_a_body_sentence_with_a_colon_is_not_chrome() -> None:
    assert web_blocks(Document("报告如下:\n来源广泛的意见已吸收。\n")) == ()


HEAD = "某某镇2022年度法治政府建设情况报告\n时间:2023-02-28 15:36 浏览量:\n"
BODY = "2022年，我镇坚持以习近平法治思想为指导，全面推进依法行政，法治政府建设取得新成效。\n"


def test_no_colon_or_date_finding_inside_a_metadata_line() -> None:
    # the colon fix would glue 15:36浏览量; the ISO date is the page's, not the report's
    assert _findings(HEAD + BODY, "FZ102", "FZ803", "FZ507") == [("FZ507", 2, 1)]


def test_the_same_line_inside_the_report_is_report_text() -> None:
    text = BODY + "时间:2023-02-28\n" + BODY
    assert _findings(text, "FZ102", "FZ803", "FZ507") == [("FZ102", 2, 3), ("FZ803", 2, 4)]


def test_a_footer_after_the_report_is_one_finding_and_nothing_else() -> None:
    text = BODY + "【我要纠错】责任编辑：宋岩 \n扫一扫在手机打开当前页\n"
    found = _findings(text)
    assert ("FZ502", 2, 1) in found
    assert [f for f in found if f[1] >= 2] == [("FZ502", 2, 1)]  # no trailing-space finding


def test_white_space_around_the_chrome_is_the_chrome_s() -> None:
    text = BODY + "分享到：  \n  扫一扫在手机打开当前页 \t\n"
    assert [f for f in _findings(text) if f[1] >= 2] == [("FZ502", 2, 1)]


def test_report_text_with_chrome_words_is_not_chrome() -> None:
    text = (
        "一、主要做法\n"
        "分享经验做法，开展交流学习\n"
        "群众扫一扫二维码即可办理业务\n"
        "时间：2023年3月1日\n"
        "来源：县财政局\n"
        "申请 > 受理 > 审查 > 决定\n" + BODY
    )
    assert web_blocks(Document(text)) == ()


def test_a_fix_that_edits_a_block_is_not_offered() -> None:
    blocks = web_blocks(Document(HEAD + BODY))
    start = blocks[0].span.start
    assert touches_web_block(blocks, [Span(start + 3, start + 4)])
    assert touches_web_block(blocks, [Span(start + 2, start + 2)])  # an insertion inside
    assert not touches_web_block(blocks, [Span(0, 3)])
    assert not touches_web_block(blocks, [Span(blocks[0].span.end + 1, blocks[0].span.end + 2)])


def test_the_publication_date_rule_still_reads_the_metadata() -> None:
    # FZ416 reports the page's 发布日期 itself: it is exempt from the suppression
    text = "某某镇2022年度法治政府建设情况报告\n发布日期：2023-05-10\n" + BODY
    assert ("FZ416", 2, 6) in _findings(text, "FZ416")


def test_the_outline_lists_the_blocks() -> None:
    from rich.console import Console

    from fzlint.output.outline import outline_tree

    console = Console(record=True, width=120)
    console.print(outline_tree(Document(PAGE)))
    text = console.export_text()
    assert "网页内容（3处）" in text
    assert "第1–2行 导航：首页、导航" in text
    assert "第15行 元数据：发布时间、信息来源" in text


def test_metadata_fields_give_each_value_and_where_it_stands() -> None:
    text = (
        "[ 索引号 ] 11440306MB2D10234K/2024-00031 [ 发布机构 ] 某某区司法局\n"
        "信息来源：便民服务平台(党政综合办公室)  发布日期：\n"
        "2024-03-20\n"
        "\n"
        "某某区司法局2023年度法治政府建设情况报告\n"
    )
    doc = Document(text)
    found = [(f.key, f.value, doc.position(f.span.start)) for f in metadata_fields(doc)]
    assert found == [
        ("索引号", "11440306MB2D10234K/2024-00031", (1, 9)),
        ("发布机构", "某某区司法局", (1, 48)),
        ("信息来源", "便民服务平台(党政综合办公室)", (2, 6)),
        ("发布日期", "2024-03-20", (3, 1)),  # the value under its key
    ]


def test_a_long_row_of_tools_is_read_in_one_pass() -> None:
    # 返回顶部 is also 返回 + 顶部: a regex for "tools only" would backtrack exponentially here
    row = "返回顶部" * 35
    assert [b.kind for b in web_blocks(Document(row))] == ["toolbar"]
    assert web_blocks(Document(row + "x")) == ()
