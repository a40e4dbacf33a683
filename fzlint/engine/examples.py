"""The harness that runs every rule's own should-fire / should-pass examples.

Used by the test suite (one test per rule) and by `fzlint test-rules`, so an office can test its
own pack without pytest. For each rule, only that rule runs. Every `fire` example must fire (at the
stated `at` positions and `count` when given) and every `pass` example must not. When a fire
example's findings carry fixes, the example must state `fixed`; fixing must give exactly that text,
and the fixed text must have no fix left to apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from fzlint.document.docx import WordText
from fzlint.document.source import DOCX, Document
from fzlint.engine.packs import LoadedRule
from fzlint.engine.rule import Example, LintContext
from fzlint.engine.runner import lint_document
from fzlint.fixer import apply_once, fix_text


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule_id: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.rule_id} {self.message}"


def _context(example: Example) -> LintContext:
    previous = None
    if example.previous is not None:
        previous = Document(example.previous, "<previous>")
    return LintContext(
        as_of=example.as_of,
        report_year=example.report_year,
        previous=previous,
        doc_type=example.doc_type,
    )


def _document(example: Example, text: str | None = None) -> Document:
    """The example's text as a document; with `word`, as a .docx carrying review marks."""
    text = example.text if text is None else text
    if example.word is None:
        return Document(text, "<example>")
    revisions, comments = example.word
    marks = WordText(
        text,
        revisions=revisions,
        comments=comments,
        first_revision=0 if revisions else None,
        first_comment=0 if comments else None,
    )
    return Document(text, "<example>", encoding=DOCX, word=marks)


def check_rule(item: LoadedRule) -> list[ExampleFailure]:
    rule = item.rule
    failures: list[ExampleFailure] = []

    def fail(example: Example | None, message: str) -> None:
        line = example.line if example is not None else rule.line
        failures.append(ExampleFailure(rule.id, f"{rule.source}:{line}", message))

    if not rule.fire:
        fail(None, "缺少应触发的示例（examples.fire）")
    if not rule.passes:
        fail(None, "缺少不应触发的示例（examples.pass）")

    for example in rule.fire:
        ctx = _context(example)

        def lint(text: str, ctx: LintContext = ctx, example: Example = example) -> list:
            return lint_document(_document(example, text), [item], ctx)

        doc = _document(example)
        found = lint_document(doc, [item], ctx)
        if not found:
            fail(example, f"应触发但未触发：{example.text!r}")
            continue
        if example.count is not None and len(found) != example.count:
            fail(example, f"应触发{example.count}次，实际{len(found)}次：{example.text!r}")
        if example.at:
            positions = ["{}:{}".format(*doc.position(d.span.start)) for d in found]
            if positions != list(example.at):
                fail(example, f"位置应为 {list(example.at)}，实际 {positions}")
        has_fix = any(d.fix is not None for d in found)
        if has_fix and example.fixed is None:
            fail(example, "该示例的发现带有修复，应给出 fixed（修复后的文本）")
        elif not has_fix and example.fixed is not None:
            fail(example, "给出了 fixed，但该示例的发现不带修复")
        elif has_fix:
            fixed, _ = fix_text(example.text, lint, unsafe=True)
            if fixed != example.fixed:
                fail(example, f"修复结果应为 {example.fixed!r}，实际 {fixed!r}")
            elif apply_once(fixed, lint(fixed), unsafe=True)[1]:
                fail(example, f"修复不是幂等的：对 {fixed!r} 再次修复仍有改动")

    for example in rule.passes:
        ctx = _context(example)
        found = lint_document(_document(example), [item], ctx)
        if found:
            doc = Document(example.text)
            where = "{}:{}".format(*doc.position(found[0].span.start))
            fail(example, f"不应触发，却在 {where} 触发：{example.text!r}")
    return failures
