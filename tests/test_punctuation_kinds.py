"""The kinds behind the document-wide punctuation and spacing rules: collapsing a repeated slip
(pattern `collapse_over`), the minority of two forms (mixed-forms), unpaired quotes
(unbalanced-quotes) and law names without 书名号 (bare-title)."""

import textwrap

import pytest

from fzlint.document.source import Document
from fzlint.engine.packs import load_pack_text
from fzlint.errors import RuleFileError
from fzlint.fixer import apply_once


def _rule(kind: str, keys: str, fix: str = "") -> object:
    """A one-rule pack of `kind` with the kind's `keys` (YAML lines) and an optional fix line."""
    lines = [
        "pack: local",
        "rules:",
        "  - id: XZ901",
        "    name: test-rule",
        "    category: punctuation",
        "    severity: warning",
        f"    kind: {kind}",
        textwrap.indent(keys, "    ").rstrip("\n"),
        "    message: 发现「{match}」",
        *([f"    {fix}"] if fix else []),
        "    description: 测试规则。",
    ]
    [item] = load_pack_text("\n".join(lines) + "\n", "local.yaml")
    return item


def _found(item: object, text: str) -> list[tuple[str, str, str]]:
    doc = Document(text)
    return [
        (
            "{}:{}".format(*doc.position(d.span.start)),
            doc.text[d.span.start : d.span.end],
            d.message,
        )
        for d in item.checker.check(doc, None)  # type: ignore[attr-defined]
    ]


def test_collapse_over_reports_a_repeated_slip_once_with_one_fix_for_all() -> None:
    item = _rule("pattern", "pattern: '(?P<hit>[ ]+)$'\ncollapse_over: 2", "fix: ''")
    few = "一。 \n二。 \n三。\n"
    assert [f[0] for f in _found(item, few)] == ["1:3", "2:3"]
    many = "一。 \n二。 \n三。  \n四。\n"
    [(at, _, message)] = _found(item, many)
    assert (at, message) == ("1:3", "发现「 」（全文共3处）")
    doc = Document(many)
    [found] = item.checker.check(doc, None)  # type: ignore[attr-defined]
    assert [doc.position(r.span.start) for r in found.related] == [(2, 3), (3, 3)]
    fixed, _ = apply_once(doc.text, [found])
    assert fixed == "一。\n二。\n三。\n四。\n"


def test_collapse_over_must_not_be_negative() -> None:
    with pytest.raises(RuleFileError, match="collapse_over"):
        _rule("pattern", "pattern: 'x'\ncollapse_over: -1")


def test_mixed_forms_reports_the_minority_and_a_tie_goes_to_the_first_form() -> None:
    forms = (
        "forms:\n  - {pattern: '(?<=[0-9])%', text: '%'}\n  - {pattern: '(?<=[0-9])％', text: '％'}"
    )
    item = _rule("mixed-forms", forms, "fix: '{majority}'")
    assert _found(item, "增长5%，下降3％，达到9％。") == [("1:4", "%", "发现「%」")]
    assert _found(item, "增长5%，下降3％。") == [("1:9", "％", "发现「％」")]
    assert _found(item, "增长5%，下降3%。") == []


def test_mixed_forms_needs_two_forms_with_pattern_and_text() -> None:
    with pytest.raises(RuleFileError, match="至少要有两种写法"):
        _rule("mixed-forms", "forms:\n  - {pattern: '%', text: '%'}")
    with pytest.raises(RuleFileError, match="pattern 和 text"):
        _rule("mixed-forms", "forms:\n  - {pattern: '%'}\n  - {pattern: '％', text: '％'}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开展了“歌巢”、跳巢”等活动。", ["1:11"]),
        ("落实“谁执法谁普法责任制。\n加强普法。\n", ["1:3"]),
        ("落实“谁执法谁普法责任制。", ["1:3"]),
        # a quotation over two paragraphs, then a correct line
        ("他指出：“要坚持依法行政。\n“要严格规范公正文明执法。”\n开展“七五”普法。", []),
        # a paragraph broken in two inside the quote
        ("全面落实“谁执法谁\n普法”责任制。", []),
        # straight quotes are FZ114's
        ('深化"放管服”改革', []),
        # an unclosed quote in a quotation over two paragraphs is reported once
        ("他指出：“要坚持依法行政。\n“要严格规范公正文明执法。\n加强普法。", ["1:5"]),
    ],
)
def test_unbalanced_quotes(text: str, expected: list[str]) -> None:
    item = _rule("unbalanced-quotes", "scope: line")
    assert [f[0] for f in _found(item, text)] == expected


LAWS = """\
title: '(?:法|条例)$'
strip: '^中华人民共和国'
names: [行政处罚法, 环境保护法]
ignore: [宪法]
before: '[的订彻和]'
skip_after: '[人]'
skip_clause: '草案'
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新修订行政处罚法以及《政府投资条例》", ["1:4"]),
        # the document's own title, written bare later
        ("学习《中华人民共和国消防法》。\n贯彻消防法。", ["2:3"]),
        # no law title in 《》: another convention
        ("新修订行政处罚法以及政府投资条例", []),
        ("《宪法》，学习宪法。", []),
        ("《政府投资条例》。海洋环境保护法。", []),
        ("《政府投资条例》。行政处罚法草案。", []),
        ("《政府投资条例》。“行政处罚法进万家”活动。", []),
        ("根据《中华人民共和国消防法》（以下简称消防法）。\n修订的消防法规定", []),
    ],
)
def test_bare_title(text: str, expected: list[str]) -> None:
    item = _rule("bare-title", LAWS)
    assert [f[0] for f in _found(item, text)] == expected
