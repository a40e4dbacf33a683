"""Building .docx fixtures for the tests with python-docx, plus the raw XML it has no API for
(automatic numbering definitions, tracked changes, comment anchors, fields)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from docx.oxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}"'

# Levels: (numFmt, lvlText, start) per ilvl
CHINESE_HEADINGS = (
    ("chineseCounting", "%1、", 1),
    ("chineseCounting", "（%2）", 1),
    ("decimal", "%3.", 1),
    ("decimal", "（%4）", 1),
)
ARABIC = (("decimal", "%1.", 1),)


def abstract_num(
    abstract_id: int, levels: Sequence[tuple[str, str, int]], suffix: str = "nothing"
) -> str:
    body = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    return f'<w:abstractNum {NS} w:abstractNumId="{abstract_id}">{body}</w:abstractNum>'


def num(num_id: int, abstract_id: int, restart: dict[int, int] | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for lvl, start in (restart or {}).items()
    )
    return (
        f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
        f"{overrides}</w:num>"
    )


class Builder:
    """A document built paragraph by paragraph."""

    def __init__(self) -> None:
        self.document = docx.Document()
        numbering = self.document.part.numbering_part.element
        for child in list(numbering):
            numbering.remove(child)
        self.numbering = numbering
        self.body = self.document.element.body

    def define(self, xml: str) -> None:
        """Add an abstractNum (before every num, as the schema wants) or a num."""
        element = parse_xml(xml)
        if element.tag.endswith("abstractNum"):
            nums = [c for c in self.numbering if c.tag.endswith("}num")]
            if nums:
                nums[0].addprevious(element)
                return
        self.numbering.append(element)

    def para(
        self, *runs: str, num_id: int | None = None, level: int = 0, bold_runs: Sequence[int] = ()
    ):
        paragraph = self.document.add_paragraph()
        for index, text in enumerate(runs):
            run = paragraph.add_run(text)
            if index in bold_runs:
                run.bold = True
        if num_id is not None:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(
                parse_xml(
                    f'<w:numPr {NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
                )
            )
        return paragraph

    def raw(self, inner_xml: str, ppr: str = "") -> None:
        """A paragraph from raw WordprocessingML (runs, w:ins, w:del …)."""
        element = parse_xml(f"<w:p {NS}>{ppr}{inner_xml}</w:p>")
        self.body.find(f"{{{W}}}sectPr").addprevious(element)

    def table(self, rows: Sequence[Sequence[str]]) -> None:
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text

    def bytes(self) -> bytes:
        stream = io.BytesIO()
        self.document.save(stream)
        return stream.getvalue()

    def save(self, path) -> str:
        with open(path, "wb") as handle:
            handle.write(self.bytes())
        return str(path)
