"""The units a report is compared by for repeats: items, paragraphs, sentences and dated events.

Each unit is an `Item` (fzlint.text.similarity) with its ordinal cut off and its content words.
Extraction is limited to a span (a scope's area), so a rule can compare inside one part only.
"""

from __future__ import annotations

from collections.abc import Iterator

from fzlint.diagnostics import Span
from fzlint.document.source import WHITESPACE, Document, Line
from fzlint.text.regex import compile_kept
from fzlint.text.similarity import ContentWords, Item, ordinal_length

GRANULARITIES = ("item", "paragraph", "sentence", "event")

# A sentence ends at 。！？； (full or half width) with any closing quotes or brackets after it.
_SENTENCE = compile_kept(r"[^。！？；!?;\n]+(?:[。！？；!?;]+[”’」』）)]*)?")
# A clause ends at a comma too: the unit in which a dated event names what happened.
_CLAUSE = compile_kept(r"[^，,。！？；!?;\n]+")
# A day of the year (11月19日, 4 月 27 日 from PDF text); a range (4月1日至5日) starts one event.
_DATE = compile_kept(r"(?<![\d０-９])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
# What happened on a day: an activity. A date followed only by 印发 / 公布 / 施行 cites a document,
# and citing one document twice is no repeat.
_EVENT_VERB = compile_kept(r"召开|开展|举办|举行|组织|参加|参与|邀请|进行|集中学习|宣讲")
_SENTENCE_END = "。！？；!?;"


# Several rules extract the same items from one document (the plan part is an area of FZ701 and
# of FZ702's part scope): each span's words are computed once per document.
_WORDS = "items.words"
_CONTENT = "items.content"


def words_of(doc: Document, span: Span) -> tuple[str, ...]:
    memo: dict[Span, tuple[str, ...]] = doc.memo.setdefault(_WORDS, {})
    if span not in memo:
        content = doc.memo.get(_CONTENT)
        if content is None:
            content = doc.memo[_CONTENT] = ContentWords(doc.tokens.words)
        found = doc.tokens.range_within(span)
        memo[span] = content.between(found.start, found.stop)
    return memo[span]


def _item(doc: Document, span: Span, key: str = "") -> Item:
    text = doc.text[span.start : span.end]
    skip = ordinal_length(text)
    text_span = Span(span.start + skip, span.end)
    return Item(span, text_span, text[:skip].strip(), words_of(doc, text_span), key)


def _trimmed(doc: Document, start: int, end: int) -> Span:
    text = doc.text[start:end]
    return Span(start, start + len(text.rstrip(WHITESPACE)))


def _paragraphs(doc: Document, area: Span) -> Iterator[Line]:
    for line in doc.paragraphs:
        if area.start <= line.span.start and line.span.end <= area.end:
            yield line


def structured_items(doc: Document, area: Span) -> list[Item]:
    """The items of a part as its author listed them: each sub-section without sub-sections of its
    own (a heading and its text), each 一是…二是… enumeration item, and each other paragraph.
    The part's own heading is not an item."""
    structure = doc.structure
    found: list[Item] = []
    taken: set[int] = set()
    for section in structure.all_sections:
        span = section.span
        if section.children or span.start == area.start or not area.contains(span):
            continue
        heading = section.heading
        whole = _trimmed(doc, heading.marker_span.start, span.end)
        text_span = Span(heading.text_span.start, whole.end)
        words = words_of(doc, text_span)
        found.append(Item(whole, text_span, heading.marker, words))
        taken.update(line.number for line in _paragraphs(doc, span))
    for enumeration in structure.enumerations:
        for entry in enumeration.items:
            if not area.contains(entry.text_span):
                continue
            text_span = _trimmed(doc, entry.text_span.start, entry.text_span.end)
            token = doc.text[entry.token_span.start : entry.token_span.end]
            words = words_of(doc, text_span)
            found.append(Item(Span(entry.token_span.start, text_span.end), text_span, token, words))
            taken.add(entry.line.number)
    headings = {heading.line.number for heading in structure.headings}
    for line in _paragraphs(doc, area):
        if line.number not in taken and line.number not in headings:
            found.append(_item(doc, line.content_span))
    return sorted(found, key=lambda item: (item.span.start, item.span.end))


def paragraph_items(doc: Document, area: Span) -> list[Item]:
    return [_item(doc, line.content_span) for line in _paragraphs(doc, area)]


def sentence_items(doc: Document, area: Span) -> list[Item]:
    """Sentences of the paragraphs other than stand-alone headings (a heading repeats the words of
    its part by design; a run-in heading starts a paragraph of sentences)."""
    headings = {h.line.number for h in doc.structure.headings if not h.run_in}
    items = []
    for line in _paragraphs(doc, area):
        if line.number in headings:
            continue
        content = line.content_span
        for match in _SENTENCE.finditer(doc.text, content.start, content.end):
            raw = match.group()
            stripped = raw.strip(WHITESPACE)
            if stripped:
                start = match.start() + len(raw) - len(raw.lstrip(WHITESPACE))
                items.append(_item(doc, Span(start, start + len(stripped))))
    return items


def event_items(doc: Document, area: Span) -> list[Item]:
    """Dated events: from a date to the end of the first clause after it that says what happened
    (召开, 开展, 举办 …), within the date's sentence; a date with no such clause is no event.
    Keyed by the date, so that only events of the same day are compared."""
    items = []
    text = doc.text
    for line in _paragraphs(doc, area):
        content = line.content_span
        for date in _DATE.finditer(text, content.start, content.end):
            sentence_end = content.end
            for index in range(date.end(), content.end):
                if text[index] in _SENTENCE_END:
                    sentence_end = index
                    break
            end = None
            for clause in _CLAUSE.finditer(text, date.start(), sentence_end):
                if _EVENT_VERB.search(clause.group()):
                    end = clause.end()
                    break
            if end is None:
                continue
            key = f"{int(date.group(1))}-{int(date.group(2))}"
            items.append(_item(doc, Span(date.start(), end), key))
    return items


def items(doc: Document, area: Span, granularity: str) -> list[Item]:
    """The items of `granularity` lying inside `area`, in document order."""
    if granularity == "item":
        return structured_items(doc, area)
    if granularity == "paragraph":
        return paragraph_items(doc, area)
    if granularity == "sentence":
        return sentence_items(doc, area)
    if granularity == "event":
        return event_items(doc, area)
    raise ValueError(granularity)
