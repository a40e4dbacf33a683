"""Linting many files, across processes when it pays, with results in input order.

The parent looks every file up in the results cache first (which reads it for the key), then reads
each file left to lint again only as its turn comes to be handed to a worker (the bytes give the
cache key and, for the output, the document): only the files on their way through the workers are
held, never a folder's worth. A worker gets a run of jobs, each with its bytes and cache key; it
compiles the rule packs once (or inherits them, when forked), decodes and lints the bytes, renders
the findings for the run's format and sends back their severities, renderings and packed form (as
JSON); the parent reads them as it reads a cache hit (`Findings`, with its own Rule objects).
Results come out one by one (`linted`), so that a format that writes each file as it comes lets it
go once written. See `_start_method` for how workers start.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext, suppress
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import orjson

from fzlint import derived
from fzlint.cache import ResultsCache, fingerprint
from fzlint.config import Resolver, Settings, previous_report, validate_selectors
from fzlint.diagnostics import Findings, Severity, line_count
from fzlint.document.source import Document, read_report
from fzlint.engine.packs import LoadedRule, known_selector, load_rules, select
from fzlint.engine.rule import CATEGORIES_FIXED, LintContext, Rule
from fzlint.engine.runner import FileResult, lint_document
from fzlint.errors import FzlintError, InputError
from fzlint.files import discover
from fzlint.output import byte_renderer, renderer
from fzlint.text.tokens import words_kept_for

if TYPE_CHECKING:
    from concurrent.futures import Future

# Below this many files, starting worker processes (each loads the packs) costs more than it saves.
PARALLEL_MIN_FILES = 16
# Runs of files handed to the workers and not yet written out, per worker: enough that a worker
# never waits for the parent, few enough that what they hold (bytes, findings) stays small.
CHUNKS_AHEAD = 4
# A run linting at most this many files (an editor's, a pre-commit hook's) keeps their words for
# the next run (fzlint.text.tokens): they are reports being edited. A larger run's would be ~1 MB of
# cache and ~0.1 s of writing per 100 reports, mostly never read again.
KEEP_WORDS_FILES = PARALLEL_MIN_FILES
# New objects before a worker's collector runs on its own (the default is 700): ~15 reports of
# 9 KB, or a few MB of one report's garbage (see `_worker_started`).
_WORKER_GC_THRESHOLD = 10_000

_loaded: dict[tuple[bool, tuple[str, ...]], list[LoadedRule]] = {}
_selected: dict[Settings, tuple[list[LoadedRule], dict[str, Severity]]] = {}
_fingerprints: dict[Settings, str] = {}
_by_id: dict[Settings, dict[str, Rule]] = {}


@dataclass(frozen=True)
class Job:
    path: str
    settings: Settings
    # Last year's report of the same unit, paired by `--previous` or the `previous` config key.
    previous: str | None = None
    # The results cache folder, or None for no cache.
    cache: str | None = None
    # Output formats that render the findings as the file is linted (see `fzlint.output`).
    render: tuple[str, ...] = ()


def forget() -> None:
    """Drop the packs loaded by this process: a new run reads them afresh (they may have changed)."""
    _loaded.clear()
    _selected.clear()
    _fingerprints.clear()
    _by_id.clear()


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
    return LintContext(
        as_of=settings.as_of,
        report_year=settings.report_year,
        previous=last_year,
        doc_type=settings.doc_type,
    )


def lint_document_with(
    doc: Document, settings: Settings, previous: str | None = None
) -> FileResult:
    rules, overrides = selected_for(settings)
    ctx = _context(settings, previous)
    return FileResult(doc.path, doc, tuple(lint_document(doc, rules, ctx, overrides)))


def _rules_by_id(settings: Settings) -> dict[str, Rule]:
    if settings not in _by_id:
        _by_id[settings] = {item.rule.id: item.rule for item in rules_for(settings)}
    return _by_id[settings]


def _fingerprint(settings: Settings) -> str:
    if settings not in _fingerprints:
        _fingerprints[settings] = fingerprint(*selected_for(settings))
    return _fingerprints[settings]


@dataclass(frozen=True)
class _Pending:
    """A job whose findings are not in the cache: its bytes and its cache key. The bytes are decoded
    where they are linted (in a worker, mostly), which is also where an undecodable file fails."""

    job: Job
    data: bytes
    key: str | None


def _looked_up(job: Job) -> FileResult | Job:
    """A job's result from the results cache (or the error looking it up gave), or the job itself
    when it is left to lint. Without a cache the file is not read here: `_read` reads it when it
    is linted."""
    try:
        selected_for(job.settings)  # a rule set that cannot load is this job's error
        if job.cache is None:
            return job
        data = read_report(job.path)
        cache = ResultsCache(job.cache)
        key = cache.key(_fingerprint(job.settings), _context(job.settings, job.previous), data)
        found = cache.get(key, _rules_by_id(job.settings))
        if found is None:
            return job  # its bytes go: read again, with its key, when its turn comes
        # these bytes decoded when they were linted: decoded again only if output needs it
        doc = Document.decoded_later(data, job.path)
        # an entry another format's run wrote gets this format's lines too, once
        missing = [name for name in job.render if name not in found.rendered]
        if missing and _render(missing, doc, found):
            cache.put(key, found)
        return FileResult(job.path, doc, found)
    except FzlintError as exc:
        return FileResult(job.path, None, error=exc)
    except Exception as exc:
        return FileResult(job.path, None, error=internal_error(exc, job.path))


def _read(job: Job) -> _Pending | FileResult:
    """A job left to lint with its bytes, read now, and their cache key; or the error reading
    gave. The key is that of these bytes, whatever the file held when it was looked up."""
    try:
        data = read_report(job.path)
        key = None
        if job.cache is not None:
            ctx = _context(job.settings, job.previous)
            key = ResultsCache.key(_fingerprint(job.settings), ctx, data)
        return _Pending(job, data, key)
    except FzlintError as exc:
        return FileResult(job.path, None, error=exc)
    except Exception as exc:
        return FileResult(job.path, None, error=internal_error(exc, job.path))


def _lint(job: Job, doc: Document, key: str | None, keep_words: bool = False) -> Findings:
    """The findings on `doc`, rendered by the job's formats, and stored in the results cache under
    `key` when there is one. With `keep_words`, the report's words are read from and kept in the
    cache folder (fzlint.text.tokens)."""
    rules, overrides = selected_for(job.settings)
    with words_kept_for(doc.path) if keep_words else nullcontext():
        findings = Findings.of(
            lint_document(doc, rules, _context(job.settings, job.previous), overrides)
        )
    _render(job.render, doc, findings)
    # The layers (structure, words) refer back to the document: dropped here, they are freed as
    # their counts fall, instead of by the collector walking them as cyclic garbage (a worker's
    # collection after each report then costs ~0.02 instead of ~0.13 s per 1,000 reports). The
    # output needs the text and its lines only.
    doc.drop_layers()
    if job.cache is not None and key is not None:
        ResultsCache(job.cache).put(key, findings)
    return findings


def _render(names: Sequence[str], doc: Document, findings: Findings) -> bool:
    """Render `findings` in the formats `names` and keep the lines; whether any were kept."""
    if not findings:
        return False
    kept = False
    for name in names:
        render = byte_renderer(name) or renderer(name)
        assert render is not None, f"{name} renders no file on its own"
        text = render(doc, findings.packed, findings.rules)
        if line_count(text) == len(findings):  # else a message broke a line: not kept
            findings.rendered[name] = text
            kept = True
    return kept


def internal_error(exc: Exception, path: str) -> FzlintError:
    """A bug of ours met on one file, as that file's error: the other files' findings still count.
    With FZLINT_DEBUG set, the exception goes on (with its traceback) instead."""
    if os.environ.get("FZLINT_DEBUG"):
        raise exc
    return FzlintError(
        f"内部错误: {type(exc).__name__}: {exc}（设置 FZLINT_DEBUG=1 可查看详细信息）", path
    )


def _lint_here(pending: _Pending, keep_words: bool = False) -> FileResult:
    """A job linted in this process, as a worker would (see `_lint` for `keep_words`)."""
    try:
        doc = Document.from_bytes(pending.data, pending.job.path)
        findings = _lint(pending.job, doc, pending.key, keep_words)
    except FzlintError as error:
        return FileResult(pending.job.path, None, error=error)
    except Exception as exc:
        return FileResult(pending.job.path, None, error=internal_error(exc, pending.job.path))
    return FileResult(pending.job.path, doc, findings)


# What a worker sends back: the findings' severities, their renderings by format and their packed
# form as JSON (which the parent reads only if its output needs more than the renderings: compact
# while it waits), or the error that stopped it. Not a cache entry: what the worker made needs no
# checksum, and the parent no copy of it cut out of one.
Handed = tuple[list[int], dict[str, str | bytes], bytes]
Returned = tuple[Handed | None, tuple[str, str, str | None, int | None] | None]


def _lint_remote(pending: tuple[Job, bytes, str | None]) -> Returned:
    """In a worker: the findings on the bytes the parent read (so that both see the same text)."""
    job, data, key = pending
    if derived.path() is None and job.cache is not None:
        derived.keep_in(job.cache)  # a spawned worker: read the packs as the parent did
    try:
        doc = Document.from_bytes(data, job.path)
        findings = _lint(job, doc, key)
    except FzlintError as error:
        return None, (type(error).__name__, error.message, error.path, error.line)
    except Exception as exc:
        error = internal_error(exc, job.path)
        return None, (type(error).__name__, error.message, error.path, error.line)
    return (list(findings.severities), findings.rendered, findings.packed_json()), None


def _lint_run(run: list[tuple[Job, bytes, str | None]]) -> list[Returned]:
    """In a worker: `_lint_remote` over a run of jobs (one message each way for the lot), the
    cyclic garbage of each report collected once it is done with (see `_worker_started`)."""
    returned = []
    for pending in run:
        returned.append(_lint_remote(pending))
        # The young generations only: the packs, in the oldest (or frozen, when forked), are
        # never walked for it.
        gc.collect(1)
    return returned


def _unpack(returned: Returned, pending: _Pending) -> FileResult:
    handed, error = returned
    if error is not None:
        kind, message, error_path, line = error
        cls = InputError if kind == InputError.__name__ else FzlintError
        return FileResult(pending.job.path, None, error=cls(message, error_path, line))
    assert handed is not None
    severities, rendered, packed = handed
    findings = Findings.deferred(
        partial(orjson.loads, packed), severities, _rules_by_id(pending.job.settings), rendered
    )
    # the worker decoded these bytes: here they are decoded again only if the output reads the text
    doc = Document.decoded_later(pending.data, pending.job.path)
    return FileResult(pending.job.path, doc, findings)


def worker_count(requested: int | None, files: int) -> int:
    if requested is not None and requested > 0:
        return min(requested, max(files, 1))
    if files < PARALLEL_MIN_FILES:
        return 1
    return max(1, min(os.cpu_count() or 1, files))


def _start_method() -> str:
    """`fork` where it is safe, else `spawn`. A forked worker starts with the packs and the word
    segmenter this process has loaded (no start-up cost); forking is safe on Linux while this
    process runs no other thread. Elsewhere each worker imports fzlint and loads the packs."""
    import multiprocessing

    if (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    ):
        return "fork"
    return "spawn"


def _warm(settings: Iterable[Settings]) -> None:
    """Load in this process what forked workers then share: each rule set, every rule of it
    compiled (a shipped rule compiles when first used: else each worker would compile it again),
    and the segmenter when a rule reads words."""
    for each in dict.fromkeys(settings):
        rules, _ = selected_for(each)
        checkers = [item.checker for item in rules]
        if any("tokens" in checker.needs for checker in checkers):
            from fzlint.text.tokens import load_segmenter

            load_segmenter()


# The signals that stop a run: Ctrl-C, `timeout` and CI cancellation (SIGTERM), a closed terminal.
_STOPPING = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class _Stopped(BaseException):
    """A stopping signal, raised in the parent so that it ends its workers before it ends."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _worker_started(parent: int) -> None:
    """In each worker: the parent alone answers the stopping signals (a Ctrl-C reaches the whole
    process group, and a traceback from each worker would bury the parent's message), and ends
    the workers; on Linux, a worker also ends when its parent is killed outright."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in _STOPPING:
        if signum != signal.SIGINT:
            signal.signal(signum, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with suppress(Exception):
            import ctypes

            pr_set_pdeathsig = 1
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() != parent:  # the parent ended before the line above
        os._exit(1)
    # A report's layers (lines, structure, words) live while its rules run and hold cycles, so
    # the collector's automatic passes, every 700 new objects, walk the same live objects again
    # and again (~0.3 s CPU per 1,000 reports): `_lint_run` collects once after each report
    # instead (~0.02 s, its layers dropped: see `_lint`), and the threshold stays for a report
    # large enough to need it sooner.
    gc.set_threshold(_WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


@contextmanager
def _ending_workers_on_signals(pool: Any) -> Iterator[None]:
    """Within: a stopping signal, or any exception, ends the pool's workers at once (they would
    otherwise live on, each with its copy of the rules, after the parent); then a signal ends this
    process as it would have without the handler, and an exception goes on."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set in the main thread
        return

    def stop(signum: int, _frame: object) -> None:
        raise _Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in _STOPPING}
    try:
        yield
    except BaseException as exc:
        for signum in _STOPPING:  # a second signal while the workers are ended changes nothing
            signal.signal(signum, signal.SIG_IGN)
        _end_workers(pool)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if isinstance(exc, _Stopped):
            if exc.signum == signal.SIGINT:
                raise KeyboardInterrupt from None
            signal.signal(exc.signum, signal.SIG_DFL)
            os.kill(os.getpid(), exc.signum)
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _end_workers(pool: Any) -> None:
    """Stop the pool's worker processes now, whatever they are doing."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with suppress(Exception):
            process.terminate()
    for process in processes:
        with suppress(Exception):
            process.join(timeout=5)


Progress = Callable[[int, int], AbstractContextManager[Callable[[], None] | None]]


@contextmanager
def linted(
    jobs: Sequence[Job], requested: int | None = None, progress: Progress | None = None
) -> Iterator[Iterator[FileResult]]:
    """Within: the results, in the order of `jobs` whatever order the workers finish in, each
    made as it is asked for; a result let go by the caller is held no more. Cached results are read
    first; only the files left to lint go to workers (`requested` of them, or `worker_count`'s
    choice), so a run over an unchanged folder starts none. `progress(total, done)` shows a bar;
    it starts after the workers, so that no thread of its own runs when they are forked. A signal
    or an exception within ends the workers (see `_ending_workers_on_signals`)."""
    looked_up = deque(_looked_up(job) for job in jobs)
    todo = [item for item in looked_up if isinstance(item, Job)]
    workers = worker_count(requested, len(todo))
    pool = None
    if workers > 1 and len(todo) > 1:
        # imported here: a run over one file (an editor's, a hook's) does without them
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = _start_method()
        if method == "fork":
            _warm(job.settings for job in todo)
            # What exists now lives on in every worker: kept out of their garbage collector, which
            # would otherwise walk (and so copy) every page of it again and again.
            gc.freeze()
        try:
            pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context(method),
                initializer=_worker_started,
                initargs=(os.getpid(),),
            )
            with _ending_workers_on_signals(pool):
                pool.submit(int).result()  # the workers start now, before the progress bar's thread
        finally:
            gc.unfreeze()
    with ExitStack() as stack:
        if pool is not None:
            stack.enter_context(pool)
            stack.enter_context(_ending_workers_on_signals(pool))
        advance = stack.enter_context(
            progress(len(jobs), len(jobs) - len(todo)) if progress else nullcontext()
        )
        if pool is None:
            yield _serial(looked_up, len(todo) <= KEEP_WORDS_FILES, advance)
        else:
            run = max(1, min(16, len(todo) // (workers * CHUNKS_AHEAD)))
            yield _pooled(_runs(looked_up, run, advance), pool, workers * CHUNKS_AHEAD, advance)


def lint_all(
    jobs: Sequence[Job], requested: int | None = None, progress: Progress | None = None
) -> list[FileResult]:
    """Every result of `linted`, in the order of `jobs`."""
    with linted(jobs, requested, progress) as results:
        return list(results)


def _serial(
    looked_up: deque[FileResult | Job], keep_words: bool, advance: Callable[[], None] | None
) -> Iterator[FileResult]:
    """The results in order, each file left to lint read and linted in this process."""
    while looked_up:
        item = looked_up.popleft()
        if isinstance(item, Job):
            read = _read(item)
            item = read if isinstance(read, FileResult) else _lint_here(read, keep_words)
            if advance:
                advance()
        yield item


def _runs(
    looked_up: deque[FileResult | Job], size: int, advance: Callable[[], None] | None
) -> Iterator[FileResult | list[_Pending]]:
    """The jobs in order as results already known, or runs of up to `size` consecutive files to
    lint, each file read as its run is formed."""
    run: list[_Pending] = []
    while looked_up:
        item = looked_up.popleft()
        read = _read(item) if isinstance(item, Job) else item
        if isinstance(read, _Pending):
            run.append(read)
            if len(run) == size:
                yield run
                run = []
            continue
        if item is not read and advance:
            advance()  # a file to lint that could not be read is done with
        if run:
            yield run
            run = []
        yield read
    if run:
        yield run


def _pooled(
    steps: Iterator[FileResult | list[_Pending]],
    pool: Any,
    ahead: int,
    advance: Callable[[], None] | None,
) -> Iterator[FileResult]:
    """The results in order: runs of files handed to the pool, at most `ahead` of them out at
    once (a run is handed out when the oldest before it has been taken), results already known
    passed through."""
    waiting: deque[FileResult | tuple[Future[list[Returned]], list[_Pending]]] = deque()
    out = 0

    def oldest() -> Iterator[FileResult]:
        """The waiting results up to and including the oldest run's."""
        nonlocal out
        while waiting:
            entry = waiting.popleft()
            if isinstance(entry, FileResult):
                yield entry
                continue
            future, run = entry
            out -= 1
            for returned, pending in zip(future.result(), run, strict=True):
                yield _unpack(returned, pending)
                if advance:
                    advance()
            return

    while True:
        while out >= ahead:  # before the next run is read
            yield from oldest()
        step = next(steps, None)
        if step is None:
            break
        if isinstance(step, FileResult):
            if waiting:
                waiting.append(step)
            else:
                yield step
            continue
        work = [(pending.job, pending.data, pending.key) for pending in step]
        waiting.append((pool.submit(_lint_run, work), step))
        out += 1
    while waiting:
        yield from oldest()


def plan(
    paths: Sequence[str],
    resolver: Resolver,
    cache: str | None = None,
    render: tuple[str, ...] = (),
) -> list[Job]:
    """One job per report named by `paths` (folders walked), in a stable order, excluded ones left
    out; `cache` is the results cache folder the jobs use, if any, and `render` the output formats
    that render findings as they are found."""
    jobs: list[Job] = []
    seen: set[str] = set()
    # The files of a folder mostly have equal settings: their jobs share one Settings object, so
    # that a run of jobs sent to a worker pickles it once, and the look-ups by settings in the
    # worker and here find the key itself instead of comparing an equal one field by field.
    # (Settings equal as they compare are the same to linting: `config` and `origins`, which
    # do not compare, only describe them.)
    shared: dict[Settings, Settings] = {}
    for path in paths:
        folder = path if os.path.isdir(path) else os.path.dirname(path) or "."
        for file in discover([path], resolver.include_for(folder), resolver.overrides.exclude):
            key = os.path.normpath(os.path.abspath(file))
            if key in seen:
                continue
            seen.add(key)
            settings = resolver.settings_for(file)
            if not settings.excluded:
                settings = shared.setdefault(settings, settings)
                previous = resolver.overrides.previous or previous_report(settings, file)
                jobs.append(Job(file, settings, previous, cache, render))
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
