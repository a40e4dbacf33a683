"""`broken-paragraph`: one paragraph cut in two across blank lines, mid-sentence or mid-word.

PDF extraction and page breaks leave `…于 11 月 3 日在全` / (blank line) / `体机关干部中开展…`.
A cut is a line of prose (it holds sentence punctuation) that ends on a Han character, then only
blank lines and page-number lines (`— 3 —`), then a line starting with a Han character that does not begin an ordinal (`一、`,
`一是`). A paragraph-long line of prose that runs straight on to the next line (a PDF's hard line
break) is a cut too. It is reported when a common word spans the cut (在全|体 → 全体), or, for a cut at a word
boundary, when the line is paragraph-long and does not start with an ordinal: a short line, or
one starting with `（一）`, may be a heading that merely lacks its full stop. A next line indented as
a paragraph of its own (or a table cell after a tab) needs the common word either way, and a photo
credit (`新华社记者 刘彬 摄`) ends a caption, not a cut paragraph.

Keys: `scope` (default `document`). Fields for `message` and `fix`: `{match}` (the text from the
last character before the cut to the first after it), `{last}`, `{first}`. The finding covers that
text, so a fix such as `{last}{first}` joins the two lines.
"""

from __future__ import annotations

from collections.abc import Iterator

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document import scopes
from fzlint.document.source import WHITESPACE, Document, Line
from fzlint.document.structure import PAGE_NUMBER_LINE
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind
from fzlint.text.regex import compile_kept
from fzlint.text.tokens import word_across

_HAN = compile_kept(r"[\u3400-\u9fff]")
_PROSE_MARKS = frozenset("，。；、,;")
_ORDINAL_START = compile_kept(
    r"^[\s\u3000]*(?:[一二三四五六七八九十]{1,3}[、是]|[0-9]{1,2}[、.．]|[（(][^）)\n]{1,3}[）)]|第[一二三四五六七八九十]{1,3})"
)
# A photo credit closing a caption on a news page (新华社记者 刘彬 摄, 张三/摄): not prose.
_CREDIT = compile_kept(r"[\s\u2002\u3000/／]摄影?$")
# What a line set as a paragraph of its own starts with: a hard line break or a page break goes on
# at the margin, while a table's cells (flattened one per line, each after a tab) and the
# paragraphs of a page each start indented.
_INDENT = (" ", "\t", "\u3000", "\u00a0")
# Characters either side of the cut given to the segmenter.
_CONTEXT = 4
# Shorter lines may be headings (强化组织领导，抓好责任落实) rather than cut paragraphs.
_PARAGRAPH_LENGTH = 40


@kind("broken-paragraph")
class BrokenParagraphKind(Kind):
    keys = frozenset({"scope"})
    needs = frozenset({"tokens"})

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.scope = self.options.scope()
        self.compile_templates({"match", "last", "first"})

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        areas = scopes.resolve(doc, self.scope)
        lines = doc.lines
        title: set[int] | None = None
        for index, line in enumerate(lines):
            # Both a cut and a wrap end on a Han character: the few lines that do are the only ones
            # worth the rest of the tests (most end on 。；：).
            text = line.text.rstrip(WHITESPACE)
            if not text or not _HAN.match(text[-1]):
                continue
            if not any(area.contains(line.span) for area in areas):
                continue
            if title is None:
                # a title set over two lines is wrapped on purpose
                title = {line.number for line in doc.structure.title_lines}
            following = self._next_after_blank(lines, index)
            cut = following is not None and self._is_cut(line, following)
            if (
                not cut
                and index + 1 < len(lines)
                and not lines[index + 1].is_blank
                and line.number not in title
            ):
                following = lines[index + 1]
                cut = self._is_wrapped(line, following)
            if cut and following is not None:
                end_of_line = line.content_span.end
                start_of_next = following.content_span.start
                span = Span(end_of_line - 1, start_of_next + 1)
                values = {
                    "match": doc.text[span.start : span.end],
                    "last": doc.text[span.start],
                    "first": doc.text[span.end - 1],
                }
                yield self.diagnostic(span, values)

    @staticmethod
    def _next_after_blank(lines: tuple[Line, ...], index: int) -> Line | None:
        """The next line of text, if blank or page-number lines (— 3 —) separate it from line
        `index`: a page break cuts a paragraph with both."""
        position = index + 1
        while position < len(lines) and (
            lines[position].is_blank or PAGE_NUMBER_LINE.match(lines[position].text)
        ):
            position += 1
        if position == index + 1 or position == len(lines):
            return None
        return lines[position]

    @staticmethod
    def _is_wrapped(line: Line, following: Line) -> bool:
        """A paragraph-long line of prose wrapped onto the next line with no blank between: a
        report writes each paragraph on one line, so only a PDF's hard line break ends one on a Han
        character mid-sentence."""
        text = line.text.strip(WHITESPACE)
        after = following.text.strip(WHITESPACE)
        if not text or not after or not _HAN.match(text[-1]) or not _HAN.match(after[0]):
            return False
        if (
            len(text) < _PARAGRAPH_LENGTH
            or not _PROSE_MARKS.intersection(text)
            or _ORDINAL_START.match(text)
            or _ORDINAL_START.match(after)
            or _CREDIT.search(text)
        ):
            return False
        # a next line indented as a paragraph (or a table cell) of its own is one, unless a word
        # runs across the break (托起更多新市 / 　　民、青年人)
        return not following.text.startswith(_INDENT) or _word_across(text, after)

    @staticmethod
    def _is_cut(line: Line, following: Line) -> bool:
        text = line.text.strip(WHITESPACE)
        after = following.text.strip(WHITESPACE)
        if not text or not after or not _HAN.match(text[-1]) or not _HAN.match(after[0]):
            return False
        if not _PROSE_MARKS.intersection(text) or _ORDINAL_START.match(after):
            return False
        if _CREDIT.search(text):
            return False
        if (
            len(text) >= _PARAGRAPH_LENGTH
            and not _ORDINAL_START.match(text)
            and not following.text.startswith(_INDENT)
        ):
            return True
        return _word_across(text, after)


def _word_across(text: str, after: str) -> bool:
    """Whether a common word runs across the break between the two lines' texts."""
    return word_across(text[-_CONTEXT:], after[:_CONTEXT]) is not None
