"""Bytes → text (encoding and newline detection), the line index and Span ⇄ (line, column).

Decisions recorded here:
- Encodings: a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); without one, strict UTF-8 is tried
  first and strict GB18030 (a superset of GBK and GB2312) second. Valid UTF-8 is almost never valid
  GB text by accident and vice versa for Chinese prose, so a trial decode is reliable here and no
  statistical detector is needed. A NUL byte without a UTF-16/32 BOM, or a decoded text with many
  control or private-use characters, is treated as binary.
- Newlines: the text keeps "\\n" only. The dominant original newline is remembered and used when a
  fixed file is written back; a file that mixes newline styles is reported by a rule and `--fix`
  normalises it to the dominant style.
- Positions are 1-based lines and columns counted in code points of the decoded text.
- Readers are chosen by content, not by name: a zip holding `word/document.xml` is read as a Word
  document (fzlint.document.docx: one line per paragraph, automatic numbering rendered, changes
  accepted); Word 97-2003/WPS, PDF, OpenDocument, other zips and images are refused with what to
  do; anything else is read as text.
"""

from __future__ import annotations

import bisect
import codecs
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, compress, count, repeat
from operator import add, itemgetter
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, overload

from fzlint.diagnostics import Span
from fzlint.document import docx
from fzlint.errors import InputError
from fzlint.i18n import strerror
from fzlint.text.regex import compile_kept

if TYPE_CHECKING:
    from fzlint.document.docx import WordText
    from fzlint.document.structure import Structure
    from fzlint.text.tokens import Tokens

_T = TypeVar("_T")


class cached_property(Generic[_T]):
    """`functools.cached_property` without its lock: the value is computed on first access and
    kept in the instance's __dict__, which Python reads before this (non-data) descriptor from
    then on. Python 3.11's takes an RLock on every first access (~0.5 us, twenty-odd layers a
    document). A document is read by one thread (the language server lints in one thread too);
    were two to read a layer first at once, each would compute it, and the values are equal."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TRIAL_ENCODINGS = ("utf-8", "gb18030")
# The `encoding` of a document read from a .docx: no codec has this name, so the text of a Word
# document can never be written back as plain text by mistake.
DOCX = "docx"
# Control characters other than \t \n \v \f \r (Unicode category Cc), surrogates (Cs) and
# private-use characters (Co): what a text decoded from binary data is full of.
_SUSPICIOUS = compile_kept(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
    "\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)
# The same characters split by plane (the second set also holds the two noncharacters of plane
# 15; only the exact count below decides): a report has none, and two searches settle that in
# 17 us where one over `_SUSPICIOUS` takes 23 us.
_SUSPICIOUS_BMP = compile_kept("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")
_SUSPICIOUS_ASTRAL = compile_kept("[\U000f0000-\U0010fffd]")
# Share of control / private-use characters above which a decoded text is taken for binary data.
_BINARY_SHARE = 0.01
# Blank for paragraph purposes: ASCII white space and the ideographic space used for indentation.
WHITESPACE = " \t\r\n\f\v\u3000\u00a0"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bom: bool
    newline: str
    mixed_newlines: bool
    # a Word document's reading: where the text came from, numbering labels, review marks
    word: WordText | None = None


def _looks_binary(text: str, astral: bool = True) -> bool:
    """Whether `text` is binary data decoded by mistake; `astral` False says it holds no
    character beyond the Basic Multilingual Plane (known from its UTF-8 bytes), so that the
    private-use planes need no search."""
    if not text or (
        _SUSPICIOUS_BMP.search(text) is None
        and (not astral or _SUSPICIOUS_ASTRAL.search(text) is None)
    ):
        return False
    suspicious = sum(1 for _ in _SUSPICIOUS.finditer(text))
    return suspicious > max(2, len(text) * _BINARY_SHARE)


# Six Chinese characters or marks in a row written in UTF-8 (three bytes each, lead byte E2-EF).
# GBK text almost never forms such a run by chance (its common characters lead with B0-D7), so a
# file that holds one and yet is not valid UTF-8 mixes UTF-8 with another encoding.
_UTF8_RUN = re.compile(rb"(?:[\xe2-\xef][\x80-\xbf]{2}){6}")


def _mixed(data: bytes, bad: int, path: str) -> InputError:
    """The error for a file whose UTF-8 text stops being UTF-8 at byte `bad`: read as GB18030 it
    would be linted (and fixed) as mojibake."""
    return InputError(
        f"文件中有 UTF-8 文本，但第{bad}字节起不是有效的 UTF-8（可能混入了 GBK 等其他编码的内容），"
        "按任一编码读取都会出现乱码；请在编辑器中统一另存为 UTF-8",
        path,
    )


# Characters of a Chinese report: ASCII, CJK punctuation and ideographs, full-width forms.
_REPORT_CHARACTER = compile_kept("[\t\n\r\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _utf16_without_bom(data: bytes) -> str | None:
    """ "UTF-16 LE" or "UTF-16 BE" when `data` (which holds NUL bytes) reads as a text in that
    encoding made mostly of a report's characters, else None."""
    if len(data) % 2:
        return None
    for name, label in (("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE")):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        usual = sum(1 for _ in _REPORT_CHARACTER.finditer(text))
        if text and usual >= 0.9 * len(text):
            return label
    return None


def _split_newlines(text: str) -> tuple[str, str, bool]:
    if "\r" not in text:
        # one search instead of three counts: the text of most reports has "\n" newlines only
        return text, "\n", False
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    counts = {"\n": lf, "\r\n": crlf, "\r": cr}
    newline = max(counts, key=lambda k: (counts[k], k == "\n"))
    if counts[newline] == 0:
        newline = "\n"
    mixed = sum(1 for n in counts.values() if n) > 1
    if crlf or cr:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, newline, mixed


def decode(data: bytes, path: str) -> Decoded:
    """Decode a report's bytes, or raise InputError naming `path`."""
    if docx.is_docx(data):
        word = docx.read_docx(data, path)
        return Decoded(word.text, DOCX, False, "\n", False, word)
    docx.refuse_other_format(data, path)
    encoding: str | None = None
    bom = False
    for mark, name in _BOMS:
        if data.startswith(mark):
            encoding, bom, data = name, True, data[len(mark) :]
            break
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"文件带有 {encoding} 字节序标记，但内容无法按此编码解码（第{exc.start}字节）",
                path,
            ) from None
    else:
        if b"\x00" in data:
            utf16 = _utf16_without_bom(data)
            if utf16 is not None:
                raise InputError(
                    f"文件是不带字节序标记（BOM）的 {utf16} 文本，无法可靠识别；"
                    "请另存为 UTF-8（或带 BOM 的 UTF-16）",
                    path,
                )
            raise InputError("不是文本文件（含有 NUL 字节），已跳过", path)
        for name in _TRIAL_ENCODINGS:
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                if name == "utf-8" and _UTF8_RUN.search(data):
                    raise _mixed(data, exc.start, path) from None
                continue
            encoding = name
            break
        else:
            raise InputError(
                "无法识别文件编码：不是 UTF-8、UTF-16（带 BOM）或 GB18030/GBK 文本", path
            )
    # In UTF-8 a character of the private-use planes (U+F0000 on) starts with the byte F3 or F4,
    # which no other character holds: two byte searches spare most reports a search of the text.
    astral = encoding != "utf-8" or b"\xf3" in data or b"\xf4" in data
    if _looks_binary(text, astral):
        raise InputError("不是文本文件（含有大量控制字符），已跳过", path)
    text, newline, mixed = _split_newlines(text)
    return Decoded(text, encoding, bom, newline, mixed)


def encode(text: str, encoding: str, bom: bool, newline: str) -> bytes:
    """The inverse of `decode` for a text with "\\n" newlines: used to write fixed files back."""
    if newline != "\n":
        text = text.replace("\n", newline)
    data = text.encode(encoding)
    if bom:
        data = next(mark for mark, name in _BOMS if name == encoding) + data
    return data


# The largest report read, in bytes: a 公文 is a few hundred kilobytes at most, and reading a huge
# file (or a link to a device that never ends) whole would only exhaust memory.
MAX_REPORT_BYTES = 64 * 1024 * 1024


def _too_big(path: str) -> InputError:
    limit = MAX_REPORT_BYTES / (1024 * 1024)
    return InputError(f"文件超过{limit:g} MB的上限，不像是一份报告，已跳过", path)


def read_report(path: str) -> bytes:
    """A report's bytes, or InputError naming `path`.

    Only a regular file is read (a named pipe would block, a device never end), and at most
    MAX_REPORT_BYTES of it. The file is opened without blocking and checked once open, so a file
    replaced by a pipe between a check and the opening cannot hang the run either."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError("文件不存在", path) from None
    except IsADirectoryError:
        raise InputError("是一个目录，不是文件", path) from None
    except OSError as exc:
        raise InputError(f"无法读取：{strerror(exc)}", path) from None
    with open(descriptor, "rb") as handle:
        try:
            status = os.fstat(descriptor)
            if stat.S_ISDIR(status.st_mode):
                raise InputError("是一个目录，不是文件", path)
            if not stat.S_ISREG(status.st_mode):
                raise InputError(f"不是普通文件（{file_kind(status.st_mode)}），已跳过", path)
            if status.st_size > MAX_REPORT_BYTES:
                raise _too_big(path)
            if hasattr(os, "set_blocking"):
                os.set_blocking(descriptor, True)
            # Asked for its size and one byte more, a file is read into a buffer of its size;
            # asked for MAX_REPORT_BYTES, Python would allocate (and free) 64 MB for every report.
            # Only a file that grew since (or that states no size) is read on to the limit.
            data = handle.read(status.st_size + 1)
            if len(data) > status.st_size:
                data += handle.read(MAX_REPORT_BYTES + 1 - len(data))
        except OSError as exc:
            raise InputError(f"无法读取：{strerror(exc)}", path) from None
    if len(data) > MAX_REPORT_BYTES:  # it grew after it was opened
        raise _too_big(path)
    return data


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in the user's words."""
    if stat.S_ISFIFO(mode):
        return "命名管道"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISDIR(mode):
        return "目录"
    return "特殊文件"


class Line(NamedTuple):
    """One line of the document; `span` excludes the newline.

    A named tuple rather than a frozen dataclass: a document makes one per line, and a tuple is
    made in C (`Document.lines`) where a frozen dataclass sets each field through
    `object.__setattr__`."""

    number: int
    span: Span
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip(WHITESPACE)

    @property
    def content_span(self) -> Span:
        """The line without leading and trailing white space (U+3000 included)."""
        text = self.text
        # Most lines have nothing to strip: their span is the answer. (An empty line takes the
        # long way, "" being in any string.)
        if text[:1] not in WHITESPACE and text[-1:] not in WHITESPACE:
            return self.span
        stripped = text.lstrip(WHITESPACE)
        start = self.span.start + len(text) - len(stripped)
        return Span(start, start + len(stripped.rstrip(WHITESPACE)))


# Line(number, span, text) from one tuple of the three, without a call into Python.
_new_line = partial(tuple.__new__, Line)
_TEXT = itemgetter(2)  # a Line's text

_DECODED = ("text", "encoding", "bom", "newline", "mixed_newlines", "word")


class Document:
    """One report. Immutable by convention; everything derived is computed on first use."""

    def __init__(
        self,
        text: str,
        path: str = "<string>",
        *,
        encoding: str = "utf-8",
        bom: bool = False,
        newline: str = "\n",
        mixed_newlines: bool = False,
        word: WordText | None = None,
    ) -> None:
        if "\r" in text and word is None:
            text, newline, mixed_newlines = _split_newlines(text)
        self.text = text
        self.path = path
        self.encoding = encoding
        self.bom = bom
        self.newline = newline
        self.mixed_newlines = mixed_newlines
        # Set for a Word document: what `fzlint.document.docx` read besides the text.
        self.word = word
        # What rule kinds derive from this document and share between rules (the words of each
        # item, the knowledge base's matches), by a key of the kind's choosing.
        self.memo: dict[Any, Any] = {}

    def drop_layers(self) -> None:
        """Forget the parsed layers and the memo once the rules have run: a folder run keeps each
        document for its output, which needs only the text and its lines. A layer asked for again
        is parsed again."""
        for name in ("structure", "tokens", "paragraphs"):
            self.__dict__.pop(name, None)
        self.memo.clear()

    @classmethod
    def from_bytes(cls, data: bytes, path: str) -> Document:
        d = decode(data, path)
        return cls(
            d.text,
            path,
            encoding=d.encoding,
            bom=d.bom,
            newline=d.newline,
            mixed_newlines=d.mixed_newlines,
            word=d.word,
        )

    @classmethod
    def decoded_later(cls, data: bytes, path: str) -> Document:
        """A document of `data`, decoded when its text (or how it was encoded) is first read.
        Only for bytes known to decode, such as those of a results cache hit (the same bytes
        linted by the same fzlint): a hit written as JSON never needs its text."""
        doc = cls.__new__(cls)
        doc.path = path
        doc.memo = {}
        doc._undecoded = data
        return doc

    def __getattr__(self, name: str) -> Any:
        # Only reached for an attribute not set: the decoded fields of a `decoded_later` document.
        if name not in _DECODED or "_undecoded" not in self.__dict__:
            raise AttributeError(name)
        decoded = decode(self.__dict__.pop("_undecoded"), self.path)
        for field in _DECODED:
            setattr(self, field, getattr(decoded, field))
        return getattr(self, name)

    @classmethod
    def from_path(cls, path: str) -> Document:
        return cls.from_bytes(read_report(path), path)

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.text)} chars)"

    # --- line index -------------------------------------------------------------------------

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        # Line k (0-based) starts after the k lines above and their newlines. Added up in C
        # (accumulate, map) rather than by a search for each newline in a Python loop.
        lengths = map(len, self.text.split("\n")[:-1])
        return (0, *map(add, accumulate(lengths), count(1)))

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        texts = self.text.split("\n")
        starts = self.line_starts
        ends = map(add, starts, map(len, texts))
        numbers = range(1, len(texts) + 1)
        fields = zip(numbers, map(Span, starts, ends), texts, strict=True)
        return tuple(map(_new_line, fields))

    @cached_property
    def paragraphs(self) -> tuple[Line, ...]:
        """Non-blank lines: in these reports each paragraph is one line of text."""
        # `not line.is_blank`, read in C for each line
        stripped = map(str.strip, map(_TEXT, self.lines), repeat(WHITESPACE))
        return tuple(compress(self.lines, stripped))

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding `offset` (an offset at a newline belongs to its line)."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside the document")
        return bisect.bisect_right(self.line_starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside the document")
        starts = self.line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """The inverse of `position`."""
        if not 1 <= line <= len(self.line_starts):
            raise ValueError(f"line {line} outside the document")
        start = self.line_starts[line - 1]
        end = len(self.text) if line == len(self.line_starts) else self.line_starts[line] - 1
        if not 1 <= column <= end - start + 1:
            raise ValueError(f"column {column} outside line {line}")
        return start + column - 1

    def line_at(self, offset: int) -> Line:
        return self.lines[self.line_index(offset)]

    # --- lazily parsed layers ---------------------------------------------------------------

    @cached_property
    def structure(self) -> Structure:
        from fzlint.document.structure import Structure

        return Structure(self)

    @cached_property
    def tokens(self) -> Tokens:
        """jieba words with offsets: segmented on first use, so runs without word rules skip it."""
        from fzlint.text.tokens import Tokens

        return Tokens.of(self)
