"""The metadata block of a report scraped from a government web page.

CMS pages put 索引号 / 发布机构 / 发文字号 / 发布日期 … before the report, each key on its own line
with its value on the same line or on the next non-blank line (REPORTS.md §2.3). Those lines follow
web conventions (ISO dates, half-width colons) and are not report text, so text-hygiene rules skip
them through the `prose` scope.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fzlint.text.regex import compile_kept

if TYPE_CHECKING:
    from fzlint.document.source import Document

_KEY_LINE = compile_kept(
    r"^[\s\u3000•·●◆■*-]*"
    r"(?P<key>信息索引号|索引号|主题分类|主题词|体裁分类|组配分类|发布机构|发文机关|发文字号|文号"
    r"|成文日期|发布日期|发布时间|生效日期|有效性|公开方式|公开范围|公开时限|审核程序"
    r"|信息来源|来源|访问次数|浏览次数|点击数|责任部门|所属机构)"
    r"\s*[:：]"
)


def metadata_keys(doc: Document) -> dict[int, str]:
    """Line number → metadata key (`发布日期`) of each line that holds one."""
    found: dict[int, str] = {}
    for line in doc.lines:
        match = _KEY_LINE.match(line.text)
        if match:
            found[line.number] = match.group("key")
    return found


def metadata_lines(doc: Document) -> frozenset[int]:
    """Numbers of the lines that hold a web metadata key, or the value of a key left empty."""
    found: set[int] = set()
    awaiting_value = False
    for line in doc.lines:
        if line.is_blank:
            continue
        match = _KEY_LINE.match(line.text)
        if match:
            found.add(line.number)
            awaiting_value = not line.text[match.end() :].strip()
        elif awaiting_value:
            found.add(line.number)
            awaiting_value = False
    return frozenset(found)
