"""The stale-name knowledge base: entries loaded from YAML, validated with file:line errors, and
compiled into one automaton that finds every form of every entry in a single pass.

The schema is documented in the README ("过时名称：知识库"). Loaded files are
cached by path and modification time, so the rules that share one knowledge base compile it once,
and the matches on a document are computed once for all of them.
"""

from __future__ import annotations

import datetime
import os
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any, NamedTuple

from fzlint.diagnostics import Applicability, Severity
from fzlint.engine.yamlfile import Mapping, load_yaml
from fzlint.engine.yamlfile import Sequence as YamlSequence
from fzlint.errors import RuleFileError
from fzlint.i18n import strerror
from fzlint.text.multimatch import LiteralMatcher
from fzlint.text.names import fold, variants
from fzlint.text.prose import prose
from fzlint.text.regex import compile_kept

if TYPE_CHECKING:
    from fzlint.document.source import Document

SCOPES = ("mention", "current", "anachronism")
TYPES = ("law", "document", "policy", "meeting", "institution", "phrase", "wording", "name")
REQUIRED = ("id", "type", "name", "forms", "replacement", "scope", "source")
OPTIONAL = (
    "since",
    "severity",
    "note",
    "fix",
    "fix_applicability",
    "bare",
    "shields",
    "not_after",
    "not_before",
    "near",
)
_ID = compile_kept(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Entry:
    """One stale, renamed, wrong or not-yet-existing name, with the facts a finding cites."""

    id: str
    type: str
    name: str
    forms: tuple[str, ...]
    replacement: str
    scope: str
    source: str
    since: datetime.date | None
    severity: Severity
    note: str
    fix: str | None
    fix_applicability: Applicability
    bare: bool
    shields: tuple[str, ...]
    not_after: tuple[str, ...]
    not_before: tuple[str, ...]
    near: tuple[str, ...]
    path: str
    line: int

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class TimeWords:
    """Words that place a name in time, from the knowledge base's `time_words` (README).

    `past`: the name is looked back on (如期, 过去五年); `result`: a result reported in the review
    part (如期打赢, 打掉…), but a goal after a `goal` word (确保打赢) or in a plan; `ahead`: the
    name is looked forward to (迎接党的二十大, 将召开).
    """

    past: tuple[str, ...] = ()
    result: tuple[str, ...] = ()
    goal: tuple[str, ...] = ()
    ahead: tuple[str, ...] = ()


TIME_WORDS = ("past", "result", "goal", "ahead")


class Match(NamedTuple):
    """A form of an entry found in a document (a tuple: a report has a few dozen, made with no
    call into Python, as `fzlint.document.structure` makes its lines)."""

    entry: Entry
    start: int
    end: int
    core_start: int
    core_end: int
    bare: bool


_new_match = partial(tuple.__new__, Match)


def _strings(value: Any, key: str, fail: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise fail(f"「{key}」应为非空字符串或字符串列表", key)
    return tuple(value)


def _entry(raw: Any, path: str, line: int) -> Entry:
    line = getattr(raw, "line", line)
    entry_id = raw.get("id", "?") if isinstance(raw, dict) else "?"

    def fail(message: str, key: str | None = None) -> RuleFileError:
        where = raw.key_lines.get(key, line) if isinstance(raw, Mapping) and key else line
        return RuleFileError(f"知识库条目 {entry_id}：{message}", path, where)

    if not isinstance(raw, dict):
        raise fail("每个条目应为映射（id、type、name、forms …）")
    unknown = sorted(set(raw) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        allowed = "、".join(REQUIRED + OPTIONAL)
        raise fail(f"不认识的键「{unknown[0]}」（可用：{allowed}）", unknown[0])
    for key in REQUIRED:
        if key not in raw:
            raise fail(f"缺少必填项「{key}」")
    for key in ("id", "type", "name", "replacement", "scope", "source"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise fail(f"「{key}」应为非空字符串", key)
    if not _ID.fullmatch(raw["id"]):
        raise fail(f"id「{raw['id']}」应为小写连字符形式，例如 contract-law", "id")
    if raw["scope"] not in SCOPES:
        raise fail(f"scope 应为 {'、'.join(SCOPES)} 之一", "scope")
    if raw["type"] not in TYPES:
        raise fail(f"type 应为 {'、'.join(TYPES)} 之一", "type")
    since = raw.get("since")
    if since is not None and (
        isinstance(since, datetime.datetime) or not isinstance(since, datetime.date)
    ):
        raise fail("since 应为日期，例如 2021-01-01", "since")
    if since is None and raw["scope"] != "mention":
        raise fail(f"scope 为 {raw['scope']} 的条目需要 since（日期）", "scope")
    default = "error" if raw["scope"] == "anachronism" else "warning"
    try:
        severity = Severity.parse(str(raw.get("severity", default)))
    except KeyError:
        raise fail("severity 应为 error、warning 或 info", "severity") from None
    fix = raw.get("fix")
    if fix is not None and not isinstance(fix, str):
        raise fail("fix 应为替换文本", "fix")
    try:
        applicability = Applicability(raw.get("fix_applicability", "unsafe"))
    except ValueError:
        raise fail(
            "fix_applicability 应为 safe、unsafe 或 display-only", "fix_applicability"
        ) from None
    if "fix_applicability" in raw and fix is None:
        raise fail("给出了 fix_applicability，却没有 fix", "fix_applicability")
    bare = raw.get("bare", True)
    if not isinstance(bare, bool):
        raise fail("bare 应为 true 或 false", "bare")
    optional_lists = {
        key: _strings(raw[key], key, fail) if key in raw else ()
        for key in ("shields", "not_after", "not_before", "near")
    }
    return Entry(
        id=raw["id"],
        type=raw["type"],
        name=raw["name"].strip(),
        forms=_strings(raw["forms"], "forms", fail),
        replacement=raw["replacement"].strip(),
        scope=raw["scope"],
        source=raw["source"].strip(),
        since=since,
        severity=severity,
        note=prose(str(raw.get("note", ""))),
        fix=fix,
        fix_applicability=applicability,
        bare=bare,
        path=path,
        line=line,
        **optional_lists,
    )


def _time_words(data: Any, path: str) -> TimeWords:
    raw = data.get("time_words")
    if raw is None:
        return TimeWords()
    line = data.key_lines.get("time_words", 1) if isinstance(data, Mapping) else 1
    if not isinstance(raw, dict):
        raise RuleFileError(f"time_words 应为映射（{'、'.join(TIME_WORDS)}）", path, line)
    unknown = sorted(set(raw) - set(TIME_WORDS))
    if unknown:
        raise RuleFileError(
            f"time_words 中不认识的键「{unknown[0]}」（可用：{'、'.join(TIME_WORDS)}）", path, line
        )

    def fail(message: str, key: str) -> RuleFileError:
        where = raw.key_lines.get(key, line) if isinstance(raw, Mapping) else line
        return RuleFileError(f"time_words：{message}", path, where)

    return TimeWords(**{key: _strings(raw[key], key, fail) for key in TIME_WORDS if key in raw})


def parse_knowledge(text: str, path: str) -> tuple[list[Entry], TimeWords]:
    """The entries of one knowledge-base file (`entries:` list; ids must be unique) and its
    time words (`time_words:`, optional)."""
    data = load_yaml(text, path)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise RuleFileError("知识库应为含 entries 列表的映射", path, getattr(data, "line", 1))
    unknown = sorted(set(data) - {"entries", "description", "time_words"})
    if unknown:
        raise RuleFileError(
            f"知识库中不认识的键「{unknown[0]}」（可用：description、time_words、entries）",
            path,
            data.key_lines.get(unknown[0]) if isinstance(data, Mapping) else 1,
        )
    time_words = _time_words(data, path)
    raw_entries = data["entries"]
    lines = (
        raw_entries.item_lines if isinstance(raw_entries, YamlSequence) else [1] * len(raw_entries)
    )
    entries = [_entry(raw, path, line) for raw, line in zip(raw_entries, lines, strict=True)]
    seen: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in seen:
            raise RuleFileError(
                f"知识库条目 id {entry.id} 重复（已在第{seen[entry.id].line}行定义）",
                path,
                entry.line,
            )
        seen[entry.id] = entry
    return entries, time_words


def parse_entries(text: str, path: str) -> list[Entry]:
    """The entries of one knowledge-base file (`entries:` list); ids must be unique."""
    return parse_knowledge(text, path)[0]


class KnowledgeBase:
    """Compiled entries: every written form of every entry, and the shields, in one automaton.

    Leftmost-longest matching over all of them makes a longer name shadow a shorter one inside
    it (劳动合同法 ⊃ 合同法, 环境噪声污染防治法 ⊃ 噪声污染防治法), whichever entry or shield it is.
    """

    def __init__(self, entries: Sequence[Entry], time_words: TimeWords | None = None) -> None:
        self.entries = tuple(entries)
        self.time_words = time_words or TimeWords()
        # Per pattern: its entry's index (-1 for a shield), where the name proper lies inside it,
        # and whether it is written without 书名号. Flat arrays rather than one object per pattern,
        # so that a knowledge base of 10,000 entries adds no work to the garbage collector.
        texts: dict[str, int] = {}
        entry_of, core_start, core_end, bare = array("i"), array("i"), array("i"), array("b")
        for index, entry in enumerate(self.entries):
            for form in entry.forms:
                for variant in variants(form, title_prefix=entry.type == "law", bare=entry.bare):
                    if variant.text not in texts:
                        texts[variant.text] = len(texts)
                        entry_of.append(index)
                        core_start.append(variant.core_start)
                        core_end.append(variant.core_end)
                        bare.append(not variant.text.endswith("》"))
        for entry in self.entries:
            for shield in entry.shields:
                if fold(shield) not in texts:
                    texts[fold(shield)] = len(texts)
                    entry_of.append(-1)
                    core_start.append(0)
                    core_end.append(0)
                    bare.append(True)
        self._entry_of, self._core_start, self._core_end, self._bare = (
            entry_of,
            core_start,
            core_end,
            bare,
        )
        self.matcher = LiteralMatcher(list(texts))

    def __reduce__(self) -> tuple[type[KnowledgeBase], tuple[tuple[Entry, ...], TimeWords]]:
        # Loaded rules may be sent to worker processes; the automaton is rebuilt there.
        return (KnowledgeBase, (self.entries, self.time_words))

    def matches(self, doc: Document) -> tuple[Match, ...]:
        """Every entry form found in the document (shields dropped), computed once per document."""
        found = doc.memo.get(self)
        if found is None:
            found = tuple(
                _new_match(
                    (
                        self.entries[entry],
                        start,
                        end,
                        start + self._core_start[index],
                        start + self._core_end[index],
                        bool(self._bare[index]),
                    )
                )
                for index, start, end in self.matcher.find(fold(doc.text))
                if (entry := self._entry_of[index]) >= 0
            )
            doc.memo[self] = found
        return found


@lru_cache(maxsize=32)
def _load(path: str, _stamp: tuple[int, int]) -> KnowledgeBase:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        raise RuleFileError("知识库文件应为 UTF-8 编码", path) from None
    return KnowledgeBase(*parse_knowledge(text, path))


def load_knowledge(path: str) -> KnowledgeBase:
    """The compiled knowledge base in `path` (cached while the file is unchanged)."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        raise RuleFileError("知识库文件不存在", path) from None
    except OSError as exc:
        raise RuleFileError(f"无法读取知识库文件：{strerror(exc)}", path) from None
    return _load(path, (stat.st_mtime_ns, stat.st_size))
