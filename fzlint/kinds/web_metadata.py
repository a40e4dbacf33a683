"""`web-metadata`: the metadata block of a report scraped from a web page, reported once per block.

A block is a run of metadata lines (`• 信息索引号:` / its value / `• 发布日期:` / `2021-02-05` …, see
fzlint.document.webpage) with nothing but blank lines between them. No keys. Fields: `{match}`
(the block's first line), `{lines}` (its line numbers: `3—23`, or `27`), `{keys}` (the keys,
、-joined).
"""

from __future__ import annotations

from collections.abc import Iterator

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document.source import Document
from fzlint.document.webpage import metadata_keys, metadata_lines
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind


@kind("web-metadata")
class WebMetadataKind(Kind):
    keys = frozenset()

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.compile_templates({"match", "lines", "keys"})

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        numbers = metadata_lines(doc)
        if not numbers:
            return
        keys = metadata_keys(doc)
        block: list[int] = []
        for line in doc.lines:
            if line.number in numbers:
                block.append(line.number)
            elif not line.is_blank and block:
                yield self._block(doc, block, keys)
                block = []
        if block:
            yield self._block(doc, block, keys)

    def _block(self, doc: Document, block: list[int], keys: dict[int, str]) -> Diagnostic:
        first, last = doc.lines[block[0] - 1], doc.lines[block[-1] - 1]
        span = Span(first.content_span.start, last.content_span.end)
        values = {
            "match": first.text.strip(),
            "lines": f"{first.number}—{last.number}" if last is not first else str(first.number),
            "keys": "、".join(keys[n] for n in block if n in keys),
        }
        return self.diagnostic(span, values)
