"""Reading Word documents (.docx): the text a reader sees, and where each character came from.

A .docx is recognised by its content (a zip holding `word/document.xml`), never by its name alone.
The text is one line per paragraph in reading order: body paragraphs, and table cells row by row
(a cell's paragraphs one after another); headers, footers, footnotes, comments and text boxes are
not read. Line N is paragraph N of that order; a column counts characters within the paragraph.

What each Word feature becomes (the decisions, in one place):
- Automatic numbering (numbering.xml): the label the paragraph shows (`一、`, `（一）`, `1.`, `⑴` …),
  rendered from the level's format, text, start value, restarts and overrides, is put in front of
  the paragraph's text so that the numbering rules see what the reader sees. Bullets are not
  rendered (they are no numbering). A label's span is remembered: a finding there is about the
  numbering settings, not the text.
- Tracked changes: the text as it reads with every change accepted (insertions and moves kept,
  deletions and moved-away text dropped; a paragraph whose mark was deleted joins the next one).
  How many revisions and comments there are, and where the first is, is kept for a rule.
- `w:tab` is a tab; a line break (`w:br`, `w:cr`) starts a new line, as Word's own export to plain
  text does; page and column breaks, bookmarks, proofing marks, drawings and footnote references
  give no text. A soft hyphen (`w:softHyphen`) gives nothing, a non-breaking hyphen gives "-".
  NBSP and every other character of the text are kept as they are. Hidden text (`w:vanish`) is
  skipped: nobody reads it.
- Fields: the displayed result is read (a date, a cross reference), the instruction is not. A table
  of contents (a TOC field or a TOC content control) gives empty lines: its entries repeat the
  headings with page numbers, and the headings themselves are checked where they stand.
- Symbols (`w:sym`) give their character unless it lies in a private-use area (Wingdings and the
  like), which gives nothing.
"""

from __future__ import annotations

import bisect
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from fzlint.diagnostics import Diagnostic
from fzlint.errors import InputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"


def _w(name: str) -> str:
    return _W + name


# --- telling formats apart by their first bytes ------------------------------------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),  # with reserved bytes 6–9 zero, checked below: "BM…" may start a text
)


def is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def is_docx(data: bytes) -> bool:
    """A zip holding `word/document.xml`: a Word document whatever the file is called."""
    if not is_zip(data):
        return False
    import zipfile  # only for a zip: a text report's run (most runs) does without it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def refuse_other_format(data: bytes, path: str) -> None:
    """Raise InputError with what to do, for the formats a report often comes in that are not
    text and not .docx: Word 97-2003 and WPS, PDF, OpenDocument, other zips, images."""
    if data.startswith(_OLE):
        raise InputError("这是 Word 97-2003/WPS 格式，请另存为 .docx 或 .txt 后再检查", path)
    if data.startswith(b"%PDF-"):
        raise InputError(
            "不是文本文件：这是 PDF 文件，无法可靠取出文字，请用原稿 .docx 或另存为 .txt 后再检查",
            path,
        )
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise InputError(
            "不是文本文件：这是 WEBP 图片，fzlint 只检查文字，请提供 .docx 或 .txt 文件", path
        )
    for magic, name in _IMAGES:
        if data.startswith(magic) and (name != "BMP" or data[6:10] == b"\0\0\0\0"):
            raise InputError(
                f"不是文本文件：这是 {name} 图片，fzlint 只检查文字，请提供 .docx 或 .txt 文件",
                path,
            )
    if is_zip(data):
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype") if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, ValueError):
            raise InputError("这是损坏的 ZIP/Word 文件，无法读取", path) from None
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            raise InputError(
                "这是 OpenDocument 格式（.odt），请另存为 .docx 或 .txt 后再检查", path
            )
        if any(name.startswith(("xl/", "ppt/")) for name in names):
            raise InputError("这是 Excel/PowerPoint 文件，不是报告文本，请提供 .docx 或 .txt", path)
        raise InputError("这是 ZIP 压缩文件，不是 Word 文档，请解压后检查其中的报告", path)


# --- what the reader keeps -------------------------------------------------------------------

# Where a stretch of the text came from: the index of a `w:t` element in document order (the
# fixer edits those) and the offset in its text; or -1 for text Word makes up (a numbering label,
# a tab, a line break, a symbol), which no edit of the text can change.
SYNTHETIC = -1


@dataclass(frozen=True, slots=True)
class Piece:
    start: int  # offset in the document's text
    end: int
    node: int  # index of the w:t element among the document's, or SYNTHETIC
    offset: int  # offset of `start` in that element's text


@dataclass
class WordText:
    """A .docx as text, and what is needed to point back into it."""

    text: str
    pieces: list[Piece] = field(default_factory=list)
    # (start, end) of each automatic numbering label in the text
    labels: list[tuple[int, int]] = field(default_factory=list)
    # tracked changes (insertions, deletions, moves, formatting changes) and comments
    revisions: int = 0
    comments: int = 0
    # text offset of the first revision and the first comment anchor, when there are any
    first_revision: int | None = None
    first_comment: int | None = None


# --- numbering formats -------------------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"  # ideographDigital: 二〇二四
_CN_COUNT = "零一二三四五六七八九"  # counting: 一百零一
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def _chinese(value: int, digits: str = _CN_COUNT, units: str = "十百千") -> str:
    """一 … 九千九百九十九 the way Word counts: 十, 十一, 二十, 一百零一 (十 alone below 20)."""
    if value <= 0:
        return digits[0]
    if value >= 10000:
        return str(value)
    parts: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit, value = divmod(value, power)
        if digit:
            if zero:
                parts.append(digits[0])
                zero = False
            parts.append(digits[digit] + unit)
        elif parts:
            zero = True
    text = "".join(parts)
    if text.startswith(digits[1] + units[0]) and len(parts) <= 2 and digits is _CN_COUNT:
        text = text[1:]  # 十一, not 一十一
    return text


def _letters(value: int, base: str) -> str:
    # Word repeats the letter: A … Z, AA … ZZ, AAA …
    if value <= 0:
        return ""
    return base[(value - 1) % 26] * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    out = []
    for number, letters in _ROMAN:
        count, value = divmod(value, number)
        out.append(letters * count)
    return "".join(out)


def _enclosed(value: int, first: int, last: int) -> str:
    return chr(first + value - 1) if 1 <= value <= last - first + 1 else str(value)


def format_number(value: int, fmt: str) -> str:
    """`value` written in Word's number format `fmt` (ST_NumberFormat); unknown formats: decimal."""
    if value < 0:
        return str(value)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting"):  # fmt: skip
        return _chinese(value)
    if fmt in (
        "ideographDigital",
        "taiwaneseDigital",
        "koreanDigital",
        "japaneseDigitalTenThousand",
    ):
        return "".join(_CN_DIGITS[int(d)] for d in str(value))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese(value, _CN_LEGAL, "拾佰仟")
    if fmt == "ideographTraditional":
        return _STEMS[(value - 1) % 10] if value > 0 else str(value)
    if fmt == "ideographZodiac":
        return _BRANCHES[(value - 1) % 12] if value > 0 else str(value)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(value, 0x2460, 0x2473)  # ① … ⑳
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(value, 0x2488, 0x249B)  # ⒈ … ⒛
    if fmt == "decimalEnclosedParen":
        return _enclosed(value, 0x2474, 0x2487)  # ⑴ … ⒇
    if fmt == "ideographEnclosedCircle":
        return _enclosed(value, 0x3220, 0x3229)  # ㈠ … ㈩
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "upperLetter":
        return _letters(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerLetter":
        return _letters(value, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "upperRoman":
        return _roman(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt == "none":
        return ""
    return str(value)


# --- numbering.xml -----------------------------------------------------------------------------


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 0
    restart: int | None = None  # w:lvlRestart: restart after this level (1-based); 0 never
    suffix: str = "tab"
    legal: bool = False  # w:isLgl: the other levels' numbers in decimal


def _int(value: str | None, default: int | None = None) -> int | None:
    """An attribute's integer value; `default` when it is missing or not a number (a damaged
    or hand-made file must not stop the reading)."""
    if value is None or not re.fullmatch(r"-?[0-9]{1,9}", value.strip()):
        return default
    return int(value)


def _val(element: Any, name: str) -> str | None:
    child = element.find(_w(name)) if element is not None else None
    return None if child is None else child.get(_w("val"))


def _level(element: Any) -> _Level:
    level = _Level()
    level.fmt = _val(element, "numFmt") or "decimal"
    text = _val(element, "lvlText")
    level.text = "" if text is None else text
    level.start = _int(_val(element, "start"), 0) or 0
    level.restart = _int(_val(element, "lvlRestart"))
    level.suffix = _val(element, "suff") or "tab"
    legal = element.find(_w("isLgl"))
    level.legal = legal is not None and legal.get(_w("val"), "true") not in ("0", "false", "off")
    return level


class Numbering:
    """The lists of numbering.xml and their running counters, in document order."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_links: dict[str, str] = {}  # abstractNum → style it takes its levels from
        self.nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_based: dict[str, str] = {}
        self.level_style: dict[
            str, tuple[str, int]
        ] = {}  # pStyle named in a level → (abstract, ilvl)
        if numbering is not None:
            for abstract in numbering.iter(_w("abstractNum")):
                key = abstract.get(_w("abstractNumId"), "")
                levels = {}
                for lvl in abstract.iter(_w("lvl")):
                    ilvl = _int(lvl.get(_w("ilvl")), 0) or 0
                    levels[ilvl] = _level(lvl)
                    style = _val(lvl, "pStyle")
                    if style:
                        self.level_style[style] = (key, ilvl)
                self.abstract[key] = levels
                link = _val(abstract, "numStyleLink")
                if link:
                    self.abstract_links[key] = link
            for num in numbering.iter(_w("num")):
                abstract_id = _val(num, "abstractNumId") or ""
                overrides: dict[int, _Level] = {}
                starts: dict[int, int] = {}
                for override in num.iter(_w("lvlOverride")):
                    ilvl = _int(override.get(_w("ilvl")), 0) or 0
                    start = _int(_val(override, "startOverride"))
                    if start is not None:
                        starts[ilvl] = start
                    lvl = override.find(_w("lvl"))
                    if lvl is not None:
                        overrides[ilvl] = _level(lvl)
                self.nums[num.get(_w("numId"), "")] = (abstract_id, overrides, starts)
        if styles is not None:
            for style in styles.iter(_w("style")):
                style_id = style.get(_w("styleId"), "")
                based = _val(style, "basedOn")
                if based:
                    self.style_based[style_id] = based
                ppr = style.find(_w("pPr"))
                numpr = ppr.find(_w("numPr")) if ppr is not None else None
                if numpr is not None:
                    ilvl = _val(numpr, "ilvl")
                    self.style_num[style_id] = (_val(numpr, "numId"), _int(ilvl))
        # counters per list: a num with start overrides is a list of its own, other nums that
        # share an abstract numbering continue one list (as Word does)
        self.counters: dict[str, list[int | None]] = {}
        self.restarted: set[str] = set()

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_num:
                num_id, ilvl = self.style_num[style]
                if ilvl is None:
                    ilvl = self.level_style.get(style, ("", 0))[1]
                return num_id, ilvl
            style = self.style_based.get(style)
        return None, None

    def _levels(self, abstract_id: str) -> dict[int, _Level]:
        levels = self.abstract.get(abstract_id, {})
        link = self.abstract_links.get(abstract_id)
        if not levels and link:
            num_id, _ = self._style_numbering(link)
            if num_id and num_id in self.nums:
                return self.abstract.get(self.nums[num_id][0], {})
        return levels

    def label(self, ppr: Any) -> tuple[str, str] | None:
        """The label a paragraph with properties `ppr` shows, and the separator after it; None
        when it is not numbered. Advances the list's counters."""
        num_id: str | None = None
        ilvl: int | None = None
        style = _val(ppr, "pStyle") if ppr is not None else None
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr, "numId")
            value = _val(numpr, "ilvl")
            ilvl = _int(value)
        if num_id is None or ilvl is None:
            style_num, style_ilvl = self._style_numbering(style)
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else (style_ilvl or 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        abstract_id, overrides, starts = self.nums[num_id]
        levels = dict(self._levels(abstract_id))
        levels.update(overrides)
        if ilvl not in levels or not 0 <= ilvl < 10:
            return None
        key = num_id if starts or overrides else "a" + abstract_id
        counters = self.counters.setdefault(key, [None] * 10)
        if key == num_id and num_id not in self.restarted:
            self.restarted.add(num_id)
            for level, start in starts.items():
                if 0 <= level < 10:
                    counters[level] = start - 1
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 10):
            # w:lvlRestart n: restart after a level up to n (1-based) is used; 0: never
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or ilvl < restart:
                counters[deeper] = None
        if level.fmt == "bullet":
            return None

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            shown = levels.get(at, _Level())
            value = counters[at]
            if value is None:
                value = shown.start
            fmt = "decimal" if level.legal and at != ilvl else shown.fmt
            return format_number(value, fmt)

        text = re.sub(r"%([1-9])", number, level.text)
        suffix = {"space": " ", "nothing": ""}.get(level.suffix, "\t")
        # A tab after 一、 or （一） is layout, not text; after a bare number it keeps 1 and the
        # heading apart, as it does on the page.
        if suffix == "\t" and (not text or not text[-1].isascii() or not text[-1].isalnum()):
            suffix = ""
        return text, suffix


# --- the walk ----------------------------------------------------------------------------------


def _on(element: Any, name: str) -> bool:
    """A toggle property (w:vanish, w:b …) that is present and not switched off."""
    child = element.find(_w(name)) if element is not None else None
    return child is not None and child.get(_w("val"), "true") not in ("0", "false", "off")


class _Reader:
    """One walk over the body; `nodes` (when given) collects the `w:t` elements it numbers."""

    def __init__(self, body: Any, numbering: Numbering, nodes: list[Any] | None = None) -> None:
        self.body = body
        self.numbering = numbering
        self.nodes = nodes
        self.parts: list[str] = []
        self.length = 0
        self.pieces: list[Piece] = []
        self.labels: list[tuple[int, int]] = []
        self.node = 0  # index of the next w:t
        self.revisions = 0
        self.comments = 0
        self.first_revision: int | None = None
        self.first_comment: int | None = None
        # complex fields open at this point: [is a TOC, past its separator]
        self.fields: list[list[bool]] = []

    def read(self) -> WordText:
        # A paragraph whose mark was deleted joins the next one, which lends the joined paragraph
        # its properties (and so its numbering), as Word shows it once the changes are accepted.
        group: list[Any] = []
        first = True
        for paragraph in self._paragraphs(self.body, False):
            if paragraph is not None:
                group.append(paragraph)
                if _mark_deleted(paragraph):
                    self.revision()
                    continue
            if not first:
                self.add_newline()
            first = False
            if group:
                self._paragraph(group)
            group = []
        if group:
            if not first:
                self.add_newline()
            self._paragraph(group)
        return WordText(
            "".join(self.parts),
            self.pieces,
            self.labels,
            self.revisions,
            self.comments,
            self.first_revision,
            self.first_comment,
        )

    def add(self, text: str, node: int = SYNTHETIC, offset: int = 0) -> None:
        if not text or self._hidden_by_field():
            return
        self.pieces.append(Piece(self.length, self.length + len(text), node, offset))
        self.parts.append(text)
        self.length += len(text)

    def add_newline(self) -> None:
        self.pieces.append(Piece(self.length, self.length + 1, SYNTHETIC, 0))
        self.parts.append("\n")
        self.length += 1

    def _hidden_by_field(self) -> bool:
        # inside a TOC field, or in a field's instruction part
        return any(toc or not past for toc, past in self.fields)

    def revision(self) -> None:
        self.revisions += 1
        if self.first_revision is None:
            self.first_revision = self.length

    def _comment(self) -> None:
        self.comments += 1
        if self.first_comment is None:
            self.first_comment = self.length

    def _paragraphs(self, parent: Any, in_toc: bool) -> Iterator[Any]:
        """Paragraph elements in reading order (None for one of a table of contents)."""
        for child in parent:
            tag = child.tag
            if tag == _w("p"):
                yield None if in_toc else child
            elif tag == _w("tbl"):
                for row in child:
                    if row.tag != _w("tr"):
                        continue
                    change = row.find(_w("trPr"))
                    if change is not None and change.find(_w("ins")) is not None:
                        self.revision()
                    if change is not None and change.find(_w("del")) is not None:
                        self.revision()  # a deleted row: gone once the changes are accepted
                        continue
                    for cell in row:
                        if cell.tag == _w("tc"):
                            yield from self._paragraphs(cell, in_toc)
                        elif cell.tag in (_w("sdt"), _w("customXml")):
                            for inner in cell.iter(_w("tc")):
                                yield from self._paragraphs(inner, in_toc)
            elif tag == _w("sdt"):
                gallery = child.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
                toc = gallery is not None and "Contents" in (gallery.get(_w("val")) or "")
                content = child.find(_w("sdtContent"))
                if content is not None:
                    yield from self._paragraphs(content, in_toc or toc)
            elif tag in (_w("customXml"), _w("sdtContent")):
                yield from self._paragraphs(child, in_toc)

    def _paragraph(self, group: list[Any]) -> None:
        ppr = group[-1].find(_w("pPr"))
        if ppr is not None:
            if ppr.find(_w("pPrChange")) is not None:
                self.revision()
            mark = ppr.find(_w("rPr"))
            if mark is not None and mark.find(_w("ins")) is not None:
                self.revision()
        if not any(toc for toc, _ in self.fields):
            label = self.numbering.label(ppr)
            if label is not None and label[0] + label[1]:
                start = self.length
                self.add(label[0] + label[1])
                self.labels.append((start, self.length))
        for paragraph in group:
            self._inline(paragraph)

    def _inline(self, parent: Any) -> None:
        for child in parent:
            tag = child.tag
            if tag == _w("r"):
                self._run(child)
            elif tag in (_w("ins"), _w("moveTo")):
                self.revision()
                self._inline(child)
            elif tag in (_w("del"), _w("moveFrom")):
                self.revision()
            elif tag in _CONTAINERS:
                self._inline(child)
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self._inline(content)
            elif tag == _w("commentRangeStart"):
                self._comment()
            elif tag in (_M + "oMath", _M + "oMathPara"):
                for text in child.iter(_M + "t"):
                    self.add(text.text or "")

    def _run(self, run: Any) -> None:
        rpr = run.find(_w("rPr"))
        if rpr is not None and rpr.find(_w("rPrChange")) is not None:
            self.revision()
        hidden = _on(rpr, "vanish") or _on(rpr, "specVanish")
        for child in run:
            tag = child.tag
            if tag == _w("t"):
                node = self.node
                self.node += 1
                if self.nodes is not None:
                    self.nodes.append(child)
                if not hidden:
                    self.add(child.text or "", node)
            elif tag == _w("fldChar"):
                self._field_char(child.get(_w("fldCharType")))
            elif tag == _w("instrText"):
                instruction = (child.text or "").strip().upper()
                if self.fields and not self.fields[-1][1] and instruction.startswith("TOC"):
                    self.fields[-1][0] = True
            elif hidden:
                continue
            elif tag in (_w("tab"), _w("ptab")):
                self.add("\t")
            elif tag == _w("br"):
                if child.get(_w("type"), "textWrapping") == "textWrapping":
                    self.add("\n")
            elif tag == _w("cr"):
                self.add("\n")
            elif tag == _w("noBreakHyphen"):
                self.add("-")
            elif tag == _w("sym"):
                self._symbol(child.get(_w("char"), ""))

    def _symbol(self, code: str) -> None:
        try:
            value = int(code, 16)
        except ValueError:
            return
        if not 0xE000 <= value <= 0xF8FF and 0 < value < 0x110000:
            self.add(chr(value))

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append([False, False])
        elif kind == "separate" and self.fields:
            self.fields[-1][1] = True
        elif kind == "end" and self.fields:
            self.fields.pop()


# Inline elements whose content is read as if they were not there.
_CONTAINERS = frozenset(
    _w(name)
    for name in ("hyperlink", "smartTag", "customXml", "fldSimple", "sdtContent", "dir", "bdo")
)


def _mark_deleted(paragraph: Any) -> bool:
    mark = paragraph.find(f"{_w('pPr')}/{_w('rPr')}")
    return mark is not None and mark.find(_w("del")) is not None


def read_docx(data: bytes, path: str) -> WordText:
    """The text of a .docx (see the module docstring), or InputError naming `path`."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        part = document.part
        styles = part.styles.element
    # a missing part, a bad zip, XML that does not parse (lxml's XMLSyntaxError) …
    except Exception as exc:
        raise InputError(f"Word 文档已损坏或无法读取（{type(exc).__name__}）", path) from None
    try:
        numbering = part.numbering_part.element
    except (KeyError, NotImplementedError):  # a document without lists
        numbering = None
    body = part.element.find(_w("body"))
    if body is None:
        return WordText("")
    reader = _Reader(body, Numbering(numbering, styles))
    word = reader.read()
    # a comment anchored by a reference alone (no range) still counts
    ranges = sum(1 for _ in body.iter(_w("commentRangeStart")))
    references = sum(1 for _ in body.iter(_w("commentReference")))
    if references > ranges:
        word.comments += references - ranges
        if word.first_comment is None:
            word.first_comment = 0
    return word


def text_nodes(body: Any) -> list[Any]:
    """The `w:t` elements of a body in the order the reader numbers them (`Piece.node`)."""
    nodes: list[Any] = []
    _Reader(body, Numbering(None, None), nodes).read()
    return nodes


AUTO_NUMBER_NOTE = "（此处为 Word 自动编号，请在编号设置中修改，不能改正文）"


def on_labels(word: WordText, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Findings about an automatic numbering label say so and lose their fix: the label is not
    text in the file, so editing text cannot change it."""
    if not word.labels:
        return diagnostics
    starts = [s for s, _ in word.labels]
    result = []
    for diagnostic in diagnostics:
        inside = _within_label(word, starts, diagnostic.span.start, diagnostic.span.end)
        touched = diagnostic.fix is not None and any(
            _touches_label(word, starts, edit.span.start, edit.span.end)
            for edit in diagnostic.fix.edits
        )
        if inside or touched:
            diagnostic = replace(
                diagnostic, message=diagnostic.message + AUTO_NUMBER_NOTE, fix=None
            )
        result.append(diagnostic)
    return result


def _label_at(word: WordText, starts: list[int], offset: int) -> tuple[int, int] | None:
    index = bisect.bisect_right(starts, offset) - 1
    return word.labels[index] if index >= 0 else None


def _within_label(word: WordText, starts: list[int], start: int, end: int) -> bool:
    # a finding at a point is about the label only strictly inside it: one at the start of a
    # paragraph (a missing part, an empty file) is about the paragraph or the whole document
    label = _label_at(word, starts, start)
    if label is None:
        return False
    s, e = label
    return s < start < e if start == end else s <= start and end <= e


def _touches_label(word: WordText, starts: list[int], start: int, end: int) -> bool:
    # an insertion right after a label (一 → 一、) changes the label too
    label = _label_at(word, starts, start if start == end else max(start, end - 1))
    if label is None:
        return False
    s, e = label
    if start == end:
        return s < start <= e
    return start < e and s < end
