"""`terms`: wrong → right word pairs, all found in one pass however many there are.

```yaml
terms:
  - wrong: [全面守法]
    right: 全民守法
    note: 十六字方针
exceptions: [法制审核]      # longer phrases in which a wrong form is correct
```
Matching is leftmost-longest over the wrong forms and the exceptions together, so an exception
that contains a wrong form and starts with or before it shields it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document import scopes
from fzlint.document.source import Document
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind
from fzlint.text.multimatch import LiteralMatcher


@dataclass(frozen=True, slots=True)
class Term:
    wrong: str
    right: str
    note: str


@kind("terms")
class TermsKind(Kind):
    keys = frozenset({"terms", "scope", "exceptions"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        options = self.options
        self.scope = options.scope()
        self.terms: list[Term] = []
        raw = options.raw.get("terms")
        if isinstance(raw, dict):
            entries = [{"wrong": k, "right": v} for k, v in raw.items()]
        else:
            entries = options.list("terms")
        for entry in entries:
            if not isinstance(entry, dict) or "wrong" not in entry or "right" not in entry:
                raise options.error("terms", "每个词条应写成 {wrong: 错误写法, right: 正确写法}")
            extra = set(entry) - {"wrong", "right", "note"}
            if extra:
                raise options.error("terms", f"词条中不认识的键「{sorted(extra)[0]}」")
            wrongs = entry["wrong"] if isinstance(entry["wrong"], list) else [entry["wrong"]]
            for wrong in wrongs:
                if not isinstance(wrong, str) or not wrong:
                    raise options.error("terms", "wrong 应为非空字符串")
                self.terms.append(Term(wrong, str(entry["right"]), str(entry.get("note", ""))))
        if not self.terms:
            raise options.error("terms", "terms 不能为空")
        seen: set[str] = set()
        for term in self.terms:
            if term.wrong in seen:
                raise options.error("terms", f"词条「{term.wrong}」重复")
            seen.add(term.wrong)
        exceptions = [e for e in options.str_list("exceptions", []) if e not in seen]
        self.matcher = LiteralMatcher([t.wrong for t in self.terms] + exceptions)
        self.compile_templates({"match", "wrong", "right", "note"})

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        count = len(self.terms)
        for area in scopes.resolve(doc, self.scope):
            for index, start, end in self.matcher.find(doc.text, area.start, area.end):
                if index >= count:  # an exception phrase
                    continue
                term = self.terms[index]
                values = {
                    "match": term.wrong,
                    "wrong": term.wrong,
                    "right": term.right,
                    "note": term.note,
                }
                yield self.diagnostic(Span(start, end), values)
