"""Word segmentation (jieba) with offsets, for rules that compare words rather than characters.

The segmenter is loaded on the first call of `segment`, once per process, so a run whose rules
never ask for words pays nothing. It is jieba's algorithm and dictionary through rjieba (jieba-rs),
whose dictionary loads eight times faster, or Python jieba where rjieba is missing (a private
`jieba.Tokenizer`, kept quiet), extended with the user dictionary `rules/data/userdict.txt`: government and legal terms such as
法治政府, 第一责任人 and 双随机、一公开 stay one word. jieba never joins across punctuation, so
dictionary terms that contain punctuation (双随机、一公开) are cut out before jieba sees the text.

A report's words are kept between runs, line by line (`words_kept_for`): an edited report is
segmented again only in the lines that changed, and loading the segmenter (~0.11 s, most of a run
on one report) is skipped when none did.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Protocol, overload

from fzlint import derived
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
    name: str

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]: ...
    def cut(self, text: str) -> list[str]: ...


class _RJieba:
    """jieba-rs through rjieba: the same dictionary and algorithm as jieba, loaded in ~0.15 s
    instead of ~1.2 s (tests/test_tokens.py checks that both segment alike). rjieba's module-level
    segmenter is used: building a second one would load the dictionary twice."""

    name = "rjieba"

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

    name = "jieba"

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
    kept = _kept_words
    text = left + right
    for word in _segmenter().engine.cut(text) if kept is None else kept.cut(text):
        end = position + len(word)
        if position < cut < end:
            return word if word in common_words() else None
        position = end
    return None


def words_of(text: str) -> list[str]:
    """The words of `text` in order, white space and punctuation as words of their own: they tile
    the text. A plain list, as the duplicate rules read thousands of words."""
    if not text:
        return []
    segmenter = _segmenter()
    cut = segmenter.engine.cut
    protected = segmenter.protected
    match = protected.search(text) if protected is not None else None
    if match is None:
        # most reports hold no protected term: the segmenter's own list is the answer
        return cut(text)
    words: list[str] = []
    position = 0
    while match is not None:
        if match.start() > position:
            words.extend(cut(text[position : match.start()]))
        words.append(match.group())
        position = match.end()
        match = protected.search(text, position)
    if position < len(text):
        words.extend(cut(text[position:]))
    return words


def _starts_of(words: list[str]) -> list[int]:
    """The offset at which each of `words` starts in the text they tile."""
    starts = [0, *accumulate(map(len, words))]
    starts.pop()
    return starts


def segment_words(text: str) -> tuple[list[str], list[int]]:
    """The words of `text` (`words_of`) and the offset at which each starts."""
    words = words_of(text)
    return words, _starts_of(words)


def segment(text: str) -> list[Token]:
    """The words of `text` in order, white space and punctuation included as their own tokens."""
    words, starts = segment_words(text)
    return [Token(w, Span(s, s + len(w))) for w, s in zip(words, starts, strict=True)]


class Tokens(Sequence[Token]):
    """A document's words with offsets into `Document.text`; `within` slices by span. The words
    tile the text, as `segment_words` gives them: `starts[i + 1] == starts[i] + len(words[i])`."""

    def __init__(self, words: list[str], starts: list[int] | None = None) -> None:
        self.words = words
        # Where the words start and end is worked out on first use (`_bounds`): the rules read the
        # words only (ContentWords keeps offsets of its own), and adding up the lengths of
        # thousands of words costs a sixth of segmenting them.
        self._given_starts = starts
        self._starts: list[int] = []
        self._ends: list[int] = []

    @classmethod
    def of(cls, doc: Document) -> Tokens:
        return cls(_document_words(doc))

    def _bounds(self) -> tuple[list[int], list[int]]:
        """The words' starts and ends, worked out once."""
        if self._starts or not self.words:
            return self._starts, self._ends
        words = self.words
        starts = self._given_starts
        if starts is None:
            starts = _starts_of(words)
        # The words tile the text, so each ends where the next starts: slicing is ~6x cheaper
        # than adding up the lengths again.
        self._starts = starts
        self._ends = [*starts[1:], starts[-1] + len(words[-1])]
        return starts, self._ends

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Token]: ...
    def __getitem__(self, index: int | slice) -> Token | Sequence[Token]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.words)))]
        starts, ends = self._bounds()
        return Token(self.words[index], Span(starts[index], ends[index]))

    def __len__(self) -> int:
        return len(self.words)

    def range_within(self, span: Span) -> range:
        """The indexes of the tokens lying wholly inside `span`."""
        starts, ends = self._bounds()
        first = bisect.bisect_left(starts, span.start)
        last = bisect.bisect_right(ends, span.end)
        return range(first, max(first, last))

    def within(self, span: Span) -> Sequence[Token]:
        """The tokens lying wholly inside `span`."""
        found = self.range_within(span)
        return self[found.start : found.stop]


# --- a document's words kept between runs --------------------------------------------------------
#
# An editor or a pre-commit hook lints one report again and again as it is edited: most of its
# lines are unchanged, and segmenting them again needs the segmenter, whose dictionary takes longer
# to load than the rest of the run. So each report's words are kept line by line in one entry of
# the cache folder (fzlint.derived: believed only when nobody else could have written it,
# checksummed, pruned with the rest, never kept under --no-cache), named by the report's path and
# the segmenter's dictionary, and read back by each line's text: a line found there has exactly the
# words it had, as segmentation never joins across a line break ("\n" is a word of its own, and no
# protected term holds one). The few short texts `word_across` segments are kept beside them. A
# report over `_KEPT_CHARACTERS` is not kept: its entry would cost more to rewrite on every edit
# than its changed lines cost to segment.

_WORDS_FORMAT = 1
_KEPT_CHARACTERS = 1_000_000


def _package_files(name: str) -> list[tuple[str, int, int]] | None:
    """The files of an installed package, by name, size and modification time (what an upgrade
    changes), or None when it is not installed. Found without importing it."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    files = []
    for folder in spec.submodule_search_locations:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_file():
                    status = entry.stat()
                    files.append((entry.name, status.st_size, status.st_mtime_ns))
    return sorted(files)


@cache
def _dictionary() -> tuple[str, str] | None:
    """The segmenter `make_engine` will load ("rjieba" or "jieba") and a digest of what decides its
    words besides fzlint's own code: its package's files (its dictionary is among them) and the user
    dictionary; None when it cannot be told (words are then not kept)."""
    for name in ("rjieba", "jieba"):
        try:
            files = _package_files(name)
        except OSError:
            return None
        if files is not None:
            break
    else:
        return None
    try:
        terms = resources.files("fzlint.rules").joinpath(USER_DICTIONARY).read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(f"{name}\0{files!r}\0".encode())
    digest.update(terms)
    return name, digest.hexdigest()


def _words_entry(path: str) -> str | None:
    """Where the words of the report at `path` are kept, or None when they are not."""
    if derived.path() is None:
        return None
    dictionary = _dictionary()
    if dictionary is None:
        return None
    key = f"{_WORDS_FORMAT}\0{derived.source_digest()}\0{dictionary[1]}\0{os.path.abspath(path)}"
    return derived.path("words", f"{hashlib.sha256(key.encode()).hexdigest()}.marshal")


class _KeptWords:
    """The words kept for one report, read on first use, and those of this run, written back when
    any text had to be segmented (else the entry already holds them all)."""

    def __init__(self, path: str, entry: str) -> None:
        self.path = path
        self.entry = entry
        self._kept: tuple[Any, Any] | None = None
        # what this run read: text -> words, for the report's lines and for `word_across`
        self.lines: dict[str, tuple[str, ...]] = {}
        self.cuts: dict[str, tuple[str, ...]] = {}
        self.missed = False

    def _found(self, part: int, text: str) -> tuple[str, ...] | None:
        """The words kept for `text`, if the entry holds a segmentation of exactly that text (a
        damaged or unexpected entry holds none)."""
        if self._kept is None:
            data = derived.read(self.entry)
            self._kept = data if type(data) is tuple and len(data) == 2 else ({}, {})
        try:
            kept = self._kept[part].get(text)
            if type(kept) is bytes and sum(kept) == len(text):
                ends = list(accumulate(kept))
                return tuple(text[end - size : end] for end, size in zip(ends, kept, strict=True))
            if type(kept) is tuple and "".join(kept) == text:
                return kept
        except (AttributeError, TypeError):
            pass
        return None

    def line(self, line: str) -> tuple[str, ...]:
        return self._words(0, self.lines, line, words_of)

    def cut(self, text: str) -> tuple[str, ...]:
        return self._words(1, self.cuts, text, lambda text: _segmenter().engine.cut(text))

    def _words(
        self,
        part: int,
        seen: dict[str, tuple[str, ...]],
        text: str,
        segment: Callable[[str], Iterable[str]],
    ) -> tuple[str, ...]:
        """The words of `text`: seen in this run, kept in the entry (part 0 lines, 1 cuts), or
        segmented now (and the entry then is to be written again)."""
        words = seen.get(text)
        if words is None:
            words = self._found(part, text)
            if words is None:
                words = tuple(segment(text))
                self.missed = True
            seen[text] = words
        return words

    def save(self) -> None:
        dictionary = _dictionary()
        # named after the segmenter `_dictionary` foresaw: rjieba's may fail to load, leaving jieba
        if self.missed and dictionary and _segmenter().engine.name == dictionary[0]:
            derived.write(self.entry, (_compact(self.lines), _compact(self.cuts)))


def _compact(texts: dict[str, tuple[str, ...]]) -> dict[str, bytes | tuple[str, ...]]:
    """Each text's words as their lengths, one byte each (a third of the entry that the words
    themselves make), or as the words where one is longer than a byte counts."""
    compact: dict[str, bytes | tuple[str, ...]] = {}
    for text, words in texts.items():
        try:
            compact[text] = bytes(map(len, words))
        except ValueError:
            compact[text] = words
    return compact


_kept_words: _KeptWords | None = None


@contextmanager
def words_kept_for(path: str) -> Iterator[None]:
    """While the report at `path` is linted, its words are read from those kept for it, and kept
    for the next run when the cache folder keeps derived data (see above)."""
    global _kept_words
    entry = _words_entry(path)
    if entry is None:
        yield
        return
    _kept_words = _KeptWords(path, entry)
    try:
        yield
    finally:
        kept, _kept_words = _kept_words, None
        kept.save()


def _document_words(doc: Document) -> list[str]:
    """`words_of(doc.text)`, line by line from the words kept for it when there are some."""
    kept = _kept_words
    text = doc.text
    if kept is None or kept.path != doc.path or len(text) > _KEPT_CHARACTERS:
        return words_of(text)
    words: list[str] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            words.append("\n")
        if line:
            words.extend(kept.line(line))
    return words
