"""The built-in kinds on small texts: exact findings, scopes, exceptions, fixes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shipped import shipped_patterns

from fzlint.document.source import Document
from fzlint.engine.packs import load_pack_text, load_rules
from fzlint.engine.runner import lint_document
from fzlint.text.regex import (
    checked_starts,
    find_all,
    first_characters,
    line_local,
    match_starts,
    required_literals,
)

UNSEEN = Path(__file__).parent / "data" / "unseen"

HEAD = "pack: t\nrules:\n  - id: XZ101\n    name: t\n    category: wording\n    severity: warning\n"


def findings(rule_body: str, text: str) -> list[tuple[str, str, str | None]]:
    """(line:col, matched text, fix content) of each finding of one rule."""
    rules = load_pack_text(HEAD + rule_body, "t.yaml")
    doc = Document(text)
    result = []
    for d in lint_document(doc, rules):
        where = "{}:{}".format(*doc.position(d.span.start))
        fix = d.fix.edits[0].content if d.fix else None
        result.append((where, d.message, fix))
    return result


TERMS = """\
    kind: terms
    message: 「{wrong}」应为「{right}」
    description: d
    fix: '{right}'
    terms:
      - {wrong: 合同法, right: 民法典}
      - {wrong: [法制宣传, 法制教育], right: 法治宣传教育}
    exceptions: [劳动合同法, 法制审核]
"""


def test_terms_one_pass_with_longer_exceptions() -> None:
    text = "依据《劳动合同法》和《合同法》，加强法制宣传，落实法制审核。"
    assert findings(TERMS, text) == [
        ("1:12", "「合同法」应为「民法典」", "民法典"),
        ("1:19", "「法制宣传」应为「法治宣传教育」", "法治宣传教育"),
    ]


PATTERN_HIT = """\
    kind: pattern
    pattern: '(?P<hit>\\d+)\\s*(?=年)'
    exceptions: ['2020年度']
    message: 年份「{hit}」
    description: d
    scope: paragraph
"""


def test_pattern_hit_group_exceptions_and_scope() -> None:
    text = "2020年度报告\n\n2021年，全年\n"
    assert findings(PATTERN_HIT, text) == [("3:1", "年份「2021」", None)]


REQUIRED = """\
    kind: required
    pattern: '^\\s*\\d{4}年\\d{1,2}月\\d{1,2}日\\s*$'
    scope: 'tail:2'
    at: end
    message: 缺少成文日期
    description: d
"""


def test_required_reports_once_at_the_end_when_absent() -> None:
    assert findings(REQUIRED, "标题\n正文。\n老城镇人民政府\n") == [("3:7", "缺少成文日期", None)]
    assert findings(REQUIRED, "标题\n正文。\n老城镇人民政府\n2023年12月15日\n") == []


def test_required_ignores_empty_documents_and_looks_only_in_scope() -> None:
    assert findings(REQUIRED, "") == []
    assert findings(REQUIRED, "\n\n") == []
    text = "2023年12月15日\n正文。\n还有正文。\n老城镇人民政府\n"
    assert findings(REQUIRED, text) == [("4:7", "缺少成文日期", None)]


def test_required_at_start_points_at_the_scope_start() -> None:
    body = REQUIRED.replace("at: end", "at: start").replace("tail:2", "head:1")
    assert findings(body, "\u3000\u3000标题\n正文。\n") == [("1:3", "缺少成文日期", None)]


def test_same_text_same_fix_from_two_rules_is_reported_once() -> None:
    def rule(rule_id: str, fix: str) -> str:
        return (
            f"  - id: {rule_id}\n    name: r{rule_id.lower()}\n    category: wording\n"
            f"    severity: warning\n    kind: pattern\n    pattern: '\\(一\\)'\n"
            f"    message: {rule_id}\n    description: d\n    fix: '{fix}'\n"
        )

    pack = (
        "pack: t\nrules:\n"
        + rule("XZ302", "（一）")
        + rule("XZ104", "（一）")
        + rule("XZ200", "（1）")
    )
    rules = load_pack_text(pack, "t.yaml")
    found = lint_document(Document("(一)强化组织领导"), rules)
    assert [d.rule.id for d in found] == ["XZ104", "XZ200"]


# --- line by line scopes searched a run of lines at a time -------------------------------------


@pytest.mark.parametrize(
    ("pattern", "local"),
    [
        (r"(?<=[\u3400-\u9fff])(?P<hit>,)(?=[ \t]*(?:[0-9]|$))", True),
        (r"(?<=\n)a", True),  # a lookbehind sees the same text either way
        (r"[^。\n]+", True),
        (r"^[ \t]*首页[ \t]*$", True),
        (r".+", True),
        (r"a\s", False),  # \s takes a newline
        (r"a(?!\s)", False),  # at a line's end the newline is \s, the end of a lone line is not
        (r"[^。]+", False),
        (r"\d+\Z", False),
        (r"(?s).", False),
        (r"(?s:.)x", False),
        (r"[\D]", False),
    ],
)
def test_line_local_patterns(pattern: str, local: bool) -> None:
    assert line_local(re.compile(pattern, re.MULTILINE)) is local


def test_line_scoped_rules_find_the_same_joined_or_line_by_line(corpus) -> None:
    texts = [
        Document.from_path(str(p)).text
        for p in [*sorted(corpus.glob("*.txt")), *sorted(UNSEEN.glob("*.txt"))]
    ]
    texts.append("甲,乙\n\n丙 ,丁\n  首页  \n2021.3.5召开,\n")
    joined_rules = [item for item in load_rules() if getattr(item.checker, "line_local", False)]
    assert len(joined_rules) >= 10
    for text in texts:
        doc = Document(text)
        joined = lint_document(doc, joined_rules)
        for item in joined_rules:
            item.checker.line_local = False
        try:
            alone = lint_document(Document(text), joined_rules)
        finally:
            for item in joined_rules:
                item.checker.line_local = True
        assert [(d.rule.id, d.span, d.message) for d in joined] == [
            (d.rule.id, d.span, d.message) for d in alone
        ]


# --- searching for the first characters of a match first ---------------------------------------

_ALPHABET = '甲乙，,.:;?!：；（）()“”"《》、 \t\n-－—_＿○〇xX*ab12０９年月日号省县首页>ICP备'


_SHIPPED = shipped_patterns()


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        (r"(?<=[\u3400-\u9fff])(?P<hit>,[ \t]*)", ","),
        (r"(?<=x)[ \t]*(?:-{2,3}|－{2})", " \t-－"),
        (r"(?<![0-9])(?:19|20)[0-9]{2}", "12"),
        (r"(?i)(?<!z)ab", "a"),
        (r"(?<!q)^x", "x"),
        (r"(?<=x)[\u4e00-\u9fff]ICP", None),  # 21,000 possible first characters
        (r"(?<=x)a?", None),  # can match empty
        (r"(?<=x)\d+", None),
        (r"(?<=x)(?i:a)b", None),
        (r"(?<=x)[^，]x", None),
        # re searches for a literal or class prefix itself, and an anchor fails at once
        (r",(?=x)", None),
        (r"[，,]x", None),
        (r"^x", None),
        (r"\Ax", None),
    ],
)
def test_first_characters(pattern: str, first: str | None) -> None:
    found = first_characters(re.compile(pattern, re.MULTILINE))
    if first is None:
        assert found is None
    else:
        assert found is not None
        assert {c for c in map(chr, range(0x10000)) if found.fullmatch(c)} == set(first) | (
            set(first.upper()) if found.flags & re.IGNORECASE else set()
        )


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=120), st.integers(0, 20), st.integers(0, 20))
def test_searching_first_characters_finds_what_finditer_finds(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), max(len(text) - b, 0)))
    for pattern in _SHIPPED:
        expected = [m.span() for m in pattern.finditer(text, start, end)]
        for first in (first_characters(pattern), match_starts(pattern)):
            found = [m.span() for m in find_all(pattern, first, text, start, end)]
            assert found == expected, pattern.pattern


@pytest.mark.parametrize(
    ("pattern", "rest"),
    [
        (r"(?<=[\u3400-\u9fff])(?P<hit>,[ \t]*)", r"(?P<hit>,[ \t]*)"),
        (r"(?<![0-9])(?<=[（(])(?:19|20)[0-9]{2}", r"(?:19|20)[0-9]{2}"),
        (r"(?<=[)\]])x", "x"),  # a bracket inside the class does not close the group
        (r"(?<=[]a])x", "x"),
        (r"(?<=\))x", "x"),
        (r"(?<=x)(?:19|2)0", r"(?:19|2)0"),
        # no prefix re scans for: a repeat, a lookahead, a choice not of literals, an anchor
        (r"(?<=x)a*b", None),
        (r"(?<=x)[ \t]+a", None),
        (r"(?<=x)(?=a)a", None),
        (r"(?<=x)(?:ab|c*d)", None),
        (r"(?<=x)^a", None),
        (r"(?<=(x))a\1", None),  # a group in the lookbehind
        (r"(?i)(?<=x)a", None),
        (r"(?=x)x", None),
        (r"x", None),
    ],
)
def test_match_starts_after_the_lookbehinds(pattern: str, rest: str | None) -> None:
    compiled = re.compile(pattern, re.MULTILINE)
    found = match_starts(compiled)
    if rest is None:  # the checked starts, else the first characters, if any
        assert found == (checked_starts(compiled) or first_characters(compiled))
    else:
        assert found is not None and found.pattern == rest


def test_match_starts_of_a_rest_with_a_wide_class_are_its_first_characters() -> None:
    # the rest would cost a millisecond to compile for no fewer stops
    compiled = re.compile(r"(?<=x)(?P<hit>,[ \t]*)(?=[\u3400-\u9fff])", re.MULTILINE)
    found = match_starts(compiled)
    assert found is not None and found == first_characters(compiled)


@pytest.mark.parametrize(
    ("pattern", "checked"),
    [
        (r"(?<=x)a*b", True),
        (r"(?<=x)[ \t]+a", True),
        (r"(?:ab|c*d)+", True),
        (r"(?:《[^《》\n]{0,60}》、)+(?=[^《\n])", True),
        (r"^[ \t]*x", True),  # ^ of a multiline pattern holds at every line
        # re scans for a literal or class prefix itself, and tries \A at the start only
        (r"x(?=y)", False),
        (r"[ab]c*", False),
        (r"\Ax*y", False),
        (r"(?<=(x))a*\1", False),  # a back reference: refused inside a lookbehind
        (r"(?i)a*b", False),  # flags for the whole pattern
        (r"(?<=x)[\u4e00-\u9fff]*a", False),  # 21,000 possible first characters
        (r"(?<=x)a?", False),  # can match empty
    ],
)
def test_checked_starts(pattern: str, checked: bool) -> None:
    compiled = re.compile(pattern, re.MULTILINE)
    found = checked_starts(compiled)
    assert (found is not None) == checked
    if found is not None:
        text = "xab\nab b x b《甲》、《乙》、丙 cd ccd\n xaab"
        # the search stops exactly where the pattern matches, at the match's first character
        assert [m.start() for m in found.finditer(text)] == [
            i for i in range(len(text)) if compiled.match(text, i)
        ]


# The shipped pattern rules with a `requires`: their id, patterns and `requires`.
_REQUIRING = [
    (item.rule.id, item.checker.patterns, item.checker.requires)
    for item in load_rules()
    if getattr(item.checker, "requires", None) is not None
]
_SENTENCES = [
    "加强组织领导",
    "成立领导小组",
    "全面推进依法行政工作",
    "甲乙",
    "。",
    "，",
    "；",
    " ",
    "\n",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_SENTENCES), max_size=12),
    st.lists(st.sampled_from(_SENTENCES), max_size=12),
    st.sampled_from(["", " ", "\u3000", "\n"]),
    st.lists(st.sampled_from(_SENTENCES), max_size=12),
)
def test_a_rule_finds_nothing_where_its_requires_finds_nothing(
    before: list[str], repeated: list[str], gap: str, after: list[str]
) -> None:
    # a run of pieces written twice (a doubled sentence, when it ends with an end mark)
    text = "".join([*before, *repeated, gap, *repeated, *after])
    for rule_id, patterns, requires in _REQUIRING:
        for pattern in patterns:
            for match in pattern.finditer(text):
                inside = requires.search(text, match.start(), match.end())
                assert inside is not None, (rule_id, text)


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        (r"打印本页|关闭窗口", ("关闭窗口", "打印本页")),
        (r"(?<![0-9])(?:19|20)[0-9]{2}", ("19", "20")),
        (r"ab?c", ("a",)),  # the optional b splits the literal run
        (r"(?:ab){0,2}c", ("c",)),
        (r"(?:ab){2}", ("ab",)),
        (r"x(?=[^\n]*首页)", ("首页",)),  # a lookahead's content stands in the text
        (r"(?!ab)c", ("c",)),
        (r"(a)\1", ("a",)),
        (r"(?i:ab)c", ("c",)),
        (r"x|y*", None),  # a branch that needs nothing
        (r"(?i)abc", None),
        (r"[ab]+", None),
        (r"(?:首页)?>", (">",)),
    ],
)
def test_required_literals(pattern: str, required: tuple[str, ...] | None) -> None:
    assert required_literals(re.compile(pattern, re.MULTILINE)) == required


_PIECES = sorted(
    set(_ALPHABET)
    | {literal for p in _SHIPPED for literal in required_literals(p) or ()}
    | {"2021年", "首页 > 新闻", "12.4宪法日", "第 3 页", "星期三"}
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_a_text_without_a_required_literal_has_no_match(pieces: list[str]) -> None:
    text = "".join(pieces)
    for pattern in _SHIPPED:
        required = required_literals(pattern)
        if required is not None and pattern.search(text):
            assert any(literal in text for literal in required), pattern.pattern


def test_most_shipped_patterns_require_a_literal() -> None:
    assert sum(required_literals(p) is not None for p in _SHIPPED) >= 0.6 * len(_SHIPPED)


def test_shipped_patterns_opening_with_a_lookaround_have_first_characters() -> None:
    opening = [p for p in _SHIPPED if p.pattern.startswith(("(?<", "(?="))]
    assert len(opening) >= 20
    assert sum(first_characters(p) is not None for p in opening) >= 0.9 * len(opening)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("(?<!q)x", "xxx"),  # adjacent matches
        ("(?<=甲)x+", "甲xx甲x乙x"),
        ("(?<!z)(?:ab|b)", "abbab"),
        ("(?<!z)(?:(?<=a)b|c)", "abcbcab"),
        ("(?<!q)^x", "x\nxx\n x"),
    ],
)
def test_find_all_on_adjacent_and_overlapping_candidates(pattern: str, text: str) -> None:
    compiled = re.compile(pattern, re.MULTILINE)
    first = first_characters(compiled)
    assert first is not None
    for start in range(len(text)):
        assert [m.span() for m in find_all(compiled, first, text, start, len(text))] == [
            m.span() for m in compiled.finditer(text, start, len(text))
        ]
