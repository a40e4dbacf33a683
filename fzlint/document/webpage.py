"""The chrome a government web page leaves around a report copied from it: web blocks.

A report copied from a site keeps the page's navigation (`当前位置：首页 > 政务公开 >`, `首页`,
`今天是：…星期三`, `进入老年模式 无障碍`, log-in links), its metadata (`索引号：…`, `[ 发布机构 ] …`,
`| 发文字号 | … |`, `时间:2023-02-28 15:36 浏览量:`, `来源：… 作者：…`), its toolbars (`字号：大 中 小`,
`分享到：`, `【我要纠错】`, `下载、打印`, `扫一扫在手机打开当前页`, `上一篇：…`) and its footer
(`责任编辑：…`, `版权所有`, `…ICP备…号`, `…公网安备…号`). None of it is report text: rules
FZ502/FZ507 report each block once, and no other rule looks inside one (its ISO dates and
half-width colons follow web conventions, and a fix there would only damage it).

How a line is recognised. Words alone prove nothing — a report says 来源、时间、分享、下载 all
the time — so a line must first have the *shape* of chrome: short (≤ 160 characters) and free of
sentence punctuation (。！？；), and then be one of
- a key line: metadata keys at the start of the line or after a space, `|`, `[` or `（`, each
  followed by `:`/`：`, `]`/`】`, `|` or a tab (`索引号：`, `[ 索引号 ]`, `| 索引号 |`; in brackets,
  cells and tabs only a CMS key counts, a report's table has columns named 时间), or the value
  line under a key left empty (`发布日期:` / `2021-02-05`);
- a toolbar line: nothing but page tools (`打印`, `关闭窗口`, `字号`, `大 中 小`, `分享到`, `微信`,
  `无障碍`, `登录` …) and separators, or `上一篇：…`, or a `扫一扫 … 手机/当前页` line;
- a breadcrumb (`首页 > …`, `>> 政务公开 >>`, `您当前所在的位置：`), a site clock
  (`今天是：`, `2019年12月3日星期二` alone), or a site footer (`版权所有`, `Copyright`, `ICP备…号`,
  `公网安备…号`, `网站标识码`, `主办单位：… 承办单位：…`, `责任编辑：…`).

Each such line is *strong* (its shape is found in no report: a breadcrumb, `索引号：`, two metadata
keys on one line, a row of page tools …) or *weak* (one generic key: `来源：新华社`,
`时间：2023-02-28`; a value line; one two-character tool alone, `下载`, which may be a cell of a
table). Strong lines are chrome wherever they stand. A weak line is chrome beside other chrome (the
lines between are blank) or, when its value has a web shape (an ISO date, a clock time, nothing)
or it is a lone tool, in the page's head or tail: before the report's first sentence or after its
last. So `时间：2023年3月1日` in a meeting notice, `来源：医院填报。` or `指标来源：…` in a table of
the report stay report text.

Adjacent chrome lines (blank lines between) make one block; a block is split where metadata meets
other chrome, so FZ507 reports the metadata and FZ502 the rest, each once per block.

For the rest of fzlint: `web_blocks(doc)` (memoised per document), `web_line_numbers(doc)` (the
chrome lines: the structure skips them when it looks for the title and the report's last line),
`metadata_fields(doc)` (key, value and where the value stands: the page's 发布日期), and
`inside_web_block` / `touches_web_block`, with which the runner keeps other rules out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from fzlint.diagnostics import Span
from fzlint.text.regex import compile_kept

if TYPE_CHECKING:
    from fzlint.document.source import Document, Line

BlockKind = Literal["metadata", "navigation", "toolbar", "footer"]

_MAX_LENGTH = 160
_SENTENCE = compile_kept(r"[。！？；!?]")
_BULLET = compile_kept(r"^[\s\u3000]*(?:[•·●◆■▪*]|-(?!\d))?[\s\u3000]*")

# Metadata keys a CMS prints and a report never writes as `key：value` (strong), and keys a report
# may write too (weak: chrome only in company or in the page's head or tail).
_STRONG_KEYS = (
    "信息索引号|索引号|主题分类|体裁分类|组配分类|服务对象分类|信息分类|发布机构|发文机关|发文字号"
    "|成文日期|发布日期|发布时间|生效日期|废止日期|有效性|时效性|效力状态|公开时限"
    "|审核程序|信息来源|文章来源|稿件来源|浏览量|浏览次数|访问量|访问次数|点击数"
    "|点击量|点击次数|阅读量|阅读次数"
)
# 公开方式：主动公开 is also the 附注 of many local 公文; 主题词 was part of the 版记 until 2012.
_WEAK_KEYS = (
    "来源|作者|时间|日期|发布|分类|名称|标题|关键词|文号|主题词|责任部门|所属机构|发布者|发布人"
    "|公开方式|公开范围|公开形式|公开属性"
)
_FOOTER_KEYS = "责任编辑|责编|编辑|审核|校对"
_KEY = compile_kept(
    r"(?:^|(?<=[\s\u3000|｜\[【(（]))"
    rf"(?P<key>{_STRONG_KEYS}|{_WEAK_KEYS}|{_FOOTER_KEYS})"
    # a colon; a closing bracket or cell border; a tab or the line's end (a copied table)
    r"(?:[ \u3000]*(?:[:：]|[\]】|｜][:：]?)|\t|[ \u3000]*$)"
)
_STRONG_KEY = compile_kept(rf"(?:{_STRONG_KEYS})")
# What stands around a value: spaces, cell borders, the brackets of the keys around it
# (`[ 发布日期 ] 2024-03-20 [ 有效性 ]`, `（来源：人民日报）`).
_SPACE = " \t\u3000|｜"
_CLOSERS = {"]": "[", "】": "【", ")": "(", "）": "（"}


def _clean_value(raw: str) -> str:
    """A value without its padding; a closing bracket stays when the value opened it."""
    value = raw.lstrip(_SPACE + "]】)）").rstrip(_SPACE + "[【(（")
    while value and value[-1] in _CLOSERS and _CLOSERS[value[-1]] not in value:
        value = value[:-1].rstrip(_SPACE)
    return value


# The byline of a web article (`来源：… 作者：… 时间：…`): two keys on a line, one of them these.
_BYLINE_KEY = compile_kept(r"来源|作者|发布|发布者|发布人")
_FOOTER_KEY = compile_kept(rf"(?:{_FOOTER_KEYS})")
# A value as a web page writes it: an ISO date, a date with a clock time, or nothing.
_WEB_VALUE = compile_kept(
    r"^[\s\u3000|｜]*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[\s\u3000]*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{4}年\d{1,2}月\d{1,2}日[\s\u3000]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?[\s\u3000|｜]*$"
)
_NAME_VALUE = compile_kept(
    r"^[\s\u3000]*[\u4e00-\u9fff·]{2,8}(?:[\s\u3000、,，]+[\u4e00-\u9fff·]{2,8})*[\s\u3000]*$"
)

# Page tools, each alone on a line or in a row (`【打印本页】 【关闭窗口】`, `下载、打印`, `字号:大 中 小`).
_TOOLS = (
    "扫一扫|打印本页|打印此页|打印文章|打印|下载|关闭窗口|关闭本页|关闭|加入收藏|收藏本页|收藏"
    "|分享到|分享至|分享|返回顶部|回到顶部|返回首页|返回|顶部|字号|字体|默认|我要纠错|纠错|保存"
    "|新浪微博|腾讯微博|微博|微信|朋友圈|QQ空间|QQ好友|QQ|钉钉|复制链接|上一篇|下一篇|上一页|下一页"
    "|网站首页|首页|尾页|全文朗读|朗读|语音播报|听全文|阅读模式|读屏专用|无障碍浏览|无障碍阅读"
    "|进入无障碍|无障碍|进入老年模式|退出老年模式|老年模式|长者模式|关怀版|关怀模式|适老化|长辈版"
    "|个人登录|法人登录|用户登录|登录|注册|个人中心|退出|手机版|移动版|English|繁體|繁体|简体"
    "|站内搜索|高级搜索|搜索|网站地图|联系我们|网站声明|隐私声明|版权声明|大|中|小"
)
_SEPARATORS = r"[\s\u3000|｜/／、,，·•:：\[\]【】()（）<>《》＜＞\-_]"
# Longer tools come first in `_TOOLS`, so removing the leftmost matches tokenises a line in one
# pass (a regex for "tools and separators only" would backtrack exponentially on 返回顶部返回顶部…).
_TOOL = compile_kept(_TOOLS)
_ONLY_SEPARATORS = compile_kept(rf"^{_SEPARATORS}*$")
# Tools that say nothing alone (`大`, `微信`, `返回`): a toolbar line needs one other tool.
_MINOR_TOOLS = frozenset(
    {"大", "中", "小", "默认", "返回", "退出", "顶部", "保存", "简体", "微信", "微博", "QQ"}
)
_NAVIGATION_TOOLS = compile_kept(
    r"首页|无障碍|老年|长者|长辈|关怀|适老|登录|注册|个人中心|手机版|移动版|English|繁|简体|搜索"
)
_FOOTER_TOOLS = compile_kept(r"网站地图|联系我们|声明")
# Two-character tools that are chrome even alone; others alone need a colon (`分享:`) or company.
_PLAIN_TOOLS = frozenset({"首页", "字号", "字体"})
_LABELLED_TOOL = compile_kept(rf"(?:{_TOOLS})[\s\u3000]*[:：]")
_BRACKETED_TOOL = compile_kept(rf"[【\[][\s\u3000]*(?:{_TOOLS})[\s\u3000]*[】\]]")
_NEXT_ARTICLE = compile_kept(r"^(?:上一篇|下一篇|上一条|下一条)[\s\u3000]*[:：]")
_SCAN = compile_kept(
    r"(?:扫一扫|扫码|扫描二维码).{0,16}(?:手机|当前页|本页|页面|分享|朋友圈)|手机扫(?:一扫|码)"
)

_BREADCRUMB = compile_kept(
    r"^(?:首页|网站首页|主页)[\s\u3000]*(?:>|＞|»|›|→|/|／)"
    r"|^(?:>>|＞＞|»)[\s\u3000]*\S"
    r"|^[>＞][\s\u3000]*[\u4e00-\u9fff]{2,}.*[>＞]"  # > 政务公开 > 工作报告, not ＞90% in a table
    r"|^(?:(?:您|你)(?:当前|现在)?(?:所在)?的?|当前(?:所在)?的?)位置[\s\u3000]*[:：]"
    r"|^位置[\s\u3000]*[:：][\s\u3000]*(?:首页|网站首页)"
    # the site menu: 网站首页 | 政务公开 | 政务服务 | 互动交流
    r"|^(?:网站)?首页(?:[\s\u3000|｜]+[\u4e00-\u9fff]{2,8}){2,}$"
)
_CLOCK = compile_kept(
    r"^今天是[\s\u3000]*[:：]?[\s\u3000]*(?:\d{4}年|\d{4}-)"
    r"|^(?:\S+[\s\u3000]+)?(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2})[\s\u3000]*"
    r"(?:星期|周)[一二三四五六日天][\s\u3000]*$"
)
_SITE_FOOTER = compile_kept(
    r"版权所有[\s\u3000]*(?:[:：©(（]|$)|[\s\u3000]版权所有|Copyright|©|\([cC]\)[\s\u3000]*\d{4}"
    r"|ICP[备证][\s\u3000]*\d|ICP备案号|公网安备[\s\u3000]*\d|网站标识码|网站识别码"
    r"|^(?:网站主办|网站承办)[\s\u3000]*[:：]"
    r"|建议.{0,30}(?:浏览器|分辨率)|最佳(?:浏览|分辨率)"
)
# Who runs the site: a page footer when two of them share a line or it stands beside other chrome
# (`主办单位：县委宣传部` alone may be an event in the report).
_SITE_RUNNER = compile_kept(
    r"(?:^|(?<=[\s\u3000|｜]))(主办单位|承办单位|协办单位|技术支持|运维单位|主办|承办)[\s\u3000]*[:：]"
)
_SITE_FOOTER_LABELS = (
    ("ICP", "ICP备案"),
    ("公网安备", "公网安备"),
    ("标识码", "网站标识码"),
    ("识别码", "网站标识码"),
    ("版权", "版权"),
    ("Copyright", "版权"),
    ("©", "版权"),
    ("主办", "主办单位"),
    ("承办", "承办单位"),
    ("浏览器", "浏览器提示"),
    ("分辨率", "浏览器提示"),
)

# Words one of the shapes `_shaped` tries before a row of tools needs (a breadcrumb's 首页 or >,
# 今天是 / 星期, 扫, a footer's 版权所有 or ICP, 主办, 上一篇, a key): a line with none of them, as
# most short lines of a report (its title, headings, 落款), is chrome only as a row of tools.
_CHROME_WORD = compile_kept(
    r"首页|主页|>|＞|»|位置|今天是|星期|周|扫|版权所有|Copyright|©|\(c\)|\(C\)|ICP|公网安备|网站标识码"
    "|网站识别码|网站主办|网站承办|浏览器|分辨率|最佳|主办|承办|协办单位|技术支持|运维单位"
    f"|上一篇|下一篇|上一条|下一条|{_STRONG_KEYS}|{_WEAK_KEYS}|{_FOOTER_KEYS}",
)
# The characters of a row of tools: separators and the characters tools are written with. A line
# with any other character is no such row (a cheap test before tokenising it with `_TOOL`).
_TOOL_CHARACTERS = compile_kept(
    rf"[{_SEPARATORS[1:-1]}{re.escape(''.join(sorted(set(_TOOLS) - {'|'})))}]*\Z"
)


@dataclass(frozen=True)
class WebBlock:
    """One block of page chrome: its kind, the lines it takes and what was recognised in it
    (`索引号`, `发布日期`, `扫一扫` …). `span` runs from the first line's text to the last line's
    (where a finding about the block stands); `extent` covers the whole lines, white space
    included; `line_numbers` are its non-blank lines."""

    kind: BlockKind
    first_line: int
    last_line: int
    span: Span
    extent: Span
    labels: tuple[str, ...]
    line_numbers: tuple[int, ...]

    def holds(self, span: Span) -> bool:
        """Whether a finding at `span` stands in the block: it starts inside (an empty span may
        stand at the very end, after the last line's text)."""
        start, end = self.extent.start, self.extent.end
        return start <= span.start and (span.start < end or span.end <= end)


@dataclass(frozen=True)
class _Chrome:
    """What one line was recognised as."""

    kind: BlockKind
    labels: tuple[str, ...]
    # 2: chrome anywhere; 1: a web-shaped value, chrome in the page's head or tail;
    # 0: chrome only beside other chrome.
    strength: int
    # A key line whose last key has no value: the next line may hold it.
    awaits_value: bool = False


def web_blocks(doc: Document) -> tuple[WebBlock, ...]:
    """The blocks of web-page chrome in `doc`, in text order (computed once per document)."""
    found = doc.memo.get("web_blocks")
    if found is None:
        found = doc.memo["web_blocks"] = _blocks(doc)
    return found  # type: ignore[no-any-return]


def web_line_numbers(doc: Document) -> frozenset[int]:
    """Numbers of the non-blank lines that are web chrome."""
    found = doc.memo.get("web_line_numbers")
    if found is None:
        found = doc.memo["web_line_numbers"] = frozenset(
            n for block in web_blocks(doc) for n in block.line_numbers
        )
    return found  # type: ignore[no-any-return]


@dataclass(frozen=True)
class MetadataField:
    """One `key：value` of a metadata block; the value may stand on the line under its key."""

    key: str
    value: str
    span: Span  # the value's (empty, after the key, when the page left it empty)


def metadata_fields(doc: Document) -> tuple[MetadataField, ...]:
    """Every key and value of the metadata blocks, in text order (`发布日期` → `2021-02-05`)."""
    fields: list[MetadataField] = []
    for block in web_blocks(doc):
        if block.kind != "metadata":
            continue
        pending: MetadataField | None = None
        for number in block.line_numbers:
            line = doc.lines[number - 1]
            found = _fields(line)
            if not found and pending is not None:  # the value under an empty key
                content = line.content_span
                value = doc.text[content.start : content.end]
                fields[-1] = MetadataField(pending.key, value, content)
            fields.extend(found)
            pending = found[-1] if found and not found[-1].value else None
    return tuple(fields)


def _fields(line: Line) -> list[MetadataField]:
    text = line.text
    keys = [
        m
        for m in _KEY.finditer(text, _BULLET.match(text).end())  # type: ignore[union-attr]
        if m.group().endswith((":", "：")) or _STRONG_KEY.fullmatch(m.group("key"))
    ]
    fields = []
    for i, match in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(text)
        raw = text[match.end() : end]
        value = _clean_value(raw)
        start = match.end() + (raw.find(value) if value else 0)
        offset = line.span.start
        fields.append(
            MetadataField(
                match.group("key"), value, Span(offset + start, offset + start + len(value))
            )
        )
    return fields


def _near(blocks: Sequence[WebBlock], start: int, end: int) -> Iterator[WebBlock]:
    """The blocks whose extent may reach [start, end]: those starting at or before `end` and ending
    at or after `start`. Blocks come in text order and do not overlap (`_group`), so their starts
    and ends both grow: a binary search finds the last candidate and the scan back stops at the
    first block that ends before `start`. A document with many blocks and many findings would be
    quadratic otherwise."""
    index = bisect.bisect_right(blocks, end, key=lambda block: block.extent.start)
    while index > 0:
        index -= 1
        block = blocks[index]
        if block.extent.end < start:
            return
        yield block


def inside_web_block(blocks: Sequence[WebBlock], span: Span) -> bool:
    """Whether a finding at `span` stands in one of `blocks` (see `WebBlock.holds`)."""
    return any(block.holds(span) for block in _near(blocks, span.start, span.start))


def touches_web_block(blocks: Sequence[WebBlock], spans: Iterable[Span]) -> bool:
    """Whether any of `spans` (a fix's edits) overlaps a block's lines or inserts inside them."""
    for span in spans:
        for block in _near(blocks, span.start, span.end):
            start, end = block.extent.start, block.extent.end
            if span.start < end and start < span.end:
                return True
            if span.start == span.end and start <= span.start < end:
                return True
    return False


def _blocks(doc: Document) -> tuple[WebBlock, ...]:
    # Blank lines neither are chrome nor part a block: only the paragraphs (non-blank lines) are
    # read, and two of them are adjacent when they follow each other there.
    paragraphs = doc.paragraphs
    found: dict[int, _Chrome] = {}
    awaiting = False
    for line in paragraphs:
        text = line.text
        # Most lines of a report are sentences, which no shape of chrome (nor a value under a
        # key) has: one search settles them.
        if _SENTENCE.search(text):
            awaiting = False
            continue
        chrome = _classify(text)
        if chrome is None and awaiting:
            chrome = _value_line(text)
        awaiting = chrome is not None and chrome.awaits_value
        if chrome is not None:
            found[line.number] = chrome
    if not found:
        return ()
    accepted = _accept(paragraphs, found)
    return tuple(_group(doc, accepted, found))


def _accept(paragraphs: Sequence[Line], found: dict[int, _Chrome]) -> list[Line]:
    """The candidate lines that are chrome: runs of candidates (blank lines between) with a
    strong line, or with a web-shaped weak line in the page's head or tail."""
    prose = [line for line in paragraphs if line.number not in found]
    first_prose = next((line.number for line in prose if _is_sentence(line.text)), None)
    last_prose = next((line.number for line in reversed(prose) if _is_sentence(line.text)), None)

    def in_head_or_tail(number: int) -> bool:
        return first_prose is None or number < first_prose or number > (last_prose or 0)

    accepted: list[Line] = []
    run: list[Line] = []
    for line in [*paragraphs, None]:
        if line is not None and line.number in found:
            run.append(line)
            continue
        if run:
            strengths = [found[candidate.number].strength for candidate in run]
            if 2 in strengths or any(
                strength == 1 and in_head_or_tail(candidate.number)
                for strength, candidate in zip(strengths, run, strict=True)
            ):
                accepted.extend(run)
            run = []
    return accepted


def _is_sentence(text: str) -> bool:
    """A line of report text: a sentence, or too long for a title or a heading."""
    stripped = text.strip()
    return len(stripped) > 40 or bool(_SENTENCE.search(stripped))


def _group(doc: Document, accepted: list[Line], found: dict[int, _Chrome]) -> list[WebBlock]:
    """Adjacent accepted lines (only blank lines between) as blocks, split where metadata meets
    other chrome."""
    index = {line.number: i for i, line in enumerate(doc.paragraphs)}
    groups: list[list[Line]] = []
    for line in accepted:
        previous = groups[-1][-1] if groups else None
        joined = (
            previous is not None
            and index[line.number] == index[previous.number] + 1
            and (found[previous.number].kind == "metadata")
            == (found[line.number].kind == "metadata")
        )
        if joined:
            groups[-1].append(line)
        else:
            groups.append([line])
    blocks = []
    for group in groups:
        chrome = [found[line.number] for line in group]
        kinds = {c.kind for c in chrome}
        kind: BlockKind = next(
            k for k in ("metadata", "footer", "navigation", "toolbar") if k in kinds
        )  # type: ignore[assignment]
        labels = tuple(dict.fromkeys(label for c in chrome for label in c.labels))
        first, last = group[0], group[-1]
        span = Span(first.content_span.start, last.content_span.end)
        extent = Span(first.span.start, last.span.end)
        numbers = tuple(line.number for line in group)
        blocks.append(WebBlock(kind, first.number, last.number, span, extent, labels, numbers))
    return blocks


def _classify(raw: str) -> _Chrome | None:
    """What a line of page chrome is, or None for a line of (possibly) report text. `raw` holds
    no sentence punctuation (`_blocks` has settled the lines that do)."""
    text = raw[_BULLET.match(raw).end() :].rstrip()  # type: ignore[union-attr]
    if not text or len(text) > _MAX_LENGTH:
        return None
    # A tool in brackets before a key (`【我要纠错】责任编辑：…`) leaves the key to classify.
    tools = (
        tuple(m.group().strip("【】[] \t\u3000") for m in _BRACKETED_TOOL.finditer(text))
        if "【" in text or "[" in text
        else ()
    )
    rest = _BRACKETED_TOOL.sub(" ", text).strip() if tools else text
    if not rest:
        return _Chrome("toolbar", tools, 2)
    chrome = _shaped(rest)
    if chrome is not None and tools:
        return _Chrome(chrome.kind, tools + chrome.labels, 2, chrome.awaits_value)
    return chrome


def _shaped(text: str) -> _Chrome | None:
    if _CHROME_WORD.search(text) is None:
        # Only the last shape, a row of tools, can match.
        return _toolbar(text) if _TOOL_CHARACTERS.match(text) else None
    if _BREADCRUMB.search(text):
        return _Chrome("navigation", ("当前位置" if "位置" in text else "导航",), 2)
    if _CLOCK.search(text):
        return _Chrome("navigation", ("网站日期",), 2)
    if _SCAN.search(text) and len(text) <= 30:
        return _Chrome("toolbar", ("扫一扫",), 2)
    if _SITE_FOOTER.search(text):
        label = next(label for word, label in _SITE_FOOTER_LABELS if word in text)
        return _Chrome("footer", (label,), 2)
    runners = _SITE_RUNNER.findall(text)
    if runners and _SITE_RUNNER.match(text):
        return _Chrome("footer", tuple(runners), 2 if len(runners) >= 2 else 0)
    if _NEXT_ARTICLE.match(text):
        return _Chrome("toolbar", (text[:3],), 2)
    keys = list(_KEY.finditer(text))
    if keys:
        return _key_line(text, keys)
    return _toolbar(text)


def _toolbar(text: str) -> _Chrome | None:
    """A row of page tools and separators (`【打印本页】 【关闭窗口】`, `字号：大 中 小`), or None."""
    if _ONLY_SEPARATORS.match(_TOOL.sub("", text)):
        tools = [t for t in _TOOL.findall(text) if t not in _MINOR_TOOLS]
        if not tools:  # `微信` under `分享到：`, `大 中 小` under `字号`
            return _Chrome("toolbar", (), 0)
        kind: BlockKind = (
            "navigation"
            if any(_NAVIGATION_TOOLS.search(t) for t in tools)
            else "footer"
            if any(_FOOTER_TOOLS.search(t) for t in tools)
            else "toolbar"
        )
        # One short word alone (`注册`, `下载`) may be a cell of a table copied from the report:
        # chrome before or after the report, or beside other chrome.
        plain = len(tools) == 1 and len(tools[0]) == 2 and tools[0] not in _PLAIN_TOOLS
        strong = not plain or _LABELLED_TOOL.search(text)
        return _Chrome(kind, tuple(dict.fromkeys(tools)), 2 if strong else 1)
    return None


def _key_line(text: str, keys: list[re.Match[str]]) -> _Chrome | None:
    """A line of `key：value` runs (or `[ key ] value`, `| key | value |`)."""
    # In brackets or table cells (`[ 来源 ]`, `| 时间 |`) only a CMS key counts: a table of the
    # report has columns named 时间 or 名称.
    keys = [
        m for m in keys if m.group().endswith((":", "：")) or _STRONG_KEY.fullmatch(m.group("key"))
    ]
    if not keys or text[: keys[0].start()].strip(" \t\u3000|｜[【(（"):
        return None  # no key, or text before the first key: a sentence that names a key
    names = tuple(m.group("key") for m in keys)
    values = [
        _clean_value(text[m.end() : (keys[i + 1].start() if i + 1 < len(keys) else len(text))])
        for i, m in enumerate(keys)
    ]
    if all(_FOOTER_KEY.fullmatch(k) for k in names):
        # 责任编辑：宋君毅 — a name or two after the key, or nothing
        if not all(not v or _NAME_VALUE.match(v) for v in values):
            return None
        strong = names[0] in ("责任编辑", "责编")
        return _Chrome("footer", names, 2 if strong else 0)
    awaits = not values[-1]
    if any(_STRONG_KEY.fullmatch(k) for k in names) or (
        len(keys) >= 2 and any(_BYLINE_KEY.fullmatch(k) for k in names)
    ):
        return _Chrome("metadata", names, 2, awaits)
    if any(len(v) > 30 for v in values):
        return None
    web = any(_WEB_VALUE.match(v) for v in values)
    return _Chrome("metadata", names, 1 if web else 0, awaits)


def _value_line(raw: str) -> _Chrome | None:
    """The value under a key left empty (`发布日期:` / `2021-02-05`): short, not a sentence."""
    text = raw.strip()
    if len(text) > 60 or _SENTENCE.search(text):
        return None
    return _Chrome("metadata", (), 0)
