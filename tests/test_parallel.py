"""How folder runs use worker processes, and what they keep in memory."""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from fzlint import parallel
from fzlint.config import Overrides, Resolver
from fzlint.document.source import Document

REPORT = "一、主要举措\n一是加强学习,提高能力。二是加强学习,提高能力。\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_workers_are_forked_only_while_no_other_thread_runs() -> None:
    assert parallel._start_method() == "fork"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel._start_method() == "spawn"
    finally:
        stop.set()
        thread.join()


def _jobs(folder: Path) -> list[parallel.Job]:
    return parallel.plan([str(folder)], Resolver(Overrides(isolated=True)))


def _cached_jobs(folder: Path, count: int) -> tuple[list[parallel.Job], Path]:
    """`count` different reports in `folder`, as jobs with a results cache in `folder/cache`."""
    for i in range(count):
        (folder / f"r{i}.txt").write_text(f"{REPORT}（{i}）\n", encoding="utf-8")
    cache = folder / "cache"
    jobs = [parallel.Job(job.path, job.settings, job.previous, str(cache)) for job in _jobs(folder)]
    return jobs, cache


@pytest.mark.parametrize("workers", [1, 2])
def test_results_keep_documents_without_their_parsed_layers(tmp_path: Path, workers: int) -> None:
    for i in range(3):
        (tmp_path / f"r{i}.txt").write_text(REPORT, encoding="utf-8")
    parallel.forget()
    results = parallel.lint_all(_jobs(tmp_path), workers)
    assert [Path(r.path).name for r in results] == ["r0.txt", "r1.txt", "r2.txt"]
    for result in results:
        doc = result.document
        assert isinstance(doc, Document) and doc.text == REPORT
        assert "FZ101" in {d.rule.id for d in result.diagnostics}
        assert "tokens" not in doc.__dict__ and "structure" not in doc.__dict__ and not doc.memo


def test_drop_layers_leaves_a_document_that_parses_again() -> None:
    doc = Document(REPORT)
    headings = [h.marker for h in doc.structure.headings]
    words = list(doc.tokens.words)
    doc.memo["x"] = 1
    doc.drop_layers()
    assert "structure" not in doc.__dict__ and not doc.memo
    assert [h.marker for h in doc.structure.headings] == headings
    assert list(doc.tokens.words) == words


def test_progress_starts_at_the_cached_files(tmp_path: Path) -> None:
    jobs, _ = _cached_jobs(tmp_path, 3)
    parallel.forget()
    parallel.lint_all(jobs[:1], 1)
    calls: list[tuple[int, int]] = []
    advanced: list[int] = []

    @contextmanager
    def progress(total: int, done: int):
        calls.append((total, done))
        yield lambda: advanced.append(1)

    parallel.lint_all(jobs, 1, progress)
    assert calls == [(3, 1)] and len(advanced) == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_output_written_before_the_workers_start_is_not_repeated(tmp_path: Path) -> None:
    import subprocess

    for i in range(20):
        (tmp_path / f"r{i:02d}.txt").write_text(f"{REPORT}（{i}）\n", encoding="utf-8")
    code = (
        "import sys; from fzlint.cli import main; "
        "sys.stdout.write('before\\n'); "
        f"sys.exit(main(['--no-cache', '-j', '2', '--format', 'concise', {str(tmp_path)!r}]))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert run.stdout.splitlines().count("before") == 1
    assert run.stdout.count("FZ101") == 40  # two commas a report


def test_spawned_workers_find_what_forked_ones_find(tmp_path: Path) -> None:
    jobs, cache = _cached_jobs(tmp_path, 6)

    def findings(results: list) -> list:
        return [(r.path, [(d.rule.id, d.span) for d in r.diagnostics]) for r in results]

    parallel.forget()
    serial = findings(parallel.lint_all(jobs, 1))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)  # a running thread: workers are spawned
    thread.start()
    try:
        for path in cache.rglob("*.json"):
            path.unlink()
        parallel.forget()
        assert parallel._start_method() == "spawn"
        spawned = findings(parallel.lint_all(jobs, 2))
    finally:
        stop.set()
        thread.join()
    assert spawned == serial and len(serial) == 6


def test_unreadable_files_fail_alone_wherever_they_are_linted(tmp_path: Path) -> None:
    """Reports are decoded where they are linted: a file that does not decode is that file's error,
    in this process or in a worker, cached or not, and the others are linted alike."""
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "c.txt").write_bytes(b"\xff\xfe\x00\xd8")  # UTF-16 BOM, then half a character
    (tmp_path / "d.txt").write_text(REPORT + "（四）\n", encoding="gb18030")

    def outcome(results: list) -> list:
        return [
            (
                Path(r.path).name,
                None if r.error is None else r.error.message,
                [(d.rule.id, d.span) for d in r.diagnostics],
                None if r.document is None else r.document.text,
            )
            for r in results
        ]

    jobs, _ = _cached_jobs(tmp_path, 0)
    runs = []
    for workers in (1, 2, 2, 1):  # the second pair reads the cache the first pair wrote
        parallel.forget()
        runs.append(outcome(parallel.lint_all(jobs, workers)))
    assert all(run == runs[0] for run in runs)
    names = [name for name, error, _, _ in runs[0] if error is not None]
    assert names == ["b.txt", "c.txt"]
    assert [text for name, _, _, text in runs[0] if name in ("a.txt", "d.txt")] == [
        REPORT,
        REPORT + "（四）\n",
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_files_are_read_as_their_turn_comes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """A folder's reports are not all read (and held) before the first result comes out: with
    workers, only the runs handed out ahead of it."""
    count = 80
    for i in range(count):
        (tmp_path / f"r{i:02d}.txt").write_text(f"{REPORT}（{i}）\n", encoding="utf-8")
    read: list[str] = []
    reading = parallel.read_report

    def counted(path: str) -> bytes:
        read.append(path)
        return reading(path)

    monkeypatch.setattr(parallel, "read_report", counted)
    monkeypatch.setattr(parallel, "CHUNKS_AHEAD", 1)
    parallel.forget()
    jobs = _jobs(tmp_path)
    with parallel.linted(jobs, workers) as results:
        first = next(results)
        assert len(read) <= (1 if workers == 1 else 2 * 16)  # two runs of 16 out
        rest = list(results)
    assert [r.path for r in [first, *rest]] == [job.path for job in jobs]
    assert sorted(read) == sorted(job.path for job in jobs)
    assert all(r.diagnostics for r in [first, *rest])


def test_the_rules_forked_workers_share_are_all_compiled_before_the_fork(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    [job] = _jobs(tmp_path)
    parallel.forget()
    try:
        parallel._warm([job.settings])
        rules, _ = parallel.selected_for(job.settings)
        # a rule compiled in each worker instead would cost the CPU and the memory twice
        assert len(rules) > 50 and all(item._checker is not None for item in rules)
    finally:
        parallel.forget()
