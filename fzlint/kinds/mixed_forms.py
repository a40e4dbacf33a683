"""`mixed-forms`: one thing written two ways in one document (70% and 70％): the minority form.

Key `forms`: a list of mappings, each `pattern` (a regex for one way of writing it) and `text` (that
form written out, what a fix puts in place of another form). `scope` (default `prose`). Every match
of a form used less often than the document's most used form is reported; a tie goes to the form
listed first. Fields: `{match}`, `{majority}` (the most used form's text), `{count}` (how often the
document uses it).
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
from fzlint.text.regex import required_literals


@kind("mixed-forms")
class MixedFormsKind(Kind):
    keys = frozenset({"forms", "scope"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        forms = self.options.list("forms")
        if len(forms) < 2:
            raise self.options.error("forms", "forms 至少要有两种写法")
        self.forms: list[tuple[re.Pattern[str], str]] = []
        for form in forms:
            if not isinstance(form, dict) or set(form) != {"pattern", "text"}:
                raise self.options.error("forms", "forms 的每一项应有 pattern 和 text 两个键")
            self.forms.append(
                (self.options.regex("forms", str(form["pattern"])), str(form["text"]))
            )
        self.scope = self.options.scope("prose")
        self.required = [required_literals(pattern) for pattern, _ in self.forms]
        self.compile_templates({"match", "majority", "count"})

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        text = doc.text
        # a form whose required strings are all absent has no match: with fewer than two forms
        # left, the document cannot mix them (most reports use one percent sign, or none)
        possible = [
            required is None or any(literal in text for literal in required)
            for required in self.required
        ]
        if sum(possible) < 2:
            return
        areas = scopes.resolve(doc, self.scope)
        found: list[list[re.Match[str]]] = [
            [m for area in areas for m in pattern.finditer(text, area.start, area.end)]
            for pattern, _ in self.forms
        ]
        used = [i for i, matches in enumerate(found) if matches]
        if len(used) < 2:
            return
        # max() keeps the first of equals: a tie goes to the form listed first
        majority = max(used, key=lambda i: len(found[i]))
        values = {"majority": self.forms[majority][1], "count": str(len(found[majority]))}
        for i in used:
            if i == majority:
                continue
            for match in found[i]:
                yield self.diagnostic(Span(*match.span()), {**values, "match": match.group(0)})
