"""`fzlint structure FILE`: the outline fzlint parsed from a report, as a rich tree.

Shows what the structure rules see (title, document type, report year and its clue, as-of date,
a scraped page's web blocks, headings tree, appended blocks with their own outlines,
enumerations, 落款, 成文日期), so a user can understand a finding and a rule writer can debug.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from fzlint.document.doctype import LABELS, TYPES
from fzlint.document.source import Document
from fzlint.document.structure import Section, Structure
from fzlint.document.webpage import web_blocks
from fzlint.i18n import ArgumentParser, iso_date, tr
from fzlint.output import visible

_LEVEL_NAMES = {0: "部分", 1: "一级", 2: "二级", 3: "三级", 4: "四级", 5: "五级"}
_CUT = 28
_BLOCK_NAMES = {"metadata": "元数据", "navigation": "导航", "toolbar": "工具栏", "footer": "页脚"}


def _cut(text: str, width: int = _CUT) -> str:
    return visible(text if len(text) <= width else text[:width] + "…")


def _field(label: str, value: str, style: str = "") -> Text:
    """A labelled value; the report's text in it has its control characters escaped."""
    return Text.assemble((f"{label}：", "bold"), (visible(value), style))


def _add_section(tree: Tree, section: Section) -> None:
    heading = section.heading
    label = Text.assemble(
        (f"{heading.line.number:>3} ", "dim"),
        (heading.marker, "bold cyan"),
        _cut(heading.text),
        (f"  [{_LEVEL_NAMES[heading.level]}·{heading.style}", "dim"),
        ("·段中标题" if heading.run_in else "", "dim"),
        ("]", "dim"),
    )
    branch = tree.add(label)
    for child in section.children:
        _add_section(branch, child)


def outline_tree(
    doc: Document,
    report_year: int | None = None,
    as_of: date | None = None,
    doc_type: str | None = None,
) -> Tree:
    structure: Structure = doc.structure
    root = Tree(Text(visible(doc.path), style="bold"))
    if structure.title_lines:
        lines = "、".join(str(line.number) for line in structure.title_lines)
        root.add(_field("标题", f"{structure.title}（第{lines}行）"))
    else:
        root.add(_field("标题", "未识别", "yellow"))
    if structure.doc_number_line is not None:
        line = structure.doc_number_line
        root.add(_field("发文字号", f"{line.text.strip()}（第{line.number}行）"))
    if structure.addressee_line is not None:
        line = structure.addressee_line
        root.add(_field("主送机关", f"{line.text.strip()}（第{line.number}行）"))
    guess = structure.doc_type
    if doc_type is not None:
        root.add(_field("文种", f"{LABELS[doc_type]}（{doc_type}，命令行）"))
    else:
        root.add(_field("文种", f"{guess.label}（{guess.name}，依据：{guess.clue}）"))
    clue = structure.report_year_clue
    if report_year is not None:
        root.add(_field("报告年度", f"{report_year}（命令行）"))
    elif clue is not None:
        root.add(_field("报告年度", f"{clue[0]}（依据：{clue[1]}）"))
    else:
        root.add(_field("报告年度", "未知", "yellow"))
    if as_of is not None:
        root.add(_field("截至日期", f"{as_of.isoformat()}（命令行）"))
    elif structure.as_of is not None:
        date_source = (
            "成文日期" if structure.date_line and structure.date_line.value else "网页发布日期"
        )
        root.add(_field("截至日期", f"{structure.as_of.isoformat()}（{date_source}）"))
    else:
        root.add(_field("截至日期", "未知", "yellow"))
    root.add(_field("网页文本", "是" if structure.is_web_page else "否"))
    blocks = web_blocks(doc)
    if blocks:
        chrome = root.add(Text(f"网页内容（{len(blocks)}处）", style="bold"))
        for block in blocks:
            lines = (
                f"第{block.first_line}行"
                if block.first_line == block.last_line
                else f"第{block.first_line}–{block.last_line}行"
            )
            chrome.add(
                Text.assemble(
                    (f"{lines} ", "dim"),
                    _BLOCK_NAMES[block.kind],
                    (f"：{'、'.join(block.labels)}" if block.labels else "", "dim"),
                )
            )
    root.add(_field("完整报告", "是" if structure.is_whole_report else "否（按摘录处理）"))
    headings = root.add(Text(f"标题层次（{len(structure.headings)}个标题）", style="bold"))
    for section in structure.sections:
        _add_section(headings, section)
    for block in structure.appended_blocks:
        first, last = block.first.number, block.paragraphs[-1].number
        label = Text.assemble(
            ("附加部分·", "bold"),
            (block.kind, "bold cyan"),
            f" {_cut(block.label)}（第{first}–{last}行，{len(block.headings)}个标题）",
        )
        branch = root.add(label)
        for section in block.sections:
            _add_section(branch, section)
    plan = structure.next_year_section
    plan_text = (
        f"第{plan.heading.line.number}行 {plan.heading.marker}{_cut(plan.heading.text)}"
        if plan
        else "未找到"
    )
    root.add(_field("下一年度安排", plan_text, "" if plan else "yellow"))
    enumerations = root.add(Text(f"段内列举（{len(structure.enumerations)}组）", style="bold"))
    for series in structure.enumerations:
        tokens = "、".join(
            doc.text[i.token_span.start : i.token_span.end] + ("(残缺)" if i.broken else "")
            for i in series.items
        )
        lines = sorted({i.line.number for i in series.items})
        where = f"第{lines[0]}行" if len(lines) == 1 else f"第{lines[0]}–{lines[-1]}行"
        enumerations.add(Text.assemble((f"{where} ", "dim"), visible(tokens)))
    signature = structure.signature_lines
    names = "、".join(line.text.strip() for line in signature)
    numbers = "、".join(str(line.number) for line in signature)
    root.add(
        _field(
            "落款",
            f"{names}（第{numbers}行）" if signature else "缺少",
            "" if signature else "red",
        )
    )
    date_line = structure.date_line
    root.add(
        _field(
            "成文日期",
            f"{date_line.text}（第{date_line.line.number}行）" if date_line else "缺少",
            "" if date_line else "red",
        )
    )
    return root


def command(argv: Sequence[str]) -> int:
    parser = ArgumentParser(
        prog="fzlint structure",
        description=tr(
            "显示 fzlint 从报告中解析出的结构（标题、年度、标题层次、列举、落款、成文日期、"
            "网页转换来的网页内容）。",
            "Show the outline fzlint parses from a report (title, year, headings, "
            "enumerations, 落款, 成文日期, a scraped page's web blocks).",
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="FILE", help=tr("报告文件", "report files"))
    parser.add_argument(
        "--report-year",
        type=int,
        metavar="YEAR",
        help=tr("代替识别出的报告年度", "override the report year"),
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=tr("代替报告自身的日期", "override the as-of date"),
    )
    parser.add_argument(
        "--doc-type",
        choices=TYPES,
        metavar="TYPE",
        help=tr("文种，代替自动识别的结果", "the document type, instead of the one recognised"),
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help=tr("彩色输出", "colour the output"),
    )
    args = parser.parse_args(argv)
    color_system = {"always": "standard", "never": None}.get(args.color, "auto")
    console = Console(highlight=False, color_system=color_system, no_color=args.color == "never")
    for path in args.paths:
        doc = Document.from_path(path)
        console.print(outline_tree(doc, args.report_year, args.as_of, args.doc_type))
    return 0
