"""The units a report is compared by for repeats: items, paragraphs, sentences and dated events.

Each unit is an `Item` (fzlint.text.similarity) with its ordinal cut off and its content words.
Extraction is limited to a span (a scope's area), so a rule can compare inside one part only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from fzlint.diagnostics import Span
from fzlint.document.source import WHITESPACE, Document
from fzlint.text.regex import compile_kept
from fzlint.text.similarity import ORDINAL, ContentWords, Item, ordinal_length

GRANULARITIES = ("item", "paragraph", "sentence", "event", "passage")

# A sentence ends at 。！？ (full or half width) with any closing quotes or brackets after it. Not at
# ；: the clauses of a provision (符合…的，可继续…；不符合…的，应当…) are parallel by design, and
# two provisions differing only in their first clause share their other clauses word for word.
_SENTENCE = compile_kept(r"[^。！？!?\n]+(?:[。！？!?]+[”’」』）)]*)?")
# A sentence that does not end so is a title, a table cell or a label line (附件：…, 序号), not prose.
_SENTENCE_CLOSE = "。！？!?”’」』）)"
# The first sentence of a paragraph that goes on is its topic (推进节能减排和生态环境保护。…): a
# heading run into the text, restated by design where the report comes back to the subject.
_TOPIC_MAX = 25
# A responsibility note closing a task of a 意见 / 方案 (（农业农村部、发展改革委等负责）, （…牵头）,
# （…按职责分工落实））: every task has one, so two notes naming the same ministries make two tasks
# look alike without saying anything about them. Not compared.
RESPONSIBILITY_NOTE = compile_kept(
    r"[（(][^（）()。；\n]{2,80}?(?:负责|牵头|指导|配合|参与|落实)[）)]"
)
# Appended blocks that restate items of the body by design (the 民生实事 of a 政府工作报告, an
# indicator table, a glossary); a note (注：) or the text after a 落款 is compared as usual.
_RESTATING_BLOCKS = frozenset({"附件", "附表", "附录", "名词解释", "名词注释", "注释"})
# A file named on a scraped page (附件：2023年法治政府建设年度报告.pdf) is a download link: the
# report may well follow it.
_DOWNLOAD = compile_kept(r"\.(?:docx?|pdf|xlsx?|wps|ofd|zip|rar)\b", re.IGNORECASE)
# A repeated passage is this many consecutive paragraphs at least, copied unchanged.
_PASSAGE_MIN_PARAGRAPHS = 2
_PASSAGE_MIN_CHARS = 60
# A paragraph is matched with its latest few earlier occurrences only: a table of 1 000 cells
# reading 是 must not cost a million pairs.
_PASSAGE_RECENT = 8
# A clause ends at a comma too: the unit in which a dated event names what happened.
_CLAUSE = compile_kept(r"[^，,。！？；!?;\n]+")
# A day of the year (11月19日, 4 月 27 日 from PDF text); a range (4月1日至5日) starts one event.
_DATE = compile_kept(r"(?<![\d０-９])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
# What happened on a day: an activity. A date followed only by 印发 / 公布 / 施行 cites a document,
# and citing one document twice is no repeat.
_EVENT_VERB = compile_kept(r"召开|开展|举办|举行|组织|参加|参与|邀请|进行|集中学习|宣讲")
_SENTENCE_END = compile_kept(r"[。！？；!?;]")
_CLAUSE_END = compile_kept(r"[，,。！？；!?;\n]")


_CONTENT = "items.content"
_APPENDED_MEMO = "items.appended"
_PASSAGES = "items.passages"
_PARAGRAPHS = "items.paragraphs"
_ITEMS = "items.items"
_LISTED = "items.listed"


def _content(doc: Document) -> ContentWords:
    content: ContentWords | None = doc.memo.get(_CONTENT)
    if content is None:
        content = doc.memo[_CONTENT] = ContentWords(doc.tokens.words)
    return content


def words_of(doc: Document, start: int, end: int) -> tuple[str, ...]:
    """The content words of text[start:end], responsibility notes left out: a slice of the
    document's content words (computed once per document), so cheap enough not to be memoised."""
    return _words(_content(doc), doc.text, start, end)


def _words(content: ContentWords, text: str, start: int, end: int) -> tuple[str, ...]:
    """`words_of` with the document's content words and text at hand."""
    if text.find("）", start, end) < 0 and text.find(")", start, end) < 0:
        return content.within(start, end)
    words: list[str] = []
    for piece_start, piece_end in _without_notes(text, start, end):
        words.extend(content.within(piece_start, piece_end))
    return tuple(words)


def _without_notes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut around the responsibility notes in it, as (start, end) pairs."""
    pieces = []
    for note in RESPONSIBILITY_NOTE.finditer(text, start, end):
        pieces.append((start, note.start()))
        start = note.end()
    pieces.append((start, end))
    return [piece for piece in pieces if piece[0] < piece[1]]


def appended_start(doc: Document) -> int:
    """Where a block appended after the body starts (the line 附件 / 附件1： / 附表 / 名词解释 …,
    the 附件说明 of a 公文 included), or the end of the text when there is none. Such a block (the
    民生实事 list of a 政府工作报告, an indicator table, an attached report) restates the body
    and repeats its own formulas row by row: no duplicate rule compares it."""
    if _APPENDED_MEMO not in doc.memo:
        # Imported here: fzlint.document.blocks imports the structure, which imports this module.
        from fzlint.document.blocks import label_kind

        title = doc.structure.title_lines
        after = title[-1].number if title else 0
        doc.memo[_APPENDED_MEMO] = next(
            (
                line.span.start
                for line in doc.paragraphs
                if line.number > after
                and len(line.text) <= 80
                and label_kind(line) in _RESTATING_BLOCKS
                and not _DOWNLOAD.search(line.text)
            ),
            len(doc.text),
        )
    start: int = doc.memo[_APPENDED_MEMO]
    return start


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of consecutive paragraphs copied unchanged from an earlier run: `span` is the copy,
    `first` the original, `lines` and `first_lines` their first and last line numbers (1-based),
    `count` the paragraphs in each."""

    span: Span
    first: Span
    lines: tuple[int, int]
    first_lines: tuple[int, int]
    count: int


def repeated_passages(doc: Document) -> tuple[Passage, ...]:
    """Runs of at least two consecutive paragraphs (of 60 characters in all) that repeat a run
    of earlier paragraphs word for word (white space aside): a document or a part of it pasted
    twice. Each copy is one passage, however long; the copies do not overlap. Linear in the
    paragraphs: a paragraph that occurs many times (各位代表：) is matched with its latest
    occurrences only."""
    if _PASSAGES in doc.memo:
        found: tuple[Passage, ...] = doc.memo[_PASSAGES]
        return found
    paragraphs = doc.paragraphs
    keys = ["".join(line.text.split()) for line in paragraphs]
    seen: dict[str, list[int]] = {}
    # run[(i, j)]: how many paragraphs up to i repeat those up to j (j < i)
    run: dict[tuple[int, int], int] = {}
    for i, key in enumerate(keys):
        for j in seen.get(key, ())[-_PASSAGE_RECENT:]:
            # a copy does not reach into its original (a paragraph pasted three times in a row)
            run[(i, j)] = min(run.get((i - 1, j - 1), 0) + 1, i - j)
        seen.setdefault(key, []).append(i)
    ends = sorted(
        ((length, i, j) for (i, j), length in run.items() if (i + 1, j + 1) not in run),
        key=lambda end: (-end[0], end[1]),
    )
    passages: list[Passage] = []
    taken: set[int] = set()
    for length, i, j in ends:
        first_i, first_j = i - length + 1, j - length + 1
        copy = range(first_i, i + 1)
        if length < _PASSAGE_MIN_PARAGRAPHS or any(k in taken for k in copy):
            continue
        if sum(len(keys[k]) for k in copy) < _PASSAGE_MIN_CHARS:
            continue
        taken.update(copy)
        a, b = paragraphs[first_i], paragraphs[i]
        c, d = paragraphs[first_j], paragraphs[j]
        passages.append(
            Passage(
                Span(a.content_span.start, b.content_span.end),
                Span(c.content_span.start, d.content_span.end),
                (a.number, b.number),
                (c.number, d.number),
                length,
            )
        )
    doc.memo[_PASSAGES] = found = tuple(sorted(passages, key=lambda p: p.span.start))
    return found


class _Paragraphs:
    """The paragraphs of a document as the extraction reads them, worked out once per document
    for every rule and area: where each starts, its line number, and its content (the line
    without leading and trailing white space, as `Line.content_span`)."""

    __slots__ = ("content", "lines", "numbers", "starts")

    def __init__(self, doc: Document) -> None:
        self.lines = lines = doc.paragraphs
        self.starts = [line.span.start for line in lines]
        self.numbers = [line.number for line in lines]
        self.content: list[tuple[int, int]] = []
        for line in lines:
            stripped = line.text.lstrip(WHITESPACE)
            start = line.span.start + len(line.text) - len(stripped)
            self.content.append((start, start + len(stripped.rstrip(WHITESPACE))))

    def within(self, area: Span) -> range:
        """The indexes of the paragraphs lying wholly inside `area`: found by bisection, not by
        a pass over the document (a rule asks for each of its areas)."""
        first = bisect.bisect_left(self.starts, area.start)
        last = bisect.bisect_right(self.starts, area.end)
        # paragraphs start in order and do not overlap: only the last one may run past the area
        if last > first and self.lines[last - 1].span.end > area.end:
            last -= 1
        return range(first, last)


def _paragraphs(doc: Document) -> _Paragraphs:
    table: _Paragraphs | None = doc.memo.get(_PARAGRAPHS)
    if table is None:
        table = doc.memo[_PARAGRAPHS] = _Paragraphs(doc)
    return table


def _item(content: ContentWords, text: str, start: int, end: int, key: str = "") -> Item:
    """The item of text[start:end], its ordinal cut off."""
    # matching within the bounds is matching the slice: ORDINAL looks neither behind nor past it
    ordinal = ORDINAL.match(text, start, end)
    if ordinal is None:
        return Item(start, end, start, end, "", _words(content, text, start, end), key)
    skip = ordinal.end()
    words = _words(content, text, skip, end)
    return Item(start, end, skip, end, text[start:skip].strip(), words, key)


def _items(doc: Document, extents: Sequence[tuple[int, int, str]]) -> list[Item]:
    """The items of text[start:end] keyed `key`, for each (start, end, key) of `extents`.

    An extraction finds where its items lie first, then makes them here: the document's content
    words and text are taken once, not once an item, and only when there is an item (an area
    holding none does not have the document segmented)."""
    if not extents:
        return []
    content, text = _content(doc), doc.text
    return [_item(content, text, start, end, key) for start, end, key in extents]


def _rstripped(text: str, start: int, end: int) -> int:
    """Where text[start:end] ends without its trailing white space (without copying it)."""
    while end > start and text[end - 1] in WHITESPACE:
        end -= 1
    return end


class _Listed:
    """What the author of a report listed, worked out once per document for every area (the
    next-year part, each part) as offsets, so that an area picks its own by comparing integers:
    each sub-section without sub-sections of its own (where it starts and ends, where its item
    starts, its text starts and its item ends, its marker, the numbers of its paragraphs), each
    enumeration item (where its text starts and ends, where its item starts and ends, its
    ordinal, the number of its line), and the numbers of the heading lines."""

    __slots__ = ("entries", "headings", "sections")

    def __init__(self, doc: Document) -> None:
        structure = doc.structure
        text = doc.text
        paragraphs = _paragraphs(doc)
        self.sections: list[tuple[int, int, int, int, int, str, list[int]]] = []
        for section in structure.all_sections:
            if section.children:
                continue
            span, heading = section.span, section.heading
            start = heading.marker_span.start
            inside = paragraphs.within(span)
            self.sections.append(
                (
                    span.start,
                    span.end,
                    start,
                    heading.text_span.start,
                    _rstripped(text, start, span.end),
                    heading.marker,
                    paragraphs.numbers[inside.start : inside.stop],
                )
            )
        self.entries: list[tuple[int, int, int, int, str, int]] = []
        for enumeration in structure.enumerations:
            for entry in enumeration.items:
                text_start, token_start = entry.text_span.start, entry.token_span.start
                end = _rstripped(text, text_start, entry.text_span.end)
                self.entries.append(
                    (
                        text_start,
                        entry.text_span.end,
                        token_start,
                        end,
                        text[token_start : entry.token_span.end],
                        entry.line.number,
                    )
                )
        self.headings = {heading.line.number for heading in structure.headings}


def structured_items(doc: Document, area: Span) -> list[Item]:
    """The items of a part as its author listed them: each sub-section without sub-sections of its
    own (a heading and its text), each 一是…二是… enumeration item, and each other paragraph.
    The part's own heading is not an item."""
    listed: _Listed | None = doc.memo.get(_LISTED)
    if listed is None:
        listed = doc.memo[_LISTED] = _Listed(doc)
    paragraphs = _paragraphs(doc)
    area_start, area_end = area.start, area.end
    # where the items lie first, then the items (see `_items`)
    sections = [s for s in listed.sections if area_start < s[0] and s[1] <= area_end]
    entries = [e for e in listed.entries if area_start <= e[0] and e[1] <= area_end]
    taken: set[int] = set()
    for section in sections:
        taken.update(section[6])
    taken.update(entry[5] for entry in entries)
    headings = listed.headings
    numbers, content = paragraphs.numbers, paragraphs.content
    others = [
        content[index]
        for index in paragraphs.within(area)
        if numbers[index] not in taken and numbers[index] not in headings
    ]
    if not sections and not entries and not others:
        return []
    content_words, text = _content(doc), doc.text
    found: list[Item] = []
    for _, _, item_start, text_start, item_end, marker, _ in sections:
        words = _words(content_words, text, text_start, item_end)
        found.append(Item(item_start, item_end, text_start, item_end, marker, words))
    for start, _, item_start, item_end, token, _ in entries:
        words = _words(content_words, text, start, item_end)
        found.append(Item(item_start, item_end, start, item_end, token, words))
    found.extend(_item(content_words, text, start, end) for start, end in others)
    return sorted(found, key=attrgetter("start", "end"))


def paragraph_items(doc: Document, area: Span) -> list[Item]:
    paragraphs = _paragraphs(doc)
    return _items(doc, [(*paragraphs.content[index], "") for index in paragraphs.within(area)])


def sentence_items(doc: Document, area: Span) -> list[Item]:
    """Sentences of the paragraphs other than stand-alone headings (a heading repeats the words of
    its part by design; a run-in heading starts a paragraph of sentences). Left out as well: a
    paragraph's topic sentence (its first, short sentence when more follow: a heading run into
    the text), and text not closed by 。！？ (a title, a table cell, a label line). A
    responsibility note (（…负责）) before a sentence is not part of it."""
    headings = {h.line.number for h in doc.structure.headings if not h.run_in}
    text = doc.text
    paragraphs = _paragraphs(doc)
    numbers, content = paragraphs.numbers, paragraphs.content
    extents: list[tuple[int, int, str]] = []
    for index in paragraphs.within(area):
        if numbers[index] in headings:
            continue
        content_start, content_end = content[index]
        for match in _SENTENCE.finditer(text, content_start, content_end):
            raw = match.group()
            stripped = raw.strip(WHITESPACE)
            if not stripped or stripped[-1] not in _SENTENCE_CLOSE:
                continue
            start = match.start() + len(raw) - len(raw.lstrip(WHITESPACE))
            end = start + len(stripped)
            note = RESPONSIBILITY_NOTE.match(text, start, end)
            if note:
                start = note.end()
                if stripped[-1] not in "。！？!?":
                    continue  # the note itself, after the sentence it closes
            if match.start() <= content_start and _is_topic(text, start, end, content_end):
                continue
            extents.append((start, end, ""))
    return _items(doc, extents)


def _is_topic(text: str, start: int, end: int, paragraph_end: int) -> bool:
    """Whether the sentence text[start:end], the first of its paragraph, is a topic: short, with
    no figure (全年审查合同15份。 is a fact), and more text after it than a responsibility note."""
    sentence = text[start + ordinal_length(text[start:end]) : end]
    if len(sentence) > _TOPIC_MAX or any(map(str.isdigit, sentence)):
        return False
    rest = text[end:paragraph_end].strip(WHITESPACE)
    return bool(rest) and RESPONSIBILITY_NOTE.fullmatch(rest) is None


def event_items(doc: Document, area: Span) -> list[Item]:
    """Dated events: from a date to the end of the first clause after it that says what happened
    (召开, 开展, 举办 …), within the date's sentence; a date with no such clause is no event.
    Keyed by the date, so that only events of the same day are compared."""
    extents: list[tuple[int, int, str]] = []
    text = doc.text
    paragraphs = _paragraphs(doc)
    content = paragraphs.content
    for index in paragraphs.within(area):
        content_start, content_end = content[index]
        # a date names its month: a search for 月 spares the slower search for a date in most
        # paragraphs
        if text.find("月", content_start, content_end) < 0:
            continue
        for date in _DATE.finditer(text, content_start, content_end):
            close = _SENTENCE_END.search(text, date.end(), content_end)
            sentence_end = close.start() if close else content_end
            # a verb lies within one clause: the first verb ends the first clause naming one
            verb = _EVENT_VERB.search(text, date.start(), sentence_end)
            if verb is None:
                continue
            clause_end = _CLAUSE_END.search(text, verb.end(), sentence_end)
            end = clause_end.start() if clause_end else sentence_end
            key = f"{int(date.group(1))}-{int(date.group(2))}"
            extents.append((date.start(), end, key))
    return _items(doc, extents)


def items(doc: Document, area: Span, granularity: str) -> Sequence[Item]:
    """The items of `granularity` lying inside `area`, in document order: extracted once per
    document, area and granularity (the plan part is an area of FZ701, of FZ702's part scope and
    of the rules comparing with last year's report), so the rules share the same `Item`s."""
    memo: dict[tuple[str, Span], tuple[Item, ...]] = doc.memo.setdefault(_ITEMS, {})
    key = (granularity, area)
    found = memo.get(key)
    if found is None:
        found = memo[key] = tuple(_extract(doc, area, granularity))
    return found


def _extract(doc: Document, area: Span, granularity: str) -> list[Item]:
    if granularity == "item":
        return structured_items(doc, area)
    if granularity == "paragraph":
        return paragraph_items(doc, area)
    if granularity == "sentence":
        return sentence_items(doc, area)
    if granularity == "event":
        return event_items(doc, area)
    # `passage` has no items: see repeated_passages
    raise ValueError(granularity)
