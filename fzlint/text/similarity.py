"""How alike two items of a report are, on jieba words: the scorer of the `duplicate` rule kind.

An item is reduced to its content words: a leading ordinal (一是, 二要, （一）, (1), 1., 1、, 第一，,
①) is cut off, and punctuation, white space and filler words (的, 了, 和, 进一步, 切实 …) are
dropped. Two items are then compared as word multisets A and B:

    overlap     = |A ∩ B|                      (multiset intersection)
    jaccard     = overlap / |A ∪ B|
    containment = overlap / min(|A|, |B|)
    score       = (jaccard + containment) / 2

An exact repeat scores 1.0. A repeat with a few words changed keeps a high containment and a
slightly lower Jaccard (≈ 0.8–0.95). A shorter item copied into a longer one (the same event told
again with more detail) keeps containment near 1 while Jaccard falls with the length ratio, so the
blend ranks it between the two. Two items on the same theme that say different things share a
word or two (加强, 法治), so both measures stay low.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from fzlint.diagnostics import Span
from fzlint.text.regex import compile_kept

_NUMERAL = "一二三四五六七八九十"
# Ordinals that open an item: 一是 / 二要 / 第三， / （一） / (1) / 1. / 1、 / 一、 / ①.
ORDINAL = compile_kept(
    rf"""[\s\u3000]*(?:
        [{_NUMERAL}]{{1,3}}(?:是要|是|要)
      | 第[{_NUMERAL}]{{1,3}}[，,、：:]?
      | [（(][{_NUMERAL}\d０-９]{{1,3}}[）)]
      | [\d０-９]{{1,3}}(?:[.．、](?!\d)|\s)
      | [{_NUMERAL}]{{1,3}}[、.．]
      | [\u2460-\u2473\u2776-\u277f]
    )[\s\u3000]*""",
    re.VERBOSE,
)
# Words that carry no content of their own in these reports: particles, conjunctions and the
# intensifiers every item is garnished with. Dropping them keeps two items with the same content
# but different garnish (切实加强 / 进一步加强) together.
_FILLER_WORDS = (
    "的 地 得 了 着 和 与 及 以及 并 并且 或 等 等等 是 在 对 把 将 要 为 由 从 于 以 之 其 "
    "我 我们 我镇 我县 我区 我市 我局 本镇 全镇 各 各项 有关 相关 "
    "进一步 不断 切实 认真 积极 努力 着力 大力 深入 持续 继续 全面 扎实 有效 坚持 "
    "更加 更 加快 着重 力求 力争 充分 主动 及时 严格"
)
FILLER = frozenset(_FILLER_WORDS.split())


# Verbs that drafts use interchangeably for the same commitment (健全/完善, 落实/严格执行): mapped
# to one form so that swapping them does not hide a repeat.
SYNONYMS: dict[str, str] = {
    word: head
    for head, words in {
        "完善": "健全 建立健全 健全完善 完善健全",
        "落实": "全面落实 严格落实 严格执行 执行 压实 贯彻落实 认真落实 贯彻执行",
        "推进": "推动 推行 全面推行 深入推进 全面推进 持续推进 开展 深入开展 积极开展 大力推进 扎实推进",
        "加强": "强化 加大 切实加强 全面加强",
        "提高": "提升 不断提高 全面提高",
        "发挥": "充分发挥",
        "接受": "自觉接受 主动接受",
    }.items()
    for word in words.split()
}
_DATE_PART = compile_kept(r"^(?:\d+|[年月日号])$")
_DATE = compile_kept(r"^\d+[年月](?:\d+[月日号]?)*$")


def ordinal_length(text: str) -> int:
    """How many leading characters of `text` are an item ordinal (and the space after it)."""
    match = ORDINAL.match(text)
    return match.end() if match else 0


# A letter or digit of any script (str.isalnum's characters): a token without one is punctuation.
_ALNUM = compile_kept(r"[^\W_]")
# What `content_words` makes of a word, by word: a part of a date, its content form, or nothing
# (punctuation, filler). A report has a few thousand words but only a few hundred distinct ones.
_DATE_WORD = "\0date"
_FORMS: dict[str, str | None] = {}


def _form(word: str) -> str | None:
    if word in _FORMS:
        return _FORMS[word]
    form: str | None
    if _DATE_PART.match(word):
        form = _DATE_WORD
    elif _ALNUM.search(word) is not None and word not in FILLER:
        form = SYNONYMS.get(word, word)
    else:
        form = None
    if len(_FORMS) < 200_000:
        _FORMS[word] = form
    return form


def content_words(words: Iterable[str]) -> tuple[str, ...]:
    """The content words of `words` (a segmented text): no punctuation, white space or filler;
    interchangeable verbs in one form; a date (11月19日, jieba's 11 / 月 / 19 / 日) as one word,
    so that two dates do not match on 月 and 日."""
    return tuple(_units(list(words))[0])


def _units(words: Sequence[str]) -> tuple[list[str], list[int], list[int]]:
    """The content words of `words`, and for each the index of its first word and one past its
    last (a date joins several)."""
    found: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    date = ""
    date_start = 0
    forms = _FORMS
    for index, word in enumerate(words):
        form = forms[word] if word in forms else _form(word)
        if form is _DATE_WORD and (date or word[0].isdigit()):
            if not date:
                date_start = index
            date += word
            continue
        if date:
            found.append(date)
            starts.append(date_start)
            ends.append(index)
            date = ""
        if form is not None and form is not _DATE_WORD:
            found.append(form)
        elif form is _DATE_WORD and _ALNUM.search(word) is not None and word not in FILLER:
            # 年 or 月 outside a date is a word like any other
            found.append(SYNONYMS.get(word, word))
        else:
            continue
        starts.append(index)
        ends.append(index + 1)
    if date:
        found.append(date)
        starts.append(date_start)
        ends.append(len(words))
    return found, starts, ends


class ContentWords:
    """The content words of a whole segmented text, each with the words it came from: the
    content words of a run of its words are then a slice, not a new pass over the run."""

    def __init__(self, words: Sequence[str]) -> None:
        self._words = words
        self._forms, self._starts, self._ends = _units(words)

    def between(self, first: int, last: int) -> tuple[str, ...]:
        """`content_words(words[first:last])`."""
        a = bisect_left(self._starts, first)
        b = bisect_right(self._ends, last)
        # a date running across either end would be cut differently by a pass over the run
        if (a > 0 and self._ends[a - 1] > first) or (
            b < len(self._starts) and self._starts[b] < last
        ):
            return content_words(self._words[first:last])
        return tuple(self._forms[a:b]) if a < b else ()


@dataclass(frozen=True, slots=True)
class Item:
    """A unit compared for repeats: its whole span (for the finding), the span of its text after
    the ordinal, the ordinal as written, its content words, and a key that must be equal for two
    items to be compared (the date of a dated event; empty otherwise)."""

    span: Span
    text_span: Span
    ordinal: str
    words: tuple[str, ...]
    key: str = ""
    # Characters of content: what `min_length` is measured in, and the weight scores divide by
    # (read for every candidate pair, so computed once).
    length: int = field(init=False, compare=False)
    # Each content word and how often it occurs: what a CandidateIndex compares, counted once per
    # item (the items of a document are shared by the rules that compare them).
    counts: dict[str, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "length", sum(map(len, self.words)))
        object.__setattr__(self, "counts", Counter(self.words))


def _weight(words: Counter[str]) -> int:
    return sum(len(word) * count for word, count in words.items())


def blend(overlap: int, weight_a: int, weight_b: int) -> float:
    """The score from the weight two items share and their own weights (|A ∪ B| = |A| + |B| −
    |A ∩ B| for multisets)."""
    if not overlap:
        return 0.0
    jaccard = overlap / (weight_a + weight_b - overlap)
    containment = overlap / min(weight_a, weight_b)
    return (jaccard + containment) / 2


def score(a: Sequence[str], b: Sequence[str]) -> float:
    """The blend of Jaccard and containment on word multisets described in the module docstring."""
    ca, cb = Counter(a), Counter(b)
    return blend(_weight(ca & cb), _weight(ca), _weight(cb))


class OverlapIndex:
    """Items added so far, by word: a new item is scored only against the items it shares a word
    with, and their shared weight is summed from the postings instead of pair by pair."""

    def __init__(self) -> None:
        self._postings: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def add(self, position: int, words: Sequence[str]) -> None:
        for word, count in Counter(words).items():
            self._postings[word].append((position, count))

    def shared(self, words: Sequence[str]) -> dict[int, int]:
        """Position of each added item sharing a word with `words` → the weight they share."""
        found: dict[int, int] = defaultdict(int)
        for word, count in Counter(words).items():
            for position, other in self._postings.get(word, ()):
                found[position] += len(word) * min(count, other)
        return found


def minimum_overlap(threshold: float) -> float:
    """The share of the larger item's weight that two items scoring `threshold` or more must share.

    The score is at most the containment C, so C ≥ t, and Jaccard J ≥ 2t − C ≥ 2t − 1. As
    |A ∪ B| ≥ max(|A|, |B|), the overlap |A ∩ B| = J · |A ∪ B| ≥ (2t − 1) · max(|A|, |B|).
    """
    return max(0.0, 2 * threshold - 1)


class CandidateIndex:
    """The pairs of a group of items that can score `threshold` or more, found by prefix
    filtering: two such items share at least `minimum_overlap` of each one's weight, so each
    item is indexed only by a prefix of its words in rarest-first order, the shortest prefix
    whose remaining words weigh less than that share; two items whose prefixes share no word
    cannot reach the threshold. Common words (法治, 加强) fall outside the prefixes, so an item is
    scored against a handful of others instead of every item that mentions 法治. The result is
    exact: it leaves out only pairs that score below the threshold."""

    def __init__(self, items: Sequence[Item], threshold: float) -> None:
        self._share = share = minimum_overlap(threshold) - 1e-9
        self._counts = counts = [item.counts for item in items]
        self._weights = [item.length for item in items]
        frequency: Counter[str] = Counter()
        for each in counts:
            frequency.update(each.keys())
        # rarest first; the word itself breaks ties, so that the order is one total order
        order = sorted(frequency, key=lambda word: (frequency[word], word))
        rank = {word: i for i, word in enumerate(order)}.__getitem__
        self._prefixes = [
            _prefix(each, weight, share * weight, rank)
            for each, weight in zip(counts, self._weights, strict=True)
        ]
        self._postings: dict[str | tuple[str, int], list[int]] = defaultdict(list)

    def overlap(self, a: int, b: int) -> int:
        """The weight items `a` and `b` share (their multiset intersection)."""
        small, large = self._counts[a], self._counts[b]
        if len(small) > len(large):
            small, large = large, small
        shared = 0
        for word, count in small.items():
            other = large.get(word)
            if other:
                shared += len(word) * (count if count < other else other)
        return shared

    def candidates(self, position: int) -> Iterator[tuple[int, int]]:
        """The items indexed so far that item `position` may repeat, in order, each with the
        weight the two share; then item `position` is indexed itself."""
        postings = self._postings
        prefix = self._prefixes[position]
        found: set[int] = set()
        for token in prefix:
            if token in postings:
                found.update(postings[token])
        for token in prefix:
            postings[token].append(position)
        if not found:
            return
        weights = self._weights
        weight = weights[position]
        share = self._share
        for other in sorted(found):
            other_weight = weights[other]
            if weight < other_weight:
                if weight < share * other_weight:
                    continue
            elif other_weight < share * weight:
                continue
            yield other, self.overlap(other, position)


def _prefix(
    counts: dict[str, int], weight: int, floor: float, rank: Callable[[str], int]
) -> list[str | tuple[str, int]]:
    """The words of one item by which a CandidateIndex files it. Each occurrence is its own token
    (the word for its first, (word, k) for its k-th), so that multisets work as sets; the
    occurrences of a word follow one another in the order."""
    prefix: list[str | tuple[str, int]] = []
    remaining = weight
    for word in sorted(counts, key=rank):
        if remaining < floor:
            return prefix
        prefix.append(word)
        remaining -= len(word)
        for k in range(2, counts[word] + 1):
            if remaining < floor:
                return prefix
            prefix.append((word, k))
            remaining -= len(word)
    return prefix


def coverage(earlier: Sequence[str], later: Sequence[str]) -> float:
    """The share of `earlier`'s words (weighted by length) found in `later`: how far a planned
    item is taken up again by a later text."""
    if not earlier:
        return 0.0
    ce, cl = Counter(earlier), Counter(later)
    return _weight(ce & cl) / _weight(ce)
