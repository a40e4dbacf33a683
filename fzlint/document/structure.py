"""The report's outline as a reviewing office reads it.

Title, 主送机关, report year and as-of date, headings and their sections, in-paragraph
enumerations (一是…二是…), 落款 and 成文日期. Computed on first use of `Document.structure`, and
each part only when asked for.

Heading levels follow GB/T 9704-2012 §7.3.3 as *written* (the level a marker stands for, not the
depth it has in this report): 0 = 第一部分 / 第一章, 1 = 一、, 2 = （一）, 3 = 1. or 1、, 4 = （1）,
5 = ①. The tree (`sections`) is built from the order the styles appear in, the way a reader
nests them, so a report that starts with 1、 still gets a sensible outline; the numbering rules
compare the two.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from fzlint.diagnostics import Span
from fzlint.document.doctype import ANNUAL_REPORT, SPEECH, UNKNOWN, DocTypeGuess
from fzlint.document.doctype import detect as detect_doc_type
from fzlint.document.source import cached_property
from fzlint.document.webpage import metadata_fields, web_blocks, web_line_numbers
from fzlint.text.numerals import parse_chinese_number, to_chinese_number
from fzlint.text.regex import compile_kept

if TYPE_CHECKING:
    from fzlint.document.blocks import AppendedBlock
    from fzlint.document.source import Document, Line

# How far into the text a title may start (web pages carry navigation and metadata first).
_TITLE_SEARCH_LINES = 40
_MAX_TITLE_LEN = 60
# A trailing note such as （全文） or （2023年） may follow the title's last word.
_TITLE_END = compile_kept(
    r"(报告|总结|情况|汇报)(?:[和及暨][^。，；]{0,20}(?:计划|打算|安排|思路))?"
    r"(?:[（(][^）)]{1,8}[）)])?\s*$"
)
# A 公文 title ends with its 文种 (…的通知, 国 家 粮 食 应 急 预 案 的 函), and has no sentence
# punctuation.
_GONGWEN_TITLE_END = compile_kept(
    r"的[\u4e00-\u9fff]{0,2}?(?:通知|意见|通报|函|批复|决定|请示|答复)$"
)
_TITLE_PUNCTUATION = compile_kept(r"[。；;，,：:！!？?]")
# A long title wraps over up to this many lines.
_MAX_TITLE_LINES = 4
_TITLE_HEAD = compile_kept(r"(人民政府|政府|委员会|办公室|局|镇|乡|街道|办事处|中心)\s*$")
# Breadcrumbs and metadata bullets of a scraped page are never the title.
_NOT_TITLE = compile_kept(r">>|＞＞|»|•|当前位置|^\s*首页|^\s*附\s*件")
# A year the title is about; not the end of a span (总体规划（2018—2035年）).
_YEAR_IN_TITLE = compile_kept(r"(?<![\d—–\-－~～至到])(\d{4})\s*年")
# The heading of a speech's plan part names the session year (二、2018年经济社会发展总体要求,
# 三、2021年工作安排).
_PLAN_YEAR_HEADING = compile_kept(
    r"(?<![\d—–\-－~～至到])(\d{4})\s*年[^，。；]{0,14}(?:工作|任务|安排|建议|总体要求|目标)"
)
# A title line that starts with an issuing body (国务院办公厅对…提案的答复) heads a title without 关于.
_ISSUER_START = compile_kept(
    r"^[\s\u3000]*\S{0,12}?(?:国务院|人民政府|办公厅|办公室|委员会|部|局|厅)"
)
_OPENING_YEAR = compile_kept(r"^[\s\u3000]*(\d{4})\s*年(?:度)?\s*(?:[，,是]|以来)")
# A report dated up to June is on the year before (reports are due by the end of March).
_FIRST_HALF_ENDS = 6
_DIGITS = "0-9０-９〇○零一二三四五六七八九十"
DATE_LINE = compile_kept(
    rf"^[\s\u3000]*(?:(?P<y>[{_DIGITS}]{{4}})\s*年\s*(?P<m>[{_DIGITS}]{{1,3}})\s*月"
    rf"\s*(?P<d>[{_DIGITS}]{{1,3}})\s*日"
    r"|(?P<iy>\d{4})\s*[-./／—]\s*(?P<im>\d{1,2})\s*[-./／—]\s*(?P<id>\d{1,2}))[\s\u3000]*$"
)
_ISO_DATE = compile_kept(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# A page number left between two halves of a paragraph by PDF or Word conversion (— 2 —, -3-,
# 第 2 页 共 5 页; GB/T 9704-2012 §7.5).
PAGE_NUMBER_LINE = compile_kept(
    r"^[ \t\u3000]*(?:[—–\-－─]{1,2}[ \t\u3000]*[0-9０-９]{1,3}[ \t\u3000]*[—–\-－─]{1,2}"
    r"|第[ \t]*[0-9]{1,3}[ \t]*页(?:[ \t]*[,，/／]?[ \t]*共[ \t]*[0-9]{1,3}[ \t]*页)?)[ \t\u3000]*$"
)
# The 版记 under a 公文 (GB/T 9704-2012 §7.4): 抄送机关, 印发机关和印发日期, and its rules.
_IMPRINT = compile_kept(
    r"^[\s\u3000]*(?:(?:抄送|抄报|分送)[:：]"
    r"|\S.{0,40}?[\s\u3000]*[0-9]{4}[\s]*年[\s]*[0-9]{1,2}[\s]*月[\s]*[0-9]{1,2}[\s]*日[\s]*印发[\s\u3000]*$"
    r"|[（(]共印[0-9一二三四五六七八九十百]+份[）)][\s\u3000]*$"
    r"|[—─\-_＿]{6,}[\s\u3000]*$)"
)
_SIGNATURE_MAX_LEN = 40
# Longer than this, a line is no date standing alone (　　　二〇二三年十二月二十五日 with its indent).
_DATE_LINE_MAX_LEN = 60
# A joint document is signed by several bodies, each on its own line.
_MAX_JOINT_ISSUERS = 4
# 附注 under the 成文日期 (GB/T 9704-2012 §7.3.6): （此件公开发布）, （联系人：…）, （本文有删减）.
_NOTE_LINE = compile_kept(
    r"^[\s\u3000]*[（(](?:此件|本件|此文|本文|联系人|联系电话|联系方式)[^）)]{0,60}[）)][\s\u3000]*$"
)
# How the name of an issuing body ends (for a 落款 with no date under it).
_ISSUER = compile_kept(
    r"(人民政府|政府|委员会|办公室|局|镇|乡|街道|办事处|中心|厅|部|委|院|所|站|队|处|办|署|会)\s*$"
)
_NUMBER = attrgetter("number")
_ATTACHMENT_NOTE = compile_kept(r"^[\s\u3000]*附\s*件\s*[0-9０-９]*\s*[:：]")
# An untitled or two-line text is an excerpt; a titled text of this many paragraphs is a report.
_WHOLE_REPORT_PARAGRAPHS = 6
_SENTENCE_END = "。；;，,：:！!？?"
_DOC_NUMBER = compile_kept(
    r"^[\s\u3000]*[\u4e00-\u9fff]{1,12}[〔\[【(（［]\d{4}[〕\]】)）］]\s*(?:字?第)?\s*\d{1,4}\s*号[\s\u3000]*$"
)
_ADDRESSEE = compile_kept(
    r"^[^。；;，,]{2,80}[：:][\s\u3000]*$"
    # 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
    r"|^(?=[^。；;]{2,120}[：:][\s\u3000]*$).*(?:人民政府|各部委|直属机构|各部门|委员会)"
)

_CN = "一二三四五六七八九十"
# A Word bookmark left in converted text ([bookmark: _GoBack]); FZ501 reports it, and the parse
# reads through it, before a heading marker or an enumeration token.
_BOOKMARK = r"\[bookmark: *[^\]\n]*\]"


def _heading_pattern(decimal_guard: str) -> str:
    return (
        rf"(?:{_BOOKMARK})?[ \t\u3000\u00a0]*(?P<marker>"
        rf"第(?P<part>[{_CN}]{{1,3}})(?:部分|章|篇)(?P<part_p>[、：:]?)"
        rf"|(?P<cn>[{_CN}]{{1,3}})(?P<cn_p>[、.．])"
        rf"|(?P<open>[（(])(?P<br>[{_CN}]{{1,3}}|\d{{1,2}})(?P<close>[）)])(?P<br_p>[、.．，,]?)"
        rf"|(?P<ar>\d{{1,2}})(?P<ar_p>[.．、]){decimal_guard}"
        r"|(?P<circle>[①-⑳])"
        r")(?P<gap>[ \t\u3000\u00a0]*)"
    )


# `1.5万元`, `2.5%`: a decimal, not `1.` and a heading.
_HEADING = compile_kept(_heading_pattern(r"(?!\d{1,3}(?!\d)|\d{5})"))
# `19．21世纪海上丝绸之路` right after `18．…`: the text of a heading may start with a number. Read
# so only where the ordinal continues the list and no quantity follows (万, %, 元 …).
_HEADING_DIGITS_AFTER = compile_kept(_heading_pattern(r"(?=\d{1,3}(?![\d.．万亿千百元%％倍个])\S)"))
# `一、二季度`, `一、二、三等奖`: numerals listed in running text, not an ordinal marker (matched
# where the marker ends, as is `_ARABIC_LIST`).
_NUMERAL_LIST = compile_kept(
    rf"[{_CN}]+(?:、[{_CN}]+)*"
    r"(?:两|季度|类|等|级|批|个|种|次|档|星|年级|产|线|期|号|月|审|楼|层|届|轮|场|是|要)"
)
# `1、 2月份` (a space before the next number): a list of numbers; `1、2021年以来` is a heading.
_ARABIC_LIST = compile_kept(r"\d{1,3}(?!\d)")
# `1.2　…`, `1.2.1　…`: a heading of a decimal outline (not parsed as a heading).
_DECIMAL_HEADING = compile_kept(r"^[ \t\u3000]*\d{1,2}(?:[.．]\d{1,2}){1,3}[ \t\u3000]+\S")
_DECIMAL_OUTLINE_MIN = 3
CANONICAL_MARKERS = {0: "第{}部分", 1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）", 5: "{}"}
# Where a heading's text ends (the body text of a run-in heading follows).
_HEADING_TEXT_STOP = compile_kept(r"[。！？!?]")
# Nothing but white space (as `str.strip` counts it) up to the end of the line.
_BLANK_REST = compile_kept(r"\s*\Z")

_ENUM_BOUNDARY = "。；;：:，,！？!?）)"
_ARTEFACT_TAIL = compile_kept(rf"{_BOOKMARK}[ \t\u3000]*$")
_ARTEFACT_HEAD = compile_kept(rf"^(?:{_BOOKMARK}[ \t\u3000]*)+")
_ENUM_TOKEN = compile_kept(
    rf"(?P<num>[{_CN}]{{1,3}})(?:[ \t\u3000](?=是))?(?P<suffix>是要|是|要)(?![素求点闻员])"
    rf"|第(?P<dnum>[{_CN}]{{1,3}})(?=[，,、：:])"
)
# Where a token may start: at the start of a paragraph or right after what can stand before one
# (`_at_boundary`): a clause boundary, white space, the end of a bookmark, or the end of a heading
# marker (`一、`, `（一）`, `1.`, `第一章`, `①`). Tokens are only tried there: finding where `_ENUM_TOKEN`
# matches everywhere costs more than the rest of the enumerations together.
_ENUM_FIRST = frozenset(_CN + "第")
_ENUM_START = compile_kept(
    rf"[{_CN}第](?<=[{re.escape(_ENUM_BOUNDARY)} \t\u3000\u00a0\]、.．分章篇①-⑳][{_CN}第])"
)
# Where `_ENUM_START` finds a start and `_ENUM_TOKEN` matches there: `_ENUM_TOKEN` read on from
# the start's first character (so that `re` still scans for that character in C). One search
# tells the paragraphs that may hold a token, away from a paragraph's start, from the others.
_ENUM_CANDIDATE = compile_kept(
    _ENUM_START.pattern
    + rf"(?:(?<=[{_CN}])[{_CN}]{{0,2}}(?:[ \t\u3000](?=是))?(?:是要|是|要)(?![素求点闻员])"
    rf"|(?<=第)[{_CN}]{{1,3}}(?=[，,、：:]))"
)
# After a clause boundary inside a running series, the next numeral followed by one of these is
# a count or a name (五大理念, 五个方面), not a broken enumeration token.
_NOT_VERB_AFTER_NUMERAL = set(
    "是要个项条名次年月日天人户家件万千百十大类种级批多部方位中全届期型支场起所座处张份篇元"
    "岁成倍点号区镇村县乡组队栏块则段环节句字分秒小层轮片" + _CN + "、，。；：0123456789"
    # set phrases of government prose: 三农, 三公经费, 三重一大, 四风, 五水共治, 六稳六保 …
    "农公重会资风水稳保严实化好定率务查"
)
# A broken token stands where a sentence starts, like the tokens it continues.
_SENTENCE_BOUNDARY = "。；;！？!?"
# The white space a paragraph's text is stripped of around an item or a token.
_PADDING = " \t\u3000\u00a0"
# A plan for the next year: 下一年度…主要安排, 下一步工作打算, 2024年工作思路和计划 ….
NEXT_YEAR_HEADING = compile_kept(
    r"下一年度|下一步|下步|明年|今后|来年|新的一年|打算|计划|思路|工作安排|主要安排|"
    r"工作重点|努力方向|改进措施"
)


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# The value of a marker's or a token's numeral (一 … 九百九十九): a few hundred strings at most,
# each read once per process.
_ordinal = lru_cache(maxsize=2048)(parse_chinese_number)


def _number(text: str) -> int | None:
    text = text.translate(_FULL_WIDTH_DIGITS)
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in "〇○零一二三四五六七八九" for c in text):
        return int(
            "".join(
                str("〇一二三四五六七八九".index(c.replace("○", "〇").replace("零", "〇")))
                for c in text
            )
        )
    return parse_chinese_number(text)


@dataclass(frozen=True, slots=True)
class DateLine:
    """A 成文日期 line as written; `value` is None when it names no real date (2023年2月30日)."""

    line: Line
    year: int | None
    month: int | None
    day: int | None

    @property
    def value(self) -> date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None

    @property
    def text(self) -> str:
        return self.line.text.strip(" \t\u3000\u00a0")


class Heading(NamedTuple):
    """A heading: a paragraph that starts with an ordinal marker.

    `level` is the GB/T 9704 level the marker stands for as written (0 第一部分, 1 一、, 2 （一）,
    3 1. / 1、, 4 （1）, 5 ①); `style` is the marker as written with the numeral replaced by 一 or
    1 (`（一）、`, `(一)`, `1、`, `1．`), so variants can be told apart. `marker_span` covers the
    ordinal with its brackets and punctuation; `gap_span` the white space after it; `text_span`
    the heading text up to the first 。 (or the end of the line). `run_in` is true when body text
    follows the heading on the same line (`（一）强化组织领导。正文…`); `inline` when the heading
    follows another one on its line (text flattened from a PDF or a web page).

    A named tuple, as `Line` is: a tuple is made in C, a frozen dataclass field by field.
    """

    line: Line
    level: int
    style: str
    ordinal: int
    marker_span: Span
    numeral_span: Span
    gap_span: Span
    text_span: Span
    run_in: bool
    inline: bool = False

    @property
    def numeral(self) -> str:
        """The ordinal's numeral as written (一, 12)."""
        offset = self.line.span.start
        return self.line.text[self.numeral_span.start - offset : self.numeral_span.end - offset]

    @property
    def marker(self) -> str:
        offset = self.line.span.start
        return self.line.text[self.marker_span.start - offset : self.marker_span.end - offset]

    @property
    def text(self) -> str:
        offset = self.line.span.start
        return self.line.text[self.text_span.start - offset : self.text_span.end - offset]

    def numeral_for(self, value: int) -> str:
        """`value` written in this heading's numeral system (二, 2 or ②)."""
        if self.level == 5:
            return chr(ord("①") + value - 1)
        return str(value) if self.numeral.isdigit() else to_chinese_number(value)


# Heading(...) from one tuple of its fields, without a call into Python (as `Line` is made).
_new_heading = partial(tuple.__new__, Heading)


@dataclass(eq=False)
class Section:
    """A heading with everything under it: `span` runs from the heading line to the start of the
    next heading at the same or a higher level of the tree, or to the end of the body (the
    落款 / 成文日期, or trailing page cruft). `depth` is 1 for top-level sections."""

    heading: Heading
    span: Span
    depth: int
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)

    @property
    def start(self) -> int:
        """Where the section starts: its heading's line, or its marker for a heading that follows
        another on a flattened line."""
        heading = self.heading
        return heading.marker_span.start if heading.inline else heading.line.span.start

    def walk(self) -> list[Section]:
        """This section and all below it, in document order."""
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found

    def __repr__(self) -> str:
        return f"Section(line {self.heading.line.number}, {self.heading.marker!r})"


class EnumerationItem(NamedTuple):
    """One item of 一是…二是…: `token_span` covers 一是 / 二要 / 第一 (for a broken token such as
    五推进, just the numeral), `text_span` the item up to the next token or the end of its
    paragraph. `style` is 是, 是要, 要, 第 or '' for a broken token."""

    line: Line
    ordinal: int
    style: str
    token_span: Span
    text_span: Span

    @property
    def broken(self) -> bool:
        return self.style == ""

    @property
    def family(self) -> str:
        """是要 is 是 followed by 要 in the text: the same series style as 是."""
        return "是" if self.style == "是要" else self.style


@dataclass(frozen=True, slots=True)
class Enumeration:
    """An in-paragraph series (一是…二是…三是…), possibly running over consecutive paragraphs
    (one item per paragraph, or a paragraph split by a page break)."""

    items: tuple[EnumerationItem, ...]

    @property
    def span(self) -> Span:
        return Span(self.items[0].token_span.start, self.items[-1].text_span.end)


@lru_cache(maxsize=256)
def _next_markers(level: int, ordinal: int) -> tuple[str, ...]:
    """The markers after `ordinal` for levels written inline as well (（2）, (2), ②)."""
    if level == 5:
        return (chr(ord("①") + ordinal),)
    return (f"（{ordinal + 1}）", f"({ordinal + 1})")


# `1.加强学习；2.规范执法` on one line: an inline list (like （1）…；（2）…), not a heading.
_INLINE_ARABIC = compile_kept(r"[；;][ \t\u3000]*(\d{1,2})[.．、](?!\d)")
# A heading written after a sentence of the one before on the same line, as text flattened from a
# PDF or a web page writes a whole part: `（一）强化领导。正文。（二）规范执法。正文`.
_FLATTENED_BEFORE = "。！？!?"


def _parse_heading(line: Line, at: int = 0, pattern: re.Pattern[str] = _HEADING) -> Heading | None:
    """The heading a line starts with (or that starts at `at`), or None. `（1）…；（2）…`,
    `①…；②…` or `1.…；2.…` on one line is an inline list, not a heading."""
    text = line.text
    match = pattern.match(text, at)
    if match is None:
        return None
    # The tests below read the text after the marker in place (a `pos` argument, `find` from
    # `body`) rather than on a copy of it: a run-in heading carries a whole paragraph.
    body = match.end()
    if _BLANK_REST.match(text, body):
        return None
    part, cn, br, ar = match.group("part", "cn", "br", "ar")
    if part:
        level, numeral_group = 0, "part"
        style = "第一" + match.group("marker")[1 + len(part) :]
    elif cn:
        if _NUMERAL_LIST.match(text, body):
            return None
        level, numeral_group, style = 1, "cn", "一" + match.group("cn_p")
    elif br:
        chinese = not br.isdigit()
        level, numeral_group = (2 if chinese else 4), "br"
        opening, closing, punctuation = match.group("open", "close", "br_p")
        style = opening + ("一" if chinese else "1") + closing + punctuation
    elif ar:
        if pattern is _HEADING and _ARABIC_LIST.match(text, body):
            return None
        level, numeral_group, style = 3, "ar", "1" + match.group("ar_p")
    else:
        level, numeral_group, style = 5, "circle", "①"
    numeral = match.group(numeral_group)
    # What `_number` reads: a marker's numeral is 1-3 Chinese digits (no 〇 year) or 1-2 digits.
    if level == 5:
        ordinal: int | None = ord(numeral) - ord("①") + 1
    elif numeral.isdigit():
        ordinal = int(numeral)
    else:
        ordinal = _ordinal(numeral)
    if ordinal is None or ordinal == 0:
        return None
    if level >= 4:
        for following in _next_markers(level, ordinal):
            if text.find(following, body) >= 0:
                return None
    if (
        level == 3
        and ("；" in text or ";" in text)
        and any(int(m.group(1)) == ordinal + 1 for m in _INLINE_ARABIC.finditer(text, body))
    ):
        return None
    base = line.span.start
    found = _HEADING_TEXT_STOP.search(text, body)
    if found is None:
        stop, run_in = len(text.rstrip(_PADDING)), False
    else:
        # before the end of the text stripped: 。 is no white space
        stop = found.start()
        run_in = bool(text[stop + 1 :].strip())
    marker_start, marker_end = match.span("marker")
    numeral_start, numeral_end = match.span(numeral_group)
    return _new_heading(
        (
            line,
            level,
            style,
            ordinal,
            Span(base + marker_start, base + marker_end),  # marker_span
            Span(base + numeral_start, base + numeral_end),  # numeral_span
            Span(base + match.start("gap"), base + body),  # gap_span
            Span(base + body, base + stop),  # text_span
            run_in,
            at > 0,  # inline
        )
    )


def _inline_headings(first: Heading) -> list[Heading]:
    """The headings that follow `first` on its line (flattened text): each the next ordinal in
    the same style, right after the end of a sentence."""
    # The next heading follows the end of a sentence after this one's text: only a run-in
    # heading has one.
    if first.level not in (1, 2, 3) or not first.run_in:
        return []
    found: list[Heading] = []
    line, current = first.line, first
    text, base = line.text, line.span.start
    while True:
        # the marker with the next numeral in place of this one's (the numeral comes first in
        # the marker, or after its opening bracket)
        numeral_start = current.numeral_span.start - base
        numeral_end = current.numeral_span.end - base
        following_numeral = (
            str(current.ordinal + 1)
            if text[numeral_start:numeral_end].isdigit()
            else to_chinese_number(current.ordinal + 1)
        )
        wanted = (
            text[current.marker_span.start - base : numeral_start]
            + following_numeral
            + text[numeral_end : current.marker_span.end - base]
        )
        position = text.find(wanted, current.text_span.start - base)
        while position >= 0 and not _after_sentence(text, position):
            position = text.find(wanted, position + 1)
        if position < 0:
            return found
        following = _parse_heading(line, position)
        if following is None or following.style != current.style:
            return found
        found.append(following)
        current = following


def _after_sentence(text: str, position: int) -> bool:
    """Whether text[position:] follows the end of a sentence (white space aside) or nothing: read
    in place, where a copy of the text before each candidate would be quadratic in a long line."""
    while position and text[position - 1] in " \t\u3000":
        position -= 1
    return not position or text[position - 1] in _FLATTENED_BEFORE


def parse_headings(lines: Sequence[Line], start: int = 0) -> tuple[Heading, ...]:
    """The headings of `lines` in document order, with the headings that follow another on a
    flattened line, and an arabic heading whose text starts with a number
    (`19．21世纪海上丝绸之路`) where it continues the list before it. The first line is read
    from `start` (a label before its first item: `附件：1.…`)."""
    found: list[Heading] = []
    previous_arabic: Heading | None = None
    for index, line in enumerate(lines):
        heading = _parse_heading(line, start if index == 0 else 0)
        if heading is None and previous_arabic is not None:
            heading = _parse_heading(line, pattern=_HEADING_DIGITS_AFTER)
            if heading is not None and (
                heading.style != previous_arabic.style
                or heading.ordinal != previous_arabic.ordinal + 1
            ):
                heading = None
        if heading is None:
            continue
        found.append(heading)
        found.extend(_inline_headings(heading))
        if found[-1].level == 3:
            previous_arabic = found[-1]
    return tuple(found)


# The span of a section before `build_sections` knows where it ends.
_UNSET = Span(0, 0)


def build_sections(headings: Sequence[Heading], end: int) -> tuple[Section, ...]:
    """The tree of `headings` (top-level sections, each holding its sub-sections), every section
    ending at the next one at its depth or above, or at `end`.

    A heading whose level is already open on the path from the root closes that level and
    becomes its sibling; a 一、 or 第一部分 closes every lower level (it is never a sub-heading of
    a （一） or a 1.); otherwise a heading opens a child. A heading of a new level whose ordinal
    continues the open one (`二、` then `3、`) is read as a sibling written in another style,
    unless the open level goes on to that ordinal itself later (`二、（三）…三、`) or the heading
    goes on counting its own level (`一、1、2、二、3、`): a document that numbers its sub-levels
    on across its parts.
    """
    last_index = {(h.level, h.ordinal): i for i, h in enumerate(headings)}
    latest: dict[int, Heading] = {}  # the latest heading of each level
    roots: list[Section] = []
    stack: list[Section] = []
    open_levels: list[int] = []  # the levels of `stack`
    ordered: list[Section] = []  # every section in document order (the order of `headings`)
    for index, heading in enumerate(headings):
        level = heading.level
        before = latest.get(level)
        latest[level] = heading
        if level in open_levels:
            del stack[open_levels.index(level) :]
        elif level <= 1:
            while stack and stack[-1].heading.level > level:
                stack.pop()
        elif (
            stack
            and heading.ordinal > 1
            and heading.ordinal == stack[-1].heading.ordinal + 1
            and last_index.get((stack[-1].heading.level, heading.ordinal), -1) < index
            and (before is None or before.ordinal != heading.ordinal - 1)
        ):
            stack.pop()
        del open_levels[len(stack) :]
        parent = stack[-1] if stack else None
        section = Section(heading, _UNSET, len(stack) + 1, parent)
        (parent.children if parent else roots).append(section)
        stack.append(section)
        open_levels.append(level)
        ordered.append(section)
    # Each section ends where the next one at its depth or above starts: the sections still open
    # (no such one met yet) are kept on a stack of growing depth, closed by each new start. One
    # pass, where a search forward from each section would be quadratic in a long document.
    unclosed: list[Section] = []
    for section in ordered:
        while unclosed and unclosed[-1].depth >= section.depth:
            closed = unclosed.pop()
            closed.span = Span(closed.start, section.start)
        unclosed.append(section)
    for section in unclosed:
        section.span = Span(section.start, max(end, section.heading.line.span.end))
    return tuple(roots)


def _lead(text: str) -> int:
    """Where a paragraph's text starts, after its indentation and a Word bookmark."""
    stripped = _ARTEFACT_HEAD.sub("", text.lstrip(" \t\u3000\u00a0"))
    return len(text) - len(stripped.lstrip(" \t\u3000\u00a0"))


def _starts_paragraph(item: EnumerationItem) -> bool:
    return item.token_span.start - item.line.span.start == _lead(item.line.text)


class Structure:
    """The parsed outline of one document; every attribute is computed on first use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    # --- head: title, 主送机关 ----------------------------------------------------------------

    @cached_property
    def title_lines(self) -> tuple[Line, ...]:
        """The title, one to four lines (the issuing body may stand on the line above; a long
        公文 title wraps: 国务院办公厅关于印发文化体制改革中 / 经营性文化事业单位转制为企业和进一步 /
        支持文化企业发展两个规定的通知)."""
        chrome = web_line_numbers(self.doc)
        paragraphs = [
            p
            for p in self.doc.paragraphs
            if p.number <= _TITLE_SEARCH_LINES and p.number not in chrome
        ]
        for i, line in enumerate(paragraphs):
            text = line.text.strip()
            if len(text) > _MAX_TITLE_LEN or _NOT_TITLE.search(text):
                continue
            gongwen = _GONGWEN_TITLE_END.search("".join(text.split())) and not (
                _TITLE_PUNCTUATION.search(text)
            )
            if not (gongwen or _TITLE_END.search(text)) or _parse_heading(line) is not None:
                continue
            return self._title_from(paragraphs, i)
        return ()

    @staticmethod
    def _title_from(paragraphs: Sequence[Line], index: int) -> tuple[Line, ...]:
        """The title whose last line is paragraphs[index]: the lines above it that continue it
        (adjacent, short, no sentence punctuation), up to one that starts it (关于 or an issuing
        body)."""
        lines = [paragraphs[index]]
        position = index
        while "关于" not in lines[0].text:
            above = paragraphs[position - 1] if position > 0 else None
            width = _MAX_TITLE_LEN if above is not None and "关于" in above.text else 40
            if above is None or not Structure._continues_title(above, lines[0], width):
                return tuple(lines) if _ISSUER_START.match(lines[0].text) else (lines[-1],)
            lines.insert(0, above)
            position -= 1
            if len(lines) == 2 and _TITLE_HEAD.search(above.text.strip()):
                return tuple(lines)
            if len(lines) == _MAX_TITLE_LINES:
                return (lines[-1],)
        # The issuing body, or a 转发 clause, may stand on the line above 关于.
        above = paragraphs[position - 1] if position > 0 else None
        if (
            above is not None
            and len(lines) < _MAX_TITLE_LINES
            and Structure._continues_title(above, lines[0], 30)
            and (_ISSUER.search(above.text.strip()) or "转发" in above.text)
        ):
            lines.insert(0, above)
        return tuple(lines)

    @staticmethod
    def _continues_title(above: Line, below: Line, width: int) -> bool:
        """Whether `above` may be the title line before `below`: adjacent, short, no sentence
        punctuation, not a heading, a 发文字号 or a breadcrumb."""
        text = above.text.strip()
        return (
            above.number == below.number - 1
            and 0 < len(text) <= width
            and not _TITLE_PUNCTUATION.search(text)
            and not _NOT_TITLE.search(text)
            and not _DOC_NUMBER.match(above.text)
            and _parse_heading(above) is None
        )

    @cached_property
    def title(self) -> str:
        return "".join(line.text.strip() for line in self.title_lines)

    @cached_property
    def doc_number_line(self) -> Line | None:
        """The 发文字号 standing alone above the title (`城政〔2023〕83号`, also `[2023]`), or
        right under it, as a web page shows it (国发〔2019〕4号)."""
        title_end = self.title_lines[-1].number if self.title_lines else _TITLE_SEARCH_LINES
        for line in self.doc.paragraphs:
            if line.number > title_end + 1:
                break
            if _DOC_NUMBER.match(line.text):
                return line
        return None

    @cached_property
    def addressee_line(self) -> Line | None:
        """The 主送机关 (`中共沈丘县委、沈丘县人民政府：`): a short line ending with a colon
        right after the title."""
        if not self.title_lines:
            return None
        paragraphs = self.doc.paragraphs
        head = self.title_lines[-1]
        if self.doc_number_line is not None and self.doc_number_line.number > head.number:
            head = self.doc_number_line
        index = paragraphs.index(head) + 1
        for line in paragraphs[index : index + 2]:
            if _ADDRESSEE.match(line.text.strip()) and _parse_heading(line) is None:
                return line
        return None

    @cached_property
    def opening_year(self) -> tuple[int, Span] | None:
        """The year an opening sentence names (`2020年，…`), with its span."""
        for paragraph in self.body_paragraphs[:3]:
            match = _OPENING_YEAR.match(paragraph.text)
            if match:
                start = paragraph.span.start
                return int(match.group(1)), Span(start + match.start(1), start + match.end(1))
        return None

    @cached_property
    def title_year(self) -> int | None:
        match = _YEAR_IN_TITLE.search(self.title)
        return int(match.group(1)) if match else None

    @cached_property
    def doc_type(self) -> DocTypeGuess:
        """What kind of document this is, and the clue that says so (see `doctype`)."""
        return detect_doc_type(self)

    @cached_property
    def report_year_clue(self) -> tuple[int, str] | None:
        """The year reported on, and where it was read.

        In this order: the title; the first part's heading (一、2021年度推进法治政府建设的主要举措和
        成效); an opening sentence (2022年，我局… / 2020年是…收官之年); the 成文日期 or the web
        page's publication date (a report written in the first half of a year is on the year
        before; a 通知, 批复 … is about the year it is dated in). A 政府工作报告 is delivered
        in its session year and reviews the year before (a
        换届 report reviews five years, of which this is the last)."""
        speech = self.doc_type.name == SPEECH
        if self.title_year is not None:
            if speech:
                return self.title_year - 1, f"标题中的会议年份{self.title_year}年的上一年"
            return self.title_year, "标题"
        if self.sections:
            heading = self.sections[0].heading
            match = _YEAR_IN_TITLE.search(heading.text)
            if match:
                return int(match.group(1)), f"第一部分标题（第{heading.line.number}行）"
        if speech:
            for section in self.sections:
                match = _PLAN_YEAR_HEADING.search(section.heading.text)
                if match:
                    line = section.heading.line.number
                    return int(match.group(1)) - 1, f"工作安排部分标题（第{line}行）的上一年"
        for paragraph in self.doc.paragraphs[:_TITLE_SEARCH_LINES]:
            match = _OPENING_YEAR.match(paragraph.text)
            if match:
                return int(match.group(1)), f"正文开头（第{paragraph.number}行）"
        for written, label in (
            (self.date_line.value if self.date_line else None, "成文日期"),
            (self.web_date, "网页发布日期"),
        ):
            if written is not None:
                # A 通知 or 批复 is about the year it is dated in; a report or speech looks back.
                looks_back = self.doc_type.name in (ANNUAL_REPORT, UNKNOWN, "report")
                before = speech or (looks_back and written.month <= _FIRST_HALF_ENDS)
                return written.year - before, f"{label} {written.isoformat()}"
        return None

    @cached_property
    def report_year(self) -> int | None:
        """The year reported on (see `report_year_clue`)."""
        clue = self.report_year_clue
        return clue[0] if clue is not None else None

    @cached_property
    def is_whole_report(self) -> bool:
        """True when the text is a whole report rather than an excerpt: three top-level parts,
        or a title with two parts, a 落款 / 成文日期, or some length. Rules about what a report
        must contain (its parts, its 落款) only judge whole reports."""
        if len(self.sections) >= 3:
            return True
        if not self.title_lines:
            return False
        return (
            len(self.sections) >= 2
            or self.signature_line is not None
            or self.date_line is not None
            or len(self.body_paragraphs) >= _WHOLE_REPORT_PARAGRAPHS
        )

    # --- tail: 落款, 成文日期, web metadata --------------------------------------------------

    @cached_property
    def is_web_page(self) -> bool:
        """True when the text was scraped from a web page (metadata block or page cruft)."""
        if self.web_date is not None:
            return True
        return bool(web_blocks(self.doc))

    @cached_property
    def _tail(self) -> tuple[Line, ...]:
        """The paragraphs up to the last one that is neither page cruft nor the 版记."""
        paragraphs = list(self.doc.paragraphs)
        chrome = web_line_numbers(self.doc)
        while paragraphs and (
            paragraphs[-1].number in chrome
            or _IMPRINT.match(paragraphs[-1].text)
            or _NOTE_LINE.match(paragraphs[-1].text)
        ):
            paragraphs.pop()
        return tuple(paragraphs)

    @cached_property
    def page_footer(self) -> frozenset[int]:
        """Numbers of the lines after the report's last paragraph that are a scraped page's footer
        (分享到, 扫一扫…, 主办单位, ICP备…)."""
        last = self._tail[-1].number if self._tail else 0
        # line k is lines[k - 1]: the lines after line `last` are a slice, not a pass over all
        return frozenset(
            line.number
            for line in self.doc.lines[last:]
            if not line.is_blank
            and not _IMPRINT.match(line.text)
            and not _NOTE_LINE.match(line.text)
        )

    @cached_property
    def _closing(self) -> tuple[tuple[Line, ...], DateLine | None]:
        """The 落款 lines and the 成文日期 that close the document.

        The first issuing body standing directly above a date line closes the document: usually at
        the end of the text (before page cruft, the 版记 and 附注 such as （此件公开发布））, but a 公文
        that issues a 方案 or carries an 附件 puts them before the attached text, and a 转发 notice
        that quotes a report with its own 落款 is closed by the first one. Without such a pair, a
        date standing alone on one of the last lines (under any short line), or a last line
        naming an issuing body, closes it."""
        after = self.title_lines[-1].number if self.title_lines else 0
        closing = self._closing_inside(after)
        if closing is not None:
            return closing
        tail = self._tail
        for index, line in enumerate(tail[-3:][::-1]):
            if line.number <= after:
                break
            date_line = self._date_line(line)
            if date_line is not None:
                position = len(tail) - 1 - index
                above = tail[position - 1] if position else None
                if (
                    position + 1 < len(tail)
                    and above is not None
                    and above.number > after
                    and not self._is_signature(above, named=False)
                ):
                    # A date under a line of text and above more text is no 成文日期.
                    continue
                return self._signature_above(tail, position, after), date_line
        last = tail[-1:] if tail else ()
        for line in last:
            if line.number > after and self._is_signature(line, named=True):
                return self._signature_above(tail, len(tail) - 1, after, include=True), None
        return (), None

    def _closing_inside(self, after: int) -> tuple[tuple[Line, ...], DateLine] | None:
        """The first 落款 (naming an issuing body) directly above a 成文日期 after the title."""
        paragraphs = self.doc.paragraphs
        for position, line in enumerate(paragraphs):
            # a 成文日期 stands alone: a short line with 日 or an ISO date in it
            if (
                line.number <= after + 1
                or len(line.text) > _DATE_LINE_MAX_LEN
                or ("日" not in line.text and "-" not in line.text)
            ):
                continue
            date_line = self._date_line(line)
            above = paragraphs[position - 1]
            if (
                date_line is not None
                and above.number == line.number - 1
                and self._is_signature(above, named=True)
            ):
                return self._signature_above(paragraphs, position, after), date_line
        return None

    @staticmethod
    def _date_line(line: Line) -> DateLine | None:
        match = DATE_LINE.match(line.text)
        if match is None:
            return None
        keys = "ymd" if match.group("y") else ("iy", "im", "id")
        return DateLine(line, *(_number(match.group(k)) for k in keys))

    @staticmethod
    def _is_signature(line: Line, *, named: bool) -> bool:
        """A line that can be (part of) a 落款: short, no sentence punctuation at its end, not a
        heading; with `named`, it also ends like the name of an issuing body."""
        text = line.text.strip()
        return (
            bool(text)
            and len(text) <= _SIGNATURE_MAX_LEN
            and text[-1] not in _SENTENCE_END
            and (not named or _ISSUER.search(text) is not None)
            and _parse_heading(line) is None
        )

    def _signature_above(
        self, paragraphs: Sequence[Line], position: int, after: int, include: bool = False
    ) -> tuple[Line, ...]:
        """The 落款 lines ending just above paragraphs[position] (or at it, with `include`):
        one line, or a joint 落款 of several issuing bodies on lines of their own."""
        end = position + 1 if include else position
        found: list[Line] = []
        for line in paragraphs[end - 1 :: -1] if end > 0 else ():
            if line.number <= after or len(found) == _MAX_JOINT_ISSUERS:
                break
            if found and (line.number != found[0].number - 1 or not _ISSUER.search(line.text)):
                break
            if not self._is_signature(line, named=bool(found)):
                break
            found.insert(0, line)
        return tuple(found)

    @cached_property
    def date_line(self) -> DateLine | None:
        """The 成文日期 (see `_closing`)."""
        return self._closing[1]

    @cached_property
    def signature_lines(self) -> tuple[Line, ...]:
        """The 落款: the issuing body above the date (several lines for a joint document), or a
        short line naming an issuing body at the end when there is no date."""
        return self._closing[0]

    @cached_property
    def signature_line(self) -> Line | None:
        """The first line of the 落款."""
        return self.signature_lines[0] if self.signature_lines else None

    @cached_property
    def closing_end(self) -> int | None:
        """The number of the last line of the 落款 / 成文日期 block, None without one. Text after it
        that is not 附注, 版记 or page cruft is appended (an attached 方案 or 附件)."""
        lines = [*self.signature_lines, *((self.date_line.line,) if self.date_line else ())]
        return max((line.number for line in lines), default=None)

    @cached_property
    def web_date(self) -> date | None:
        """A publication date from a scraped page's metadata block (`发布日期: 2021-02-05`)."""
        return self._web_date[0] if self._web_date else None

    @cached_property
    def web_date_span(self) -> Span | None:
        """Where the web publication date stands (the label may be on the line above)."""
        return self._web_date[1] if self._web_date else None

    @cached_property
    def _web_date(self) -> tuple[date, Span] | None:
        for field_ in metadata_fields(self.doc):
            if field_.key not in ("发布日期", "发布时间", "成文日期", "时间", "日期"):
                continue
            match = _ISO_DATE.match(field_.value)
            if match is None:
                continue
            try:
                value = date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
            start = field_.span.start + match.start()
            return value, Span(start, field_.span.start + match.end())
        return None

    @cached_property
    def as_of(self) -> date | None:
        """When the report was written: the 成文日期, else the web publication date."""
        if self.date_line is not None and self.date_line.value is not None:
            return self.date_line.value
        return self.web_date

    # --- body ---------------------------------------------------------------------------------

    @cached_property
    def body_paragraphs(self) -> tuple[Line, ...]:
        """Paragraphs after the title (and 主送机关) and before the 落款 / 成文日期 / page cruft."""
        heads = (self.addressee_line, self.doc_number_line, *self.title_lines[-1:])
        start = max((line.number for line in heads if line is not None), default=0)
        ends = [line.number for line in (self.signature_line,) if line is not None]
        if self.date_line is not None:
            ends.append(self.date_line.line.number)
        tail = self._tail
        end = min(ends) if ends else (tail[-1].number + 1 if tail else 0)
        # The paragraphs are in line order: the body is the slice between the two numbers.
        paragraphs = self.doc.paragraphs
        first = bisect.bisect_right(paragraphs, start, key=_NUMBER)
        last = bisect.bisect_left(paragraphs, end, lo=first, key=_NUMBER)
        # The 附件说明 (附件：1.XXX / 2.XXX) closes the body; its list is not an outline.
        for index in range(first, last):
            text = paragraphs[index].text
            if "附" in text and _ATTACHMENT_NOTE.match(text):
                last = index
                break
        return paragraphs[first:last]

    @cached_property
    def body_end(self) -> int:
        """Offset where the body ends: the 落款 / 成文日期 line, or the end of the last body line."""
        body = self.body_paragraphs
        return body[-1].span.end if body else len(self.doc.text)

    @cached_property
    def appended_blocks(self) -> tuple[AppendedBlock, ...]:
        """The blocks appended after the report's text (附件, 附表, 名词解释, 注释, whatever
        follows the 落款 / 成文日期), in document order: each numbers its headings anew."""
        from fzlint.document.blocks import find_appended_blocks

        return find_appended_blocks(self)

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        """Body paragraphs that start with an ordinal marker, in document order, less those of
        the appended blocks (附件, 名词解释 … have outlines of their own)."""
        in_blocks = {line.number for block in self.appended_blocks for line in block.paragraphs}
        body = self.body_paragraphs
        kept = [line for line in body if line.number not in in_blocks] if in_blocks else body
        if not kept or kept[-1] is body[len(kept) - 1]:
            # No block, or blocks at the end only: the headings of the first lines of the body.
            return self.body_headings_before(kept[-1].number + 1 if kept else 0)
        return parse_headings(kept)

    @cached_property
    def _body_headings(self) -> tuple[Heading, ...]:
        return parse_headings(self.body_paragraphs)

    def body_headings_before(self, number: int) -> tuple[Heading, ...]:
        """`parse_headings` of the body paragraphs before line `number`. Parsing reads the lines
        in order and a line's headings depend on the lines above only, so these are the
        headings of the whole body up to there: the body is parsed once."""
        headings = self._body_headings
        if not headings or headings[-1].line.number < number:
            return headings
        return tuple(h for h in headings if h.line.number < number)

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """The top-level sections; each holds its sub-sections in `children` (see
        `build_sections`). The last ones end at the end of the body, or where an appended block
        after them starts."""
        headings = self.headings
        last = headings[-1].line.span.start if headings else -1
        after = [block.start for block in self.appended_blocks if block.start > last]
        return build_sections(headings, min([self.body_end, *after]))

    @cached_property
    def decimal_outline(self) -> bool:
        """True when the body is outlined with decimal numbers (`1　总则`, `1.1　编制目的`,
        `1.2.1　…`, as a 预案 or a standard is): its （1） lists stand under those headings."""
        found = sum(1 for line in self.body_paragraphs if _DECIMAL_HEADING.match(line.text))
        return found >= _DECIMAL_OUTLINE_MIN

    @cached_property
    def all_sections(self) -> tuple[Section, ...]:
        """Every section at every depth, in document order."""
        return tuple(s for root in self.sections for s in root.walk())

    def section_matching(self, pattern: str | re.Pattern[str]) -> tuple[Section, ...]:
        """The sections (any depth, document order) whose heading text matches `pattern`."""
        regex = compile_kept(pattern) if isinstance(pattern, str) else pattern
        return tuple(s for s in self.all_sections if regex.search(s.heading.text))

    @cached_property
    def next_year_section(self) -> Section | None:
        """The part on the next year's plan (下一年度…主要安排, 下一步工作打算,
        2024年工作思路和计划 …): the last top-level section whose heading says so, else the last
        such section at any depth; None when there is none."""
        for candidates in (self.sections, self.all_sections):
            found = [s for s in candidates if NEXT_YEAR_HEADING.search(s.heading.text)]
            if found:
                return found[-1]
        return None

    # --- enumerations -------------------------------------------------------------------------

    @cached_property
    def enumerations(self) -> tuple[Enumeration, ...]:
        """In-paragraph series 一是…二是…, 一要…二要…, 第一，…第二，… in document order.

        A token counts only at the start of a paragraph or after a clause boundary (。；：，）),
        so 统一是 or 第一责任人 are not tokens. A series continues into the next paragraph when
        that paragraph is not a heading and its first token goes on counting (one item per
        paragraph, or a paragraph split by a page break). It also runs on over paragraphs with
        no token, which belong to its last item (`一是…` heading a paragraph, two paragraphs on
        it, then `二是…`), as far as the next paragraph that starts with a token going on
        counting; when both items start their paragraphs, a gap (`一是` … `三是`) goes on the
        same series, so the gap is reported. Inside a running series, the next numeral followed
        directly by a verb (五推进…) is kept as a broken item.
        """
        heading_lines = {h.line.number for h in self.headings}
        series: list[list[EnumerationItem]] = []
        current: list[EnumerationItem] = []
        pending = False  # paragraphs with no token followed the current series' last item
        # The body paragraphs follow each other in the document (only blank lines between): a
        # series is broken by a heading only.
        for paragraph in self.body_paragraphs:
            if current and paragraph.number in heading_lines:
                series.append(current)
                current, pending = [], False
            running = current[-1].ordinal if current and not pending else 0
            text = paragraph.text
            # Outside a running series, a paragraph with no token where one may start (most of
            # them) has no item: a match and a search settle it, where `_tokens` would try each
            # start.
            if (
                running
                or _ENUM_TOKEN.match(text) is not None
                or _ENUM_CANDIDATE.search(text) is not None
            ):
                items = self._tokens(paragraph, running)
            else:
                items = []
            if pending and not items:
                # after paragraphs with no token, a token that lost its 是 only where it
                # starts a paragraph (`三推进…`)
                wanted = current[-1].ordinal + 1
                end = _lead(paragraph.text) + len(to_chinese_number(wanted))
                broken = self._broken_token(text, 0, end, wanted)
                if broken is not None:
                    items = self._broken_item(paragraph, broken, wanted)
            if current and pending and items and not self._goes_on(current[-1], items[0]):
                series.append(current)
                current = []
            pending = False
            first = True
            for item in items:
                if current and (
                    item.ordinal == 1 or (first and item.ordinal <= current[-1].ordinal)
                ):
                    series.append(current)
                    current = []
                current.append(item)
                first = False
            if current and not items:
                pending = True
        if current:
            series.append(current)
        return tuple(Enumeration(tuple(s)) for s in series)

    def _goes_on(self, last: EnumerationItem, item: EnumerationItem) -> bool:
        """Whether `item`, after paragraphs with no token, goes on the series that `last` ended:
        it starts its paragraph and counts on, or both start their paragraphs and it counts
        past (a gap, reported on this series)."""
        if not _starts_paragraph(item) or item.ordinal <= last.ordinal:
            return False
        return item.ordinal == last.ordinal + 1 or (
            _starts_paragraph(last) and item.family == last.family
        )

    def _broken_item(self, paragraph: Line, start: int, ordinal: int) -> list[EnumerationItem]:
        base = paragraph.span.start
        end = start + len(to_chinese_number(ordinal))
        stop = len(paragraph.text.rstrip(" \t\u3000\u00a0"))
        token = Span(base + start, base + end)
        return [EnumerationItem(paragraph, ordinal, "", token, Span(base + end, base + stop))]

    def _tokens(self, paragraph: Line, running: int) -> list[EnumerationItem]:
        text = paragraph.text
        matches = self._token_matches(text)
        if not matches and not running:
            return []
        base = paragraph.span.start
        found: list[tuple[int, int, int, str]] = []  # start, end, ordinal, style
        last = running
        for match in matches:
            start = match.start()
            numeral = match.group("num") or match.group("dnum")
            value = _ordinal(numeral)
            if value is None:
                continue
            if last:
                broken = self._broken_token(text, found[-1][1] if found else 0, start, last + 1)
                if broken is not None:
                    found.append((broken, broken + len(to_chinese_number(last + 1)), last + 1, ""))
            style = match.group("suffix") or "第"
            found.append((start, match.end(), value, style))
            last = value
        if last:
            broken = self._broken_token(text, found[-1][1] if found else 0, len(text), last + 1)
            if broken is not None:
                found.append((broken, broken + len(to_chinese_number(last + 1)), last + 1, ""))
        end_of_text = len(text.rstrip(" \t\u3000\u00a0"))
        items = []
        for i, (start, end, value, style) in enumerate(found):
            stop = found[i + 1][0] if i + 1 < len(found) else end_of_text
            items.append(
                EnumerationItem(
                    paragraph,
                    value,
                    style,
                    Span(base + start, base + end),
                    Span(base + end, base + max(end, stop)),
                )
            )
        return items

    def _token_matches(self, text: str) -> list[re.Match[str]]:
        """The matches of `_ENUM_TOKEN` in `text` that stand at a boundary, as a scan of
        `_ENUM_TOKEN.finditer(text)` keeping those `_at_boundary` would find them.

        A match is only tried where `_ENUM_START` says a token may start. That is the same: no
        match found by the scan can overlap a match at a boundary, since the text before a
        boundary ends with a boundary character, white space, a bookmark or a heading marker,
        and a token holds none of them; so the scan reaches every position where a match at a
        boundary starts, and finds the same match there."""
        found: list[re.Match[str]] = []
        end = 0
        # the start of the paragraph is a boundary (`_ENUM_START` looks behind, so never finds it)
        if text[:1] in _ENUM_FIRST:
            match = _ENUM_TOKEN.match(text)
            if match is not None:
                end = match.end()
                found.append(match)
        for candidate in _ENUM_START.finditer(text):
            start = candidate.start()
            if start < end:
                continue
            match = _ENUM_TOKEN.match(text, start)
            if match is not None and self._at_boundary(text, start):
                end = match.end()
                found.append(match)
        return found

    def _at_boundary(self, text: str, start: int) -> bool:
        # the text before `start` is read in place: a copy for each token would be quadratic in
        # a long paragraph of them
        before = start
        if text.find("[bookmark:", 0, start) >= 0:
            # the bookmark ending the text before goes (with the white space after it)
            before = len(_ARTEFACT_TAIL.sub("", text[:start]))
        while before and text[before - 1] in _PADDING:
            before -= 1
        if not before or text[before - 1] in _ENUM_BOUNDARY:
            return True
        heading = _HEADING.match(text)
        return heading is not None and heading.end() == start

    def _broken_token(self, text: str, start: int, end: int, expected: int) -> int | None:
        """Where `expected` (as 五) starts a sentence in text[start:end] without its 是 / 要,
        followed by a verb (五推进); None if it does not."""
        numeral = to_chinese_number(expected)
        position = text.find(numeral, start, end)
        while position >= 0:
            after = text[position + len(numeral) : position + len(numeral) + 1]
            if after and "\u4e00" <= after <= "\u9fff" and after not in _NOT_VERB_AFTER_NUMERAL:
                # the character before it, white space aside: read in place, where a copy of
                # the text before each occurrence would be quadratic in a long paragraph
                before = position
                while before and text[before - 1] in _PADDING:
                    before -= 1
                if not before or text[before - 1] in _SENTENCE_BOUNDARY:
                    return position
            position = text.find(numeral, position + 1, end)
        return None


def describe_sections(sections: Sequence[Section]) -> list[str]:
    """One line per section, indented by depth: a plain-text outline for tests and debugging."""
    return [
        "  " * (s.depth - 1) + f"{s.heading.line.number} {s.heading.marker} {s.heading.text}"
        for root in sections
        for s in root.walk()
    ]
