"""`stale-name`: names of laws, plans, policies and bodies judged against the report's own date.

```yaml
kind: stale-name
knowledge: data/stale-names.yaml   # the knowledge base, relative to this pack (README: schema)
scopes: [current]                  # which entries this rule judges (default: all scopes)
types: [law, document]             # optional: only these entry types
except_types: [wording]            # optional: not these entry types
```
All forms of all entries are found in one pass (fzlint.engine.knowledge); each match is then
judged by its entry's scope:

- `anachronism`: the name did not exist yet when the report was written (entry `since` later
  than the as-of date; unknown, the reporting deadline 3月31日 of the year after the report year),
  unless the text looks forward to it (the knowledge base's `ahead` words: 迎接党的二十大).
- `mention`: any mention is stale once the period the text is about is stale (see below), unless
  the text marks it as history (`原工商局`, `…圆满收官`, an earlier year in the sentence).
- `current`: as `mention`, and only when cited as in force or as current guidance: an implementing
  verb nearby (贯彻落实、严格执行、依据、按照、学习宣传…), a guiding phrase after it (…为指导、
  …的规定), or a plan (the next-year part, 下一步/明年, a later year in the sentence).

An entry without `since` is a wrong set name (全面守法): wrong in any year and tense. For the
others, the knowledge base's `time_words` (data an office can extend) mark looking back: `past`
words (过去五年, 五年来, 年均) in the paragraph before the name, the rest of its sentence or the
heading of its section, and `result` words right before the name (如期打赢脱贫攻坚战) outside a
plan unless a `goal` word precedes (确保打赢). Every finding says why the name counts as current
(`{why}`: the plan for the next year, the implementing verb, or plain use in the report year).

The period a sentence is about is the report year Y, or Y+1 in the plan. A name is stale for a
period when it was superseded before the last quarter of that year, when the year's report is
drafted (新冠肺炎, renamed 2022-12-26, is right in a report on 2022; 信访条例, replaced
2022-05-01, is stale in it). `--as-of` re-dates the report: without `--report-year`, the year
reported on becomes the one a report written on that date covers.

Message and fix templates take `{match}` `{name}` `{replacement}` `{since}` `{status}` `{source}`
`{note}` `{year}` `{written}` `{why}` (`{because}`: the same in parentheses, or nothing); the
entry's `fix` replaces the name proper inside the match (书名号 and 中华人民共和国 stay), with
the entry's applicability (unsafe unless stated).
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from fzlint.diagnostics import Diagnostic, Edit, Fix, Span
from fzlint.document.source import Document
from fzlint.engine.knowledge import SCOPES, TYPES, Entry, Match, load_knowledge
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.errors import RuleFileError
from fzlint.kinds.base import Kind
from fzlint.text.regex import compile_kept

# Reports on year Y are drafted from its last quarter and due by 3月31日 of Y+1.
DRAFTING_STARTS = (10, 1)
DEADLINE = (3, 31)

_SENTENCE_END = "。！？!?；;\n"
_SENTENCE_END_MARK = compile_kept(f"[{_SENTENCE_END}]")
_BEFORE_WINDOW = 20
_AFTER_WINDOW = 12
_IMPLEMENTING = compile_kept(
    "贯彻|落实|执行|实施|遵守|遵循|依据|根据|按照|依照|对照|适用|运用|学习|宣传|宣讲|解读|"
    "普及|开展|推进|推动|深化|深入|持续|继续|坚持|围绕|抓好|做好|打好|打赢|决战|用好|聚焦|征收"
)
_GUIDING_AFTER = compile_kept(
    "^[^，,。；;]{0,4}(为契机|为抓手|为载体|为指导|为引领|为统领|为指引|为准绳|为依据|为主线|指导下|指引下|"
    "的指导|的规定|的要求|规定|要求|精神)"
)
# 原/前 as in 原工商局, 此前, 之前; not 原则, 原因, 目前, 当前, 提前.
_HISTORY_BEFORE = compile_kept(
    "(?:原(?![则因])|(?<![目当提])前|旧|曾|已废止|废止|此前|以往|过去|当年|回顾|总结|完成)"
    "[^，,。；;、]{0,6}$"
)
_HISTORY_AFTER = compile_kept(
    "^[^，,。；;]{0,10}(?:收官|圆满|胜利|完成|结束|期间|以来|成果|成效|废止|失效|取代|替代|代替|"
    "更名|改为|改名|撤销|撤并|整合|划入|合并|转隶|不再|验收|总结|时期|阶段)"
)
_FUTURE = compile_kept("下一步|下步|明年|下一年度|下年度|来年|今后")
_YEAR = compile_kept(r"((?:19|20)\d\d)\s*年")
# A bare law or body name (no 书名号) is a different word when these follow its last character:
# 合同法律, 物权法定, 农业部门 (not “七五”普法规划, which is no law).
_CONTINUES = {
    "法": "律规学院官庭治制定人务典理案条",
    "局": "面势限部",
    "部": "门署分位件落",
    "办": "理法事",
}
# A bare law name after a place suffix is a local regulation (浙江省信访条例).
_LOCAL = "省市区县州旗盟"


def implied_year(written: date) -> int:
    """The year a report written on `written` covers (drafted from Q4, late ones into Q3)."""
    return written.year if (written.month, written.day) >= DRAFTING_STARTS else written.year - 1


def stale_for(entry: Entry, period: int) -> bool:
    return entry.since is None or entry.since <= date(period, *DRAFTING_STARTS)


def _cn_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


@dataclass(frozen=True, slots=True)
class Verdict:
    """A stale match: the year it is judged for, and why it counts as current then (empty for a
    name that is wrong at any time or not yet in existence)."""

    period: int | None
    why: str = ""


@dataclass(frozen=True, slots=True)
class Dating:
    """When a report was written and which year it covers, as this kind judges them."""

    year: int | None
    written: date | None
    written_known: bool

    @classmethod
    def of(cls, doc: Document, ctx: LintContext) -> Dating:
        as_of = ctx.as_of_of(doc)
        if ctx.as_of is not None and ctx.report_year is None:
            year: int | None = implied_year(ctx.as_of)
        else:
            year = ctx.report_year_of(doc)
            if year is None and as_of is not None:
                year = implied_year(as_of)
        if as_of is not None:
            return cls(year, as_of, True)
        return cls(year, date(year + 1, *DEADLINE) if year is not None else None, False)


def plan_spans(doc: Document, year: int | None) -> list[Span]:
    """The next-year part as the structure parse finds it, unless its heading names a year that
    is not after the report year (`2020年工作计划` in a report on 2020 is not a plan for later)."""
    section = doc.structure.next_year_section
    if section is None:
        return []
    named = _YEAR.search(section.heading.text)
    if named is not None and year is not None and int(named.group(1)) <= year:
        return []
    return [section.span]


def review_spans(doc: Document, past: tuple[str, ...]) -> list[Span]:
    """The sections whose heading looks back over several years (`一、过去五年工作回顾`)."""
    # a heading is text of the report: a report without the words has no such heading, and a
    # look at the text costs less than a walk over its headings
    if not _has(past, doc.text):
        return []
    return [
        section.span
        for top in doc.structure.sections
        for section in top.walk()
        if _has(past, section.heading.text)
    ]


@dataclass(frozen=True, slots=True)
class Parts:
    """Where the report plans the next year, and where it looks back over several years."""

    plans: list[Span]
    reviews: list[Span]


# The document memo's key (with the knowledge base and the report year) for `Parts`.
_PARTS = "stale-name: parts"


def _within(spans: list[Span], offset: int) -> bool:
    return any(s.start <= offset < s.end for s in spans)


class _Sentences:
    """Where the sentence and the line around a name lie in one text, and what the line says
    before it. The sentence runs from after the last sentence end before the name to the first
    one at or after it; a newline ends a sentence, so both lie in the name's line (when the name
    holds no newline): the end marks of a line are found once, the first time a name in it asks,
    which reads only the lines that hold a name. Each answer costs a bisect or a look-up, not a
    search back to the line's start: a report written as one long line (a PDF's text dumped
    without line breaks) holds thousands of names, and a search per name from each back to the
    line's start, or over all the line before it, is quadratic (a 5 MB line took minutes)."""

    __slots__ = ("_earliest", "_ends", "_starts", "_text")

    def __init__(self, text: str, starts: Sequence[int]) -> None:
        self._text = text
        # the offset each line starts at (`Document.line_starts`)
        self._starts = starts
        # by the line's start: the end marks of the line, its newline (if any) last
        self._ends: dict[int, list[int]] = {}
        # by words and a line's start: where the first of the words to end in the line ends
        self._earliest: dict[tuple[tuple[str, ...], int], int] = {}

    def _line(self, offset: int) -> tuple[int, int]:
        """The start of the line holding `offset`, and its end: its newline, or the text's end."""
        starts = self._starts
        index = bisect.bisect_right(starts, offset)
        end = starts[index] - 1 if index < len(starts) else len(self._text)
        return starts[index - 1], end

    def around(self, start: int, end: int) -> tuple[int, int]:
        text = self._text
        line, line_end = self._line(start)
        ends = self._ends.get(line)
        if ends is None:
            ends = self._ends[line] = [
                m.start() for m in _SENTENCE_END_MARK.finditer(text, line, line_end + 1)
            ]
        # the newline before the line (if any) is the last end before it
        before = bisect.bisect_left(ends, start)
        left = ends[before - 1] + 1 if before else line
        after = bisect.bisect_left(ends, end)
        if after < len(ends):
            return left, ends[after]
        if not ends or text[ends[-1]] != "\n":
            return left, len(text)  # the last line, without a newline: no end after the name
        # a name running into the next line (no shipped form holds a newline)
        found = _SENTENCE_END_MARK.search(text, end)
        return left, found.start() if found is not None else len(text)

    def said_before(self, words: tuple[str, ...], offset: int) -> bool:
        """Whether one of `words` stands wholly in the line of `offset`, before it: the first
        occurrence of each word in the line ends soonest, so the soonest of those ends is the
        line's answer for every offset in it."""
        line, line_end = self._line(offset)
        key = (words, line)
        earliest = self._earliest.get(key)
        if earliest is None:
            text = self._text
            found = [
                at + len(word) for word in words if (at := text.find(word, line, line_end)) >= 0
            ]
            earliest = self._earliest[key] = min(found, default=len(text) + 1)
        return earliest <= offset


# The document memo's key for its `_Sentences`, shared by the rules of this kind.
_SENTENCES = "stale-name: sentences"


_CLAUSE_END = "，,；;：:"


def _clause_before(text: str, left: int, start: int) -> str:
    """The text of the clause before `start` (from the last comma, or the sentence start)."""
    cut = max([text.rfind(c, left, start) for c in _CLAUSE_END])
    return text[max(left, cut + 1) : start]


def _clause_after(text: str, end: int, right: int) -> str:
    """The text of the clause after `end` (to the next comma, or the sentence end)."""
    cuts = [i for c in _CLAUSE_END if (i := text.find(c, end, right)) != -1]
    return text[end : min(cuts, default=right)]


_ADVERB = compile_kept("(?:认真|严格|全面|切实|坚决|积极|大力|扎实|进一步)$")


def _verb_phrase(before: str, start: int) -> str:
    """The words from the first implementing verb up to the name, with an adverb before it
    (严格执行, 深入推进, 认真落实); the whole text before the name when that is short."""
    clause = max((before.rfind(c, 0, start) for c in _CLAUSE_END), default=-1) + 1
    adverb = _ADVERB.search(before, clause, start)
    return before[adverb.start() if adverb else start :]


def _has(words: tuple[str, ...], text: str) -> bool:
    # a loop rather than any() over a generator: called ~20 times a report, on short texts
    for word in words:  # noqa: SIM110
        if word in text:
            return True
    return False


def _inside_title(text: str, offset: int) -> bool:
    """Whether `offset` lies inside 《…》: an older document's title keeps its own names and
    wording (《关于进一步加强法制宣传教育的决议》, 《县环保局关于…的通知》). A name that ends
    the title is the title itself, and is judged (《推进法治政府建设第一责任人职责规定》)."""
    window = text[max(0, offset - 60) : offset]
    return window.rfind("《") > window.rfind("》")


@kind("stale-name")
class StaleNameKind(Kind):
    keys = frozenset({"knowledge", "scopes", "types", "except_types"})
    needs = frozenset({"structure"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        options = self.options
        relative = options.str("knowledge")
        path = os.path.join(os.path.dirname(rule.source), relative)
        try:
            self.knowledge = load_knowledge(path)
        except RuleFileError as exc:
            if exc.path == path and exc.line is None:
                raise options.error("knowledge", f"{exc.message}：{relative}") from None
            raise
        self.scopes = frozenset(self._choices("scopes", SCOPES, list(SCOPES)))
        self.types = frozenset(self._choices("types", TYPES, list(TYPES)))
        self.types -= frozenset(self._choices("except_types", TYPES, []))
        self.entries = tuple(
            e for e in self.knowledge.entries if e.scope in self.scopes and e.type in self.types
        )
        if not self.entries:
            raise options.error("knowledge", "按 scopes 与 types 筛选后没有任何条目")
        self._ids = frozenset(e.id for e in self.entries)
        self.compile_templates(
            {
                "match",
                "name",
                "replacement",
                "since",
                "status",
                "source",
                "note",
                "year",
                "written",
                "why",
                "because",
            }
        )

    def _choices(self, key: str, allowed: tuple[str, ...], default: list[str]) -> list[str]:
        values = self.options.str_list(key, default)
        for value in values:
            if value not in allowed:
                raise self.options.error(
                    key, f"「{value}」不是可用的值（可用：{'、'.join(allowed)}）"
                )
        return values

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        matches = [m for m in self.knowledge.matches(doc) if m.entry.id in self._ids]
        if not matches:
            return
        dating = Dating.of(doc, ctx)
        text = doc.text
        sentences: _Sentences | None = doc.memo.get(_SENTENCES)
        if sentences is None:
            sentences = doc.memo[_SENTENCES] = _Sentences(text, doc.line_starts)
        for match in matches:
            if not self._stands_alone(text, match, sentences):
                continue
            verdict = self._judge(doc, match, dating, sentences)
            if verdict is not None:
                yield self._finding(text, match, dating, verdict)

    def _parts(self, doc: Document, year: int | None) -> Parts:
        """The report's plan and review parts, worked out once per document for the rules of
        this kind that read one knowledge base (they depend on nothing else)."""
        key = (_PARTS, self.knowledge, year)
        parts: Parts | None = doc.memo.get(key)
        if parts is None:
            parts = doc.memo[key] = Parts(
                plan_spans(doc, year) if year is not None else [],
                review_spans(doc, self.knowledge.time_words.past),
            )
        return parts

    @staticmethod
    def _stands_alone(text: str, match: Match, sentences: _Sentences) -> bool:
        """False when the text around a form makes it a different word or document."""
        entry = match.entry
        before, after = text[max(0, match.start - 8) : match.start], text[match.end : match.end + 8]
        if before.endswith(entry.not_after):
            return False
        if after.startswith(entry.not_before):
            return False
        if match.bare and entry.type in ("law", "institution"):
            continuation = _CONTINUES.get(text[match.end - 1], "")
            if after[:1] and after[0] in continuation:
                return False
            if entry.type == "law" and before[-1:] and before[-1] in _LOCAL:
                return False
        if (
            entry.scope == "mention"
            and _inside_title(text, match.start)
            and not text.startswith("》", match.end)
        ):
            return False
        if entry.near:
            left, right = sentences.around(match.start, match.end)
            sentence = text[left:right]
            if not _has(entry.near, sentence):
                return False
        return True

    def _judge(
        self, doc: Document, match: Match, dating: Dating, sentences: _Sentences
    ) -> Verdict | None:
        """Why the match is stale (the year it is judged for, and the words that say so), or None
        when it is fine. What it reads (the sentence, the report's parts) is worked out only
        when a test needs it: most names are settled by their dates."""
        entry = match.entry
        words = self.knowledge.time_words
        text = doc.text
        if entry.scope == "anachronism":
            assert entry.since is not None
            if dating.written is None or entry.since <= dating.written:
                return None
            left, right = sentences.around(match.start, match.end)
            # 迎接党的二十大胜利召开, 今年将召开党的二十大: looking forward is right.
            if _has(words.ahead, _clause_before(text, left, match.start)) or _has(
                words.ahead, _clause_after(text, match.end, right)
            ):
                return None
            return Verdict(dating.year)
        if entry.since is None:
            # A wrong set name (全面守法, 中央依法治国委员会) is wrong in any year and any tense.
            return Verdict(dating.year)
        left, right = sentences.around(match.start, match.end)
        before = text[max(left, match.start - _BEFORE_WINDOW) : match.start]
        after = text[match.end : min(right, match.end + _AFTER_WINDOW)]
        if _HISTORY_BEFORE.search(before) or _HISTORY_AFTER.search(after):
            return None
        # 过去五年、五年来、…年均下降: the paragraph or its section looks back over several years.
        if (
            sentences.said_before(words.past, match.start)
            or _has(words.past, text[match.end : right])
            or _within(self._parts(doc, dating.year).reviews, match.start)
        ):
            return None
        if dating.year is None:
            return None
        years = [
            int(y.group(1))
            for y in _YEAR.finditer(text, left, right)
            if not (match.start <= y.start() < match.end)
        ]
        in_plan = _within(self._parts(doc, dating.year).plans, match.start)
        future_word = _FUTURE.search(text, left, right)
        future = in_plan or future_word is not None
        # 如期打赢脱贫攻坚战: the name is reported done in the review part; 确保打赢… or the same
        # words in a plan are a goal.
        if not future:
            clause_before = _clause_before(text, left, match.start)
            if _has(words.result, clause_before) and not _has(words.goal, clause_before):
                return None
        period = dating.year + 1 if future else dating.year
        later = [y for y in years if y > dating.year]
        if later:
            period = max(later)
            future = True
        elif any(y < period for y in years):
            return None
        if not stale_for(entry, period):
            return None
        if entry.scope == "current":
            use = "仍作为当前工作"
        else:
            use = f"仍作为现行{'用语' if entry.type == 'wording' else '名称'}使用"
        if later:
            why = f"句中写的是{period}年的工作，{use}"
        elif in_plan:
            why = f"报告年度{dating.year}年的下一年度工作安排（{period}年）中{use}"
        elif future_word is not None:
            why = f"「{future_word.group()}」的{period}年工作安排中{use}"
        else:
            why = f"报告年度{period}年{use}"
        if entry.scope == "current" and not future:
            verb = _IMPLEMENTING.search(before)
            guide = _GUIDING_AFTER.search(after)
            if verb is None and guide is None:
                return None
            if verb is not None:
                words_used = _verb_phrase(before, verb.start())
                why = f"报告年度{period}年的工作中以「{words_used}」作为当前工作"
            else:
                assert guide is not None
                phrase = guide.group(1).lstrip("的")
                why = f"报告年度{period}年的工作中后接「{phrase}」，作为当前依据"
        return Verdict(period, why)

    def _finding(self, text: str, match: Match, dating: Dating, verdict: Verdict) -> Diagnostic:
        entry = match.entry
        period = verdict.period
        since = _cn_date(entry.since) if entry.since else ""
        if entry.scope == "anachronism":
            status = f"{since}才出现"
        elif entry.since is None:
            status = "是不规范或错误的提法"
        else:
            status = f"自{since}起已不再现行"
        if dating.written is None:
            written = "报告"
        elif dating.written_known:
            written = f"{_cn_date(dating.written)}成文的报告"
        else:
            written = f"{dating.year}年度报告（最迟于{_cn_date(dating.written)}成文）"
        values = {
            "match": text[match.start : match.end],
            "name": entry.name,
            "replacement": entry.replacement,
            "since": since,
            "status": status,
            "source": entry.source,
            "note": entry.note,
            "year": str(period) if period is not None else "",
            "written": written,
            "why": verdict.why,
            "because": f"（{verdict.why}）" if verdict.why else "",
        }
        assert self.message_template is not None
        fix = None
        if entry.fix is not None:
            span = Span(match.core_start, match.core_end)
            fix = Fix((Edit(span, entry.fix),), entry.fix_applicability, f"改为「{entry.fix}」")
        return Diagnostic(
            rule=self.rule,
            span=Span(match.start, match.end),
            message=self.message_template.render(values),
            severity=entry.severity,
            fix=fix,
        )
