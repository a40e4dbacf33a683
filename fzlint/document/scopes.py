"""Named scopes a rule can be limited to: `document`, `line`, `paragraph`, `head:N`, `tail:N`,
`title`, `body`, `heading`, `section:REGEX`, `next-year`, `signature`, `prose` (all but a
scraped page's chrome), `part` (each top-level section).

A scope is written `name` or `name:argument` in a rule file. It resolves to the spans of the
document it covers; kinds match inside each span. Later layers add scopes with `@scope`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from fzlint.diagnostics import Span
from fzlint.document.source import Document
from fzlint.text.regex import compile_kept

ScopeFunction = Callable[[Document, str | None], Sequence[Span]]
_SCOPES: dict[str, tuple[ScopeFunction, bool]] = {}


def scope(name: str, *, takes_argument: bool = False) -> Callable[[ScopeFunction], ScopeFunction]:
    def register(function: ScopeFunction) -> ScopeFunction:
        _SCOPES[name] = (function, takes_argument)
        return function

    return register


def names() -> list[str]:
    return sorted(_SCOPES)


def validate(spec: str) -> str | None:
    """An error message for a bad scope spec, or None."""
    name, _, argument = spec.partition(":")
    if name not in _SCOPES:
        return f"未知的 scope「{name}」，可用：{', '.join(names())}"
    takes_argument = _SCOPES[name][1]
    if takes_argument and not argument:
        return f"scope「{name}」需要参数，例如 {name}:5"
    if not takes_argument and argument:
        return f"scope「{name}」不带参数"
    if takes_argument and name in ("head", "tail") and not argument.isdigit():
        return f"scope「{name}」的参数应为行数，例如 {name}:5"
    if name == "section":
        try:
            compile_kept(argument)
        except re.error as exc:
            return f"scope「section」的正则表达式有误：{exc}"
    return None


def resolve(doc: Document, spec: str) -> Sequence[Span]:
    """The spans `spec` covers in `doc`: computed once per document (a dozen rules ask for
    `prose`)."""
    key = ("scope", spec)
    found = doc.memo.get(key)
    if found is None:
        name, _, argument = spec.partition(":")
        function, _ = _SCOPES[name]
        found = doc.memo[key] = tuple(function(doc, argument or None))
    return found  # type: ignore[no-any-return]


@scope("document")
def _document(doc: Document, _: str | None) -> Sequence[Span]:
    return (Span(0, len(doc.text)),)


@scope("line")
def _line(doc: Document, _: str | None) -> Sequence[Span]:
    return tuple(line.span for line in doc.lines)


@scope("paragraph")
def _paragraph(doc: Document, _: str | None) -> Sequence[Span]:
    return tuple(p.span for p in doc.paragraphs)


@scope("head", takes_argument=True)
def _head(doc: Document, argument: str | None) -> Sequence[Span]:
    """The first N non-blank lines."""
    return tuple(p.span for p in doc.paragraphs[: int(argument or 0)])


@scope("tail", takes_argument=True)
def _tail(doc: Document, argument: str | None) -> Sequence[Span]:
    """The last N non-blank lines (where the 落款 and 成文日期 stand)."""
    count = int(argument or 0)
    return tuple(p.span for p in doc.paragraphs[-count:]) if count else ()


@scope("title")
def _title(doc: Document, _: str | None) -> Sequence[Span]:
    return tuple(line.span for line in doc.structure.title_lines)


@scope("body")
def _body(doc: Document, _: str | None) -> Sequence[Span]:
    """Everything after the title and before the 落款 / 成文日期, less the appended blocks
    (附件, 名词解释, 注释 …: not the report's own text)."""
    structure = doc.structure
    start = structure.title_lines[-1].span.end if structure.title_lines else 0
    end_line = structure.signature_line or (
        structure.date_line.line if structure.date_line else None
    )
    end = end_line.span.start if end_line is not None else len(doc.text)
    spans: list[Span] = []
    for block in structure.appended_blocks:
        if start < block.start < end:
            spans.append(Span(start, block.start))
        start = max(start, block.span.end)
    return (*spans, Span(start, max(start, end)))


@scope("heading")
def _heading(doc: Document, _: str | None) -> Sequence[Span]:
    """The heading lines (一、 （一） 1. （1） …), whole lines."""
    return tuple(h.line.span for h in doc.structure.headings)


@scope("section", takes_argument=True)
def _section(doc: Document, argument: str | None) -> Sequence[Span]:
    """The sections whose heading text matches the regex, e.g. `section:不足|问题`."""
    return tuple(s.span for s in doc.structure.section_matching(argument or ""))


@scope("next-year")
def _next_year(doc: Document, _: str | None) -> Sequence[Span]:
    """The plan part (下一年度…主要安排, 下一步工作打算, 2024年工作思路和计划 …)."""
    section = doc.structure.next_year_section
    return (section.span,) if section is not None else ()


@scope("signature")
def _signature(doc: Document, _: str | None) -> Sequence[Span]:
    """The 落款 and 成文日期 lines."""
    structure = doc.structure
    lines = [structure.signature_line, structure.date_line.line if structure.date_line else None]
    return tuple(line.span for line in lines if line is not None)


@scope("prose")
def _prose(doc: Document, _: str | None) -> Sequence[Span]:
    """Every line except a scraped page's chrome (its web blocks: `发布日期: 2021-02-05`,
    `当前位置：首页 > …`, `分享到：` …, see fzlint.document.webpage) and whatever follows the report
    (`structure.page_footer`): checking their spacing or wording is noise."""
    from fzlint.document.webpage import web_line_numbers

    skip = web_line_numbers(doc) | doc.structure.page_footer
    return tuple(line.span for line in doc.lines if line.number not in skip)


@scope("part")
def _part(doc: Document, _: str | None) -> Sequence[Span]:
    """Each top-level section (一、 … 五、) as its own area, for rules that compare inside one part."""
    return tuple(s.span for s in doc.structure.sections)
