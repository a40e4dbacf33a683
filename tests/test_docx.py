"""Reading .docx reports: the text a reader sees, line = paragraph, and the same findings as the
same text in a .txt file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx_build import ARABIC, CHINESE_HEADINGS, NS, Builder, W, abstract_num, num

from fzlint.cli import main
from fzlint.document.docx import format_number
from fzlint.document.source import Document
from fzlint.errors import InputError

# A short report with real-looking defects: a half-width comma (FZ101), a Word bookmark (FZ501).
REPORT = [
    "某市2023年法治政府建设年度报告",
    "2023年，我市深入学习贯彻习近平法治思想,全面推进依法行政。",
    "一、主要举措和成效",
    "（一）完善依法行政制度体系。修订规范性文件管理办法，开展合法性审核312件。",
    "5、[bookmark: _GoBack]其他需要报告的情况",
    "某市人民政府",
    "2024年3月1日",
]


def findings(path: str, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    main(["--no-cache", "--isolated", "--format", "json", *args, path])
    out = capsys.readouterr().out
    return [json.loads(line.rstrip(",")) for line in out.strip("[]\n").splitlines() if line.strip()]


def key(found: list[dict]) -> list[tuple]:
    return [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in found]


def docx_of(lines: list[str], tmp_path: Path, name: str = "r.docx") -> str:
    builder = Builder()
    for line in lines:
        builder.para(line)
    return builder.save(tmp_path / name)


def test_plain_docx_gives_the_findings_of_the_same_text(tmp_path, capsys) -> None:
    txt = tmp_path / "r.txt"
    txt.write_text("\n".join(REPORT) + "\n", encoding="utf-8")
    as_text = findings(str(txt), capsys)
    as_word = findings(docx_of(REPORT, tmp_path), capsys)
    assert key(as_word) == key(as_text)
    assert ("FZ101", 2, 22, 2, 23) in key(as_word)
    assert ("FZ501", 5, 3, 5, 22) in key(as_word)


def test_runs_split_mid_word_read_as_one_paragraph(tmp_path, capsys) -> None:
    builder = Builder()
    builder.para(REPORT[0])
    # Word splits runs anywhere: at a formatting change, a spell-check mark, an edit session
    builder.para(
        "2023年，我市深入学习贯彻习近", "平法治思想", ",全面推进依", "法行政。", bold_runs=[1]
    )
    path = builder.save(tmp_path / "split.docx")
    doc = Document.from_path(path)
    assert doc.lines[1].text == REPORT[1]
    assert ("FZ101", 2, 22, 2, 23) in key(findings(path, capsys))


def test_a_docx_is_known_by_content_not_name(tmp_path, capsys) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(Path(docx_of(REPORT, tmp_path)).read_bytes())
    assert Document.from_path(str(path)).text == "\n".join(REPORT)


def test_table_cells_row_by_row_after_the_paragraph_before(tmp_path) -> None:
    builder = Builder()
    builder.para("表1 行政复议案件情况")
    builder.table([["类别", "件数"], ["受理", "12"]])
    builder.para("以上情况属实。")
    doc = Document.from_bytes(builder.bytes(), "t.docx")
    assert [line.text for line in doc.lines] == [
        "表1 行政复议案件情况",
        "类别",
        "件数",
        "受理",
        "12",
        "以上情况属实。",
    ]


def numbered_report() -> Builder:
    builder = Builder()
    builder.define(abstract_num(1, CHINESE_HEADINGS))
    builder.define(abstract_num(2, ARABIC))
    builder.define(num(1, 1))
    builder.define(num(2, 2))
    builder.define(num(3, 2, restart={0: 1}))  # the same Arabic list, restarted at 1
    builder.para("某市2023年法治政府建设年度报告")
    builder.para("主要举措和成效", num_id=1)
    builder.para("完善制度体系", num_id=1, level=1)
    builder.para("推进严格执法", num_id=1, level=1)
    builder.para("修订办法", num_id=2)
    builder.para("清理文件", num_id=2)
    builder.para("存在的不足和原因", num_id=1)
    builder.para("队伍建设有短板", num_id=1, level=1)
    builder.para("培训不足", num_id=1, level=2)
    builder.para("考核不严", num_id=1, level=2)
    builder.para("人员不足", num_id=3)
    return builder


def test_automatic_numbering_is_rendered_with_levels_and_restarts() -> None:
    doc = Document.from_bytes(numbered_report().bytes(), "n.docx")
    assert [line.text for line in doc.lines] == [
        "某市2023年法治政府建设年度报告",
        "一、主要举措和成效",
        "（一）完善制度体系",
        "（二）推进严格执法",
        "1.修订办法",
        "2.清理文件",
        "二、存在的不足和原因",
        "（一）队伍建设有短板",
        "1.培训不足",
        "2.考核不严",
        "1.人员不足",
    ]
    assert doc.word is not None
    assert doc.text[slice(*doc.word.labels[0])] == "一、"


def test_a_list_that_should_restart_is_flagged_as_automatic_numbering(tmp_path, capsys) -> None:
    builder = Builder()
    builder.define(abstract_num(1, (("chineseCounting", "%1、", 1),)))
    builder.define(abstract_num(2, (("chineseCounting", "（%1）", 1),)))
    builder.define(num(1, 1))
    builder.define(abstract_num(3, (("chineseCounting", "（%1）", 1),)))
    builder.define(num(2, 2))
    builder.define(num(3, 3))  # a list of its own: restarts at （一）
    builder.para("某市2023年法治政府建设年度报告")
    builder.para("主要举措和成效", num_id=1)
    builder.para("完善依法行政制度体系", num_id=2)
    builder.para("推进严格规范公正文明执法", num_id=2)
    builder.para("存在的不足和原因", num_id=1)
    builder.para("法治队伍建设仍有短板", num_id=3)
    builder.para("下一年度工作安排", num_id=1)
    # the third part's subheading goes on with the first list instead of restarting: the
    # document restarts under 二、 and counts on under 三、, a mix of the two conventions
    builder.para("持续深化法治宣传教育", num_id=2)
    path = builder.save(tmp_path / "restart.docx")
    lines = Document.from_path(path).lines
    assert lines[5].text == "（一）法治队伍建设仍有短板"
    assert lines[7].text == "（三）持续深化法治宣传教育"
    on_line_8 = [f for f in findings(path, capsys) if f["line"] == 8 and f["column"] == 1]
    assert on_line_8, "the continued （三） is a numbering finding"
    assert all("自动编号" in f["message"] and f["fix"] is None for f in on_line_8)


def test_a_finding_inside_an_automatic_label_is_not_fixed(tmp_path, capsys) -> None:
    builder = Builder()
    builder.define(abstract_num(1, (("decimal", "(%1)", 1),)))
    builder.define(num(1, 1))
    builder.para("某市2023年法治政府建设年度报告")
    builder.para("完善依法行政制度体系，修订规范性文件管理办法。", num_id=1)
    path = builder.save(tmp_path / "label.docx")
    found = [f for f in findings(path, capsys) if f["rule"] == "FZ104"]
    assert found and all(f["line"] == 2 and f["column"] <= 3 for f in found)
    assert all("自动编号" in f["message"] and f["fix"] is None for f in found)
    # the same text typed by hand is fixable
    typed = tmp_path / "typed.txt"
    typed.write_text(Document.from_path(path).text, encoding="utf-8")
    assert all(f["fix"] is not None for f in findings(str(typed), capsys) if f["rule"] == "FZ104")


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCountingThousand", "十一"),
        (20, "chineseCounting", "二十"),
        (101, "chineseCountingThousand", "一百零一"),
        (3, "ideographTraditional", "丙"),
        (2, "decimalEnclosedParen", "⑵"),
        (3, "decimalEnclosedCircle", "③"),
        (1, "ideographEnclosedCircle", "㈠"),
        (12, "decimal", "12"),
        (3, "upperLetter", "C"),
        (4, "lowerRoman", "iv"),
        (2, "chineseLegalSimplified", "贰"),
    ],
)
def test_number_formats(value: int, fmt: str, shown: str) -> None:
    assert format_number(value, fmt) == shown


TRACKED = (
    "<w:r><w:t>全面推进</w:t></w:r>"
    '<w:ins w:id="1" w:author="审核人" w:date="2024-01-01T00:00:00Z"><w:r><w:t>严格规范公正文明</w:t></w:r></w:ins>'
    '<w:del w:id="2" w:author="审核人" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>依法</w:delText></w:r></w:del>'
    "<w:r><w:t>执法。</w:t></w:r>"
)


def test_tracked_changes_read_as_accepted() -> None:
    builder = Builder()
    builder.para("标题")
    builder.raw(TRACKED)
    doc = Document.from_bytes(builder.bytes(), "c.docx")
    assert doc.lines[1].text == "全面推进严格规范公正文明执法。"
    assert doc.word is not None and doc.word.revisions == 2
    assert doc.position(doc.word.first_revision) == (2, 5)


def test_a_paragraph_whose_mark_was_deleted_joins_the_next() -> None:
    builder = Builder()
    deleted_mark = (
        '<w:pPr><w:rPr><w:del w:id="5" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr>'
    )
    builder.raw("<w:r><w:t>推进依法</w:t></w:r>", ppr=deleted_mark)
    builder.raw("<w:r><w:t>行政。</w:t></w:r>")
    doc = Document.from_bytes(builder.bytes(), "j.docx")
    assert doc.text == "推进依法行政。"


INLINE = [
    ("<w:r><w:t>一</w:t><w:tab/><w:t>总体</w:t></w:r>", "一\t总体"),
    (
        "<w:r><w:t>某市人民政府</w:t><w:br/><w:t>2024年3月1日</w:t></w:r>",
        "某市人民政府\n2024年3月1日",
    ),
    ('<w:r><w:t>第一页</w:t><w:br w:type="page"/><w:t>续</w:t></w:r>', "第一页续"),
    ("<w:r><w:t>法\u00a0治</w:t></w:r>", "法\u00a0治"),
    ("<w:r><w:t>行政</w:t><w:softHyphen/><w:t>执法</w:t></w:r>", "行政执法"),
    ("<w:r><w:t>A</w:t><w:noBreakHyphen/><w:t>B</w:t></w:r>", "A-B"),
    (
        '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:t>正文</w:t></w:r><w:bookmarkEnd w:id="0"/>',
        "正文",
    ),
    (
        '<w:r><w:t>共</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r>',
        "共3页",
    ),
    ("<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r>", "可见"),
    ('<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:t>完成</w:t></w:r>', "完成"),
    ('<w:r><w:sym w:font="SimSun" w:char="2014"/></w:r>', "—"),
]


@pytest.mark.parametrize(("xml", "text"), INLINE)
def test_inline_elements(xml: str, text: str) -> None:
    builder = Builder()
    builder.raw(xml)
    assert Document.from_bytes(builder.bytes(), "i.docx").text == text


def test_a_table_of_contents_gives_empty_lines() -> None:
    builder = Builder()
    builder.para("某市2023年法治政府建设年度报告")
    builder.raw(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、主要举措</w:t><w:tab/><w:t>1</w:t></w:r>'
    )
    builder.raw(
        '<w:r><w:t>二、存在不足</w:t><w:tab/><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    builder.para("一、主要举措")
    doc = Document.from_bytes(builder.bytes(), "toc.docx")
    assert [line.text for line in doc.lines] == [
        "某市2023年法治政府建设年度报告",
        "",
        "",
        "一、主要举措",
    ]


OTHER_FORMATS = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "r.doc", "Word 97-2003/WPS"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "r.wps", "请另存为 .docx 或 .txt"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "r.pdf", "PDF"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "scan.png", "图片"),
    (b"\xff\xd8\xff\xe0" + b"\0" * 64, "scan.jpg", "图片"),
]


@pytest.mark.parametrize(("data", "name", "says"), OTHER_FORMATS)
def test_other_formats_are_refused_with_what_to_do(tmp_path, capsys, data, name, says) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["--no-cache", "--isolated", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and says in err[0] and name in err[0]


def test_odt_and_plain_zip_are_refused(tmp_path) -> None:
    import zipfile

    odt = tmp_path / "r.odt"
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(InputError, match="OpenDocument"):
        Document.from_path(str(odt))
    other = tmp_path / "r.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("a.txt", "报告")
    with pytest.raises(InputError, match="ZIP"):
        Document.from_path(str(other))


def test_a_broken_docx_is_one_error(tmp_path, capsys) -> None:
    import zipfile

    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")
    assert main(["--no-cache", "--isolated", str(path)]) == 2
    assert "Word 文档已损坏" in capsys.readouterr().err


def test_a_folder_walk_takes_docx_and_txt(tmp_path, capsys) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    docx_of(REPORT, folder, "甲.docx")
    (folder / "乙.txt").write_text("\n".join(REPORT) + "\n", encoding="utf-8")
    (folder / "丙.pdf").write_bytes(b"%PDF-1.7\n")
    paths = {Path(f["path"]).name for f in findings(str(folder), capsys)}
    assert paths == {"甲.docx", "乙.txt"}


def test_review_marks_are_an_error_at_the_first_one(tmp_path, capsys) -> None:
    builder = Builder()
    for line in REPORT[:3]:
        builder.para(line)
    builder.raw(TRACKED)
    paragraph = builder.para("（二）推进严格规范公正文明执法。")
    builder.document.add_comment(paragraph.runs, text="此段请补充数据", author="审核人")
    path = builder.save(tmp_path / "review.docx")
    found = [f for f in findings(path, capsys) if f["rule"] == "FZ511"]
    assert [(f["line"], f["column"], f["severity"]) for f in found] == [(4, 5, "error")]
    assert "2处修订、1条批注" in found[0]["message"]
    # the text is checked as accepted, so the deleted 依法 is not read
    assert "依法执法" not in Document.from_path(path).text


def test_a_comment_alone_is_found_where_it_is_anchored(tmp_path, capsys) -> None:
    builder = Builder()
    for line in REPORT[:3]:
        builder.para(line)
    paragraph = builder.para("（一）完善依法行政制度体系。")
    builder.document.add_comment(paragraph.runs, text="数字核实", author="审核人")
    path = builder.save(tmp_path / "comment.docx")
    found = [f for f in findings(path, capsys) if f["rule"] == "FZ511"]
    assert [(f["line"], f["column"]) for f in found] == [(4, 1)]
    assert "1条批注" in found[0]["message"] and "修订" not in found[0]["message"].split("，")[0]


def test_a_clean_docx_has_no_review_finding(tmp_path, capsys) -> None:
    assert not [f for f in findings(docx_of(REPORT, tmp_path), capsys) if f["rule"] == "FZ511"]


def test_no_clean_summary_when_a_file_could_not_be_checked(tmp_path, capsys) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(
        "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全面推进依法行政。\n",
        encoding="utf-8",
    )
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert main(["--no-cache", "--isolated", "--format", "full", str(clean)]) == 0
    assert "未发现问题" in capsys.readouterr().out
    assert main(["--no-cache", "--isolated", "--format", "full", str(clean), str(old)]) == 2
    captured = capsys.readouterr()
    assert "未发现问题" not in captured.out and "1个文件无法检查" in captured.out
    assert "Word 97-2003/WPS" in captured.err


@pytest.mark.parametrize(
    ("lines", "what"),
    [([], "为空"), (["", "\u3000\u3000", ""], "只有空白字符"), (["详见附件。"], "只有5个字")],
)
def test_an_empty_docx_is_a_finding(tmp_path, capsys, lines, what) -> None:
    found = [f for f in findings(docx_of(lines, tmp_path), capsys) if f["rule"] == "FZ002"]
    assert [(f["line"], f["column"], f["severity"]) for f in found] == [(1, 1, "error")]
    assert what in found[0]["message"]


def test_numbering_linked_to_a_heading_style(tmp_path) -> None:
    # Office templates number 标题 1 / 标题 2 through the styles, not the paragraphs
    from docx.oxml import parse_xml
    from docx_build import NS

    builder = Builder()
    builder.define(abstract_num(1, CHINESE_HEADINGS))
    builder.define(num(7, 1))
    for name, level in (("Heading 1", 0), ("Heading 2", 1)):
        style = builder.document.styles[name]
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{level}"/><w:numId w:val="7"/></w:numPr>')
        )
    builder.para(TITLE := "某市2023年法治政府建设年度报告")
    builder.document.add_paragraph("主要举措和成效", style="Heading 1")
    builder.document.add_paragraph("完善制度体系", style="Heading 2")
    builder.document.add_paragraph("推进严格执法", style="Heading 2")
    builder.document.add_paragraph("存在的不足", style="Heading 1")
    doc = Document.from_bytes(builder.bytes(), "s.docx")
    assert [line.text for line in doc.lines] == [
        TITLE,
        "一、主要举措和成效",
        "（一）完善制度体系",
        "（二）推进严格执法",
        "二、存在的不足",
    ]


def test_headers_and_footers_are_not_read() -> None:
    builder = Builder()
    section = builder.document.sections[0]
    section.header.paragraphs[0].text = "某市人民政府文件"
    section.footer.paragraphs[0].text = "第 1 页"
    builder.para("正文第一段。")
    assert Document.from_bytes(builder.bytes(), "h.docx").text == "正文第一段。"


def test_a_table_of_contents_control_gives_empty_lines() -> None:
    builder = Builder()
    builder.para("某市2023年法治政府建设年度报告")
    toc = (
        f'<w:sdt {NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent>"
        "<w:p><w:r><w:t>目录</w:t></w:r></w:p><w:p><w:r><w:t>一、主要举措</w:t><w:tab/><w:t>1</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    builder.body.find(f"{{{W}}}sectPr").addprevious(parse_xml(toc))
    builder.para("一、主要举措")
    doc = Document.from_bytes(builder.bytes(), "toc.docx")
    assert [line.text for line in doc.lines] == [
        "某市2023年法治政府建设年度报告",
        "",
        "",
        "一、主要举措",
    ]


def test_damaged_numbering_values_do_not_stop_the_reading() -> None:
    builder = Builder()
    builder.define(
        f'<w:abstractNum {NS} w:abstractNumId="1"><w:lvl w:ilvl="x"><w:start w:val="²"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
    )
    builder.define(num(1, 1))
    builder.para("主要举措", num_id=1)
    builder.para("其他", num_id=1, level=12)
    assert (
        Document.from_bytes(builder.bytes(), "d.docx").text == "零、主要举措\n其他"
    )  # no valid start: 0, as the standard says


def test_a_tracked_deleted_table_row_is_not_read() -> None:
    builder = Builder()
    builder.table([["类别", "件数"], ["撤销", "3"], ["受理", "12"]])
    row = builder.document.tables[0].rows[1]._tr
    row.get_or_add_trPr().append(
        parse_xml(f'<w:del {NS} w:id="9" w:author="a" w:date="2024-01-01T00:00:00Z"/>')
    )
    doc = Document.from_bytes(builder.bytes(), "t.docx")
    assert doc.text == "类别\n件数\n受理\n12"
    assert doc.word is not None and doc.word.revisions == 1


def test_a_docx_on_stdin(tmp_path, capsys, monkeypatch) -> None:
    import io
    import sys

    data = Path(docx_of(REPORT, tmp_path)).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    found = findings("-", capsys, "--stdin-filename", "r.docx")
    assert ("FZ101", 2, 22, 2, 23) in key(found)


def test_a_finding_at_the_start_of_a_numbered_paragraph_is_not_about_the_label() -> None:
    from fzlint.diagnostics import Diagnostic, Span
    from fzlint.document.docx import WordText, on_labels
    from fzlint.engine.packs import load_rules

    rule = next(item.rule for item in load_rules() if item.rule.id == "FZ401")
    word = WordText("一、主要举措和成效", labels=[(0, 2)])

    def at(start: int, end: int) -> bool:
        found = Diagnostic(rule, Span(start, end), "未找到", rule.severity)
        return "自动编号" in on_labels(word, [found])[0].message

    assert not at(0, 0)  # a missing part, reported where the document starts
    assert at(1, 1) and at(0, 2) and at(1, 2)  # a point or a stretch inside the label
    assert not at(0, 5)  # the whole heading: about the heading, not its label


def _as_numbered_docx(text: str, path: Path) -> str:
    """The corpus text as a .docx whose 一、 and （一） headings are automatic numbering wherever
    the list would show exactly that marker (a marker out of sequence stays typed text)."""
    from fzlint.text.numerals import to_chinese_number

    builder = Builder()
    builder.define(abstract_num(1, CHINESE_HEADINGS))
    builder.define(num(1, 1))
    top = sub = 0
    for line in text.split("\n"):
        first = f"{to_chinese_number(top + 1)}、"
        second = f"（{to_chinese_number(sub + 1)}）"
        if line.startswith(first) and len(line) > len(first):
            builder.para(line[len(first) :], num_id=1)
            top, sub = top + 1, 0
        elif line.startswith(second) and top and len(line) > len(second):
            builder.para(line[len(second) :], num_id=1, level=1)
            sub += 1
        else:
            builder.para(line)
    return builder.save(path)


def test_corpus_reports_with_automatic_numbering_give_the_findings_of_their_text(
    corpus, tmp_path, capsys
) -> None:
    labelled = 0
    for report in sorted(corpus.glob("*.txt")):
        text = report.read_text(encoding="utf-8")
        path = _as_numbered_docx(text, tmp_path / (report.stem + ".docx"))
        doc = Document.from_path(path)
        assert doc.text == text
        labelled += len(doc.word.labels)
        as_text = findings(str(report), capsys)
        as_word = findings(path, capsys)
        assert key(as_word) == key(as_text), report.name
        for word, plain in zip(as_word, as_text, strict=True):
            if "自动编号" in word["message"]:
                assert word["fix"] is None
            else:
                assert word == {**plain, "path": word["path"]}
    assert labelled > 20
