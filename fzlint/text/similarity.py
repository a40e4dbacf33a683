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

import heapq
import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain
from operator import attrgetter, le

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
# What `content_words` makes of a word, by word: a part of a date, its content form, or "" for
# nothing (punctuation, filler). The vocabulary, not a document: a report has a few thousand
# words but only a few hundred distinct ones, and most of them recur in every report, so a
# report's forms are dictionary look-ups run by `map`, and `__missing__` only sees words new to the
# process.
_DATE_WORD = "\0date"


class _Forms(dict[str, str]):
    """Word → form, filled as words are first seen."""

    def __missing__(self, word: str) -> str:
        form: str
        if _DATE_PART.match(word):
            form = _DATE_WORD
        elif _ALNUM.search(word) is not None and word not in FILLER:
            form = SYNONYMS.get(word, word)
        else:
            form = ""
        if len(self) < 200_000:
            self[word] = form
        return form


_FORMS = _Forms()


def _forms(words: Sequence[str]) -> tuple[list[str], set[int]]:
    """The content form of each of `words` ("" for none), a date joined into its first word;
    and the indexes of the other words of a date (the content words of `words` are then the
    non-empty forms, in order)."""
    forms = list(map(_FORMS.__getitem__, words))
    continued: set[int] = set()
    if _DATE_WORD in forms:
        _join_dates(words, forms, continued)
    return forms, continued


def _join_dates(words: Sequence[str], forms: list[str], continued: set[int]) -> None:
    """Replace the date parts of `forms`: a run of them opened by a number (11 / 月 / 19 / 日) is
    one date, held by its first word; 年 or 月 outside a date is a word like any other. Only
    the few date parts are visited."""
    count = len(forms)
    index = forms.index(_DATE_WORD)
    while True:
        if forms[index] is _DATE_WORD:
            word = words[index]
            if word[0].isdigit():
                end = index + 1
                while end < count and forms[end] is _DATE_WORD:
                    end += 1
                forms[index] = "".join(words[index:end])
                for later in range(index + 1, end):
                    forms[later] = ""
                    continued.add(later)
                index = end - 1
            elif _ALNUM.search(word) is not None and word not in FILLER:
                forms[index] = SYNONYMS.get(word, word)
            else:
                forms[index] = ""
        try:
            index = forms.index(_DATE_WORD, index + 1)
        except ValueError:
            return


def content_words(words: Iterable[str]) -> tuple[str, ...]:
    """The content words of `words` (a segmented text): no punctuation, white space or filler;
    interchangeable verbs in one form; a date (11月19日, jieba's 11 / 月 / 19 / 日) as one word,
    so that two dates do not match on 月 and 日."""
    forms, _ = _forms(list(words))
    return tuple(filter(None, forms))


class ContentWords:
    """The content words of a whole segmented text, by the word each comes from: the content
    words of a run of its words are then a slice, not a new pass over the run. The words tile
    the text (white space and punctuation are words of their own, as `segment_words` gives
    them), so a run can be asked for by character offsets too."""

    def __init__(self, words: Sequence[str]) -> None:
        self._words = words
        self._forms, self._continued = _forms(words)
        # where each word starts, and the end of the text: word i is text[bounds[i]:bounds[i + 1]]
        self._bounds = [0, *accumulate(map(len, words))]

    def between(self, first: int, last: int) -> tuple[str, ...]:
        """`content_words(words[first:last])`."""
        continued = self._continued
        # a date running across either end would be cut differently by a pass over the run
        if continued and (first in continued or last in continued):
            return content_words(self._words[first:last])
        return tuple(filter(None, self._forms[first:last]))

    def within(self, start: int, end: int) -> tuple[str, ...]:
        """The content words of the words lying wholly inside text[start:end]: `between` the
        first and the last of them, inlined (asked for every item of a report)."""
        bounds = self._bounds
        first = bisect_left(bounds, start)
        last = bisect_right(bounds, end) - 1
        if last <= first:
            return ()
        continued = self._continued
        if continued and (first in continued or last in continued):
            return content_words(self._words[first:last])
        return tuple(filter(None, self._forms[first:last]))


class Item:
    """A unit compared for repeats: its whole extent (for the finding), the extent of its text
    after the ordinal, the ordinal as written, its content words, and a key that must be equal for
    two items to be compared (the date of a dated event; empty otherwise).

    A plain slotted class holding offsets, not a frozen dataclass holding `Span`s: a report has
    hundreds of items and only the few that repeat one another are reported, so the spans are
    made on demand (`span`, `text_span`) and building an item costs one small object."""

    __slots__ = ("end", "key", "length", "ordinal", "start", "text_end", "text_start", "words")

    def __init__(
        self,
        start: int,
        end: int,
        text_start: int,
        text_end: int,
        ordinal: str,
        words: tuple[str, ...],
        key: str = "",
    ) -> None:
        self.start = start
        self.end = end
        self.text_start = text_start
        self.text_end = text_end
        self.ordinal = ordinal
        self.words = words
        self.key = key
        # Characters of content: what `min_length` is measured in, and the weight scores divide
        # by (read for every candidate pair, so computed once).
        self.length = sum(map(len, words))

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def text_span(self) -> Span:
        return Span(self.text_start, self.text_end)

    def __repr__(self) -> str:
        return (
            f"Item({self.start}, {self.end}, {self.text_start}, {self.text_end}, "
            f"{self.ordinal!r}, {self.words!r}, {self.key!r})"
        )


def _weight(words: Counter[str]) -> int:
    return sum(len(word) * count for word, count in words.items())


def _shared_weight(a: Counter[str], b: Counter[str]) -> int:
    """`_weight(a & b)` without making the intersection (a Counter built in Python per pair)."""
    if len(b) < len(a):
        a, b = b, a
    get = b.get
    shared = 0
    for word, count in a.items():
        other = get(word)
        if other:
            shared += len(word) * (count if count < other else other)
    return shared


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


# Up to this many earlier items (counted once per shared word) are merged by a set and a sort;
# past it, lazily, so that a caller stopping at the first repeat reads no more of them.
_FEW_EARLIER = 64


def minimum_overlap(threshold: float) -> float:
    """The share of the larger item's weight that two items scoring `threshold` or more must share.

    The score is at most the containment C, so C ≥ t, and Jaccard J ≥ 2t − C ≥ 2t − 1. As
    |A ∪ B| ≥ max(|A|, |B|), the overlap |A ∩ B| = J · |A ∪ B| ≥ (2t − 1) · max(|A|, |B|).
    """
    return max(0.0, 2 * threshold - 1)


def _holders(items: Sequence[Item], apart: Sequence[int] | None) -> Iterable[set[str]]:
    """The words each item holds for the count of `CandidateIndex`: those of the items of one
    area (`apart` ≥ 0) as one set; without `apart`, the words of each item less those of the
    items nested in it (see `_nested`)."""
    if apart is None:
        sets = list(map(set, map(attrgetter("words"), items)))
        starts = list(map(attrgetter("start"), items))
        ends = list(map(attrgetter("end"), items))
        # items in order that do not overlap (most groups) nest nothing
        if not all(map(le, ends, starts[1:])):
            _nested(items, starts, ends, sets)
        return sets
    areas: dict[int, set[str]] = {}
    alone: list[set[str]] = []
    for item, area in zip(items, apart, strict=True):
        if area < 0:
            alone.append(set(item.words))
        else:
            areas.setdefault(area, set()).update(item.words)
    return chain(areas.values(), alone)


def _nested(
    items: Sequence[Item], starts: list[int], ends: list[int], sets: list[set[str]]
) -> None:
    """Take out of each item's set the words of the items lying inside it (the enumeration items
    of a sub-section that is an item too). Two items that overlap are not compared, so a word
    held by an item and by one nested in it alone pairs no two items that are; counted once,
    it is the item's own word, and a sub-section does not make every word of its enumeration
    look repeated. Still exact: a word two items that do not overlap both hold is counted
    inside each of them (in the item itself or in one nested in it, the innermost holding it),
    and what lies inside one of them does not lie inside the other, so it counts twice.
    (Nested means inside and overlapping, as the caller tests it: an item of no extent lying
    at the start of another is compared with it.) Of two items with the same extent the first
    in (start, −end) order takes the other in."""
    order = sorted(range(len(items)), key=lambda i: (starts[i], -ends[i]))
    for at, outer in enumerate(order):
        start, end = starts[outer], ends[outer]
        # in this order the items nested in `outer` follow it, among those starting before it
        # ends; one of no extent at its start does not overlap it, and is compared with it
        for inner in itertools.islice(order, at + 1, None):
            if starts[inner] >= end:
                break
            if start < ends[inner] <= end:
                sets[outer].difference_update(items[inner].words)


class CandidateIndex:
    """The pairs of a group of items that can score `threshold` or more, found by prefix
    filtering: two such items share at least `minimum_overlap` of each one's weight, so each
    item is filed only by a prefix of its words in rarest-first order, the shortest prefix whose
    remaining words weigh less than that share; two items whose prefixes share no word cannot
    reach the threshold (the first word they share, in that order, lies in both prefixes: were it
    past one item's prefix, all they share would weigh less than the share). A word weighs its
    length times its count in the item, so that multisets work as sets. Common words (法治, 加强)
    fall outside the prefixes, so an item is scored against a handful of others instead of every
    item that mentions 法治. The result is exact: it leaves out only pairs that score below the
    threshold or overlap (the caller compares no two items that overlap), whatever the order,
    as long as every item is cut by the same one.

    The order is by how many items of the group hold a word, rarest first. A word held by one
    item alone can pair no two items, so those words need no rank among themselves: they all
    come first, and only the words held by two items or more are ranked and sorted in each
    item. An item whose own words (held by no other item) weigh more than the weight that may
    precede a word of its prefix has a prefix of its own words only, and so no candidate: it is
    not sorted at all (about half the items of a report). Only the words lying in two prefixes
    or more can pair two items, and in a report they are few, so the items are filed by those
    words alone.

    `apart`, when given, is the area each item lies in (−1 for none): two items of one area are
    not compared (a rule's `skip_within`). A word held by items of one area alone then pairs
    no two items that are compared, and counts as held by one: the pairs of items lying apart
    that reach the threshold are all found, and fewer items of one area are paired. Nor are
    two items that overlap compared (a sub-section and the enumeration items in it, both items
    of a part): without `apart`, a word held by an item and by the items nested in it alone
    counts as held by one (see `_nested`). In a part whose sub-sections list 一是…二是…, that
    keeps most of the items out of the prefixes, where counting each word of an enumeration
    item twice put them all in."""

    def __init__(
        self, items: Sequence[Item], threshold: float, apart: Sequence[int] | None = None
    ) -> None:
        self._share = share = minimum_overlap(threshold) - 1e-9
        self._items = items
        self._weights = [item.length for item in items]
        # the word counts of the few items that turn out candidates
        self._counts: dict[int, Counter[str]] = {}
        # position -> the words its prefix shares with an earlier item's prefix; and each such
        # word -> the items whose prefix holds it, in order. The earlier items an item may repeat
        # are merged from those lists when asked for, earliest first, and the caller stops at
        # the first repeat: a report of thousands of alike sentences (a generated file, a log)
        # holds millions of candidate pairs, which kept as sets took gigabytes.
        self._words: dict[int, list[str]] = {}
        self._postings: dict[str, list[int]] = {}
        held = Counter(chain.from_iterable(_holders(items, apart)))
        # sorted is stable: ties keep the Counter's order, the same for every item
        repeated = sorted([word for word, count in held.items() if count > 1], key=held.__getitem__)
        if not repeated:
            return  # no word is held by two items: no pair can reach the threshold
        rank = dict(zip(repeated, itertools.count()))
        is_repeated, by_rank = rank.__contains__, rank.__getitem__
        prefixes: dict[int, set[str]] = {}
        # the words of the prefixes so far, and those lying in two of them
        seen: set[str] = set()
        shared: set[str] = set()
        for position, item in enumerate(items):
            words = list(filter(is_repeated, item.words))
            weight = item.length
            # a word is in the prefix when the weight before its first occurrence (in rank order)
            # is at most `room`; the item's own words come first
            room = weight - share * weight
            own = weight - sum(map(len, words))
            if not words or own > room:
                continue
            words.sort(key=by_rank)
            before = list(accumulate(map(len, words), initial=own))
            prefix = set(words[: bisect_right(before, room)])
            prefixes[position] = prefix
            shared |= seen & prefix
            seen |= prefix
        if not shared:
            return  # no word lies in two prefixes: no pair can reach the threshold
        postings: dict[str, list[int]] = defaultdict(list)
        for position, prefix in prefixes.items():
            if shared.isdisjoint(prefix):
                continue
            words = list(shared.intersection(prefix))
            if any(word in postings for word in words):
                self._words[position] = words
            for word in words:
                postings[word].append(position)
        self._postings = postings

    def positions(self) -> list[int]:
        """The items that may repeat an earlier one, in order (those `candidates` finds any for)."""
        # filed in order of position
        return list(self._words)

    def _earlier(self, position: int) -> Iterator[int]:
        """The earlier items whose prefix shares a word with item `position`'s, each once, in
        order: the postings of its words (each in order) merged up to the item itself."""
        lists = [self._postings[word] for word in self._words[position]]
        ends = [bisect_left(each, position) for each in lists]
        if sum(ends) <= _FEW_EARLIER:
            # the usual handful: a set and a sort cost less than a merge
            found: set[int] = set()
            for each, end in zip(lists, ends, strict=True):
                found.update(each[:end])
            yield from sorted(found)
            return
        last = -1
        for other in heapq.merge(
            *(itertools.islice(each, end) for each, end in zip(lists, ends, strict=True))
        ):
            if other != last:
                yield other
                last = other

    def _counted(self, position: int) -> Counter[str]:
        counts = self._counts.get(position)
        if counts is None:
            counts = self._counts[position] = Counter(self._items[position].words)
        return counts

    def overlap(self, a: int, b: int) -> int:
        """The weight items `a` and `b` share (their multiset intersection)."""
        return _shared_weight(self._counted(a), self._counted(b))

    def candidates(self, position: int) -> Iterator[tuple[int, int]]:
        """The items before item `position` that it may repeat, in order, each with the weight
        the two share."""
        if position not in self._words:
            return
        weights = self._weights
        weight = weights[position]
        share = self._share
        for other in self._earlier(position):
            other_weight = weights[other]
            if weight < other_weight:
                if weight < share * other_weight:
                    continue
            elif other_weight < share * weight:
                continue
            yield other, self.overlap(other, position)


def coverage(earlier: Sequence[str], later: Sequence[str]) -> float:
    """The share of `earlier`'s words (weighted by length) found in `later`: how far a planned
    item is taken up again by a later text."""
    if not earlier:
        return 0.0
    ce, cl = Counter(earlier), Counter(later)
    return _weight(ce & cl) / _weight(ce)
