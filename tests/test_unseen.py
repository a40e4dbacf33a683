"""Reports that are not in the corpus (tests/data/unseen/), written for precision and recall:

- a-county-bureau-2024-clean.txt: a well-formed 县政府部门 report in 公文 form (发文字号 and
  签发人, 主送机关, the five parts in the regulation's wording, 一、（一）1.（1）, 落款, 成文日期,
  附注 （此件公开发布）, 版记) full of text that must not fire: 1,200件, 98.5%, 9:00—11:30, a URL,
  an e-mail address, APP, 12345, “3·15” “4·15” “12·4”, 第十一个国家宪法日 in 2024, 二十届三中全会,
  《中华人民共和国行政复议法》（2023年修订）, 一、二季度, 2.5万元 at the start of a line. No finding.
- b-subdistrict-2022-defects.txt: a 街道 report with planted defects, one finding each (listed).
- c-township-2023-pdf-gbk.txt: GBK, CRLF, extracted from PDF: page numbers, spaces between
  digits and Han characters and after ordinals, a paragraph cut across a page break and one
  hard-wrapped line.
- d-county-web-2021.txt: a scraped web page: breadcrumb, metadata block, toolbar, footer.
- w-district-web-2023.txt: a scraped page with every kind of chrome (老年模式/无障碍, log-in
  links, 今天是…星期三, 您当前所在的位置, `[ 索引号 ]` metadata, `时间:… 浏览量:`, 字号, 分享,
  上一篇/下一篇, 【打印】, 扫一扫, 【我要纠错】 责任编辑, 版权所有, ICP/公网安备), each block
  reported once, and report text that only names such words (下载, 分享, a `时间:2023-06-15` line
  of a meeting notice inside the report, which is report text).
- e-county-government-2023-clean.txt, f-justice-bureau-2024-clean.txt: more clean reports, of a
  county government and a 司法局, with traps: 1、2月份 and 2.5亿元 at the start of a line, 一要…,
  第一，…, PPP(English), 3.5km, a phone number 0391-2021888, 2022—2023学年, 《…》（新修订）、《…》,
  ISO 9001, Windows/Linux/WPS, history (党的十九大以来, 原县政府法制办公室 before 2018),
  常态化扫黑除恶斗争, 谋划“九五”普法. No finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fzlint.document.source import Document
from fzlint.engine.packs import load_rules
from fzlint.engine.runner import lint_document

UNSEEN = Path(__file__).parent / "data" / "unseen"
RULES = load_rules()

EXPECTED: dict[str, list[tuple[str, int, int]]] = {
    "a-county-bureau-2024-clean.txt": [],
    "e-county-government-2023-clean.txt": [],
    "f-justice-bureau-2024-clean.txt": [],
    "b-subdistrict-2022-defects.txt": [
        ("FZ403", 1, 1),  # no part on the 第一责任人
        ("FZ405", 1, 1),  # no 其他需要报告的情况 (info)
        ("FZ102", 3, 7),  # 区委、区政府:
        ("FZ101", 4, 6),  # 2022年,
        ("FZ602", 4, 44),  # 《法治政府建设实施纲要（2015-2020年）》 cited as current in 2022
        ("FZ110", 4, 60),  # 2015-2020
        ("FZ104", 6, 1),  # (一)
        ("FZ201", 7, 47),  # 会议 4 次
        ("FZ201", 7, 49),
        ("FZ311", 7, 72),  # 一是、二是、四是
        ("FZ305", 9, 1),  # 1、 2、: one finding for the list
        ("FZ602", 9, 7),  # 七五普法 in 2022
        ("FZ107", 9, 17),  # 《宪法》、《民法典》
        ("FZ801", 9, 30),  # “12.4”
        ("FZ805", 9, 42),  # 第八个国家宪法日 in 2022 (the ninth)
        ("FZ114", 9, 72),  # "法律明白人"
        ("FZ602", 9, 81),  # 《中华人民共和国合同法》 after the 民法典
        ("FZ108", 10, 12),  # “法律进社区”、“法律进校园” (info)
        ("FZ604", 10, 25),  # 法制宣传
        ("FZ113", 10, 29),  # 法制宣传.
        ("FZ109", 10, 45),  # 6场--覆盖
        ("FZ301", 11, 1),  # （二） then （四）
        ("FZ803", 12, 1),  # 2022-06-15 in the text
        ("FZ707", 12, 56),  # the same sentence twice in a row
        ("FZ402", 13, 3),  # 存在的问题: no 原因
        ("FZ422", 15, 3),  # plan part for 2022 in the 2022 report
        ("FZ602", 16, 9),  # 扫黑除恶专项斗争 in 2022
        ("FZ504", 17, 7),  # XX社区
        ("FZ413", 21, 1),  # 2023年01月10日
    ],
    "c-township-2023-pdf-gbk.txt": [
        ("FZ205", 1, 1),
        # a space at every figure, as text extracted from a PDF has: one finding (全文共 42 处)
        ("FZ201", 2, 10),
        ("FZ202", 6, 3),  # every ordinal has a space after it: one finding (全文共 8 处)
        ("FZ506", 12, 57),  # …在全 / — 3 — / 镇各村…
        ("FZ503", 14, 1),  # — 3 —
        ("FZ506", 18, 55),  # …激化引发的 / 刑事案件。 (hard line break)
        ("FZ503", 25, 1),  # - 4 -
        ("FZ305", 28, 1),  # 1、 2、 3、: one finding for the list
        ("FZ413", 35, 1),  # 2024 年 1 月 26 日
    ],
    "d-county-web-2021.txt": [
        ("FZ502", 1, 1),  # 当前位置：首页 > …
        ("FZ507", 2, 1),  # 索引号 … 公开方式
        ("FZ502", 7, 1),  # 【字体：大 中 小】  【打印本页】  【关闭窗口】: one toolbar
        ("FZ507", 11, 1),  # 发布时间 … 浏览次数
        ("FZ803", 16, 17),  # 2021-07-15 in the text
        # a web page has no 落款 or 成文日期: a warning, reported at the end of the report's text
        ("FZ411", 28, 11),
        ("FZ412", 28, 11),
        ("FZ502", 30, 1),  # 分享到 / 扫一扫 / 主办单位 / 网站标识码、ICP、公网安备: one footer
    ],
    "w-district-web-2023.txt": [
        ("FZ502", 1, 1),  # 进入老年模式 … 您当前所在的位置：首页 >: one navigation block
        ("FZ507", 6, 1),  # [ 索引号 ] … [ 发布日期 ]
        ("FZ507", 10, 1),  # 时间:2024-03-20 15:36 浏览量: (no FZ102, no FZ803)
        ("FZ502", 11, 1),  # 字号:大 中 小 / 分享:
        ("FZ102", 23, 3),  # 时间:2023-06-15 inside the report is report text
        ("FZ803", 23, 4),
        ("FZ502", 36, 1),  # 上一篇 … 粤公网安备: one footer
    ],
}


def test_every_unseen_report_has_an_expectation() -> None:
    assert sorted(p.name for p in UNSEEN.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings(name: str) -> None:
    doc = Document.from_path(str(UNSEEN / name))
    found = [(d.rule.id, *doc.position(d.span.start)) for d in lint_document(doc, RULES)]
    assert found == EXPECTED[name]


def test_the_pdf_report_is_gbk_with_crlf() -> None:
    # GBK is a subset of GB18030, which the decoder names
    doc = Document.from_path(str(UNSEEN / "c-township-2023-pdf-gbk.txt"))
    assert (doc.encoding, doc.newline, doc.mixed_newlines) == ("gb18030", "\r\n", False)


@pytest.mark.parametrize(
    ("name", "year", "as_of"),
    [
        ("a-county-bureau-2024-clean.txt", 2024, "2025-01-20"),
        ("b-subdistrict-2022-defects.txt", 2022, "2023-01-10"),
        ("c-township-2023-pdf-gbk.txt", 2023, "2024-01-26"),
        ("d-county-web-2021.txt", 2021, "2022-03-28"),
    ],
)
def test_year_and_date(name: str, year: int, as_of: str) -> None:
    structure = Document.from_path(str(UNSEEN / name)).structure
    assert (structure.report_year, str(structure.as_of)) == (year, as_of)


def test_spaces_at_every_figure_are_one_finding_whose_fix_removes_them_all() -> None:
    doc = Document.from_path(str(UNSEEN / "c-township-2023-pdf-gbk.txt"))
    (found,) = [d for d in lint_document(doc, RULES) if d.rule.id == "FZ201"]
    assert found.message.endswith("（全文共42处）")
    assert found.fix is not None and len(found.fix.edits) == 42
    assert all(doc.text[e.span.start : e.span.end].isspace() for e in found.fix.edits)
