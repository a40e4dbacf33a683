"""`web-block`: the chrome of a scraped web page (fzlint.document.webpage), reported once per block.

YAML keys:
- `blocks` (required): the kinds of block the rule reports, among `metadata` (索引号、发布日期 …),
  `navigation` (当前位置、首页、网站日期、无障碍 …), `toolbar` (字号、打印、分享、扫一扫 …) and
  `footer` (责任编辑、版权、ICP备案 …).
Message fields: `{match}` (the block's first line), `{lines}` (its line numbers: `3—23`, or `27`),
`{labels}` (what was recognised in it, 、-joined: `索引号、发布机构`, `责任编辑、扫一扫`).

The runner keeps every other rule out of these blocks (`reads_web_page`).
"""

from __future__ import annotations

from collections.abc import Iterator

from fzlint.diagnostics import Diagnostic
from fzlint.document.source import Document
from fzlint.document.webpage import WebBlock, web_blocks
from fzlint.engine.registry import kind
from fzlint.engine.rule import LintContext, Rule
from fzlint.kinds.base import Kind

BLOCK_KINDS = ("metadata", "navigation", "toolbar", "footer")
# A message names at most this many labels (a long footer would otherwise fill the line).
_MAX_LABELS = 6


@kind("web-block")
class WebBlockKind(Kind):
    keys = frozenset({"blocks"})
    reads_web_page = True

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.blocks = frozenset(self.options.str_list("blocks"))
        unknown = sorted(self.blocks - set(BLOCK_KINDS))
        if unknown:
            raise self.options.error(
                "blocks", f"「blocks」不认识「{unknown[0]}」（可用：{'、'.join(BLOCK_KINDS)}）"
            )
        self.compile_templates({"match", "lines", "labels"})

    def check(self, doc: Document, ctx: LintContext) -> Iterator[Diagnostic]:
        for block in web_blocks(doc):
            if block.kind in self.blocks:
                yield self._report(doc, block)

    def _report(self, doc: Document, block: WebBlock) -> Diagnostic:
        first = doc.lines[block.first_line - 1]
        labels = block.labels[:_MAX_LABELS]
        values = {
            "match": first.text.strip(),
            "lines": (
                f"{block.first_line}—{block.last_line}"
                if block.last_line != block.first_line
                else str(block.first_line)
            ),
            "labels": "、".join(labels) + ("等" if len(block.labels) > _MAX_LABELS else ""),
        }
        return self.diagnostic(block.span, values)
