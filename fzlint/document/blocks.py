"""Blocks appended after a report's text: 附件 / 附表 / 附录, 名词解释 / 注释 / 注：, and whatever
follows the 落款 / 成文日期.

A 政府工作报告 ends with 名词解释 numbered 1. 2. …, a 广东 report with `附件1 2016年省十件民生实事`
numbered 一、…十、 again, a 国务院 notice with the regulation it issues under its 成文日期. Each
such block numbers its headings anew, so each has an outline of its own (`headings`,
`sections`), and the body's outline stops where it starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fzlint.diagnostics import Span
from fzlint.document.structure import Heading, Section, build_sections, parse_headings
from fzlint.text.regex import compile_kept

if TYPE_CHECKING:
    from fzlint.document.source import Line
    from fzlint.document.structure import Structure

# The line that opens a block: `附件`, `附件1`, `附件2：`, `附件：1.…` (the 附件说明 and its list),
# `附表`, `名词解释`, `注释：`, `注：本表…`.
_LABEL = compile_kept(
    r"^[\s\u3000\u00a0]*(?P<kind>附[\s\u3000]*件|附[\s\u3000]*表|附[\s\u3000]*录|名词解释|名词注释"
    r"|注[\s\u3000]*释|附[\s\u3000]*注|备[\s\u3000]*注|注)"
    r"[\s\u3000]*[0-9０-９一二三四五六七八九十]{0,3}[\s\u3000\u00a0]*(?:[:：](?P<rest>.*))?$"
)
# A block's own title under its label (`2018年省十件民生实事`): short, no sentence in it.
_TITLE_MAX_LEN = 40
_SENTENCE_PUNCTUATION = "。；;，,：:！？!?"
AFTER_SIGNATURE = "落款之后"


@dataclass(eq=False)
class AppendedBlock:
    """One appended block. `kind` is 附件, 附表, 附录, 名词解释, 注释, 附注, 备注, 注 or 落款之后
    (text after the 落款 / 成文日期 with no label of its own); `first` the line that opens it
    (its label); `title` a short title line right under the label, if any."""

    kind: str
    first: Line
    title: Line | None
    paragraphs: tuple[Line, ...]
    headings: tuple[Heading, ...]
    sections: tuple[Section, ...]

    @property
    def start(self) -> int:
        return self.first.span.start

    @property
    def span(self) -> Span:
        return Span(self.first.span.start, self.paragraphs[-1].span.end)

    @property
    def label(self) -> str:
        """The block as a reader names it: its label and title (`附件1 2018年省十件民生实事`)."""
        parts = [line.text.strip(" \t\u3000\u00a0") for line in (self.first, self.title) if line]
        return " ".join(parts)


def label_kind(line: Line) -> str | None:
    """The kind of block a label line opens (附件, 名词解释 …), or None."""
    match = _LABEL.match(line.text)
    if match is None:
        return None
    return "".join(match.group("kind").split())


def _title(paragraphs: Sequence[Line]) -> Line | None:
    """The title under a bare label (`附件1` / `2018年省十件民生实事`); a label that names its
    attachment itself (`附件：三级公立医院绩效考核指标`) has none under it."""
    label = _LABEL.match(paragraphs[0].text)
    if len(paragraphs) < 2 or (label is not None and (label.group("rest") or "").strip()):
        return None
    text = paragraphs[1].text.strip(" \t\u3000\u00a0")
    if len(text) > _TITLE_MAX_LEN or any(c in text for c in _SENTENCE_PUNCTUATION):
        return None
    if parse_headings(paragraphs[1:2]):
        return None
    return paragraphs[1]


def _continues_body(heading: Heading, last: dict[int, Heading], seen: set[int]) -> bool:
    """True when a heading inside a block goes on counting the body's outline (`三、` after the
    body's `二、` and a `注：` line): the block has ended and the body goes on."""
    before = last.get(heading.level)
    return (
        before is not None
        and heading.level not in seen
        and heading.style == before.style
        and heading.ordinal == before.ordinal + 1
    )


def find_appended_blocks(structure: Structure) -> tuple[AppendedBlock, ...]:
    """The appended blocks of a document in order. A block starts at a label line (附件1,
    名词解释, 注：…) after the body's first paragraph, or at the first paragraph after the
    落款 / 成文日期; it runs to the next block, to the 落款 / 成文日期, or, before them, to a
    heading that goes on counting the body's outline."""
    doc = structure.doc
    body = structure.body_paragraphs
    if not body:
        return ()
    stops = {line.number for line in structure.signature_lines}
    if structure.date_line is not None:
        stops.add(structure.date_line.line.number)
    signed_at = structure.closing_end
    footer = structure.page_footer
    paragraphs = [p for p in doc.paragraphs if p.number > body[0].number and p.number not in footer]
    starts: dict[int, str] = {}
    for paragraph in paragraphs:
        if paragraph.number in stops:
            continue
        kind = label_kind(paragraph)
        if kind is not None:
            starts[paragraph.number] = kind
        elif (
            signed_at is not None
            and paragraph.number > signed_at
            and not any(n > signed_at for n in starts)
        ):
            starts[paragraph.number] = AFTER_SIGNATURE
    if not starts:
        return ()
    first_start = min(starts)
    last: dict[int, Heading] = {}  # the body's latest heading at each level
    for heading in structure.body_headings_before(first_start):
        last[heading.level] = heading
    blocks: list[AppendedBlock] = []
    current: list[Line] = []
    kind = ""
    seen: set[int] = set()

    def close() -> None:
        if current:
            # the label may hold the first item: `附件：1.执法案件统计表`
            label = _LABEL.match(current[0].text)
            rest = label.start("rest") if label is not None and label.group("rest") else 0
            headings = parse_headings(current, rest)
            title = _title(current) if kind != AFTER_SIGNATURE else None
            sections = build_sections(headings, current[-1].span.end)
            blocks.append(
                AppendedBlock(kind, current[0], title, tuple(current), headings, sections)
            )

    for paragraph in paragraphs:
        number = paragraph.number
        if number in starts:
            close()
            current, kind, seen = [paragraph], starts[number], set()
            continue
        if not current:
            if number > first_start and (signed_at is None or number < signed_at):
                for heading in parse_headings([paragraph]):
                    last[heading.level] = heading
            continue
        if number in stops:
            close()
            current = []
            continue
        if signed_at is None or number < signed_at:
            heading = parse_headings([paragraph])
            if heading and _continues_body(heading[0], last, seen):
                close()
                current = []
                continue
            seen.update(h.level for h in heading)
        current.append(paragraph)
    close()
    return tuple(blocks)
