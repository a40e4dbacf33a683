"""`required`: something that must be present in a scope; reported once per file when absent.

The finding is placed at the start of the scope, or with `at: end` at its last character
(where a missing 落款 or 成文日期 belongs). Empty documents are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document import scopes
from fzlint.document.source import Document
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind


@kind("required")
class RequiredKind(Kind):
    keys = frozenset({"pattern", "scope", "at", "ignore_case"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        options = self.options
        flags = re.IGNORECASE if options.bool("ignore_case") else 0
        self.patterns = [options.regex("pattern", p, flags) for p in options.str_list("pattern")]
        self.scope = options.scope()
        self.at_end = options.choice("at", ("start", "end"), "start") == "end"
        self.compile_templates(set())

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        if not doc.paragraphs:
            return
        areas = scopes.resolve(doc, self.scope)
        for area in areas:
            if any(p.search(doc.text, area.start, area.end) for p in self.patterns):
                return
        if self.at_end:
            last = areas[-1] if areas else doc.paragraphs[-1].span
            content = doc.line_at(max(last.start, last.end - 1)).content_span
            span = Span(max(content.start, content.end - 1), content.end)
        else:
            first = areas[0] if areas else doc.paragraphs[0].span
            content = doc.line_at(first.start).content_span
            span = Span(content.start, min(content.end, content.start + 1))
        yield self.diagnostic(span, {})
