"""Not searching where nothing can match: the characters every match of a pattern contains
(fzlint.text.prefilter), and the areas a found string stands in (kinds.base.areas_touching)."""

from __future__ import annotations

import re
from bisect import bisect_left

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shipped import shipped_patterns

from fzlint.diagnostics import Span
from fzlint.kinds import bare_title
from fzlint.kinds.base import areas_touching
from fzlint.text.prefilter import may_match, required_characters


@pytest.mark.parametrize(
    ("pattern", "sets"),
    [
        (r"(?<![A-Za-z0-9])[xX×]{1,3}(?=[省市])", ("市省", "Xx×")),  # the smallest set first
        (r"(?<=[\u3400-\u9fff])[_＿]{2,}", ("_＿",)),  # the lookbehind's class is too large
        (r"(?:19|20)年", ("年", "12")),
        (r"ab?c", ("a", "c")),  # the optional b proves nothing
        (r"(?:ab){0,2}c", ("c",)),
        (r"x(?=[^\n]*首)", ("x", "首")),  # a lookahead's content stands in the text
        (r"(?!ab)c", ("c",)),
        (r"(?i:ab)c", ("c",)),
        (r"[^ab]c", ("c",)),
        (r"[a-z]+", ("abcdefghijklmnopqrstuvwxyz",)),
        (r"\d+", ()),
        (r"x|y*", ()),  # an alternative that needs nothing
        (r"(?i)abc", ()),
        (r"[\u3400-\u9fff]+", ()),
    ],
)
def test_required_characters(pattern: str, sets: tuple[str, ...]) -> None:
    assert required_characters(re.compile(pattern, re.MULTILINE)) == sets


def test_may_match() -> None:
    assert may_match((), "", {})
    assert may_match(("ab", "c"), "xbxc", {})
    known: dict[str, bool] = {}
    assert not may_match(("ab", "c"), "xbx", known)
    assert known == {"ab": True, "c": False}


_SHIPPED = shipped_patterns()
_PIECES = sorted(
    set(
        '甲乙，,.:;?!：；（）()“”"《》〈〉、 \t\n\u3000\u00a0-－—_＿○〇xX×*＊ab12０９年月日号省县第页•'
    )
    | {"2021年", "〔2021〕", "第 3 页", "12.4宪法日", "[bookmark: a]", "and"}
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_a_text_that_fails_the_test_has_no_match(pieces: list[str]) -> None:
    text = "".join(pieces)
    for pattern in _SHIPPED:
        if pattern.search(text):
            assert may_match(required_characters(pattern), text, {}), pattern.pattern


def test_most_shipped_patterns_require_characters() -> None:
    assert sum(bool(required_characters(p)) for p in _SHIPPED) >= 0.8 * len(_SHIPPED)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="宪法日国家节ab\n", max_size=80),
    st.lists(st.tuples(st.integers(0, 80), st.integers(0, 20)), max_size=8),
)
def test_the_areas_a_name_touches_hold_every_match(text: str, cuts: list[tuple[int, int]]) -> None:
    names = re.compile("国家宪法日|宪法日|国家")
    pattern = re.compile("(?:节|a)?(?:国家宪法日|宪法日|国家)b?")
    areas = [Span(min(a, len(text)), min(a + n, len(text))) for a, n in cuts]
    found = [m.span() for m in names.finditer(text)]
    touching = areas_touching(areas, found)
    assert all(area in areas for area in touching)
    assert [m.span() for a in touching for m in pattern.finditer(text, a.start, a.end)] == [
        m.span() for a in areas for m in pattern.finditer(text, a.start, a.end)
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="简称法治民法典\n", max_size=60),
    st.sets(st.sampled_from(["民法", "民法典", "法典", "法治", "治民", "简称"]), min_size=1),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=6),
)
def test_bare_title_finds_names_as_an_alternation_does(
    text: str, names: set[str], cuts: list[tuple[int, int]]
) -> None:
    alternation = re.compile("|".join(sorted(names, key=len, reverse=True)))
    occurrences = bare_title._occurrences(text, names)
    for a, n in cuts:
        area = Span(min(a, len(text)), min(a + n, len(text)))
        index = bisect_left([start for start, _ in occurrences], area.start)
        assert list(bare_title._leftmost_longest(occurrences, index, area)) == [
            m.span() for m in alternation.finditer(text, area.start, area.end)
        ]
    for name in names:
        found = re.search(f"简称.{{0,2}}{re.escape(name)}", text) is not None
        assert bare_title._introduced(text, name) is found
