import codecs

import pytest

from fzlint.diagnostics import Span
from fzlint.document.source import Document, decode, encode
from fzlint.errors import InputError

TEXT = "关于2023年度法治政府建设情况的报告\n一、主要举措\n"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", True),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", True),
        (TEXT.encode("gbk"), "gb18030", False),
        (TEXT.encode("gb18030"), "gb18030", False),
    ],
)
def test_decode_detects_encoding(data: bytes, encoding: str, bom: bool) -> None:
    decoded = decode(data, "r.txt")
    assert decoded.text == TEXT
    assert (decoded.encoding, decoded.bom) == (encoding, bom)
    assert encode(decoded.text, decoded.encoding, decoded.bom, decoded.newline) == data


def test_gbk_text_with_rare_characters_round_trips() -> None:
    text = "镕基、喆、堃：依法行政，“八五”普法。\r\n"
    decoded = decode(text.encode("gb18030"), "r.txt")
    assert decoded.text == text.replace("\r\n", "\n")
    assert decoded.newline == "\r\n"
    assert encode(decoded.text, decoded.encoding, decoded.bom, decoded.newline) == text.encode(
        "gb18030"
    )


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        bytes(range(256)) * 4,
        b"\x01\x02\x03\x04\x05\x06\x07\x08" * 50,
    ],
)
def test_binary_is_rejected_with_the_path(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "scan.txt")
    assert str(info.value).startswith("scan.txt: ")


def test_bad_utf16_after_bom_names_the_encoding() -> None:
    with pytest.raises(InputError, match="utf-16-le"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8", "r.txt")


def test_empty_file_is_fine() -> None:
    doc = Document.from_bytes(b"", "empty.txt")
    assert doc.text == ""
    assert doc.paragraphs == ()
    assert doc.position(0) == (1, 1)


@pytest.mark.parametrize(
    ("raw", "newline", "mixed"),
    [
        ("a\nb\n", "\n", False),
        ("a\r\nb\r\n", "\r\n", False),
        ("a\rb\r", "\r", False),
        ("a\r\nb\nc\r\n", "\r\n", True),
    ],
)
def test_newlines_are_normalised_and_remembered(raw: str, newline: str, mixed: bool) -> None:
    doc = Document.from_bytes(raw.encode(), "r.txt")
    assert "\r" not in doc.text
    assert (doc.newline, doc.mixed_newlines) == (newline, mixed)


def test_positions_count_characters_not_bytes() -> None:
    doc = Document("一、标题\n（一）正文,内容\n")
    comma = doc.text.index(",")
    assert doc.position(comma) == (2, 6)
    assert doc.offset(2, 6) == comma
    for offset in range(len(doc.text) + 1):
        assert doc.offset(*doc.position(offset)) == offset


def test_position_rejects_offsets_outside() -> None:
    doc = Document("abc")
    with pytest.raises(ValueError):
        doc.position(4)
    with pytest.raises(ValueError):
        doc.offset(2, 1)


def test_lines_and_paragraphs() -> None:
    doc = Document("标题\n\n\u3000\u3000第一段。  \n \n第二段")
    assert [line.text for line in doc.lines] == [
        "标题",
        "",
        "\u3000\u3000第一段。  ",
        " ",
        "第二段",
    ]
    assert [p.number for p in doc.paragraphs] == [1, 3, 5]
    first = doc.paragraphs[1]
    assert doc.text[first.content_span.start : first.content_span.end] == "第一段。"
    assert doc.line_at(doc.text.index("段")).number == 3


def test_structure_is_lazy() -> None:
    doc = Document("2020年度法治政府建设情况报告\n正文。")
    assert "structure" not in doc.__dict__
    assert doc.structure.report_year == 2020
    assert "structure" in doc.__dict__


def test_span_validation() -> None:
    with pytest.raises(ValueError):
        Span(3, 2)
    assert Span(1, 4).contains(Span(2, 3))
    assert not Span(1, 2).overlaps(Span(2, 3))


@pytest.mark.parametrize(
    "data",
    [
        "标题\r\n内容，监督\r\n".encode("gb18030"),
        codecs.BOM_UTF8 + "一、总结\n二、计划\r".encode(),
        b"",
    ],
)
def test_a_document_decoded_later_is_the_one_decoded_now(data: bytes) -> None:
    now = Document.from_bytes(data, "r.txt")
    later = Document.decoded_later(data, "r.txt")
    assert later.path == "r.txt" and "_undecoded" in vars(later)
    assert not hasattr(later, "no_such_field") and "_undecoded" in vars(later)
    assert later.line_starts == now.line_starts  # reads the text: decodes
    assert "_undecoded" not in vars(later)
    fields = ("text", "encoding", "bom", "newline", "mixed_newlines")
    assert [getattr(later, f) for f in fields] == [getattr(now, f) for f in fields]
    with pytest.raises(AttributeError):
        later.no_such_field  # noqa: B018
