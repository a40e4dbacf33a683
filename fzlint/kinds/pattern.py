"""`pattern`: one or more regular expressions, optionally limited to a scope.

A named group `hit` narrows the reported span (and what a fix replaces) to part of the match, so
context can be required around it without lookbehind limits. `exceptions` are patterns whose
matches shield any finding inside them (for example 法制审核 for a rule on 法制).
`collapse_over: N` reports a document with more than N findings once, at the first, with the count,
the other places as related places and one fix for them all: a slip repeated on every line (a
trailing space after each paragraph, a document that writes ”、“ throughout) is one habit of the
writer or converter, not N defects.
`quoted_fix` is the fix template for a match right after an opening quotation mark, where the
quoted form differs from the one in running text (a date in quotes names an event: “4·15”).
`requires` is a cheaper pattern that matches inside every match of the rule's patterns: an area
where it finds nothing is not searched. It is for a pattern that costs much to run everywhere
(one reading a whole sentence from each clause) and finds something rarely; it must never change
what the rule finds (the rule's examples, and a test on random texts, check that it holds).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from fzlint.diagnostics import Diagnostic, Fix, Related, Span
from fzlint.document import scopes
from fzlint.document.source import Document
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind
from fzlint.text.prefilter import contains_one, may_match, required_characters
from fzlint.text.regex import find_all, line_local, match_starts, required_literals


def _joined(text: str, areas: Sequence[Span]) -> list[Span]:
    """`areas` with each run of consecutive lines (one area's end the newline before the next's
    start) made one area."""
    joined: list[Span] = []
    # a span is made only where a run ends (a report's ~50 lines of prose are one or a few runs)
    start, end = areas[0].start, areas[0].end
    for area in areas[1:]:
        if area.start == end + 1 and text[end] == "\n":
            end = area.end
        else:
            joined.append(Span(start, end))
            start, end = area.start, area.end
    joined.append(Span(start, end))
    return joined


# The document memo's key for which required character sets a document holds (see may_match).
_CHARACTERS = "pattern: characters"

# Opening quotation marks (and the straight ones, which open as often as they close).
_OPENING = frozenset("“‘「『\"'")


def _refixed(found: Diagnostic, content: str) -> Diagnostic:
    """`found` with its fix's one edit replacing by `content` instead."""
    assert found.fix is not None
    (edit,) = found.fix.edits
    title = (
        found.rule.fix.title if found.rule.fix and found.rule.fix.title else f"改为「{content}」"
    )
    fix = replace(found.fix, edits=(replace(edit, content=content),), title=title)
    return replace(found, fix=fix)


def _field_groups(
    pattern: re.Pattern[str], fields: Iterable[str]
) -> tuple[tuple[str, int | str], ...]:
    """The group each template field reads in a match of `pattern`: {match} the whole match,
    {1} … the numbered groups, {name} a named group (which wins over the others, as it would in a
    dict of all of them). A field `pattern` has no group for renders empty, so it is left out."""
    groups: list[tuple[str, int | str]] = []
    for field in sorted(fields):
        if field in pattern.groupindex:
            groups.append((field, field))
        elif field.isdigit() and field == str(int(field)) and 1 <= int(field) <= pattern.groups:
            groups.append((field, int(field)))
        elif field == "match":
            groups.append((field, 0))
    return tuple(groups)


def _shields(
    exceptions: Sequence[tuple[re.Pattern[str], re.Pattern[str] | None]], text: str, area: Span
) -> list[tuple[int, int]]:
    """The spans of the exceptions' matches in `area`: no finding inside one is reported."""
    return [
        m.span()
        for exception, first in exceptions
        for m in find_all(exception, first, text, area.start, area.end)
    ]


@kind("pattern")
class PatternKind(Kind):
    keys = frozenset(
        {"pattern", "scope", "ignore_case", "exceptions", "collapse_over", "quoted_fix", "requires"}
    )

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        options = self.options
        flags = re.IGNORECASE if options.bool("ignore_case") else 0
        self.patterns = [options.regex("pattern", p, flags) for p in options.str_list("pattern")]
        self.exceptions = [
            options.regex("exceptions", p, flags) for p in options.str_list("exceptions", [])
        ]
        self.requires = (
            options.regex("requires", options.str("requires"), flags)
            if options.has("requires")
            else None
        )
        self.scope = options.scope()
        self.collapse_over = options.int("collapse_over", 0)
        if self.collapse_over < 0:
            raise options.error("collapse_over", "collapse_over 应为正整数")
        # Line by line scopes (`prose`, `line`) are searched a run of lines at a time when that
        # finds the same: one search per document instead of one per line and pattern.
        self.line_local = all(line_local(p) for p in [*self.patterns, *self.exceptions])
        # Where a match may start, where that is cheaper to search for: searched for first.
        self.starts = [match_starts(p) for p in self.patterns]
        self.exception_starts = [match_starts(p) for p in self.exceptions]
        # A test for the strings one of which a match must contain, and the sets of characters
        # of each of which it must contain one: a report without them is not searched.
        self.required = [contains_one(required_literals(p)) for p in self.patterns]
        self.characters = [required_characters(p) for p in self.patterns]
        self.exception_characters = [required_characters(p) for p in self.exceptions]
        fields = {"match"}
        for pattern in self.patterns:
            fields.update(str(i) for i in range(1, pattern.groups + 1))
            fields.update(pattern.groupindex)
        self.compile_templates(fields)
        self.quoted_fix = None
        if options.has("quoted_fix"):
            if self.rule.fix is None:
                raise options.error("quoted_fix", "quoted_fix 需要规则同时有 fix")
            self.quoted_fix = options.template("quoted_fix", options.str("quoted_fix"), fields)
        # A finding reads from its match only the groups its templates show.
        shown = {
            field
            for template in (self.message_template, self.fix_template, self.quoted_fix)
            if template is not None
            for field in template.fields
        }
        self.field_groups = [_field_groups(pattern, shown) for pattern in self.patterns]
        # What `_find` reads of each pattern, in one tuple: the pattern, where its matches start,
        # the groups its findings show, the number of its `hit` group (0, the whole match, when
        # it has none), and the tests a report must pass for it to be searched.
        self.searched = [
            (pattern, first, groups, pattern.groupindex.get("hit", 0), characters, required)
            for pattern, first, groups, characters, required in zip(
                self.patterns,
                self.starts,
                self.field_groups,
                self.characters,
                self.required,
                strict=True,
            )
        ]

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        found = self._find(doc)
        if not self.collapse_over:
            yield from found
            return
        # two patterns may match the same place: it is one finding
        found = sorted({d.span: d for d in found}.values(), key=Diagnostic.sort_key)
        if len(found) <= self.collapse_over:
            yield from found
            return
        first = found[0]
        fixes = [d.fix for d in found if d.fix is not None]
        fix = None
        if fixes:
            edits = tuple(edit for f in fixes for edit in f.edits)
            fix = Fix(edits, fixes[0].applicability, f"{fixes[0].title}（全文{len(fixes)}处）")
        yield Diagnostic(
            rule=first.rule,
            span=first.span,
            message=f"{first.message}（全文共{len(found)}处）",
            severity=first.severity,
            fix=fix,
            # the other places, so that every edit of the fix lies in a place the finding names
            related=tuple(Related(d.span, "同上") for d in found[1:]),
        )

    def _find(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.text
        known = doc.memo.setdefault(_CHARACTERS, {})
        patterns = [
            (pattern, first, groups, hit)
            for pattern, first, groups, hit, characters, required in self.searched
            # characters first: a test for one character costs a tenth of one for a string
            if may_match(characters, text, known) and (required is None or required(text))
        ]
        if not patterns:
            return
        areas = scopes.resolve(doc, self.scope)
        if self.line_local and len(areas) > 1:
            key = ("joined", self.scope)
            if key not in doc.memo:
                doc.memo[key] = _joined(text, areas)
            areas = doc.memo[key]
        exceptions: list[tuple[re.Pattern[str], re.Pattern[str] | None]] | None = None
        exceptions_given = bool(self.exceptions)
        requires = self.requires
        for area in areas:
            if requires is not None and requires.search(text, area.start, area.end) is None:
                continue
            # the exceptions are searched only in an area where a pattern matched: most match
            # nowhere, and an area's shields are the same whenever they are searched
            shields: list[tuple[int, int]] | None = None
            for pattern, first, groups, hit in patterns:
                for match in find_all(pattern, first, text, area.start, area.end):
                    start, end = match.span(hit)
                    if start < 0:  # the `hit` group did not take part in this match
                        start, end = match.span()
                    if exceptions_given:
                        if shields is None:
                            if exceptions is None:
                                exceptions = self._exceptions(text, known)
                            shields = _shields(exceptions, text, area)
                        if any(s <= start and end <= e for s, e in shields):
                            continue
                    values = {field: match.group(group) or "" for field, group in groups}
                    found = self.diagnostic(Span(start, end), values)
                    if self.quoted_fix is not None and start and text[start - 1] in _OPENING:
                        found = _refixed(found, self.quoted_fix.render(values))
                    yield found

    def _exceptions(
        self, text: str, known: dict[str, bool]
    ) -> list[tuple[re.Pattern[str], re.Pattern[str] | None]]:
        """The exceptions (with their first characters) that can match somewhere in `text`."""
        return [
            (exception, first)
            for exception, first, characters in zip(
                self.exceptions, self.exception_starts, self.exception_characters, strict=True
            )
            if may_match(characters, text, known)
        ]
