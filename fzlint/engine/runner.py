"""Run selected rules over a document: the pure core (no printing, no exit codes, no writes)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from fzlint.diagnostics import Diagnostic, Severity
from fzlint.document.docx import on_labels
from fzlint.document.source import Document
from fzlint.document.webpage import WebBlock, inside_web_block, touches_web_block, web_blocks
from fzlint.engine.packs import LoadedRule
from fzlint.engine.rule import LintContext
from fzlint.errors import FzlintError


def lint_document(
    doc: Document,
    rules: Iterable[LoadedRule],
    ctx: LintContext | None = None,
    severity_overrides: Mapping[str, Severity] | None = None,
) -> list[Diagnostic]:
    """All findings of `rules` on `doc`, sorted by position and rule id, without duplicates."""
    ctx = ctx or LintContext()
    found: dict[tuple[str, int, int, str], Diagnostic] = {}
    doc_type: str | None = None
    blocks = web_blocks(doc)
    # where the blocks start and end, both growing (blocks are in text order and do not overlap):
    # most findings lie away from every block, which two look-ups tell (see `_near_a_block`)
    starts = [block.extent.start for block in blocks]
    ends = [block.extent.end for block in blocks]
    overrides = severity_overrides or {}
    for item in rules:
        rule = item.rule
        if rule.applies_to:
            doc_type = doc_type or ctx.doc_type_of(doc)
            if not rule.applies(doc_type):
                continue
        # what a finding goes through is worked out once per rule, not once per finding
        rule_id = rule.id
        outside_blocks = bool(blocks) and not item.checker.reads_web_page
        severity = overrides.get(rule_id)
        for diagnostic in item.checker.check(doc, ctx):
            if outside_blocks and _near_a_block(diagnostic, starts, ends):
                diagnostic = _outside_web_blocks(diagnostic, blocks)
                if diagnostic is None:
                    continue
            if severity is not None:
                diagnostic = replace(diagnostic, severity=severity)
            span = diagnostic.span
            found.setdefault((rule_id, span.start, span.end, diagnostic.message), diagnostic)
    kept = _one_per_fix(sorted(found.values(), key=Diagnostic.sort_key))
    if doc.word is not None:
        kept = on_labels(doc.word, kept)
    return kept


def _near_a_block(diagnostic: Diagnostic, starts: list[int], ends: list[int]) -> bool:
    """Whether a block's extent reaches the finding's span or one of its fix's edits (touches or
    holds it: `_outside_web_blocks` can keep the finding as it is only when none does). The
    last block starting at or before a span's end is the one ending last among those."""
    span = diagnostic.span
    index = bisect_right(starts, span.end)
    if index and ends[index - 1] >= span.start:
        return True
    fix = diagnostic.fix
    if fix is not None:
        for edit in fix.edits:
            index = bisect_right(starts, edit.span.end)
            if index and ends[index - 1] >= edit.span.start:
                return True
    return False


def _outside_web_blocks(diagnostic: Diagnostic, blocks: Sequence[WebBlock]) -> Diagnostic | None:
    """A scraped page's chrome is reported once by the web-residue rules: another rule's finding
    inside it is dropped, and a fix that would edit it is not offered (`时间:2023-02-28 15:36` is
    no half-width colon to correct)."""
    if inside_web_block(blocks, diagnostic.span):
        return None
    fix = diagnostic.fix
    if fix is not None and touches_web_block(blocks, (edit.span for edit in fix.edits)):
        return replace(diagnostic, fix=None)
    return diagnostic


def _one_per_fix(ordered: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Two rules that flag the same text with the same fix (`(一)` is both a half-width bracket
    and a non-standard heading marker) say one thing: the finding of the lower rule id stays.

    `ordered` is sorted by `Diagnostic.sort_key` (a stable sort of the findings as found): two
    findings with one fix share its span, so the first of them met is the one of the lowest rule
    id (the earliest found among equals), and what is kept stays in that order. (`on_labels`
    after this keeps order and spans.)"""
    kept: list[Diagnostic] = []
    # Keyed by the numbers and strings of the span and the edits, equal exactly when the spans and
    # edits are: hashing plain tuples is done in C, a dataclass's hash in Python.
    fixes: set[tuple[object, ...]] = set()
    for diagnostic in ordered:
        fix = diagnostic.fix
        if fix is not None:
            span = diagnostic.span
            key = (
                span.start,
                span.end,
                *[(e.span.start, e.span.end, e.content) for e in fix.edits],
            )
            if key in fixes:
                continue
            fixes.add(key)
        kept.append(diagnostic)
    return kept


@dataclass(frozen=True)
class FileResult:
    """The outcome for one input: its document and findings, or the one-line error it gave."""

    path: str
    document: Document | None
    # A tuple, or `Findings` (packed, unpacked when read) when they came from a worker or the cache.
    diagnostics: Sequence[Diagnostic] = ()
    error: FzlintError | None = None
