"""Linting many files, across processes when it pays, with results in input order.

Only a path and its (picklable) Settings go to a worker; the worker loads and compiles the rule
packs itself and keeps them for every file that shares the same packs, and sends back plain data
from which the parent rebuilds the document and diagnostics with its own Rule objects. Workers are
started with `spawn`: the parent may already run a progress thread, and forking a threaded process
is unsafe.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from fzlint.cache import ResultsCache, fingerprint
from fzlint.config import Resolver, Settings, previous_report, validate_selectors
from fzlint.diagnostics import Severity, pack, unpack
from fzlint.document.source import Document, read_report
from fzlint.engine.packs import LoadedRule, known_selector, load_rules, select
from fzlint.engine.rule import CATEGORIES_FIXED, LintContext, Rule
from fzlint.engine.runner import FileResult, lint_document
from fzlint.errors import FzlintError, InputError
from fzlint.files import discover

# Below this many files, starting worker processes (each loads the packs) costs more than it saves.
PARALLEL_MIN_FILES = 16

_loaded: dict[tuple[bool, tuple[str, ...]], list[LoadedRule]] = {}
_selected: dict[Settings, tuple[list[LoadedRule], dict[str, Severity]]] = {}
_fingerprints: dict[Settings, str] = {}


@dataclass(frozen=True)
class Job:
    path: str
    settings: Settings
    # Last year's report of the same unit, paired by `--previous` or the `previous` config key.
    previous: str | None = None
    # The results cache folder, or None for no cache.
    cache: str | None = None


def forget() -> None:
    """Drop the packs loaded by this process: a new run reads them afresh (they may have changed)."""
    _loaded.clear()
    _selected.clear()
    _fingerprints.clear()


def rules_for(settings: Settings) -> list[LoadedRule]:
    """All rules of the settings' packs, loaded once per process."""
    key = settings.rule_source
    if key not in _loaded:
        if not settings.default_rules and not settings.packs:
            raise FzlintError("--no-default-rules 需要同时用 --rules 或配置项 rules 指定规则包")
        _loaded[key] = load_rules(settings.packs, defaults=settings.default_rules)
    return _loaded[key]


def selected_for(settings: Settings) -> tuple[list[LoadedRule], dict[str, Severity]]:
    """The rules that run under `settings`, and the severity each overridden rule takes."""
    if settings not in _selected:
        rules = select(rules_for(settings), settings.select, settings.ignore)
        overrides: dict[str, Severity] = {}
        for selector, level in settings.severity:
            for item in select(rules, [selector]):
                overrides[item.rule.id] = level
        _selected[settings] = (rules, overrides)
    return _selected[settings]


def _context(settings: Settings, previous: str | None) -> LintContext:
    # A pairing that names no file yet (a unit's first report) compares with nothing.
    last_year = Document.from_path(previous) if previous and os.path.isfile(previous) else None
    return LintContext(as_of=settings.as_of, report_year=settings.report_year, previous=last_year)


def lint_document_with(
    doc: Document, settings: Settings, previous: str | None = None
) -> FileResult:
    rules, overrides = selected_for(settings)
    ctx = _context(settings, previous)
    return FileResult(doc.path, doc, tuple(lint_document(doc, rules, ctx, overrides)))


def _fingerprint(settings: Settings) -> str:
    if settings not in _fingerprints:
        _fingerprints[settings] = fingerprint(*selected_for(settings))
    return _fingerprints[settings]


def _cached(job: Job) -> FileResult | Callable[[], FileResult]:
    """A job's result (from the results cache, or the error reading it gave), or the call that
    lints its document (and stores the findings)."""
    try:
        data = read_report(job.path)
        doc = Document.from_bytes(data, job.path)
        rules, overrides = selected_for(job.settings)
        ctx = _context(job.settings, job.previous)
    except FzlintError as exc:
        return FileResult(job.path, None, error=exc)
    if job.cache is None:
        return lambda: FileResult(job.path, doc, tuple(lint_document(doc, rules, ctx, overrides)))
    cache = ResultsCache(job.cache)
    key = cache.key(_fingerprint(job.settings), ctx, data)
    found = cache.get(key, {item.rule.id: item.rule for item in rules})
    if found is not None:
        return FileResult(job.path, doc, found)

    def lint() -> FileResult:
        diagnostics = tuple(lint_document(doc, rules, ctx, overrides))
        cache.put(key, diagnostics)
        return FileResult(job.path, doc, diagnostics)

    return lint


def lint_job(job: Job) -> FileResult:
    """One file: from the results cache when its entry is there, else linted (and stored)."""
    outcome = _cached(job)
    return outcome if isinstance(outcome, FileResult) else outcome()


# What a worker sends back: path, document state (or None) with packed diagnostics, or the error.
Packed = tuple[str, tuple[Any, ...] | None, tuple[Any, ...], tuple[Any, ...] | None]


def _pack(result: FileResult) -> Packed:
    doc, error = result.document, result.error
    if doc is None:
        assert error is not None
        return result.path, None, (), (type(error).__name__, error.message, error.path, error.line)
    state = (doc.text, doc.encoding, doc.bom, doc.newline, doc.mixed_newlines)
    return result.path, state, pack(result.diagnostics), None


def _lint_packed(job: Job) -> Packed:
    return _pack(lint_job(job))


def _unpack(packed: Packed, settings: Settings) -> FileResult:
    path, state, diagnostics, error = packed
    if state is None:
        assert error is not None
        kind, message, error_path, line = error
        cls = InputError if kind == InputError.__name__ else FzlintError
        return FileResult(path, None, error=cls(message, error_path, line))
    text, encoding, bom, newline, mixed = state
    doc = Document(text, path, encoding=encoding, bom=bom, newline=newline, mixed_newlines=mixed)
    rules = {item.rule.id: item.rule for item in rules_for(settings)}
    return FileResult(path, doc, unpack(diagnostics, rules))


def worker_count(requested: int | None, files: int) -> int:
    if requested is not None and requested > 0:
        return min(requested, max(files, 1))
    if files < PARALLEL_MIN_FILES:
        return 1
    return max(1, min(os.cpu_count() or 1, files))


def lint_all(
    jobs: Sequence[Job], requested: int | None = None, advance: Callable[[], None] | None = None
) -> list[FileResult]:
    """Results in the order of `jobs`, whatever order the workers finish in. Cached results are
    read here; only the files left to lint go to workers (`requested` of them, or `worker_count`'s
    choice), so a run over an unchanged folder starts none."""
    results: list[FileResult | None] = []
    todo: list[tuple[int, Job, Callable[[], FileResult]]] = []
    for job in jobs:
        outcome = _cached(job)
        if isinstance(outcome, FileResult):
            results.append(outcome)
            if advance:
                advance()
        else:
            todo.append((len(results), job, outcome))
            results.append(None)
    workers = worker_count(requested, len(todo))
    if workers <= 1 or len(todo) <= 1:
        for index, _, lint in todo:
            results[index] = lint()
            if advance:
                advance()
    else:
        chunk = max(1, min(16, len(todo) // (workers * 4)))
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            packed = pool.map(_lint_packed, [job for _, job, _ in todo], chunksize=chunk)
            for (index, job, _), item in zip(todo, packed, strict=True):
                results[index] = _unpack(item, job.settings)
                if advance:
                    advance()
    return [result for result in results if result is not None]


def plan(paths: Sequence[str], resolver: Resolver, cache: str | None = None) -> list[Job]:
    """One job per report named by `paths` (folders walked), in a stable order, excluded ones left
    out; `cache` is the results cache folder the jobs use, if any."""
    jobs: list[Job] = []
    seen: set[str] = set()
    for path in paths:
        folder = path if os.path.isdir(path) else os.path.dirname(path) or "."
        for file in discover([path], resolver.include_for(folder), resolver.overrides.exclude):
            key = os.path.normpath(os.path.abspath(file))
            if key in seen:
                continue
            seen.add(key)
            settings = resolver.settings_for(file)
            if not settings.excluded:
                previous = resolver.overrides.previous or previous_report(settings, file)
                jobs.append(Job(file, settings, previous, cache))
    return jobs


def prepare(settings: Iterable[Settings], resolver: Resolver) -> list[Rule]:
    """Load each rule set in this process and check every selector against it, before any work.

    Returns every rule that runs under any of `settings`, for formats that describe them.
    """
    running: dict[str, Rule] = {}
    for each in dict.fromkeys(settings):
        rules = rules_for(each)

        def known(selector: str, rules: list[LoadedRule] = rules) -> bool:
            # The fixed category names stay valid while no rule of the category is loaded.
            return selector in CATEGORIES_FIXED or known_selector(rules, selector)

        config = resolver.loaded(each.config) if each.config else None
        validate_selectors(known, config)
        for selector in resolver.overrides.select + resolver.overrides.ignore:
            if not known(selector):
                raise FzlintError(
                    f"未知的规则选择器「{selector}」（可写规则编号、编号前缀、名称或类别）"
                )
        for item in selected_for(each)[0]:
            running.setdefault(item.rule.id, item.rule)
    return sorted(running.values(), key=lambda rule: rule.id)
