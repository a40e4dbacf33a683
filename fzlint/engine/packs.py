"""Loading and validating YAML rule packs into compiled rules.

Every error names the pack file and line. The shipped packs are the `fzlint.rules` data package
(the top-level `rules/` folder of the checkout, installed with fzlint).
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable, Sequence
from typing import Any

from fzlint import rules as shipped
from fzlint.diagnostics import Applicability, Severity
from fzlint.document import doctype
from fzlint.engine import registry
from fzlint.engine.rule import CATEGORIES_FIXED, Example, FixSpec, Rule
from fzlint.engine.yamlfile import Mapping, load_yaml
from fzlint.engine.yamlfile import Sequence as YamlSequence
from fzlint.errors import RuleFileError
from fzlint.i18n import strerror
from fzlint.kinds.base import Kind
from fzlint.text.prose import prose
from fzlint.text.regex import save_compiled

PACK_KEYS = frozenset({"pack", "description", "rules"})
COMMON_KEYS = frozenset(
    {
        "id",
        "name",
        "category",
        "severity",
        "kind",
        "message",
        "description",
        "fix",
        "examples",
        "applies-to",
    }
)
REQUIRED_KEYS = ("id", "name", "category", "severity", "kind", "message", "description")
EXAMPLE_KEYS = frozenset(
    {"text", "fixed", "at", "count", "as_of", "report_year", "note", "previous", "doc_type", "word"}
)
_ID = re.compile(r"[A-Z]{2,}[0-9]{2,}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_AT = re.compile(r"[1-9][0-9]*:[1-9][0-9]*")
PACK_SUFFIXES = (".yaml", ".yml")


class LoadedRule:
    """A rule with its compiled kind, ready to check documents.

    A rule of the shipped packs is compiled when its checker is first asked for: a run that
    selects a few rules (`--select punctuation,spacing`) then compiles only those, ~2 ms each,
    mostly `re` filling the character map of each Han range. The shipped packs are checked whole
    by the test suite, which builds and runs every rule; a rule of any other pack is compiled as
    it is loaded, so that an error in it names its file and line before any report is read,
    selected or not."""

    __slots__ = ("_checker", "_kind", "rule")

    def __init__(self, rule: Rule, kind: type[Kind], *, compiled: bool = True) -> None:
        self.rule = rule
        self._kind = kind
        self._checker = kind(rule) if compiled else None

    @property
    def checker(self) -> Kind:
        checker = self._checker
        if checker is None:
            checker = self._checker = self._kind(self.rule)
        return checker

    def __repr__(self) -> str:
        return f"LoadedRule({self.rule.id})"


def _line(mapping: Any, key: str | None = None) -> int | None:
    if key is not None and isinstance(mapping, Mapping) and key in mapping.key_lines:
        return mapping.key_lines[key]
    return getattr(mapping, "line", None)


def _example(raw: Any, line: int, path: str, rule_id: str, fire: bool) -> Example:
    def fail(message: str, key: str | None = None) -> RuleFileError:
        return RuleFileError(f"规则 {rule_id} 的示例：{message}", path, _line(raw, key) or line)

    if isinstance(raw, str):
        return Example(text=raw, line=line)
    if not isinstance(raw, dict) or "text" not in raw:
        raise fail("示例应为字符串，或带 text 键的映射")
    unknown = sorted(set(raw) - EXAMPLE_KEYS)
    if unknown:
        raise fail(
            f"不认识的键「{unknown[0]}」（可用：{'、'.join(sorted(EXAMPLE_KEYS))}）", unknown[0]
        )
    if not isinstance(raw["text"], str):
        raise fail("text 应为字符串", "text")
    if not fire and ("fixed" in raw or "at" in raw or "count" in raw):
        raise fail("pass 示例不能带 fixed、at 或 count")
    at = raw.get("at", [])
    at = [at] if isinstance(at, str) else at
    if not isinstance(at, list) or not all(isinstance(a, str) and _AT.fullmatch(a) for a in at):
        raise fail("at 应为「行:列」或其列表，例如 '1:3'", "at")
    as_of = raw.get("as_of")
    if as_of is not None and not isinstance(as_of, datetime.date):
        raise fail("as_of 应为日期，例如 2021-03-01", "as_of")
    count = raw.get("count")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
        raise fail("count 应为整数", "count")
    fixed = raw.get("fixed")
    if fixed is not None and not isinstance(fixed, str):
        raise fail("fixed 应为字符串", "fixed")
    report_year = raw.get("report_year")
    if report_year is not None and (
        isinstance(report_year, bool) or not isinstance(report_year, int)
    ):
        raise fail("report_year 应为整数", "report_year")
    previous = raw.get("previous")
    if previous is not None and not isinstance(previous, str):
        raise fail("previous 应为字符串（上一年度报告的文本）", "previous")
    doc_type = raw.get("doc_type")
    if doc_type is not None and doc_type not in doctype.TYPES:
        raise fail(f"doc_type 应为 {'、'.join(doctype.TYPES)} 之一", "doc_type")
    word = raw.get("word")
    if word is not None and (
        not isinstance(word, dict)
        or set(word) - {"revisions", "comments"}
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in word.values())
    ):
        raise fail("word 应为 {revisions: 修订数, comments: 批注数}", "word")
    return Example(
        text=raw["text"],
        line=_line(raw) or line,
        fixed=fixed,
        at=tuple(at),
        count=count,
        as_of=as_of,
        report_year=report_year,
        note=str(raw.get("note", "")),
        previous=previous,
        doc_type=doc_type,
        word=(word.get("revisions", 0), word.get("comments", 0)) if word else None,
    )


def _examples(
    raw: Any, path: str, rule_id: str, line: int
) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if raw is None:
        return (), ()
    if not isinstance(raw, dict):
        raise RuleFileError(f"规则 {rule_id}：examples 应为含 fire 与 pass 的映射", path, line)
    unknown = sorted(set(raw) - {"fire", "pass"})
    if unknown:
        raise RuleFileError(
            f"规则 {rule_id}：examples 中不认识的键「{unknown[0]}」（可用：fire、pass）",
            path,
            _line(raw, unknown[0]),
        )
    result = []
    for key in ("fire", "pass"):
        items = raw.get(key) or []
        if not isinstance(items, list):
            raise RuleFileError(f"规则 {rule_id}：examples.{key} 应为列表", path, _line(raw, key))
        lines = items.item_lines if isinstance(items, YamlSequence) else [line] * len(items)
        result.append(
            tuple(
                _example(item, ln, path, rule_id, key == "fire")
                for item, ln in zip(items, lines, strict=True)
            )
        )
    return result[0], result[1]


def _applies_to(raw: Any, path: str, rule_id: str, line: int) -> tuple[str, ...]:
    """The document types a rule judges: types and groups (`gongwen`, `all`) from `applies-to`."""
    if raw is None:
        return ()
    names = [raw] if isinstance(raw, str) else raw
    known = (*doctype.TYPES, *doctype.GROUPS)
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise RuleFileError(f"规则 {rule_id}：applies-to 应为文种名称或其列表", path, line)
    for name in names:
        if name not in known:
            raise RuleFileError(
                f"规则 {rule_id}：applies-to 中不认识的文种「{name}」（可用：{'、'.join(known)}）",
                path,
                line,
            )
    return tuple(sorted(doctype.expand(tuple(names))))


def _fix(raw: Any, path: str, rule_id: str, line: int) -> FixSpec | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        return FixSpec(raw)
    if isinstance(raw, dict):
        unknown = sorted(set(raw) - {"replace", "applicability", "title"})
        if unknown or not isinstance(raw.get("replace"), str):
            raise RuleFileError(
                f"规则 {rule_id}：fix 应为替换文本，或 {{replace, applicability, title}}",
                path,
                line,
            )
        try:
            applicability = Applicability(raw.get("applicability", "safe"))
        except ValueError:
            raise RuleFileError(
                f"规则 {rule_id}：fix.applicability 应为 safe、unsafe 或 display-only",
                path,
                _line(raw, "applicability"),
            ) from None
        return FixSpec(raw["replace"], applicability, str(raw.get("title", "")))
    raise RuleFileError(f"规则 {rule_id}：fix 应为替换文本", path, line)


def _rule(raw: Any, path: str, pack: str, line: int, compiled: bool) -> LoadedRule:
    if not isinstance(raw, dict):
        raise RuleFileError("每条规则应为映射（id、name、kind …）", path, line)
    line = _line(raw) or line
    rule_id = raw.get("id", "?")
    for key in REQUIRED_KEYS:
        if key not in raw:
            raise RuleFileError(f"规则 {rule_id}：缺少必填项「{key}」", path, line)
    for key in REQUIRED_KEYS:
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise RuleFileError(f"规则 {rule_id}：「{key}」应为非空字符串", path, _line(raw, key))
    if not _ID.fullmatch(rule_id):
        raise RuleFileError(
            f"规则 id「{rule_id}」格式应为大写字母加数字，例如 FZ101", path, _line(raw, "id")
        )
    if not _NAME.fullmatch(raw["name"]):
        raise RuleFileError(
            f"规则 {rule_id}：name「{raw['name']}」应为小写连字符形式，例如 word-bookmark",
            path,
            _line(raw, "name"),
        )
    if not _NAME.fullmatch(raw["category"]):
        raise RuleFileError(
            f"规则 {rule_id}：category「{raw['category']}」应为小写连字符形式",
            path,
            _line(raw, "category"),
        )
    try:
        severity = Severity.parse(raw["severity"])
    except KeyError:
        raise RuleFileError(
            f"规则 {rule_id}：severity 应为 error、warning 或 info", path, _line(raw, "severity")
        ) from None
    kind_class = registry.get(raw["kind"])
    if kind_class is None:
        raise RuleFileError(
            f"规则 {rule_id}：未知的 kind「{raw['kind']}」（可用：{'、'.join(registry.names())}）",
            path,
            _line(raw, "kind"),
        )
    options = Mapping((k, v) for k, v in raw.items() if k not in COMMON_KEYS)
    options.line = line
    # All of the rule's key lines, so a kind can also point at `message` or `fix`.
    options.key_lines = dict(getattr(raw, "key_lines", {}))
    fire, passes = _examples(raw.get("examples"), path, rule_id, _line(raw, "examples") or line)
    applies_to = _applies_to(raw.get("applies-to"), path, rule_id, _line(raw, "applies-to") or line)
    rule = Rule(
        id=rule_id,
        name=raw["name"],
        category=raw["category"],
        severity=severity,
        kind=raw["kind"],
        message=raw["message"].strip(),
        description=prose(raw["description"]),
        pack=pack,
        source=path,
        line=line,
        options=options,
        fix=_fix(raw.get("fix"), path, rule_id, _line(raw, "fix") or line),
        fire=fire,
        passes=passes,
        applies_to=applies_to,
    )
    return LoadedRule(rule, kind_class, compiled=compiled)


def load_pack_text(text: str, path: str) -> list[LoadedRule]:
    data = load_yaml(text, path)
    if not isinstance(data, dict):
        raise RuleFileError("规则包应为含 pack 与 rules 的映射", path, _line(data) or 1)
    unknown = sorted(set(data) - PACK_KEYS)
    if unknown:
        raise RuleFileError(
            f"规则包中不认识的键「{unknown[0]}」（可用：pack、description、rules）",
            path,
            _line(data, unknown[0]),
        )
    pack = data.get("pack")
    if not isinstance(pack, str) or not _NAME.fullmatch(pack):
        raise RuleFileError(
            "规则包需要 pack 名称（小写连字符形式）", path, _line(data, "pack") or 1
        )
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise RuleFileError("规则包需要非空的 rules 列表", path, _line(data, "rules") or 1)
    lines = rules.item_lines if isinstance(rules, YamlSequence) else [1] * len(rules)
    # a shipped pack's rules compile when first used (see LoadedRule), any other's now
    compiled = os.path.dirname(os.path.abspath(path)) != shipped.FOLDER
    return [_rule(raw, path, pack, line, compiled) for raw, line in zip(rules, lines, strict=True)]


def load_pack(path: str) -> list[LoadedRule]:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise RuleFileError("规则文件不存在", path) from None
    except UnicodeDecodeError:
        raise RuleFileError("规则文件应为 UTF-8 编码", path) from None
    except OSError as exc:
        raise RuleFileError(f"无法读取规则文件：{strerror(exc)}", path) from None
    return load_pack_text(text, path)


def pack_files(path: str) -> list[str]:
    """A pack file, or the pack files in a folder (sorted, not recursive)."""
    if os.path.isdir(path):
        return sorted(
            os.path.join(path, name) for name in os.listdir(path) if name.endswith(PACK_SUFFIXES)
        )
    if not os.path.exists(path):
        raise RuleFileError("规则文件或目录不存在", path)
    return [path]


def default_pack_files() -> list[str]:
    return pack_files(shipped.FOLDER)


def load_rules(extra: Sequence[str] = (), *, defaults: bool = True) -> list[LoadedRule]:
    """The default packs (unless disabled) and the extra pack files or folders; ids must be unique."""
    files: list[str] = default_pack_files() if defaults else []
    for path in extra:
        files.extend(pack_files(path))
    loaded: list[LoadedRule] = []
    seen: dict[str, Rule] = {}
    for file in files:
        for item in load_pack(file):
            other = seen.get(item.rule.id)
            if other is not None:
                raise RuleFileError(
                    f"规则 id {item.rule.id} 重复（已在 {other.location} 定义）",
                    file,
                    item.rule.line,
                )
            seen[item.rule.id] = item.rule
            loaded.append(item)
    save_compiled()
    return loaded


def select(
    rules: Iterable[LoadedRule], select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> list[LoadedRule]:
    """Rules matching any `select` selector (all when empty) and no `ignore` selector.

    A selector is a rule id, an id prefix (`FZ1`), a rule name, a category, or `ALL`.
    """

    def matches(rule: Rule, selector: str) -> bool:
        return (
            selector == "ALL"
            or rule.id.startswith(selector.upper())
            or selector in (rule.name, rule.category)
        )

    return [
        item
        for item in rules
        if (not select or any(matches(item.rule, s) for s in select))
        and not any(matches(item.rule, s) for s in ignore)
    ]


def known_selector(rules: Iterable[LoadedRule], selector: str) -> bool:
    return any(select([item], [selector]) for item in rules)


__all__ = ["CATEGORIES_FIXED", "LoadedRule", "load_pack", "load_rules", "select"]
