"""`duplicate`: items of a scope that repeat one another (copy and paste), or last year's report.

YAML keys:
- `scope`: where to look (default `body`); items are compared inside each area the scope
  resolves to, never across two areas (so `section:…` compares within each section).
- `items`: the unit compared, one of `paragraph` (each paragraph, a list item's ordinal cut off),
  `sentence` (sentences of non-heading paragraphs; two sentences stating different figures are
  no repeat), `event` (a date and the clause saying what happened on it; only events of the same
  day are compared) and `passage` (a run of paragraphs pasted twice, see
  fzlint.document.items.repeated_passages: one finding per copy). Default `paragraph`.
  Whatever the unit, a block appended after the body (附件, 名词解释 …) and the copy of a
  repeated passage are not compared: the passage rule reports the copy once.
- `threshold`: the similarity (0–1, see fzlint.text.similarity) from which two items are a
  repeat. Default 0.85.
- `error_threshold`: from this similarity on the finding is an error, whatever the rule's
  severity (an exact or near-exact repeat). Optional.
- `min_length`: items with fewer content characters (ordinal, punctuation and filler words not
  counted) are not compared. Default 10.
- `skip_within`: a scope; two items lying in one area of it are left alone (another rule with
  that scope reports them). Optional.
- `exclude`: a scope whose items are not compared at all (the plan, for dated events: a plan
  that names 12月4日 announces a new event). Optional.
- `skip_restated: true`: an item of the part looking ahead (from the first top-level part
  whose heading plans: 工作安排, 下一步工作打算, 政府工作任务, 总体要求 …) is not compared with
  one before it unless it states a figure or copies 25 characters or more word for word: the
  plan restates what was done as what goes on being done (认真听取各民主党派…意见 /
  广泛听取各民主党派…意见). Nor are two items of two parts titled alike (关于资产和土地处置
  for two kinds of unit: parallel provisions). Optional.
- Whatever the keys, two lines under different labels (总指挥：… / 副总指挥：…) are no repeat.
- `against: previous`: compare with the previous year's report (`--previous`) instead of this
  one; `previous_scope` is the scope read there (default: `scope`). With `report: matched` (the
  default) an item of this report that repeats an item of last year's is reported at that item;
  with `report: unmatched` an item of last year's that no item here takes up (the share of its
  words found in the best item stays below `threshold`) is reported at the start of the scope.

Message fields: {item} (the repeat, abridged), {first} (the first occurrence, abridged), {line}
(its line), {place} (`第 63 行第一项`, or `第 63 行` without an ordinal; `第 2–82 行` for a
passage), {similarity} (`93%`); for a passage also {lines} (`88–168`, the copy's lines) and
{count} (its paragraphs).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from operator import attrgetter
from typing import Any

from fzlint.diagnostics import Diagnostic, Related, Severity, Span
from fzlint.document import scopes
from fzlint.document.items import (
    GRANULARITIES,
    Passage,
    appended_start,
    items,
    repeated_passages,
)
from fzlint.document.source import Document
from fzlint.document.structure import NEXT_YEAR_HEADING, Section
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind
from fzlint.text.numerals import parse_chinese_number, to_chinese_number
from fzlint.text.regex import compile_kept
from fzlint.text.similarity import CandidateIndex, Item, OverlapIndex, blend, coverage
from fzlint.text.tokens import user_dictionary_path

_ABRIDGE = 24
_ORDINAL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# A figure, not a year (2023年，… sets the time; the same fact can be dated once and not again).
_FIGURE = compile_kept(r"[0-9]+(?:[.．][0-9]+)?(?![0-9])(?<![0-9]{4}(?=年))")
# The heading of a part that looks ahead: the plan of a 法治政府建设 report (下一年度…安排, 下一步
# 工作打算) or the tasks of a 政府工作报告 (2025年政府工作任务, 总体要求, 对今年政府工作的建议).
_PLAN = compile_kept(
    NEXT_YEAR_HEADING.pattern + r"|任务|部署|总体要求|目标|建议|重点工作|今年|未来|展望"
)


# A label opening a line of a list of roles or of a table (总指挥：, 副总指挥：, 成员：): two lines
# under different labels say different things in the same words.
_LABEL = compile_kept(r"^([^，,。；;：:、\s]{1,8})[：:]")


def _label(text: str) -> str:
    match = _LABEL.match(text)
    return match.group(1) if match else ""


# A restatement in the plan is reported all the same when it is a long sentence copied word for
# word (only filler changed): a paste, not a policy restated.
_VERBATIM = 0.98
_LONG = 25
_YEAR = compile_kept(r"((?:19|20)[0-9]{2})年")


def figures(text: str) -> list[str]:
    """The figures a text states, in order (12, 3.5; not the year of 2023年): two sentences
    stating different figures are two facts, however alike their words."""
    return _FIGURE.findall(text.translate(_ORDINAL_DIGITS))


def plan_start(doc: Document) -> int | None:
    """Where the part looking ahead starts: the first top-level part (not the first of all) whose
    heading plans, or names a later year than the parts before it (2017年工作回顾 /
    2018年主要工作); what comes before it reviews the year."""
    sections = doc.structure.sections
    latest = 0
    for index, section in enumerate(sections):
        text = section.heading.text.translate(_ORDINAL_DIGITS)
        years = [int(year) for year in _YEAR.findall(text)]
        if index and (_PLAN.search(text) or (latest and years and max(years) > latest)):
            return section.span.start
        latest = max([latest, *years])
    return None


def abridge(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _ABRIDGE else text[:_ABRIDGE] + "…"


def ordinal_label(ordinal: str) -> str:
    """`第一项` for 一是 / （一） / 1. / ①; empty when the ordinal names no number."""
    if not ordinal:
        return ""
    if "\u2460" <= ordinal[0] <= "\u2473":
        return f"第{to_chinese_number(ord(ordinal[0]) - 0x245F)}项"
    core = ordinal.strip("（()）第是要、.．，,：: \u3000").translate(_ORDINAL_DIGITS)
    value = int(core) if core.isdigit() else parse_chinese_number(core)
    return f"第{to_chinese_number(value)}项" if value and 1 <= value <= 99 else ""


def _runs(
    doc: Document, group: list[Item], repeats: list[tuple[int, int, float]]
) -> Iterator[list[tuple[int, int, float]]]:
    """Repeats grouped into runs: consecutive items of one line that repeat consecutive items of
    one earlier line (a paragraph copied whole) make one finding, not one per sentence."""

    def line(position: int) -> int:
        return doc.line_index(group[position].start)

    run: list[tuple[int, int, float]] = []
    for repeat in repeats:
        if run:
            later, earlier, _ = run[-1]
            if (
                repeat[0] == later + 1
                and repeat[1] == earlier + 1
                and line(repeat[0]) == line(later)
                and line(repeat[1]) == line(earlier)
            ):
                run.append(repeat)
                continue
            yield run
        run = [repeat]
    if run:
        yield run


def _apart(within: Sequence[frozenset[int]]) -> list[int] | None:
    """The one skipped area holding each item (−1 for none), for CandidateIndex; None when no
    item lies in one, or one lies in two (overlapping areas: the index then pairs them all)."""
    if not any(within) or any(len(areas) > 1 for areas in within):
        return None
    return [min(areas) if areas else -1 for areas in within]


def _joined(group: list[Item], run: list[tuple[int, int, float]], side: int) -> Item:
    """The items on one side of a run as one item."""
    first, last = group[run[0][side]], group[run[-1][side]]
    words = tuple(word for r in run for word in group[r[side]].words)
    return Item(
        first.start, last.end, first.text_start, last.text_end, first.ordinal, words, first.key
    )


def _same_facts(first: list[str], second: list[str]) -> bool:
    """Whether two sentences state the same facts: no figure, or the figures of one among those of
    the other (学习6次。 / 学习6次，开展活动12场。); a figure on one side only (再提高20元 /
    提高…养老金) or two different figures (增长3% / 增长4.3%) make two facts."""
    fewer, more = sorted((first, second), key=len)
    if not fewer:
        return not more
    return not Counter(fewer) - Counter(more)


def _restated(boundary: int, earlier: Span, later: Span) -> bool:
    """Whether one of two items lies before the plan and the other in it."""
    return earlier.start < boundary <= later.start


def _part_of(doc: Document, span: Span) -> Section | None:
    """The top-level part holding `span`."""
    return next((part for part in doc.structure.sections if part.span.contains(span)), None)


def percent(similarity: float, identical: bool) -> str:
    """A similarity as a whole percentage. 100% is said of identical texts alone: two texts
    that differ (a character, a punctuation mark) and round up to it are shown as 99%."""
    value = round(similarity * 100)
    return f"{value if identical else min(value, 99)}%"


_NOWHERE: frozenset[int] = frozenset()


class _Areas:
    """Spans asked which of them contain a span: by bisection when they do not overlap (the parts
    of a report, the copies of a passage), so that asking for every item of a long report does
    not cost items × areas; by a pass over them otherwise."""

    def __init__(self, areas: Sequence[Span]) -> None:
        self._areas = sorted(areas, key=attrgetter("start", "end"))
        self._starts = [a.start for a in self._areas]
        self._ends = [a.end for a in self._areas]
        self._disjoint = all(a.start < a.end for a in self._areas) and all(
            a.end <= b.start for a, b in zip(self._areas, self._areas[1:], strict=False)
        )
        # the answer for an item lying in area i, made once: a report has hundreds of items
        # and a handful of areas
        self._alone = [frozenset((i,)) for i in range(len(self._areas))]

    def _holding(self, start: int, end: int) -> frozenset[int]:
        if self._disjoint:
            # the one area that may hold start..end is the last one starting at or before it
            at = bisect_right(self._starts, start) - 1
            return self._alone[at] if at >= 0 and end <= self._ends[at] else _NOWHERE
        return frozenset(
            i for i, area in enumerate(self._areas) if area.start <= start and end <= area.end
        )

    def containing(self, group: Sequence[Item]) -> list[frozenset[int]]:
        """For each item, the areas holding it (two items in one area share an index)."""
        if not self._areas:
            return [_NOWHERE] * len(group)
        holding = self._holding
        return [holding(item.start, item.end) for item in group]

    def any_contains(self, span: Span) -> bool:
        return bool(self._holding(span.start, span.end))


@kind("duplicate")
class DuplicateKind(Kind):
    keys = frozenset(
        {
            "scope",
            "items",
            "threshold",
            "error_threshold",
            "min_length",
            "skip_within",
            "exclude",
            "against",
            "previous_scope",
            "report",
            "skip_restated",
        }
    )
    needs = frozenset({"structure", "tokens"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        options = self.options
        self.scope = options.scope("body")
        self.granularity = options.str("items", "paragraph")
        if self.granularity not in GRANULARITIES:
            raise options.error("items", f"「items」应为 {'、'.join(GRANULARITIES)} 之一")
        self.threshold = self._fraction("threshold", 0.85)
        self.error_threshold = (
            self._fraction("error_threshold", 1.0) if options.has("error_threshold") else None
        )
        self.min_length = options.int("min_length", 10)
        self.skip_within = self._scope_key("skip_within")
        self.exclude = self._scope_key("exclude")
        against = options.str("against", "self")
        if against not in ("self", "previous"):
            raise options.error("against", "「against」应为 self 或 previous")
        self.against_previous = against == "previous"
        self.previous_scope = self._scope_key("previous_scope") or self.scope
        report = options.str("report", "matched")
        if report not in ("matched", "unmatched"):
            raise options.error("report", "「report」应为 matched 或 unmatched")
        self.report_unmatched = report == "unmatched"
        self.skip_restated = options.bool("skip_restated", False)
        if not self.against_previous and (options.has("previous_scope") or options.has("report")):
            raise options.error(None, "「previous_scope」「report」只用于 against: previous")
        self.compile_templates({"item", "first", "line", "place", "similarity", "lines", "count"})

    def dependencies(self) -> list[str]:
        return [user_dictionary_path()]

    def _fraction(self, key: str, default: float) -> float:
        value: Any = self.options.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
            raise self.options.error(key, f"「{key}」应为 0 到 1 之间的数，例如 0.85")
        return float(value)

    def _scope_key(self, key: str) -> str | None:
        if not self.options.has(key):
            return None
        spec = self.options.str(key)
        problem = scopes.validate(spec)
        if problem:
            raise self.options.error(key, problem)
        return spec

    def _items(self, doc: Document, scope: str, skipped: _Areas | None = None) -> list[list[Item]]:
        """The items of each area of `scope`; an area lying inside one of the `skipped` areas has
        no pair to compare and is left out."""
        excluded = list(scopes.resolve(doc, self.exclude) if self.exclude else ())
        excluded += [passage.span for passage in repeated_passages(doc)]
        outside = _Areas(excluded)
        appended = appended_start(doc)
        groups = []
        for area in scopes.resolve(doc, scope):
            if skipped is not None and skipped.any_contains(area):
                continue
            kept = [
                item
                for item in items(doc, area, self.granularity)
                if item.length >= self.min_length and item.start < appended
            ]
            if excluded:
                kept = [
                    item
                    for item, inside in zip(kept, outside.containing(kept), strict=True)
                    if not inside
                ]
            groups.append(kept)
        return groups

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        if self.against_previous:
            previous = ctx.previous
            if previous is None:
                return
            if self.report_unmatched:
                yield from self._unmatched(doc, previous)
            else:
                yield from self._carried_over(doc, previous)
            return
        if self.granularity == "passage":
            yield from self._passages(doc)
            return
        skip_areas = scopes.resolve(doc, self.skip_within) if self.skip_within else ()
        boundary = plan_start(doc) if self.skip_restated else None
        skipped = _Areas(skip_areas)
        for group in self._items(doc, self.scope, skipped):
            if len(group) < 2:
                continue  # nothing to compare
            within = skipped.containing(group)
            index = CandidateIndex(group, self.threshold, _apart(within))
            found = index.positions()
            if not found:
                continue  # no pair can reach the threshold (most groups)
            repeats: list[tuple[int, int, float]] = []
            for position in found:
                later = group[position]
                for earlier_position, shared in index.candidates(position):
                    earlier = group[earlier_position]
                    if earlier.key != later.key or (
                        earlier.start < later.end and later.start < earlier.end
                    ):
                        continue
                    if within[position] & within[earlier_position]:
                        continue
                    similarity = blend(shared, earlier.length, later.length)
                    if similarity >= self.threshold and self._comparable(
                        doc, earlier, later, similarity, boundary
                    ):
                        repeats.append((position, earlier_position, similarity))
                        break
            for run in _runs(doc, group, repeats):
                later, earlier = _joined(group, run, 0), _joined(group, run, 1)
                yield self._repeat(doc, later, earlier, min(r[2] for r in run))

    def _comparable(
        self, doc: Document, earlier: Item, later: Item, similarity: float, boundary: int | None
    ) -> bool:
        """Whether two alike items may be a repeat at all (asked of the few alike pairs only)."""
        text = doc.text
        first = text[earlier.text_start : earlier.text_end]
        second = text[later.text_start : later.text_end]
        first_label, second_label = _label(first), _label(second)
        if first_label and second_label and first_label != second_label:
            return False
        said = figures(second)
        if self.granularity == "sentence" and not _same_facts(figures(first), said):
            return False
        if (
            boundary is not None
            and not said
            and _restated(boundary, earlier.span, later.span)
            and not (similarity >= _VERBATIM and min(earlier.length, later.length) >= _LONG)
        ):
            return False
        if self.skip_restated:
            # two parts under one title (关于资产和土地处置 for two kinds of unit) hold parallel
            # provisions by design
            a, b = _part_of(doc, earlier.span), _part_of(doc, later.span)
            if a is not None and b is not None and a is not b and a.heading.text == b.heading.text:
                return False
        return True

    def _passages(self, doc: Document) -> Iterator[Diagnostic]:
        for passage in repeated_passages(doc):
            values = self._passage_values(doc, passage)
            related = (Related(passage.first, f"第一次出现在{values['place']}"),)
            yield self._finding(passage.span, values, 1.0, related)

    @staticmethod
    def _passage_values(doc: Document, passage: Passage) -> dict[str, str]:
        def lines(pair: tuple[int, int]) -> str:
            return f"{pair[0]}–{pair[1]}"

        copy = doc.line_at(passage.span.start).content_span
        first = doc.line_at(passage.first.start).content_span
        return {
            "item": abridge(doc.text[copy.start : copy.end]),
            "first": abridge(doc.text[first.start : first.end]),
            "line": str(passage.first_lines[0]),
            "place": f"第{lines(passage.first_lines)}行",
            "lines": lines(passage.lines),
            "count": str(passage.count),
            "similarity": "100%",
        }

    def _carried_over(self, doc: Document, previous: Document) -> Iterator[Diagnostic]:
        earlier_items = [i for group in self._items(previous, self.previous_scope) for i in group]
        index = OverlapIndex()
        for position, earlier in enumerate(earlier_items):
            index.add(position, earlier.words)
        for group in self._items(doc, self.scope):
            for later in group:
                best, best_similarity = None, 0.0
                for position, weight in sorted(index.shared(later.words).items()):
                    similarity = blend(weight, earlier_items[position].length, later.length)
                    if similarity > best_similarity:
                        best, best_similarity = earlier_items[position], similarity
                if best is not None and best_similarity >= self.threshold:
                    values = self._values(doc, later, previous, best, best_similarity)
                    yield self._finding(later.span, values, best_similarity)

    def _unmatched(self, doc: Document, previous: Document) -> Iterator[Diagnostic]:
        areas = scopes.resolve(doc, self.scope)
        if not areas:
            return
        later_items = [i for group in self._items(doc, self.scope) for i in group]
        anchor = doc.line_at(areas[0].start).content_span
        at = Span(anchor.start, min(anchor.end, anchor.start + 1))
        for group in self._items(previous, self.previous_scope):
            for planned in group:
                taken_up = max((coverage(planned.words, i.words) for i in later_items), default=0)
                if taken_up < self.threshold:
                    values = self._values(previous, planned, previous, planned, taken_up)
                    yield self._finding(at, values, taken_up)

    def _repeat(self, doc: Document, later: Item, first: Item, similarity: float) -> Diagnostic:
        values = self._values(doc, later, doc, first, similarity)
        line = values["line"]
        related = (Related(first.span, f"第一次出现在第{line}行"),)
        return self._finding(later.span, values, similarity, related)

    @staticmethod
    def _values(
        doc: Document, item: Item, first_doc: Document, first: Item, similarity: float
    ) -> dict[str, str]:
        line, _ = first_doc.position(first.start)
        text = doc.text[item.text_start : item.text_end]
        first_text = first_doc.text[first.text_start : first.text_end]
        return {
            "item": abridge(text),
            "first": abridge(first_text),
            "line": str(line),
            "place": f"第{line}行{ordinal_label(first.ordinal)}",
            "similarity": percent(similarity, identical=text == first_text),
        }

    def _finding(
        self,
        span: Span,
        values: dict[str, str],
        similarity: float,
        related: tuple[Related, ...] = (),
    ) -> Diagnostic:
        diagnostic = self.diagnostic(span, values)
        if self.error_threshold is not None and similarity >= self.error_threshold:
            diagnostic = replace(diagnostic, severity=Severity.ERROR)
        return replace(diagnostic, related=related)
