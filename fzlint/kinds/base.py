"""The base of every rule kind: typed access to its YAML options, and diagnostic building."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from fzlint.diagnostics import Diagnostic, Edit, Fix, Span
from fzlint.document import scopes
from fzlint.document.source import Document
from fzlint.engine.rule import LintContext, Rule
from fzlint.engine.template import Template
from fzlint.errors import RuleFileError
from fzlint.text.regex import compile_pattern


def areas_touching(areas: Sequence[Span], spans: Sequence[tuple[int, int]]) -> list[Span]:
    """The `areas` (in their order) that overlap one of `spans` (sorted, not overlapping each
    other, as `finditer` gives them).

    Where every match of a rule's pattern contains a string that a cheap search finds (a day's
    name, a law's name), its matches lie in the areas that overlap a found occurrence: `finditer`
    reports, for each place where the string stands, an occurrence overlapping it. The pattern is
    then run over those few areas only, with the same results."""
    ends = [end for _, end in spans]
    touching = []
    for area in areas:
        index = bisect_right(ends, area.start)  # the first occurrence ending after area.start
        if index < len(spans) and spans[index][0] < area.end:
            touching.append(area)
    return touching


class Options:
    """A rule's kind-specific keys, with errors that name the pack file and line."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.raw: Mapping[str, Any] = rule.options
        self._lines: Mapping[str, int] = getattr(rule.options, "key_lines", {})

    def error(self, key: str | None, message: str) -> RuleFileError:
        line = self._lines.get(key, self.rule.line) if key else self.rule.line
        return RuleFileError(f"规则 {self.rule.id}：{message}", self.rule.source, line)

    def has(self, key: str) -> bool:
        return key in self.raw

    def str(self, key: str, default: str | None = None) -> str:
        value = self.raw.get(key, default)
        if value is None:
            raise self.error(None, f"缺少必填项「{key}」")
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.error(key, f"「{key}」应为字符串")
        return str(value)

    def choice(self, key: str, choices: Sequence[str], default: str | None = None) -> str:
        """A string that must be one of `choices`."""
        value = self.str(key, default)
        if value not in choices:
            raise self.error(key, f"「{key}」应为 {'、'.join(choices)} 之一")
        return value

    def bool(self, key: str, default: bool = False) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, f"「{key}」应为 true 或 false")
        return value

    def int(self, key: str, default: int | None = None) -> int:
        value = self.raw.get(key, default)
        if value is None:
            raise self.error(None, f"缺少必填项「{key}」")
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"「{key}」应为整数")
        return value

    def str_list(self, key: str, default: list[str] | None = None) -> list[str]:
        """A string or a list of strings."""
        value = self.raw.get(key, default)
        if value is None:
            raise self.error(None, f"缺少必填项「{key}」")
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"「{key}」应为字符串或字符串列表")
        return list(value)

    def list(self, key: str, default: list[Any] | None = None) -> list[Any]:
        value = self.raw.get(key, default)
        if value is None:
            raise self.error(None, f"缺少必填项「{key}」")
        if not isinstance(value, list):
            raise self.error(key, f"「{key}」应为列表")
        return value

    def regex(self, key: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
        try:
            return compile_pattern(pattern, flags)
        except ValueError as exc:
            raise self.error(key, f"「{key}」{exc}：{pattern}") from None

    def scope(self, default: str = "document") -> str:
        spec = self.str("scope", default)
        problem = scopes.validate(spec)
        if problem:
            raise self.error("scope", problem)
        return spec

    def template(self, key: str, text: str, fields: Iterable[str]) -> Template:
        try:
            return Template(text, set(fields))
        except ValueError as exc:
            raise self.error(key, str(exc)) from None


class Kind:
    """Subclasses set `keys` (their option names), compile in `__init__`, and implement `check`."""

    name: ClassVar[str] = ""
    keys: ClassVar[frozenset[str]] = frozenset()
    # What Document layers the kind uses, e.g. {"structure"}; informational for runners and caches.
    needs: ClassVar[frozenset[str]] = frozenset()
    # Whether the rule's findings are about a scraped page's chrome itself (web residue, the
    # page's 发布日期): the runner keeps every other rule's findings and fixes out of web blocks.
    reads_web_page: bool = False

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.options = Options(rule)
        unknown = [key for key in rule.options if key not in self.keys]
        if unknown:
            key = unknown[0]
            import difflib  # only for a rule file in error

            hint = difflib.get_close_matches(key, sorted(self.keys), n=1)
            suggestion = f"，是否想写「{hint[0]}」？" if hint else ""
            allowed = "、".join(sorted(self.keys)) or "无"
            raise self.options.error(
                key, f"kind「{self.name}」不认识的键「{key}」{suggestion}（可用：{allowed}）"
            )
        self.message_template: Template | None = None
        self.fix_template: Template | None = None

    def compile_templates(self, fields: Iterable[str]) -> None:
        """Check the rule's message and fix against the fields this kind provides."""
        fields = set(fields)
        self.message_template = self.options.template("message", self.rule.message, fields)
        if self.rule.fix is not None:
            self.fix_template = self.options.template("fix", self.rule.fix.template, fields)

    def check(self, doc: Document, ctx: LintContext) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def dependencies(self) -> list[str]:
        """Files besides its pack that this rule reads (data files): they key the results cache."""
        return []

    def diagnostic(
        self,
        span: Span,
        values: Mapping[str, str],
        fix_span: Span | None = None,
        message: str | None = None,
    ) -> Diagnostic:
        """A finding at `span`; with a fix template, the fix replaces `fix_span` (default `span`)."""
        # Called for every finding (tens of thousands in a folder's run): the rule and its fix
        # are read once, and the dataclasses are given their fields by position, not keyword.
        assert self.message_template is not None
        rule = self.rule
        fix = None
        if self.fix_template is not None and rule.fix is not None:
            content = self.fix_template.render(values)
            title = rule.fix.title or (f"改为「{content}」" if content else "删除")
            edit = Edit(span if fix_span is None else fix_span, content)
            fix = Fix((edit,), rule.fix.applicability, title)
        if message is None:
            message = self.message_template.render(values)
        return Diagnostic(rule, span, message, rule.severity, fix)
