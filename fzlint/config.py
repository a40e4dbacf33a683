"""Finding, validating and applying configuration: `.fzlint.yaml` or `[tool.fzlint]` in pyproject.toml.

Decisions recorded here:
- The configuration of a report is the nearest one found walking up from the report's folder
  (`.fzlint.yaml`, `.fzlint.yml`, then a `pyproject.toml` that has a `[tool.fzlint]` table, in
  each folder). Configurations are not merged: a sub-folder's file replaces its parent's, so what
  applies to a file can be read in one place (`fzlint config FILE`).
- Command-line options win over the file: `--select` replaces `select`, `--ignore`, `--rules` and
  `--exclude` add to the file's lists, `--as-of`, `--report-year` and `--doc-type` replace.
- Paths and globs in a file are relative to the folder of that file.
- A configuration file someone else could have written (another user's, or writable by others:
  fzlint.trust) is skipped with a one-line warning, as git skips another user's repository: it
  decides which rules run and where --fix writes. The search goes on past it to the folders above.
- `previous` (pairing a report with last year's, for the duplicate rules) is validated here and
  carried in the settings; its comparison belongs to the duplicate rules.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fzlint.diagnostics import Severity
from fzlint.document.doctype import TYPES
from fzlint.engine.yamlfile import Mapping, load_yaml
from fzlint.errors import FzlintError, RuleFileError
from fzlint.files import DEFAULT_INCLUDE, matches_any, relative_posix
from fzlint.i18n import strerror
from fzlint.trust import problem

CONFIG_FILES = (".fzlint.yaml", ".fzlint.yml", "pyproject.toml")
KEYS = (
    "select",
    "ignore",
    "per-file-ignores",
    "severity",
    "rules",
    "include",
    "exclude",
    "as-of",
    "doc-type",
    "previous",
)
CLI = "命令行"
DEFAULT = "默认"


class ConfigError(FzlintError):
    """A configuration file that is not valid."""


@dataclass(frozen=True)
class ConfigFile:
    """One validated configuration file; `lines` gives the line of each key (1-based)."""

    path: str
    values: dict[str, Any]
    lines: dict[str, int]
    # The line of each entry of a nested mapping: (key, entry) → line.
    entry_lines: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    def where(self, key: str) -> str:
        line = self.lines.get(key)
        return f"{self.path}:{line}" if line else self.path

    def error(self, key: str, message: str, entry: str | None = None) -> ConfigError:
        line = self.entry_lines.get((key, entry)) if entry is not None else None
        return ConfigError(message, self.path, line or self.lines.get(key))


def _strings(value: Any) -> tuple[str, ...] | None:
    """A string (comma-separated) or a list of strings, else None."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    return None


def _validate(
    path: str, raw: Any, lines: dict[str, int], line_of: Callable[[Any], int]
) -> ConfigFile:
    entry_lines: dict[tuple[str, str], int] = {}

    def fail(key: str, message: str, entry: str | None = None) -> ConfigError:
        line = entry_lines.get((key, entry)) if entry is not None else None
        return ConfigError(message, path, line or lines.get(key) or line_of(raw))

    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError("配置应为键值映射（select、ignore、exclude …）", path, line_of(raw))
    for key in raw:
        if key not in KEYS:
            raise fail(str(key), f"不认识的配置项「{key}」（可用：{'、'.join(KEYS)}）")
    values: dict[str, Any] = {}
    for key in ("select", "ignore", "include", "exclude", "rules"):
        if key in raw:
            items = _strings(raw[key])
            if items is None:
                raise fail(key, f"「{key}」应为字符串或字符串列表")
            values[key] = items
    folder = os.path.dirname(os.path.abspath(path))
    if "rules" in values:
        packs = tuple(os.path.normpath(os.path.join(folder, p)) for p in values["rules"])
        for original, pack in zip(values["rules"], packs, strict=True):
            if not os.path.exists(pack):
                raise fail("rules", f"规则包「{original}」不存在（相对于配置文件所在目录）")
        values["rules"] = packs
    if "per-file-ignores" in raw:
        table = raw["per-file-ignores"]
        if not isinstance(table, dict):
            raise fail("per-file-ignores", "「per-file-ignores」应为「路径模式: 规则列表」的映射")
        _note_entries(entry_lines, "per-file-ignores", table)
        pairs = []
        for glob, selectors in table.items():
            items = _strings(selectors)
            if not isinstance(glob, str) or items is None:
                raise fail(
                    "per-file-ignores", f"per-file-ignores 中「{glob}」的值应为规则列表", str(glob)
                )
            pairs.append((glob, items))
        values["per-file-ignores"] = tuple(pairs)
    if "severity" in raw:
        table = raw["severity"]
        if not isinstance(table, dict):
            raise fail("severity", "「severity」应为「规则: error|warning|info」的映射")
        _note_entries(entry_lines, "severity", table)
        overrides = []
        for selector, level in table.items():
            try:
                overrides.append((str(selector), Severity.parse(str(level))))
            except KeyError:
                raise fail(
                    "severity",
                    f"severity 中「{selector}」的级别应为 error、warning 或 info",
                    str(selector),
                ) from None
        values["severity"] = tuple(overrides)
    if "as-of" in raw:
        values["as-of"] = _as_of(raw["as-of"], fail)
    if "doc-type" in raw:
        if raw["doc-type"] not in TYPES:
            raise fail("doc-type", f"「doc-type」应为 {'、'.join(TYPES)} 之一")
        values["doc-type"] = raw["doc-type"]
    if "previous" in raw:
        values["previous"] = _previous(raw["previous"], fail)
    return ConfigFile(path, values, {str(k): v for k, v in lines.items()}, entry_lines)


def _note_entries(entry_lines: dict[tuple[str, str], int], key: str, table: Any) -> None:
    """Remember the line of each entry of a nested YAML mapping (TOML keeps no positions)."""
    for entry, line in getattr(table, "key_lines", {}).items():
        entry_lines[(key, str(entry))] = line


def _as_of(value: Any, fail: Callable[[str, str], ConfigError]) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise fail("as-of", f"「as-of」应为 YYYY-MM-DD 格式的日期：{value}")


def _previous(value: Any, fail: Callable[[str, str], ConfigError]) -> tuple[tuple[str, str], ...]:
    """`{regex on the path relative to the config: last year's path, with \\1 … groups}`."""
    if not isinstance(value, dict) or not value:
        raise fail("previous", "「previous」应为「路径正则: 上一年度报告路径」的映射")
    pairs = []
    for pattern, replacement in value.items():
        if not isinstance(pattern, str) or not isinstance(replacement, str) or not replacement:
            raise fail("previous", f"previous 中「{pattern}」应对应一个路径模板字符串")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise fail("previous", f"previous 中的正则「{pattern}」无效：{exc}") from None
        groups = [int(g) for g in re.findall(r"\\(\d+)", replacement)]
        if any(g > compiled.groups for g in groups):
            raise fail("previous", f"previous 中「{replacement}」引用了正则中不存在的分组")
        pairs.append((pattern, replacement))
    return tuple(pairs)


def _toml_key_lines(text: str) -> dict[str, int]:
    """The line of each key of `[tool.fzlint]` (tomllib keeps no positions)."""
    lines: dict[str, int] = {}
    table = ""
    header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
    key = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*[=.]""")
    for number, line in enumerate(text.splitlines(), 1):
        found = header.match(line)
        if found:
            table = found.group(1).replace('"', "").replace(" ", "")
            if table.startswith("tool.fzlint."):
                lines.setdefault(table.split(".")[2], number)
            elif table == "tool.fzlint":
                lines.setdefault("", number)
            continue
        if table == "tool.fzlint":
            match = key.match(line)
            if match:
                lines.setdefault(next(g for g in match.groups() if g), number)
    return lines


def _load_toml(text: str, path: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"TOML 语法错误：{exc}", path) from None


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise ConfigError("配置文件应为 UTF-8 编码", path) from None
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件：{strerror(exc)}", path) from None


def load_config(path: str) -> ConfigFile | None:
    """The validated configuration in `path`, or None for a pyproject.toml without [tool.fzlint]."""
    text = _read(path)
    if os.path.basename(path) == "pyproject.toml":
        data = _load_toml(text, path).get("tool", {}).get("fzlint")
        if data is None:
            return None
        lines = _toml_key_lines(text)
        return _validate(path, data, lines, lambda _raw: lines.get("", 1))
    try:
        raw = load_yaml(text, path)
    except RuleFileError as exc:
        raise ConfigError(exc.message, exc.path, exc.line) from None
    lines = dict(raw.key_lines) if isinstance(raw, Mapping) else {}
    return _validate(path, raw, lines, lambda r: getattr(r, "line", 1))


def _for_fzlint(path: str) -> bool:
    """Whether the configuration file `path` is fzlint's: a pyproject.toml only when it has a
    `[tool.fzlint]` table (looked for in the text: an untrusted file is not parsed)."""
    if os.path.basename(path) != "pyproject.toml":
        return True
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return re.search(r"^\s*\[\s*tool\.fzlint\b", handle.read(), re.MULTILINE) is not None
    except OSError:
        return True


@dataclass(frozen=True)
class Overrides:
    """What the command line says, which wins over configuration files."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    default_rules: bool = True
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    as_of: datetime.date | None = None
    report_year: int | None = None
    doc_type: str | None = None
    isolated: bool = False
    # `--previous`: last year's report of the one file being linted (wins over `previous`).
    previous: str | None = None


@dataclass(frozen=True)
class Settings:
    """Everything that decides the verdicts on one file; hashable and picklable for the workers."""

    packs: tuple[str, ...]
    default_rules: bool
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: tuple[tuple[str, Severity], ...]
    as_of: datetime.date | None
    report_year: int | None
    previous: tuple[tuple[str, str], ...]
    doc_type: str | None = None
    config: str | None = field(default=None, compare=False)
    excluded: bool = field(default=False, compare=False)
    origins: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def rule_source(self) -> tuple[bool, tuple[str, ...]]:
        """The key of the rule packs to load: files sharing it share one loaded rule set."""
        return self.default_rules, self.packs


class Resolver:
    """Settings per file: finds each file's configuration once per folder."""

    def __init__(
        self, overrides: Overrides, warn: Callable[[str], None] = lambda _message: None
    ) -> None:
        self.overrides = overrides
        self._configs: dict[str, ConfigFile | None] = {}
        # told once about each configuration file skipped as untrusted
        self.warn = warn
        self.skipped: list[str] = []

    def config_for(self, path: str) -> ConfigFile | None:
        if self.overrides.isolated:
            return None
        folder = os.path.dirname(os.path.abspath(path))
        visited = []
        found: ConfigFile | None = None
        while True:
            if folder in self._configs:
                found = self._configs[folder]
                break
            visited.append(folder)
            found = self._config_in(folder)
            if found is not None:
                break
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
        for each in visited:
            self._configs[each] = found
        return found

    def loaded(self, path: str) -> ConfigFile:
        """The configuration file `path`, already found for some report."""
        return next(c for c in self._configs.values() if c is not None and c.path == path)

    def _config_in(self, folder: str) -> ConfigFile | None:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                try:
                    why = problem(os.stat(candidate))
                except OSError:
                    why = None  # gone meanwhile: load_config says so
                if why is not None:
                    # a pyproject.toml without fzlint's table is passed over as usual, silently
                    if _for_fzlint(candidate):
                        self.skipped.append(candidate)
                        self.warn(f"fzlint: 警告: 配置文件 {candidate} {why}，已跳过（不可信）")
                    continue
                config = load_config(candidate)
                if config is not None:
                    return config
        return None

    def settings_for(self, path: str) -> Settings:
        cli = self.overrides
        config = self.config_for(path)
        values = config.values if config else {}
        rel = relative_posix(path, config.folder) if config else None

        def source(key: str, from_cli: bool = False, replaced: bool = False) -> str:
            """The file's line, the command line, or both when the two add up."""
            parts = []
            if config is not None and key in values and not replaced:
                parts.append(config.where(key))
            if from_cli:
                parts.append(CLI)
            return "；".join(parts) or DEFAULT

        ignore = list(values.get("ignore", ()))
        ignore_sources = [config.where("ignore")] if config and "ignore" in values else []
        for glob, selectors in values.get("per-file-ignores", ()):
            if config is not None and rel is not None and matches_any(rel, [glob]):
                ignore.extend(selectors)
                ignore_sources.append(
                    f"per-file-ignores「{glob}」{config.where('per-file-ignores')}"
                )
        ignore.extend(cli.ignore)
        if cli.ignore:
            ignore_sources.append(CLI)
        excluded = (rel is not None and matches_any(rel, values.get("exclude", ()))) or (
            bool(cli.exclude) and matches_any(path.replace(os.sep, "/"), cli.exclude)
        )
        origins = {
            "select": source("select", bool(cli.select), replaced=bool(cli.select)),
            "ignore": "；".join(ignore_sources) or DEFAULT,
            "severity": source("severity"),
            "rules": source("rules", bool(cli.rules)),
            "exclude": source("exclude", bool(cli.exclude)),
            "as-of": source("as-of", cli.as_of is not None, replaced=cli.as_of is not None),
            "report-year": source("report-year", cli.report_year is not None),
            "doc-type": source(
                "doc-type", cli.doc_type is not None, replaced=cli.doc_type is not None
            ),
            "previous": source("previous"),
        }
        return Settings(
            packs=tuple(values.get("rules", ())) + cli.rules,
            default_rules=cli.default_rules,
            select=cli.select or tuple(values.get("select", ())),
            ignore=tuple(dict.fromkeys(ignore)),
            severity=values.get("severity", ()),
            as_of=cli.as_of or values.get("as-of"),
            report_year=cli.report_year,
            previous=values.get("previous", ()),
            doc_type=cli.doc_type or values.get("doc-type"),
            config=config.path if config else None,
            excluded=excluded,
            origins=tuple(origins.items()),
        )

    def include_for(self, folder: str) -> tuple[str, ...]:
        """The include globs for walking `folder`: the command line's, else its configuration's."""
        if self.overrides.include:
            return self.overrides.include
        config = self.config_for(os.path.join(folder, "_"))
        if config is not None and "include" in config.values:
            return tuple(config.values["include"])
        return DEFAULT_INCLUDE


def validate_selectors(known: Callable[[str], bool], config: ConfigFile | None) -> None:
    """Unknown selectors name the configuration file and line they come from."""
    if config is None:
        return
    # (key, entry whose line to name, selector)
    checks: list[tuple[str, str | None, str]] = [
        (key, None, selector)
        for key in ("select", "ignore")
        for selector in config.values.get(key, ())
    ]
    checks += [
        ("per-file-ignores", glob, selector)
        for glob, group in config.values.get("per-file-ignores", ())
        for selector in group
    ]
    checks += [
        ("severity", selector, selector) for selector, _ in config.values.get("severity", ())
    ]
    for key, entry, selector in checks:
        if not known(selector):
            raise config.error(
                key, f"未知的规则选择器「{selector}」（可写规则编号、编号前缀、名称或类别）", entry
            )


def describe(path: str, settings: Settings, rule_ids: Sequence[str]) -> str:
    """`fzlint config FILE`: the settings for `path`, each with where it came from."""
    origins = dict(settings.origins)

    def show(items: Iterable[str]) -> str:
        return "、".join(items) or "（无）"

    rows = [
        ("select", show(settings.select) if settings.select else "ALL（全部规则）"),
        ("ignore", show(settings.ignore)),
        ("severity", show(f"{s}={level.label}" for s, level in settings.severity)),
        ("rules", show(settings.packs) + ("" if settings.default_rules else "（不含内置规则包）")),
        ("exclude", "是，此文件被排除" if settings.excluded else "否"),
        ("as-of", settings.as_of.isoformat() if settings.as_of else "报告自身的成文日期"),
        ("report-year", str(settings.report_year) if settings.report_year else "从标题读取"),
        ("previous", show(f"{p} → {r}" for p, r in settings.previous)),
    ]
    out = [f"文件：{path}", f"配置文件：{settings.config or '（未找到，使用默认设置）'}"]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        out.append(f"{name:<{width}}  {value}    ← {origins.get(name, DEFAULT)}")
    out.append(f"生效的规则（{len(rule_ids)}条）：{show(rule_ids)}")
    return "\n".join(out) + "\n"


def previous_report(settings: Settings, path: str) -> str | None:
    """Last year's report paired with `path` by `previous` (the first regex matching the whole path
    relative to the configuration's folder), or None; whether that file exists is not checked."""
    if not settings.previous or settings.config is None:
        return None
    folder = os.path.dirname(os.path.abspath(settings.config))
    rel = relative_posix(path, folder)
    if rel is None:
        return None
    for pattern, replacement in settings.previous:
        match = re.fullmatch(pattern, rel)
        if match:
            return os.path.join(folder, match.expand(replacement))
    return None
