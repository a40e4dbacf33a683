"""fzlint benchmark: one report, a 1,000-report folder, a warm second run, peak memory, and the
same corpus through other linters when they are installed.

    python bench/run.py                 # all measurements, 5 runs each
    python bench/run.py --setup-others  # first install autocorrect-py and textlint into bench/.work
    python bench/run.py --runs 3 --files 200
    python bench/run.py --formats sarif     # the warm run in these CI formats (default: four,
                                            # and html: its cold and warm run, the page's size)

Prints a table of median, min and max wall time (whole process, start to exit), MB/s and peak
RSS of the process tree. The corpora are built from tests/data/corpus (each copy made unique, so
a content-keyed cache cannot share results between copies) into bench/.work (git-ignored).
Needs psutil (`pip install '.[bench]'`).

One report is measured as an editor or a pre-commit hook runs fzlint: with its default cache
folder (here a temporary one, warmed by one run), on a report edited before every run, so that
its findings are never cached but the parsed packs and compiled patterns are. The same run with
--no-cache (nothing kept between runs) is shown below it. The fzlint measured is the one installed
beside this Python (an editable install adds ~25 ms of import hooks to every start), or
`--fzlint PATH/TO/bin/fzlint`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
WORK = ROOT / "bench" / ".work"
SINGLE_REPORT = "003_62ce812be2832422.txt"
POLL_SECONDS = 0.01
TEXTLINT_PACKAGES = [
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
    megabytes: float
    peak_rss_mb: float
    peak_pss_mb: float
    note: str = ""

    def row(self) -> str:
        median = statistics.median(self.times)
        rate = f"{self.megabytes / median:7.2f}" if self.megabytes else "      -"
        pss = f"{self.peak_pss_mb:8.1f}" if self.peak_pss_mb else "       -"
        return (
            f"{self.name:<38} {median:8.3f} {min(self.times):8.3f} {max(self.times):8.3f}"
            f" {rate} {self.peak_rss_mb:8.1f} {pss}  {self.note}"
        )


def timed_run(command: list[str]) -> tuple[float, int]:
    """Wall seconds of one whole run (nothing else running in this process), and its exit code."""
    start = time.perf_counter()
    code = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return time.perf_counter() - start, code


def _tree_memory(root: psutil.Process) -> tuple[int, int]:
    rss = pss = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            rss += process.memory_info().rss
            pss += getattr(process.memory_full_info(), "pss", 0)
        except psutil.Error:
            pass
    return rss, pss


def memory_run(command: list[str]) -> tuple[float, float, int]:
    """Peak RSS and PSS (MB) of the whole process tree in one run, and the exit code. Separate
    from the timed runs: polling /proc costs CPU that the run would otherwise have. Forked
    workers share their parent's pages, which RSS counts once per process and PSS shares out."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = psutil.Process(process.pid)
    peak_rss = peak_pss = 0
    while process.poll() is None:
        rss, pss = _tree_memory(root)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(POLL_SECONDS)
    return peak_rss / 2**20, peak_pss / 2**20, process.returncode


def measure(
    name: str, command: list[str], runs: int, megabytes: float, prepare=None
) -> Measurement:
    times = []
    for _ in range(runs):
        if prepare is not None:
            prepare()
        seconds, code = timed_run(command)
        if code not in (0, 1):
            raise SystemExit(f"{name}: {' '.join(command)} exited {code}")
        times.append(seconds)
    if prepare is not None:
        prepare()
    rss, pss, _ = memory_run(command)
    return Measurement(name, times, megabytes, rss, pss)


def build_folder(count: int) -> tuple[Path, float]:
    """`count` reports copied round-robin from the corpus, each made unique by a final line."""
    folder = WORK / f"folder-{count}"
    sources = sorted(CORPUS.glob("*.txt"))
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != count:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for i in range(count):
            text = sources[i % len(sources)].read_text(encoding="utf-8")
            (folder / f"{i:05d}.txt").write_text(f"{text}\n（编号 {i}）\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in folder.glob("*.txt"))
    return folder, size / 1e6


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


def setup_others() -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "autocorrect-py"], check=True)
    node = WORK / "textlint"
    node.mkdir(parents=True, exist_ok=True)
    (node / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", *TEXTLINT_PACKAGES],
        cwd=node,
        check=True,
    )
    (node / ".textlintrc.json").write_text(TEXTLINT_CONFIG, encoding="utf-8")


AUTOCORRECT_SCRIPT = """
import sys, pathlib, autocorrect_py
n = 0
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    n += len(autocorrect_py.lint_for(p.read_text(encoding="utf-8"), p.name).lines)
print(n)
"""


def others(folder: Path, megabytes: float, runs: int) -> list[Measurement]:
    found = []
    try:
        import autocorrect_py  # noqa: F401

        found.append(
            measure(
                "autocorrect-py (folder)",
                [sys.executable, "-c", AUTOCORRECT_SCRIPT, str(folder)],
                runs,
                megabytes,
            )
        )
    except ImportError:
        print("autocorrect-py not installed: skipped (--setup-others installs it)")
    textlint = WORK / "textlint" / "node_modules" / ".bin" / "textlint"
    if textlint.exists():
        config = WORK / "textlint" / ".textlintrc.json"
        command = [str(textlint), "--config", str(config), "--format", "compact", str(folder)]
        found.append(measure("textlint (folder)", command, runs, megabytes))
    else:
        print("textlint not installed: skipped (--setup-others installs it)")
    return found


def warm_formats(
    executable: list[str], folder: Path, megabytes: float, args: argparse.Namespace
) -> list[Measurement]:
    """The warm run in each CI format of `--formats`, over a cache that a cold run in the same
    format filled (a format writes from the lines its cold run rendered and the cache kept)."""
    found = []
    for fmt in filter(None, args.formats.split(",")):
        cache = Path(tempfile.mkdtemp(prefix="fzlint-bench-cache-"))
        command = [*executable, "--format", fmt, "--cache-dir", str(cache), str(folder)]
        cold_seconds, code = timed_run(command)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(command)} exited {code}")
        warm = measure(f"fzlint {args.files} reports, warm, {fmt}", command, args.runs, megabytes)
        warm.note = (
            f"{statistics.median(warm.times) / cold_seconds:.0%} of its cold run"
            f" ({cold_seconds:.2f} s, one run)"
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
        added = statistics.median(cold_html.times) / statistics.median(cold.times) - 1
        cold_html.note = (
            f"{added:+.0%} over the cold json run; page {page.stat().st_size / 1e6:.1f} MB"
        )
        warm_command = [*command, "--cache-dir", str(cache), str(folder)]
        timed_run(warm_command)
        warm = measure("… warm, html", warm_command, runs, megabytes)
        warm.note = (
            f"{statistics.median(warm.times) / statistics.median(cold.times):.0%} of cold json"
        )
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return [cold_html, warm]


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
    no_cache = ["--no-cache"] if fzlint_supports(executable, "--no-cache") else []
    single = CORPUS / SINGLE_REPORT
    count = [0]
    edited = edited_report(single, count)
    size = f"{edited.stat().st_size / 1e3:.1f} KB"
    results = []
    if fzlint_supports(executable, "--cache-dir"):
        cache = Path(tempfile.mkdtemp(prefix="fzlint-bench-cache-"))
        command = [*fzlint, "--cache-dir", str(cache), str(edited)]
        timed_run(command)
        results.append(
            measure(
                f"fzlint one report ({size}), edited",
                command,
                args.runs,
                0,
                prepare=lambda: edited_report(single, count),
            )
        )
        shutil.rmtree(cache, ignore_errors=True)
    results.append(
        measure(
            f"fzlint one report ({size}), --no-cache",
            [*fzlint, *no_cache, str(edited)],
            args.runs,
            0,
            prepare=lambda: edited_report(single, count),
        )
    )

    folder, megabytes = build_folder(args.files)
    for count in (args.files // 4, args.files // 2):
        part, part_mb = build_folder(count)
        results.append(
            measure(
                f"fzlint {count} reports, cold", [*fzlint, *no_cache, str(part)], args.runs, part_mb
            )
        )
    cold = measure(
        f"fzlint {args.files} reports, cold",
        [*fzlint, *no_cache, str(folder)],
        args.runs,
        megabytes,
    )
    results.append(cold)
    if no_cache:
        cache = Path(tempfile.mkdtemp(prefix="fzlint-bench-cache-"))
        env_command = [*fzlint, "--cache-dir", str(cache), str(folder)]
        if fzlint_supports(executable, "--cache-dir"):
            timed_run(env_command)
            warm = measure(
                f"fzlint {args.files} reports, warm, json", env_command, args.runs, megabytes
            )
            warm.note = (
                f"{statistics.median(warm.times) / statistics.median(cold.times):.0%} of cold"
            )
            results.append(warm)
            ci = ",".join(f for f in args.formats.split(",") if f != "html")
            results.extend(
                warm_formats(
                    executable,
                    folder,
                    megabytes,
                    argparse.Namespace(**{**vars(args), "formats": ci}),
                )
            )
        shutil.rmtree(cache, ignore_errors=True)
    if "html" in args.formats.split(","):
        results.extend(html_rows(executable, folder, megabytes, cold, args.runs))
    if not args.no_others:
        for other in others(folder, megabytes, args.runs):
            other.note = f"{statistics.median(other.times) / statistics.median(cold.times):.2f}x the time of fzlint (cold)"
            results.append(other)

    print(
        f"\ncores: {os.cpu_count()}   runs: {args.runs}   folder: {args.files} files, {megabytes:.2f} MB"
    )
    print(
        f"{'measurement':<38} {'median':>8} {'min':>8} {'max':>8} {'MB/s':>7}"
        f" {'RSS MB':>8} {'PSS MB':>8}"
    )
    for result in results:
        print(result.row())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
