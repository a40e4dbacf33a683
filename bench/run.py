"""fzlint benchmark: one report, a 1,000-report folder cold and warm, the same folder through
autocorrect and textlint, a size series of single reports, and peak memory.

    python bench/run.py                 # all measurements, 5 runs each
    python bench/run.py --setup-others  # first install autocorrect and textlint (npm) into bench/.work
    python bench/run.py --runs 3 --files 200 --sizes 0.01 0.1 1 --memory-files 0
    python bench/run.py --formats sarif     # the warm run in these CI formats (default: four,
                                            # and html: its cold and warm run, the page's size)

Prints a table of median, min and max wall time (whole process, start to exit), the median CPU
seconds of the whole process tree (user + system, workers included: wall time on a shared machine
swings 2x, CPU time much less), MB/s and peak RSS and PSS of the process tree. The corpora are
built from tests/data/corpus (each copy made unique, so a content-keyed cache cannot share
results between copies) into bench/.work (git-ignored). Needs psutil (`pip install '.[bench]'`).

One report is measured as an editor or a pre-commit hook runs fzlint: with its default cache
folder (here a temporary one, warmed by one run), on a report edited before every run, so that
its findings are never cached but what the cache keeps besides them is. The first edit, which
also keeps the segmenter's lexicon in the cache folder, is a row of its own; so is an edit that
deletes a line, which leaves every other line's words in the cache (no segmenting at all). The same run with
--no-cache (nothing kept between runs) is shown below it. The fzlint measured is the one installed
beside this Python (an editable install adds ~25 ms of import hooks to every start), or
`--fzlint PATH/TO/bin/fzlint`.

The comparison with autocorrect (the `autocorrect` CLI of npm's autocorrect-node) runs fzlint
on the same work (`--select punctuation,spacing`), each run of one followed by a run of the other,
so that both see the same load on the machine; and again on a folder of `--same-work-files`
reports, whose rows give each tool's time per further report and its fixed start-up. The size series lints one report of each size
(the corpus repeated), `--no-cache`; its note gives the time per MB against the size before.
The memory row runs a folder of `--memory-files` reports once and gives the parent process's own
peak RSS (what grows with the number of files: the findings it holds) beside the tree's.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
WORK = ROOT / "bench" / ".work"
OTHERS = WORK / "others"
SINGLE_REPORT = "003_62ce812be2832422.txt"
POLL_SECONDS = 0.01
NPM_PACKAGES = [
    "autocorrect-node@2",
    "textlint@15",
    "textlint-plugin-text",
    "textlint-rule-preset-ja-spacing",
    "@textlint-rule/textlint-rule-no-unmatched-pair",
    "textlint-rule-no-zero-width-spaces",
]
TEXTLINT_CONFIG = """{
  "plugins": ["text"],
  "rules": {
    "preset-ja-spacing": true,
    "@textlint-rule/no-unmatched-pair": true,
    "no-zero-width-spaces": true
  }
}
"""


@dataclass
class Measurement:
    name: str
    times: list[float]
    cpus: list[float]
    megabytes: float
    peak_rss_mb: float = 0.0
    peak_pss_mb: float = 0.0
    note: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    def row(self) -> str:
        rss = f"{self.peak_rss_mb:8.1f}" if self.peak_rss_mb else "       -"
        pss = f"{self.peak_pss_mb:8.1f}" if self.peak_pss_mb else "       -"
        if not self.times:  # a memory-only row
            return f"{self.name:<44} {'-':>8} {'-':>8} {'-':>8} {'-':>8} {'-':>7} {rss} {pss}  {self.note}"
        rate = f"{self.megabytes / self.wall:7.2f}" if self.megabytes else "      -"
        return (
            f"{self.name:<44} {self.wall:8.3f} {min(self.times):8.3f} {max(self.times):8.3f}"
            f" {self.cpu:8.3f} {rate} {rss} {pss}  {self.note}"
        )


HEADER = (
    f"{'measurement':<44} {'median':>8} {'min':>8} {'max':>8} {'CPU s':>8} {'MB/s':>7}"
    f" {'RSS MB':>8} {'PSS MB':>8}"
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(command: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds and CPU seconds (its whole process tree: waited-for children count into
    RUSAGE_CHILDREN) of one whole run, and its exit code. Runs one at a time, so the CPU
    difference is this run's."""
    cpu = _children_cpu()
    start = time.perf_counter()
    code = subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ).returncode
    return time.perf_counter() - start, _children_cpu() - cpu, code


def _tree_memory(root: psutil.Process) -> tuple[int, int, int]:
    rss = pss = own = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            memory = process.memory_info().rss
            rss += memory
            pss += getattr(process.memory_full_info(), "pss", 0)
            if process.pid == root.pid:
                own = memory
        except psutil.Error:
            pass
    return rss, pss, own


def memory_run(command: list[str], cwd: Path | None = None) -> tuple[float, float, float, int]:
    """Peak RSS and PSS (MB) of the whole process tree in one run, the root process's own peak
    RSS, and the exit code. Separate from the timed runs: polling /proc costs CPU that the run
    would otherwise have. Forked workers share their parent's pages, which RSS counts once per
    process and PSS shares out."""
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    root = psutil.Process(process.pid)
    peak_rss = peak_pss = peak_own = 0
    while process.poll() is None:
        rss, pss, own = _tree_memory(root)
        peak_rss, peak_pss, peak_own = max(peak_rss, rss), max(peak_pss, pss), max(peak_own, own)
        time.sleep(POLL_SECONDS)
    return peak_rss / 2**20, peak_pss / 2**20, peak_own / 2**20, process.returncode


def _checked(name: str, command: list[str], code: int) -> None:
    # fzlint exits 1 when it finds something; autocorrect and textlint likewise
    if code not in (0, 1):
        raise SystemExit(f"{name}: {' '.join(command)} exited {code}")


def measure(
    name: str,
    command: list[str],
    runs: int,
    megabytes: float,
    prepare: Callable[[], object] | None = None,
    memory: bool = True,
) -> Measurement:
    result = Measurement(name, [], [], megabytes)
    for _ in range(runs):
        if prepare is not None:
            prepare()
        seconds, cpu, code = timed_run(command)
        _checked(name, command, code)
        result.times.append(seconds)
        result.cpus.append(cpu)
    if memory:
        if prepare is not None:
            prepare()
        result.peak_rss_mb, result.peak_pss_mb, _, _ = memory_run(command)
    return result


def alternate(
    commands: dict[str, tuple[list[str], Path | None]], runs: int, megabytes: float
) -> list[Measurement]:
    """Each command (run in its folder) `runs` times, in turns (a, b, a, b …): two tools
    compared in one run see the same machine."""
    results = {name: Measurement(name, [], [], megabytes) for name in commands}
    for _ in range(runs):
        for name, (command, cwd) in commands.items():
            seconds, cpu, code = timed_run(command, cwd)
            _checked(name, command, code)
            results[name].times.append(seconds)
            results[name].cpus.append(cpu)
    for name, (command, cwd) in commands.items():
        results[name].peak_rss_mb, results[name].peak_pss_mb, _, _ = memory_run(command, cwd)
    return list(results.values())


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def build_folder(count: int) -> tuple[Path, float]:
    """`count` reports copied round-robin from the corpus, each made unique by a final line."""
    folder = WORK / f"folder-{count}"
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != count:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        texts = corpus_texts()
        for i in range(count):
            text = texts[i % len(texts)]
            (folder / f"{i:05d}.txt").write_text(f"{text}\n（编号 {i}）\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in folder.glob("*.txt"))
    return folder, size / 1e6


def build_report(megabytes: float) -> Path:
    """One report of about `megabytes` MB (10⁶ bytes of UTF-8): the corpus reports one after
    another, repeated, cut at a line end."""
    target = WORK / "sizes" / f"report-{megabytes:g}mb.txt"
    size = int(megabytes * 1e6)
    if not target.is_file() or abs(target.stat().st_size - size) > 2000:
        target.parent.mkdir(parents=True, exist_ok=True)
        corpus = "\n".join(corpus_texts()).encode("utf-8")
        data = corpus * (size // len(corpus) + 1)
        target.write_bytes(data[: data.rindex(b"\n", 0, size) + 1])
    return target


def fzlint_supports(fzlint: list[str], flag: str) -> bool:
    out = subprocess.run([*fzlint, "--help"], capture_output=True, text=True, check=False)
    return flag in out.stdout


def edited_report(source: Path, count: list[int]) -> Path:
    """A copy of `source` in bench/.work with a line that changes on every call: as in an
    editor, the report differs from any cached one."""
    target = WORK / "edited" / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    count[0] += 1
    target.write_text(
        f"{source.read_text(encoding='utf-8')}\n（修改 {count[0]}）\n", encoding="utf-8"
    )
    return target


def shortened_report(source: Path, count: list[int]) -> Path:
    """The copy of `source` that `edited_report` writes, as the last run read it, less one of
    its lines: an edit that leaves every remaining line as it was, so that every line's words
    are in the cache and none has to be segmented."""
    target = WORK / "edited" / source.name
    lines = target.read_text(encoding="utf-8").split("\n")
    count[0] += 1
    del lines[1 + count[0] % (len(lines) - 2)]
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def setup_others() -> None:
    OTHERS.mkdir(parents=True, exist_ok=True)
    (OTHERS / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", *NPM_PACKAGES],
        cwd=OTHERS,
        check=True,
    )
    (OTHERS / ".textlintrc.json").write_text(TEXTLINT_CONFIG, encoding="utf-8")


def _tool(name: str) -> Path | None:
    path = OTHERS / "node_modules" / ".bin" / name
    return path if path.exists() else None


def same_work(
    executable: list[str], folder: Path, megabytes: float, runs: int
) -> list[Measurement]:
    """fzlint's punctuation and spacing rules and autocorrect over the same folder, alternately."""
    fzlint = [*executable, "--format", "json", "--no-cache", "--select", "punctuation,spacing"]
    commands: dict[str, tuple[list[str], Path | None]] = {
        f"fzlint {folder.name}, punctuation,spacing": ([*fzlint, str(folder)], None)
    }
    autocorrect = _tool("autocorrect")
    if autocorrect is None:
        print("autocorrect not installed: skipped (--setup-others installs it)")
    else:
        # Run inside the folder: autocorrect skips what the enclosing repository's .gitignore
        # names, and bench/.work is git-ignored (given its path, it checks no file at all).
        command = [str(autocorrect), "--lint", "--format", "json", "--quiet", "."]
        out = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        if '"count": 0' in out.stdout[:40]:
            raise SystemExit(f"autocorrect checked no file of {folder}")
        commands[f"autocorrect --lint {folder.name}"] = (command, folder)
    found = alternate(commands, runs, megabytes)
    if len(found) == 2:
        ours, theirs = found
        theirs.note = (
            f"fzlint takes {ours.wall / theirs.wall:.2f}x its wall time,"
            f" {ours.cpu / theirs.cpu:.2f}x its CPU"
        )
    return found


def per_report(small: list[Measurement], large: list[Measurement], files: tuple[int, int]) -> None:
    """Notes on the larger folder's rows: each tool's time per further report (the difference of
    the two folders' medians over the difference of their sizes) and its fixed start-up (the
    smaller folder's time less its reports at that rate). Two tools at the same rate per report
    differ by their start-up alone."""
    for one, other in zip(small, large, strict=True):
        wall = (other.wall - one.wall) / (files[1] - files[0])
        cpu = (other.cpu - one.cpu) / (files[1] - files[0])
        other.note += "; " if other.note else ""
        other.note += (
            f"per further report {1000 * wall:.3f} ms wall, {1000 * cpu:.3f} ms CPU;"
            f" start-up {one.wall - wall * files[0]:.2f} s wall, {one.cpu - cpu * files[0]:.2f} s CPU"
        )


def textlint(folder: Path, megabytes: float, runs: int, cold: Measurement) -> list[Measurement]:
    command = _tool("textlint")
    if command is None:
        print("textlint not installed: skipped (--setup-others installs it)")
        return []
    config = OTHERS / ".textlintrc.json"
    # written each time: without its rules textlint checks nothing and exits 0 at once
    config.write_text(TEXTLINT_CONFIG, encoding="utf-8")
    arguments = [str(command), "--config", str(config), "--format", "compact", str(folder)]
    out = subprocess.run(arguments, capture_output=True, text=True, check=False)
    if "No rules found" in out.stdout + out.stderr:
        raise SystemExit(f"textlint found no rules in {config}")
    found = measure("textlint (same folder)", arguments, runs, megabytes)
    found.note = f"{found.wall / cold.wall:.2f}x the wall time of fzlint (cold, all rules)"
    return [found]


def warm_formats(
    executable: list[str], folder: Path, megabytes: float, args: argparse.Namespace
) -> list[Measurement]:
    """The warm run in each CI format of `--formats`, over a cache that a cold run in the same
    format filled (a format writes from the lines its cold run rendered and the cache kept)."""
    found = []
    for fmt in filter(None, args.formats.split(",")):
        cache = Path(tempfile.mkdtemp(prefix="fzlint-bench-cache-"))
        command = [*executable, "--format", fmt, "--cache-dir", str(cache), str(folder)]
        cold_seconds, _, code = timed_run(command)
        _checked(fmt, command, code)
        warm = measure(f"fzlint {args.files} reports, warm, {fmt}", command, args.runs, megabytes)
        warm.note = (
            f"{warm.wall / cold_seconds:.0%} of its cold run ({cold_seconds:.2f} s, one run)"
        )
        found.append(warm)
        shutil.rmtree(cache, ignore_errors=True)
    return found


def html_rows(
    executable: list[str], folder: Path, megabytes: float, cold: Measurement, runs: int
) -> list[Measurement]:
    """The reviewer's page (`--format html --output-file`): a cold run, to set beside the cold
    json run (what writing the page adds to a run), and the warm run; the page's size."""
    if not fzlint_supports(executable, "html"):
        return []
    page = WORK / "审查报告.html"
    cache = Path(tempfile.mkdtemp(prefix="fzlint-bench-cache-"))
    command = [*executable, "--format", "html", "--output-file", str(page)]
    try:
        cold_html = measure(
            f"fzlint {len(list(folder.glob('*.txt')))} reports, cold, html",
            [*command, "--no-cache", str(folder)],
            runs,
            megabytes,
        )
        cold_html.note = (
            f"{cold_html.wall / cold.wall - 1:+.0%} over the cold json run;"
            f" page {page.stat().st_size / 1e6:.1f} MB"
        )
        warm_command = [*command, "--cache-dir", str(cache), str(folder)]
        timed_run(warm_command)
        warm = measure("… warm, html", warm_command, runs, megabytes)
        warm.note = f"{warm.wall / cold.wall:.0%} of cold json"
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return [cold_html, warm]


def size_series(fzlint: list[str], sizes: list[float], runs: int) -> list[Measurement]:
    """One report of each size, linted cold; each row's note compares its time per MB with the
    row before (1.0x: linear)."""
    found: list[Measurement] = []
    label = ""
    for megabytes in sizes:
        report = build_report(megabytes)
        real_mb = report.stat().st_size / 1e6
        size = f"{megabytes * 1000:g} KB" if megabytes < 1 else f"{megabytes:g} MB"
        row = measure(f"fzlint one report of {size}", [*fzlint, str(report)], runs, real_mb)
        if found:
            before = found[-1]
            row.note = (
                f"{row.wall / before.wall:.1f}x the time (CPU {row.cpu / before.cpu:.1f}x)"
                f" of {label} for {real_mb / before.megabytes:.1f}x the text"
            )
        found.append(row)
        label = size
    return found


def memory_rows(fzlint: list[str], count: int) -> list[Measurement]:
    """The peak memory of one cold run over `count` reports: the parent's own RSS in the note."""
    folder, megabytes = build_folder(count)
    rss, pss, own, code = memory_run([*fzlint, str(folder)])
    _checked("memory", fzlint, code)
    row = Measurement(f"fzlint {count} reports ({megabytes:.0f} MB), memory", [], [], 0, rss, pss)
    row.note = f"parent process: peak RSS {own:.0f} MB (one run; no timing)"
    return [row]


def default_fzlint() -> list[str]:
    """The fzlint script installed beside this Python, as users run it; else its module (which,
    run from a checkout, imports the checkout's own uninstalled code)."""
    script = Path(sys.executable).with_name("fzlint")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "fzlint"]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--setup-others", action="store_true")
    parser.add_argument("--no-others", action="store_true")
    parser.add_argument(
        "--formats",
        default="sarif,gitlab,junit,github,html",
        help="CI formats whose warm run is measured too, and html (the page's cold and warm "
        "run and size; comma-separated; empty for none)",
    )
    parser.add_argument(
        "--sizes",
        type=float,
        nargs="*",
        default=[0.01, 0.1, 1, 5],
        help="the size series: one report of each size in MB (default 0.01 0.1 1 5)",
    )
    parser.add_argument("--size-runs", type=int, default=3)
    parser.add_argument(
        "--same-work-files",
        type=int,
        default=5000,
        help="a second, larger folder for the comparison with autocorrect, whose rows give each"
        " tool's time per further report and its start-up (0: no such rows)",
    )
    parser.add_argument(
        "--memory-files",
        type=int,
        default=5000,
        help="reports in the folder of the memory row (0: no such row)",
    )
    parser.add_argument(
        "--fzlint",
        metavar="PATH",
        help="the fzlint executable (default: the one installed beside this Python)",
    )
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"no corpus at {CORPUS}")
    WORK.mkdir(parents=True, exist_ok=True)
    if args.setup_others:
        setup_others()

    executable = [args.fzlint] if args.fzlint else default_fzlint()
    fzlint = [*executable, "--format", "json"]
    cold_fzlint = [*fzlint, "--no-cache"]
    single = CORPUS / SINGLE_REPORT
    count = [0]
    edited = edited_report(single, count)
    size = f"{edited.stat().st_size / 1e3:.1f} KB"
    results = []
    cache = Path(tempfile.mkdtemp(prefix="fzlint-bench-cache-"))
    command = [*fzlint, "--cache-dir", str(cache), str(edited)]
    timed_run(command)
    # the first edit in a new cache folder loads the whole dictionary and keeps the lexicon from
    # which the next edits' lines are segmented (fzlint.text.lexicon): a row of its own
    results.append(
        measure(
            f"fzlint one report ({size}), first edit",
            command,
            1,
            0,
            prepare=lambda: edited_report(single, count),
            memory=False,
        )
    )
    results.append(
        measure(
            f"fzlint one report ({size}), edited",
            command,
            args.runs,
            0,
            prepare=lambda: edited_report(single, count),
        )
    )
    results.append(
        measure(
            f"fzlint one report ({size}), a line deleted",
            command,
            args.runs,
            0,
            prepare=lambda: shortened_report(single, count),
        )
    )
    shutil.rmtree(cache, ignore_errors=True)
    results.append(
        measure(
            f"fzlint one report ({size}), --no-cache",
            [*cold_fzlint, str(edited)],
            args.runs,
            0,
            prepare=lambda: edited_report(single, count),
        )
    )

    folder, megabytes = build_folder(args.files)
    for part_count in (args.files // 4, args.files // 2):
        part, part_mb = build_folder(part_count)
        results.append(
            measure(
                f"fzlint {part_count} reports, cold",
                [*cold_fzlint, str(part)],
                args.runs,
                part_mb,
            )
        )
    cold = measure(
        f"fzlint {args.files} reports, cold", [*cold_fzlint, str(folder)], args.runs, megabytes
    )
    results.append(cold)
    cache = Path(tempfile.mkdtemp(prefix="fzlint-bench-cache-"))
    warm_command = [*fzlint, "--cache-dir", str(cache), str(folder)]
    timed_run(warm_command)
    warm = measure(f"fzlint {args.files} reports, warm, json", warm_command, args.runs, megabytes)
    warm.note = f"{warm.wall / cold.wall:.0%} of cold (CPU: {warm.cpu / cold.cpu:.0%})"
    results.append(warm)
    shutil.rmtree(cache, ignore_errors=True)
    ci = ",".join(f for f in args.formats.split(",") if f != "html")
    results.extend(
        warm_formats(
            executable, folder, megabytes, argparse.Namespace(**{**vars(args), "formats": ci})
        )
    )
    if "html" in args.formats.split(","):
        results.extend(html_rows(executable, folder, megabytes, cold, args.runs))
    if not args.no_others:
        compared = same_work(executable, folder, megabytes, args.runs)
        results.extend(compared)
        if args.same_work_files > args.files and len(compared) == 2:
            large, large_mb = build_folder(args.same_work_files)
            rows = same_work(executable, large, large_mb, max(3, args.runs // 2))
            per_report(compared, rows, (args.files, args.same_work_files))
            results.extend(rows)
        results.extend(textlint(folder, megabytes, args.runs, cold))
    results.extend(size_series(cold_fzlint, args.sizes, args.size_runs))
    if args.memory_files:
        results.extend(memory_rows(cold_fzlint, args.memory_files))

    print(
        f"\ncores: {os.cpu_count()}   runs: {args.runs}   folder: {args.files} files,"
        f" {megabytes:.2f} MB"
    )
    print(HEADER)
    for result in results:
        print(result.row())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
