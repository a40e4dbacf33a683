"""`word-review`: a Word document still carrying tracked changes or reviewers' comments.

No keys. Reported once, at the first revision or comment anchor (whichever comes first), with how
many there are. The text is linted as it reads with every change accepted (fzlint.document.docx);
this rule says that the file itself still holds the marks, which a published report must not.
Fields for `message`: `{what}` (such as 「3 处修订、1 条批注」), `{revisions}`, `{comments}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document.source import Document
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind


@kind("word-review")
class WordReviewKind(Kind):
    keys = frozenset()

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.compile_templates({"what", "revisions", "comments"})

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        word = doc.word
        if word is None or not (word.revisions or word.comments):
            return
        parts = []
        if word.revisions:
            parts.append(f"{word.revisions}处修订")
        if word.comments:
            parts.append(f"{word.comments}条批注")
        places = [p for p in (word.first_revision, word.first_comment) if p is not None]
        at = min(places, default=0)
        values = {
            "what": "、".join(parts),
            "revisions": str(word.revisions),
            "comments": str(word.comments),
        }
        yield self.diagnostic(Span(at, at), values)
