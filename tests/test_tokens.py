"""The segmenter: rjieba must segment exactly as jieba does (it is used only on that condition),
and the common-word list must be the one jieba's dictionary gives."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fzlint import derived
from fzlint.document.source import Document
from fzlint.text import lexicon, tokens
from fzlint.text.tokens import (
    _JIEBA_BLOCK,
    COMMON_WORD_FREQUENCY,
    COMMON_WORDS,
    Tokens,
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
        tokens._common.cache_clear()
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


# --- a report's words kept between runs ---------------------------------------------------------

REPORT = "一、全面推进法治政府建设\n\n落实双随机、一公开监管，在全\n体干部中开展学法。\n"


@pytest.fixture
def keeping(tmp_path: Path) -> Iterator[Path]:
    derived.keep_in(str(tmp_path))
    try:
        yield tmp_path
    finally:
        derived.keep_in(None)


def test_common_words_and_pairs_are_kept_and_read_back(keeping: Path) -> None:
    tokens._common.cache_clear()
    made = tokens._common()
    assert len(made[0]) > 5000 and "全体" in made[0] and "全体" in made[1]
    assert made[1] == {w[i : i + 2] for w in made[0] for i in range(len(w) - 1)}
    (entry,) = (keeping / "lexicon").iterdir()
    planted = (frozenset({"甲乙"}), frozenset({"甲乙"}))
    derived.write(str(entry), planted)
    tokens._common.cache_clear()
    assert tokens._common() == planted  # read back, not made again
    for forged in [(["全体"], ["全体"]), "全体", (frozenset(),)]:
        derived.write(str(entry), forged)
        tokens._common.cache_clear()
        assert tokens._common() == made
    tokens._common.cache_clear()


def _words(text: str, path: str) -> tuple[list[str], tuple[str | None, ...]]:
    doc = Document.from_bytes(text.encode(), path)
    with tokens.words_kept_for(path):
        found = list(Tokens.of(doc).words)
        across = tuple(word_across(left, right) for left, right in (("在全", "体干"), ("学", "法")))
    return found, across


def _segmented(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts given to the segmenter from now on."""
    seen: list[str] = []
    original = tokens.words_of

    def words_of(text: str, cut=None) -> list[str]:  # type: ignore[no-untyped-def]
        seen.append(text)
        return original(text, cut)

    monkeypatch.setattr(tokens, "words_of", words_of)
    return seen


def test_kept_words_are_those_of_the_whole_text(keeping: Path, monkeypatch) -> None:
    fresh = (segment(REPORT), (word_across("在全", "体干"), word_across("学", "法")))
    assert _words(REPORT, "r.txt") == ([t.text for t in fresh[0]], fresh[1])
    assert len(list((keeping / "words").iterdir())) == 1
    seen = _segmented(monkeypatch)
    edited = REPORT.replace("开展学法", "开展普法")
    assert _words(edited, "r.txt")[0] == [t.text for t in segment(edited)]
    assert seen[:1] == ["体干部中开展普法。"]  # only the edited line (then the check's own)
    seen.clear()
    shorter = edited.replace("一、全面推进法治政府建设\n", "")
    assert _words(shorter, "r.txt")[0] == [t.text for t in segment(shorter)]
    assert seen == [shorter]  # every line was kept: only the check above segmented


def test_a_word_longer_than_a_byte_counts_is_kept_as_it_is(keeping: Path, monkeypatch) -> None:
    long = "法治" + "a" * 300 + "建设"
    expected = _words(long, "r.txt")
    seen = _segmented(monkeypatch)
    assert _words(long, "r.txt") == expected and seen == []


def test_kept_words_need_no_segmenter(keeping: Path, monkeypatch) -> None:
    _words(REPORT, "r.txt")

    def no_segmenter() -> None:
        raise AssertionError("the segmenter was loaded")

    monkeypatch.setattr(tokens, "_segmenter", no_segmenter)
    assert _words(REPORT.replace("\n\n", "\n"), "r.txt")[0][:3] == ["一", "、", "全面"]


def test_damaged_or_untrusted_words_are_segmented_again(keeping: Path, monkeypatch) -> None:
    expected = _words(REPORT, "r.txt")
    (entry,) = (keeping / "words").iterdir()
    data = bytearray(entry.read_bytes())
    data[-3] ^= 0xFF
    entry.write_bytes(bytes(data))
    seen = _segmented(monkeypatch)
    assert _words(REPORT, "r.txt") == expected
    assert "体干部中开展学法。" in seen  # the damaged entry was a miss (and was written again)
    seen.clear()
    entry.chmod(0o666)  # writable by anyone: it could have been forged
    if os.name == "posix":
        assert _words(REPORT, "r.txt") == expected
        assert "体干部中开展学法。" in seen


def test_a_forged_line_is_not_believed(keeping: Path) -> None:
    """An entry's words must spell the line they are kept for: anything else is segmented."""
    _words(REPORT, "r.txt")
    entry = next((keeping / "words").iterdir())
    for forged in [("体干部", "中"), b"\x03\x01", b"\x09\x09"]:
        derived.write(str(entry), ({"体干部中开展学法。": forged}, {}))
        assert _words(REPORT, "r.txt")[0] == [t.text for t in segment(REPORT)]


def test_words_are_kept_per_report_dictionary_and_only_with_a_cache(keeping: Path, monkeypatch):
    first = tokens._words_entry("a.txt")
    assert first is not None and first != tokens._words_entry("b.txt")
    monkeypatch.setattr(tokens, "_dictionary", lambda: ("rjieba", "another user dictionary"))
    assert tokens._words_entry("a.txt") != first
    derived.keep_in(None)
    assert tokens._words_entry("a.txt") is None


def test_the_dictionary_digest_follows_the_user_dictionary(monkeypatch, tmp_path: Path) -> None:
    before = tokens._dictionary()
    assert before is not None
    tokens._dictionary.cache_clear()
    other = tmp_path / "userdict.txt"
    other.write_bytes(b"\xe6\xb3\x95\xe6\xb2\xbb\n")  # another dictionary
    shipped_path = tokens.shipped.path
    monkeypatch.setattr(
        tokens.shipped,
        "path",
        lambda *parts: str(other) if parts == (tokens.USER_DICTIONARY,) else shipped_path(*parts),
    )
    try:
        after = tokens._dictionary()
    finally:
        tokens._dictionary.cache_clear()
    assert after is not None and after[0] == before[0] and after[1] != before[1]


# --- segmenting an edit without loading the whole dictionary -------------------------------------


def _lexicon_and_full_segmenter() -> tuple[lexicon.Lexicon, object]:
    joinable = tokens._protection()[0]
    full = make_engine(joinable)
    source = tokens._jieba_dictionary()
    assert source is not None
    return lexicon.Lexicon.build(source[0], full.frequencies), full  # type: ignore[attr-defined]


def test_segmenters_built_from_the_lexicon_cut_as_the_full_one(corpus: Path) -> None:
    """The reason the lexicon may stand in for the dictionary: a segmenter holding only the words
    of the texts it cuts, at their frequencies and with the full total, cuts them alike."""
    pytest.importorskip("rjieba")
    built, full = _lexicon_and_full_segmenter()
    lines = [line for text in texts(corpus) for line in text.split("\n") if line.strip()]
    # a third of the test reports' lines (all of them, a megabyte of text, take ~10 s)
    lines = [*lines[::3], "发布日期: 2021-02-05 17:44", "利用LED屏和12345热线、APP V2.0版"]
    lines += ["B超和AT&T", "\ue000法治"]
    assert len(lines) > 2000
    for start in range(0, len(lines), 200):  # one segmenter for a run's missed lines
        batch = lines[start : start + 200]
        engine = built.segmenter(batch)
        for line in batch:
            assert engine.cut(line, False) == full.cut(line), line
    for line in lines[::97]:  # and one for a single line
        assert built.segmenter([line]).cut(line, False) == full.cut(line), line


@pytest.fixture
def fresh_process(keeping: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """As if each run were a new process: no segmenter loaded, no lexicon read."""
    pytest.importorskip("rjieba")
    monkeypatch.setattr(tokens, "_loaded", None)
    monkeypatch.setattr(tokens, "_lexicons", {})
    monkeypatch.setattr(tokens, "_partial_left", tokens._PARTIAL_CHARACTERS)
    return keeping


def _new_process(monkeypatch: pytest.MonkeyPatch, *, loadable: bool) -> None:
    monkeypatch.setattr(tokens, "_loaded", None)
    monkeypatch.setattr(tokens, "_lexicons", {})
    if not loadable:

        def no_dictionary(*args: object, **kwargs: object) -> None:
            raise AssertionError("the whole dictionary was loaded")

        monkeypatch.setattr(tokens, "make_engine", no_dictionary)


def _edited_twice(keeping: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Lint REPORT, then an edit of it, each in a new process; the lexicon's entry."""
    _words(REPORT, "r.txt")  # linted once: no lexicon yet (a CI run on a fresh cache stops here)
    assert not (keeping / "lexicon").exists()
    _new_process(monkeypatch, loadable=True)
    _words(REPORT.replace("学法", "普法"), "r.txt")  # edited: the dictionary is loaded, and kept
    (entry,) = (keeping / "lexicon").iterdir()
    return entry


def test_an_edit_is_segmented_without_loading_the_dictionary(fresh_process: Path, monkeypatch):
    edited = REPORT.replace("开展学法", "开展法治宣传教育").replace("一、", "一、依法")
    expected = ([t.text for t in segment(edited)], (word_across("在全", "体干"), None))
    entry = _edited_twice(fresh_process, monkeypatch)
    assert isinstance(lexicon.read(str(entry)), lexicon.Lexicon)
    _new_process(monkeypatch, loadable=False)
    seen = _segmented(monkeypatch)
    assert _words(edited, "r.txt") == expected
    assert seen == ["一、依法全面推进法治政府建设", "体干部中开展法治宣传教育。"]
    assert tokens._loaded is None


def test_past_a_few_thousand_characters_the_dictionary_is_loaded(fresh_process: Path, monkeypatch):
    _edited_twice(fresh_process, monkeypatch)
    _new_process(monkeypatch, loadable=True)
    long = REPORT + "法治建设" * (tokens._PARTIAL_CHARACTERS // 4 + 1)
    assert _words(long, "r.txt")[0] == [t.text for t in segment(long)]
    assert tokens._loaded is not None


def test_a_lexicon_that_cuts_otherwise_is_kept_as_unusable(fresh_process: Path, monkeypatch):
    monkeypatch.setattr(lexicon, "verified", lambda *args: False)
    entry = _edited_twice(fresh_process, monkeypatch)
    assert lexicon.read(str(entry)) is False
    _new_process(monkeypatch, loadable=True)
    _words(REPORT.replace("学法", "守法"), "r.txt")
    assert tokens._loaded is not None  # the dictionary, not the lexicon


def test_a_damaged_lexicon_is_built_again(fresh_process: Path, monkeypatch):
    entry = _edited_twice(fresh_process, monkeypatch)
    entry.write_bytes(entry.read_bytes()[:-100])
    _new_process(monkeypatch, loadable=True)
    assert tokens._kept_lexicon() is None
    _words(REPORT.replace("学法", "守法"), "r.txt")
    assert isinstance(lexicon.read(str(entry)), lexicon.Lexicon)


def test_rjiebas_extension_loads_on_its_own_and_rjieba_after_it() -> None:
    """The lexicon's segmenters come from rjieba's extension module, loaded without the package's
    `__init__` (which loads the dictionary); importing rjieba afterwards must still work."""
    pytest.importorskip("rjieba")
    code = (
        "import sys\n"
        "from fzlint.text import lexicon\n"
        "empty = lexicon._empty_segmenter()\n"
        "assert empty is not None and 'rjieba' not in sys.modules\n"
        "engine = empty()\n"
        "engine.add_word('法治', 5, None)\n"
        "import rjieba\n"
        "assert rjieba.cut('法治政府', False) == ['法治', '政府']\n"
        "assert engine.cut('法治政府', False) == ['法治', '政', '府']\n"
    )
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_lexicon_reads_a_dictionary_as_jieba_does(tmp_path: Path) -> None:
    """Each word once, at its last line's frequency; the terms at theirs; the total is of those."""
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text(
        "法治 30 n\n政府 20 n\n法治政府 5 n\n法 9 n\n政府 4 n\n法治 7 n\n", encoding="utf-8"
    )
    built = lexicon.Lexicon.build(str(dictionary), [("法治政府", 11), ("依法行政", 3)])
    assert built.total == 7 + 4 + 11 + 9 + 3
    assert built.longest == 4
    assert built.frequencies(["推进法治政府建设"]) == {
        "法": 9,
        "法治": 7,
        "法治政府": 11,
        "政府": 4,
    }
    assert built.frequencies(["依法行政"]) == {"法": 9, "依法行政": 3}
    assert built.frequencies(["无关"]) == {}
    (tmp_path / "other.txt").write_text("法治\t30\tn\n", encoding="utf-8")
    with pytest.raises(ValueError):
        lexicon.Lexicon.build(str(tmp_path / "other.txt"), [])


def test_without_rjiebas_extension_on_its_own_the_dictionary_is_loaded(
    fresh_process: Path, monkeypatch
):
    """An rjieba laid out otherwise (no `Jieba.empty` to be had) costs speed, never words."""
    edited = REPORT.replace("学法", "守法")
    expected = [t.text for t in segment(edited)]
    _edited_twice(fresh_process, monkeypatch)
    _new_process(monkeypatch, loadable=True)
    monkeypatch.setattr(lexicon, "_empty_segmenter", lambda: None)
    assert _words(edited, "r.txt")[0] == expected
    assert tokens._loaded is not None
