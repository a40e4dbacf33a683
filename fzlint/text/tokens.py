"""Word segmentation (jieba) with offsets, for rules that compare words rather than characters.

The segmenter is loaded on the first call of `segment`, once per process, so a run whose rules
never ask for words pays nothing. It is jieba's algorithm and dictionary through rjieba (jieba-rs),
whose dictionary loads eight times faster, or Python jieba where rjieba is missing (a private
`jieba.Tokenizer`, kept quiet), extended with the user dictionary `rules/data/userdict.txt`: government and legal terms such as
法治政府, 第一责任人 and 双随机、一公开 stay one word. jieba never joins across punctuation, so
dictionary terms that contain punctuation (双随机、一公开) are cut out before jieba sees the text.

A report's words are kept between runs, line by line (`words_kept_for`): an edited report is
segmented again only in the lines that changed, and loading the segmenter (~0.1 s, most of a run
on one report) is skipped when none did. When a few did, they are segmented by a segmenter built
for them alone from the lexicon kept in the cache folder (fzlint.text.lexicon), which cuts them
exactly as the full one would.
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
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Protocol, overload

from fzlint import derived
from fzlint import rules as shipped
from fzlint.diagnostics import Span
from fzlint.text import lexicon
from fzlint.text.lexicon import Lexicon
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
    return shipped.path(USER_DICTIONARY)


def user_terms() -> tuple[str, ...]:
    """The terms of the shipped user dictionary, in file order."""
    with open(shipped.path(USER_DICTIONARY), encoding="utf-8") as file:
        text = file.read()
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
        # each term at the frequency jieba suggests for it (what a lexicon is built with)
        self.frequencies = tuple((term, rjieba.add_word(term, None, None)) for term in terms)

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
def _protection() -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """The user terms the segmenter can keep whole (added to its dictionary), and a pattern of
    those it cannot, which are cut out before it sees the text."""
    protected = []
    joinable = []
    for term in user_terms():
        (joinable if _JIEBA_BLOCK.match(term) else protected).append(term)
    protected.sort(key=len, reverse=True)
    pattern = compile_kept("|".join(map(re.escape, protected))) if protected else None
    return tuple(joinable), pattern


_loaded: _Engine | None = None


def _segmenter() -> _Engine:
    """The segmenter, loaded on first use (once per process)."""
    global _loaded
    if _loaded is None:
        _loaded = make_engine(_protection()[0])
    return _loaded


def _segmenter_loaded() -> _Engine | None:
    """The segmenter, if this process has loaded it."""
    return _loaded


def load_segmenter() -> None:
    """Load the segmenter and its dictionary now (before worker processes are forked)."""
    _segmenter()


def common_words() -> frozenset[str]:
    """Words of two characters or more that jieba's dictionary counts 1,000 times or more
    (`rules/data/common-words.txt`, checked against jieba's dict.txt by the tests)."""
    return _common()[0]


def _common_pairs() -> frozenset[str]:
    """Every two adjacent characters of a common word."""
    return _common()[1]


@cache
def _common() -> tuple[frozenset[str], frozenset[str]]:
    """`common_words` and `_common_pairs`, kept in the cache folder: making them takes ~3 ms of
    an edited report's run (a comma or a line break between two Han characters asks for them),
    reading them back a tenth of that."""
    with open(shipped.path(COMMON_WORDS), "rb") as file:
        data = file.read()
    entry = None
    if derived.path() is not None:
        key = hashlib.sha256(b"common\0" + derived.source_digest().encode() + b"\0" + data)
        entry = derived.path("lexicon", f"{key.hexdigest()}.marshal")
        kept = derived.read(entry) if entry is not None else None
        if (
            type(kept) is tuple
            and len(kept) == 2
            and type(kept[0]) is frozenset
            and type(kept[1]) is frozenset
        ):
            return kept
    text = data.decode("utf-8")
    words = frozenset(line for line in text.splitlines() if line and not line.startswith("#"))
    pairs = frozenset(word[i : i + 2] for word in words for i in range(len(word) - 1))
    if entry is not None:
        derived.write(entry, (words, pairs))
    return words, pairs


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
    for word in _segmenter().cut(text) if kept is None else kept.cut(text):
        end = position + len(word)
        if position < cut < end:
            return word if word in common_words() else None
        position = end
    return None


def words_of(text: str, cut: Callable[[str], list[str]] | None = None) -> list[str]:
    """The words of `text` in order, white space and punctuation as words of their own: they tile
    the text. A plain list, as the duplicate rules read thousands of words. `cut` is the
    segmenter's (by default the one of `_segmenter`)."""
    if not text:
        return []
    if cut is None:
        cut = _segmenter().cut
    protected = _protection()[1]
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
        with open(shipped.path(USER_DICTIONARY), "rb") as file:
            terms = file.read()
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
        # the texts the full segmenter cut in this run (a new lexicon is checked against them)
        self.cut_fully: list[str] = []
        # whether words were kept for the report before this run: it is being edited
        self.had_entry = False

    def _found(self, part: int, text: str) -> tuple[str, ...] | None:
        """The words kept for `text`, if the entry holds a segmentation of exactly that text (a
        damaged or unexpected entry holds none)."""
        if self._kept is None:
            data = derived.read(self.entry)
            self.had_entry = type(data) is tuple and len(data) == 2
            self._kept = data if self.had_entry else ({}, {})
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

    def _known(self, part: int, seen: dict[str, tuple[str, ...]], text: str) -> bool:
        """Whether the words of `text` are in `seen` (this run's), once those kept (part 0 lines,
        1 cuts) are added to it."""
        if text in seen:
            return True
        words = self._found(part, text)
        if words is None:
            return False
        seen[text] = words
        return True

    def document(self, text: str) -> list[str]:
        """The words of a report's `text`, line by line: the lines not kept are segmented
        together (see `_cutter`)."""
        lines = text.split("\n")
        seen = self.lines
        missing = [line for line in dict.fromkeys(lines) if line and not self._known(0, seen, line)]
        if missing:
            cut = self._cutter(missing)
            for line in missing:
                seen[line] = tuple(words_of(line, cut))
        words: list[str] = []
        for number, line in enumerate(lines):
            if number:
                words.append("\n")
            if line:
                words.extend(seen[line])
        return words

    def cut(self, text: str) -> tuple[str, ...]:
        """The segmenter's words of `text` (for `word_across`)."""
        if not self._known(1, self.cuts, text):
            self.cuts[text] = tuple(self._cutter([text])(text))
        return self.cuts[text]

    def _cutter(self, texts: list[str]) -> Callable[[str], list[str]]:
        """What segments `texts`, which are not kept: the segmenter, once this process has loaded
        it; before that, one built for these texts alone from the kept lexicon (fzlint.text.lexicon),
        while the texts are few."""
        self.missed = True
        if _segmenter_loaded() is None:
            engine = _partial_segmenter(texts)
            if engine is not None:
                return lambda text: engine.cut(text, False)
        self.cut_fully.extend(texts)
        return _segmenter().cut

    def save(self) -> None:
        dictionary = _dictionary()
        loaded = _segmenter_loaded()
        # named after the segmenter `_dictionary` foresaw: rjieba's may fail to load, leaving
        # jieba (a segmenter built from the lexicon is rjieba's)
        if self.missed and dictionary and (loaded is None or loaded.name == dictionary[0]):
            derived.write(self.entry, (_compact(self.lines), _compact(self.cuts)))
        # a lexicon costs ~0.2 s to build: built only where an edit will use it, in a run on a
        # report linted before (not in every run of CI on a fresh cache folder)
        if self.cut_fully and loaded is not None and self.had_entry:
            _keep_lexicon(loaded, self.cut_fully)


# Characters of text a process segments with segmenters built from the lexicon before it loads the
# full one: building costs ~0.04 ms a character (most of it finding the text's dictionary words),
# loading ~0.1 s, so past a few thousand characters loading pays.
_PARTIAL_CHARACTERS = 3000
# Characters of a run's text a new lexicon is checked on: enough lines to meet hundreds of words,
# for ~50 ms once per cache folder.
_CHECKED_CHARACTERS = 1500
_partial_left = _PARTIAL_CHARACTERS


@cache
def _jieba_dictionary() -> tuple[str, list[tuple[str, int, int]]] | None:
    """jieba's dictionary file (the one rjieba embeds) and its package's files, by name, size and
    modification time; None without jieba."""
    from importlib.util import find_spec

    try:
        spec = find_spec("jieba")
        files = _package_files("jieba")
    except (ImportError, ValueError, OSError):
        return None
    if spec is None or not spec.submodule_search_locations or files is None:
        return None
    path = os.path.join(next(iter(spec.submodule_search_locations)), "dict.txt")
    return (path, files) if os.path.isfile(path) else None


def _lexicon_entry() -> str | None:
    """Where the lexicon for this segmenter is kept, or None when there is to be none: no cache
    folder, or a segmenter other than rjieba."""
    if derived.path() is None:
        return None
    dictionary = _dictionary()
    source = _jieba_dictionary()
    if dictionary is None or dictionary[0] != "rjieba" or source is None:
        return None
    key = f"lexicon\0{derived.source_digest()}\0{dictionary[1]}\0{source[1]!r}"
    return derived.path("lexicon", f"{hashlib.sha256(key.encode()).hexdigest()}.marshal")


_lexicons: dict[str, Lexicon | bool | None] = {}


def _kept_lexicon() -> Lexicon | bool | None:
    """The kept lexicon (read once per process), False if it is kept as unusable, None if none is
    kept."""
    entry = _lexicon_entry()
    if entry is None:
        return False
    if entry not in _lexicons:
        _lexicons[entry] = lexicon.read(entry)
    return _lexicons[entry]


def _partial_segmenter(texts: list[str]) -> Any | None:
    """A segmenter built from the kept lexicon that cuts `texts` as the full one would; None when
    there is no lexicon or this process has segmented enough text so (then load the full one)."""
    global _partial_left
    size = sum(map(len, texts))
    if size > _partial_left:
        return None
    kept = _kept_lexicon()
    if not isinstance(kept, Lexicon):
        return None
    engine = kept.segmenter(texts)
    if engine is not None:
        _partial_left -= size
    return engine


def _keep_lexicon(engine: _Engine, texts: list[str]) -> None:
    """Build and keep the lexicon when none is kept, from jieba's dictionary and the user terms at
    the frequencies `engine` (the full segmenter) gave them, once segmenters built from it cut the
    first of `texts` as `engine` did; else keep that it is unusable."""
    entry = _lexicon_entry()
    terms = getattr(engine, "frequencies", None)
    if entry is None or _kept_lexicon() is not None or not terms:
        return
    if not all(type(frequency) is int for _, frequency in terms):
        return  # an rjieba whose add_word does not tell the frequency it gave
    source = _jieba_dictionary()
    assert source is not None  # else there is no entry
    try:
        built = Lexicon.build(source[0], terms)
    except (OSError, ValueError):
        return
    checked: list[str] = []
    for text in texts:
        if sum(map(len, checked)) >= _CHECKED_CHARACTERS:
            break
        checked.append(text)
    usable = lexicon.verified(built, engine.cut, checked)
    lexicon.write(entry, built if usable else None)
    _lexicons[entry] = built if usable else False


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
    return kept.document(text)
