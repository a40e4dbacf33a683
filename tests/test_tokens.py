"""The segmenter: rjieba must segment exactly as jieba does (it is used only on that condition),
and the common-word list must be the one jieba's dictionary gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fzlint.document.source import Document
from fzlint.text.tokens import (
    _JIEBA_BLOCK,
    COMMON_WORD_FREQUENCY,
    COMMON_WORDS,
    common_words,
    make_engine,
    segment,
    user_terms,
    word_across,
)

ROOT = Path(__file__).resolve().parent.parent


def texts(corpus: Path) -> list[str]:
    paths = [*sorted(corpus.glob("*.txt")), *sorted((ROOT / "tests" / "data").rglob("*.txt"))]
    paths.append(ROOT / "examples" / "draft.txt")
    # tests/data holds reports in other encodings too (a GBK report extracted from PDF)
    return [Document.from_path(str(p)).text for p in paths]


def test_rjieba_segments_like_jieba(corpus: Path) -> None:
    pytest.importorskip("rjieba")
    terms = [t for t in user_terms() if _JIEBA_BLOCK.match(t)]
    rust, python = make_engine(terms), make_engine(terms, prefer_rust=False)
    assert type(rust).__name__ == "_RJieba" and type(python).__name__ == "_Jieba"
    lines = [line for text in texts(corpus) for line in text.splitlines() if line.strip()]
    # mixed scripts, where the two implementations' non-Han handling could part ways
    lines += [
        "发布日期: 2021-02-05 17:44",
        "利用LED屏和12345热线、APP V2.0版",
        "索引号1133070373602550XG/2021-45834",
    ]
    assert len(lines) > 200
    for line in lines:
        assert list(rust.tokenize(line)) == list(python.tokenize(line)), line
        assert rust.cut(line) == python.cut(line), line


def test_common_words_match_jiebas_dictionary() -> None:
    import jieba

    expected = set()
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, frequency, *_ = line.split()
            if len(word) >= 2 and int(frequency) >= COMMON_WORD_FREQUENCY:
                expected.add(word)
    if os.environ.get("FZLINT_UPDATE_EXPECTED"):
        path = ROOT / "rules" / COMMON_WORDS
        header = "".join(
            line + "\n"
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")
        )
        path.write_text(header + "".join(w + "\n" for w in sorted(expected)), encoding="utf-8")
        common_words.cache_clear()
    assert common_words() == expected


@pytest.mark.parametrize(
    ("left", "right", "word"),
    [
        ("于11月3日在全", "体机关干部", "全体"),
        ("能力得", "到了", "得到"),
        ("述职内容", "自觉接受", None),
        ("计划中", "将坚持", None),
    ],
)
def test_word_across_a_cut(left: str, right: str, word: str | None) -> None:
    assert word_across(left, right) == word


def test_user_terms_stay_whole() -> None:
    words = [
        t.text for t in segment("全面落实双随机、一公开监管和行政执法三项制度，履行第一责任人职责")
    ]
    assert "双随机、一公开" in words and "第一责任人" in words


def test_word_across_skips_the_segmenter_only_where_no_common_word_can_span(corpus: Path) -> None:
    """The shortcut (no common word holds the two characters around the cut) changes no answer:
    every seventh cut between two Han characters of the corpus, with and without it."""
    import re

    from fzlint.text.tokens import _word_across

    han = re.compile(r"(?=([\u4e00-\u9fff]{3})([\u4e00-\u9fff]{3}))")
    for path in sorted(corpus.glob("*.txt")):
        text = Document.from_path(str(path)).text
        for match in list(han.finditer(text))[::7]:
            left, right = match.group(1), match.group(2)
            assert word_across(left, right) == _word_across(left, right)
