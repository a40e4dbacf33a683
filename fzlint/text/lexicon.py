"""A segmenter for a few texts, built from only the dictionary words those texts hold.

Loading rjieba's segmenter means building a trie of jieba's 349,000 words: ~0.1 s, most of a run
on one edited report, which has a line or two to segment. With HMM off, how jieba cuts a text
depends on nothing but the dictionary words that occur in the text, their frequencies and the
total of all frequencies: the candidate words at each position are the dictionary words starting
there, and the cut chosen is the one with the greatest sum of ln(frequency) - ln(total). So a
segmenter whose dictionary holds exactly the words occurring in the texts, with their frequencies,
plus one filler entry no text can contain that brings the total to the full dictionary's, cuts
those texts exactly as the full segmenter does, and is built in a millisecond or two.

What it is built from, the `Lexicon`, is jieba's own dict.txt (the dictionary rjieba embeds), with
fzlint's user terms at the frequencies the full segmenter gave them, grouped by first character.
It is kept in the cache folder (fzlint.derived) by a run that loaded the full segmenter, and only
after checking that segmenters built from it cut that run's texts as the full one did: a lexicon
that does not is kept as unusable, and the full segmenter is used.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import compress, islice
from operator import eq
from typing import Any

from fzlint import derived

_FORMAT = 1
# A private-use character: jieba never puts one in a block it segments, so the filler entry that
# makes up the total is never a candidate word.
_FILLER = "\ue000"


class Lexicon:
    """jieba's dictionary, as the words starting with each character (`word frequency [tag]`
    lines, one bytes object per first character, decoded only for the characters a text holds)."""

    def __init__(self, total: int, longest: int, by_first: dict[str, bytes]) -> None:
        self.total = total
        self.longest = longest
        self.by_first = by_first

    @classmethod
    def build(cls, dictionary: str, terms: Iterable[tuple[str, int]]) -> Lexicon:
        """The lexicon of jieba's `dictionary` file (`word frequency tag` lines; a word listed
        twice takes its last frequency, as jieba reads it) with `terms` added at their frequencies,
        in order, as the full segmenter added them. Raises ValueError for another kind of file.

        Built once per cache folder, in ~0.2 s: the 349,000 lines are only split, sorted and
        joined (by C code); the few words whose line changes are found by bisection."""
        with open(dictionary, "rb") as handle:
            text = handle.read().decode("utf-8")
        lines = text.splitlines()
        fields = text.split()
        if len(fields) != 3 * len(lines) or "\t" in text:
            raise ValueError(f"{dictionary}: not a word, a frequency and a tag on each line")
        total = sum(map(int, fields[1::3]))
        lines.sort()
        words = sorted(fields[0::3])
        longest = max(map(len, words))
        # the line of each word as sorted, and its frequency: a word listed twice (jieba's
        # dictionary lists B超 twice) counts once, at the frequency of its last line in the file
        frequencies: dict[str, int] = {}
        for word in set(compress(words, map(eq, words, islice(words, 1, None)))):
            last = text.rfind(f"\n{word} ") + 1  # one of its lines at least follows another
            for line in _lines_of(lines, word):
                total -= int(line.split(" ")[1])
            frequencies[word] = int(text[last:].split(" ", 2)[1])
            total += frequencies[word]
        for term, frequency in terms:
            old = frequencies.get(term)
            if old is None:
                old = sum(int(line.split(" ")[1]) for line in _lines_of(lines, term))
            total += frequency - old
            frequencies[term] = frequency
            longest = max(longest, len(term))
        if frequencies:
            kept: list[str | None] = list(lines)
            for word in frequencies:
                index = bisect_left(lines, word + " ")
                while index < len(lines) and lines[index].startswith(word + " "):
                    kept[index] = None
                    index += 1
            lines = [line for line in kept if line is not None]
            lines.extend(f"{word} {frequency}" for word, frequency in frequencies.items())
            lines.sort()
        by_first: dict[str, bytes] = {}
        start = 0
        while start < len(lines):
            first = lines[start][0]
            end = bisect_left(lines, chr(ord(first) + 1), start)
            by_first[first] = "\n".join(lines[start:end]).encode()
            start = end
        return cls(total, longest, by_first)

    def frequencies(self, texts: Iterable[str]) -> dict[str, int]:
        """The dictionary words occurring in `texts`, with their frequencies."""
        longest = self.longest
        candidates = {
            text[start:end]
            for text in texts
            for start in range(len(text))
            for end in range(start + 1, min(start + longest, len(text)) + 1)
        }
        found: dict[str, int] = {}
        for first in {candidate[0] for candidate in candidates}:
            entries = self.by_first.get(first)
            if entries is None:
                continue
            for entry in entries.decode().split("\n"):
                word, frequency, *_ = entry.split(" ")
                if word in candidates:
                    found[word] = int(frequency)
        return found

    def segmenter(self, texts: Iterable[str]) -> Any | None:
        """An rjieba segmenter that cuts each of `texts` as the full one does, or None when
        rjieba cannot build one without loading its own dictionary."""
        make = _empty_segmenter()
        if make is None:
            return None
        engine = make()
        found = self.frequencies(texts)
        for word, frequency in found.items():
            engine.add_word(word, frequency, None)
        filler = self.total - sum(found.values())
        if filler > 0:
            engine.add_word(_FILLER, filler, None)
        return engine

    def entry(self) -> tuple[int, int, int, dict[str, bytes]]:
        return (_FORMAT, self.total, self.longest, self.by_first)

    @classmethod
    def of_entry(cls, data: Any) -> Lexicon | None:
        """The lexicon an entry holds, or None for an unusable or unexpected one."""
        if type(data) is not tuple or len(data) != 4 or data[0] != _FORMAT:
            return None
        _, total, longest, by_first = data
        if type(total) is not int or type(longest) is not int or type(by_first) is not dict:
            return None
        return cls(total, longest, by_first)


def _lines_of(lines: list[str], word: str) -> list[str]:
    """The lines of sorted `lines` that are `word`'s."""
    index = bisect_left(lines, word + " ")
    found = []
    while index < len(lines) and lines[index].startswith(word + " "):
        found.append(lines[index])
        index += 1
    return found


def _empty_segmenter() -> Any | None:
    """rjieba's `Jieba.empty`, got without running rjieba's package `__init__`, which builds the
    default segmenter (the 0.1 s this module is here to save); None when it cannot be had."""
    loaded = sys.modules.get("rjieba")
    if loaded is not None:
        return getattr(loaded.Jieba, "empty", None)
    module = sys.modules.get("rjieba.rjieba")
    if module is None:
        module = _load_extension()
    return None if module is None else getattr(getattr(module, "Jieba", None), "empty", None)


def _load_extension() -> Any | None:
    try:
        spec = importlib.util.find_spec("rjieba")
        if spec is None or not spec.submodule_search_locations:
            return None
        for folder in spec.submodule_search_locations:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = os.path.join(folder, "rjieba" + suffix)
                if os.path.isfile(path):
                    loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", path)
                    found = importlib.util.spec_from_file_location(
                        "rjieba.rjieba", path, loader=loader
                    )
                    if found is None:
                        return None
                    module = importlib.util.module_from_spec(found)
                    loader.exec_module(module)
                    # registered: a later `import rjieba` finds it instead of initialising the
                    # extension a second time (which PyO3 refuses)
                    sys.modules["rjieba.rjieba"] = module
                    return module
    except Exception:  # an rjieba laid out otherwise: the full segmenter is loaded instead
        return None
    return None


def verified(lexicon: Lexicon, cut: Any, texts: Sequence[str]) -> bool:
    """Whether segmenters built from `lexicon` cut each of `texts` as `cut` (the full
    segmenter's) does; one segmenter for them all, as a run builds one for its missed lines."""
    engine = lexicon.segmenter(texts)
    if engine is None:
        return False
    return all(engine.cut(text, False) == cut(text) for text in texts)


def read(entry: str) -> Lexicon | bool | None:
    """The lexicon kept in `entry`; False when the entry says it is unusable; None when there is
    none (or a damaged one)."""
    data = derived.read(entry)
    if data is False:
        return False
    return Lexicon.of_entry(data)


def write(entry: str, lexicon: Lexicon | None) -> None:
    """Keep `lexicon` in `entry`, or (None) that the lexicon is unusable."""
    derived.write(entry, False if lexicon is None else lexicon.entry())
