"""Word segmentation (jieba) with offsets, for rules that compare words rather than characters.

The segmenter is loaded on the first call of `segment`, once per process, so a run whose rules
never ask for words pays nothing. It is jieba's algorithm and dictionary through rjieba (jieba-rs),
whose dictionary loads eight times faster, or Python jieba where rjieba is missing (a private
`jieba.Tokenizer`, kept quiet), extended with the user dictionary `rules/data/userdict.txt`: government and legal terms such as
法治政府, 第一责任人 and 双随机、一公开 stay one word. jieba never joins across punctuation, so
dictionary terms that contain punctuation (双随机、一公开) are cut out before jieba sees the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate
from typing import TYPE_CHECKING, Protocol, overload

from fzlint.diagnostics import Span
from fzlint.text.regex import compile_kept

if TYPE_CHECKING:
    from fzlint.document.source import Document

USER_DICTIONARY = "data/userdict.txt"
COMMON_WORDS = "data/common-words.txt"
# jieba's dictionary frequency from which a word counts as common (see `common_words`).
COMMON_WORD_FREQUENCY = 1000
# The characters jieba keeps inside one block (its `re_han_default`); a term with any other
# character (、 “ ”) can only stay whole if fzlint cuts it out first.
_JIEBA_BLOCK = compile_kept(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")


@dataclass(frozen=True, slots=True)
class Token:
    """One word; `span` is in code points of the text that was segmented."""

    text: str
    span: Span


def user_dictionary_path() -> str:
    return str(resources.files("fzlint.rules").joinpath(USER_DICTIONARY))


def user_terms() -> tuple[str, ...]:
    """The terms of the shipped user dictionary, in file order."""
    text = resources.files("fzlint.rules").joinpath(USER_DICTIONARY).read_text(encoding="utf-8")
    terms = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms.append(line.split()[0])
    return tuple(terms)


class _Engine(Protocol):
    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]: ...
    def cut(self, text: str) -> list[str]: ...


class _RJieba:
    """jieba-rs through rjieba: the same dictionary and algorithm as jieba, loaded in ~0.15 s
    instead of ~1.2 s (tests/test_tokens.py checks that both segment alike). rjieba's module-level
    segmenter is used: building a second one would load the dictionary twice."""

    def __init__(self, terms: Iterable[str]) -> None:
        import rjieba

        self._engine = rjieba
        for term in terms:
            rjieba.add_word(term, None, None)

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]:
        return self._engine.tokenize(text, "default", False)

    def cut(self, text: str) -> list[str]:
        return self._engine.cut(text, False)


class _Jieba:
    """Python jieba, where no rjieba wheel is installed."""

    def __init__(self, terms: Iterable[str]) -> None:
        import logging

        import jieba

        jieba.setLogLevel(logging.CRITICAL)
        self._tokenizer = jieba.Tokenizer()
        for term in terms:
            self._tokenizer.add_word(term)

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]:
        return self._tokenizer.tokenize(text, HMM=False)

    def cut(self, text: str) -> list[str]:
        return self._tokenizer.lcut(text, HMM=False)


@dataclass(frozen=True, slots=True)
class _Segmenter:
    engine: _Engine
    protected: re.Pattern[str] | None


def make_engine(terms: Iterable[str], prefer_rust: bool = True) -> _Engine:
    """A segmenter with `terms` added to its dictionary. HMM guessing of unknown words is off:
    it is where the two implementations differ (on digit-hyphen runs), and report wording is
    dictionary wording."""
    if prefer_rust:
        try:
            return _RJieba(terms)
        except ImportError:
            pass
    return _Jieba(terms)


@cache
def _segmenter() -> _Segmenter:
    protected = []
    joinable = []
    for term in user_terms():
        (joinable if _JIEBA_BLOCK.match(term) else protected).append(term)
    protected.sort(key=len, reverse=True)
    pattern = compile_kept("|".join(map(re.escape, protected))) if protected else None
    return _Segmenter(make_engine(joinable), pattern)


def load_segmenter() -> None:
    """Load the segmenter and its dictionary now (before worker processes are forked)."""
    _segmenter()


@cache
def common_words() -> frozenset[str]:
    """Words of two characters or more that jieba's dictionary counts 1,000 times or more
    (`rules/data/common-words.txt`, checked against jieba's dict.txt by the tests)."""
    text = resources.files("fzlint.rules").joinpath(COMMON_WORDS).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@cache
def _common_pairs() -> frozenset[str]:
    """Every two adjacent characters of a common word."""
    return frozenset(word[i : i + 2] for word in common_words() for i in range(len(word) - 1))


def word_across(left: str, right: str) -> str | None:
    """The common word that starts in `left` and ends in `right` when `left + right` is segmented
    (在全|体 → 全体), if any: the two pieces were cut apart inside a word. Rare dictionary
    entries (中将, 深入开展) join the end of one clause to the start of the next by accident, so
    only common words count."""
    if not left or not right or left[-1] + right[0] not in _common_pairs():
        # no common word holds the two characters either side of the cut: none can span it, and
        # the segmenter (its dictionary) is not needed to say so
        return None
    return _word_across(left, right)


def _word_across(left: str, right: str) -> str | None:
    """`word_across` by segmenting `left + right`."""
    cut = len(left)
    position = 0
    for word in _segmenter().engine.cut(left + right):
        end = position + len(word)
        if position < cut < end:
            return word if word in common_words() else None
        position = end
    return None


def segment_words(text: str) -> tuple[list[str], list[int]]:
    """The words of `text` in order (white space and punctuation as words of their own) and the
    offset at which each starts: plain lists, as the duplicate rules read thousands of words."""
    if not text:
        return [], []
    segmenter = _segmenter()
    cut = segmenter.engine.cut
    words: list[str] = []
    position = 0
    if segmenter.protected is not None:
        for match in segmenter.protected.finditer(text):
            if match.start() > position:
                words.extend(cut(text[position : match.start()]))
            words.append(match.group())
            position = match.end()
    if position < len(text):
        words.extend(cut(text[position:]))
    starts = [0, *accumulate(map(len, words))]
    starts.pop()
    return words, starts


def segment(text: str) -> list[Token]:
    """The words of `text` in order, white space and punctuation included as their own tokens."""
    words, starts = segment_words(text)
    return [Token(w, Span(s, s + len(w))) for w, s in zip(words, starts, strict=True)]


class Tokens(Sequence[Token]):
    """A document's words with offsets into `Document.text`; `within` slices by span."""

    def __init__(self, words: list[str], starts: list[int]) -> None:
        self.words = words
        self._starts = starts
        self._ends = [start + len(word) for word, start in zip(words, starts, strict=True)]

    @classmethod
    def of(cls, doc: Document) -> Tokens:
        return cls(*segment_words(doc.text))

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Token]: ...
    def __getitem__(self, index: int | slice) -> Token | Sequence[Token]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.words)))]
        return Token(self.words[index], Span(self._starts[index], self._ends[index]))

    def __len__(self) -> int:
        return len(self.words)

    def range_within(self, span: Span) -> range:
        """The indexes of the tokens lying wholly inside `span`."""
        first = bisect.bisect_left(self._starts, span.start)
        last = bisect.bisect_right(self._ends, span.end)
        return range(first, max(first, last))

    def within(self, span: Span) -> Sequence[Token]:
        """The tokens lying wholly inside `span`."""
        found = self.range_within(span)
        return self[found.start : found.stop]
