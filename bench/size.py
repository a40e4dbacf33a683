"""Time fzlint on one large report, to see that linting and fixing grow linearly with its size.

    .venv/bin/python bench/size.py [--sizes 1 2 4 8] [--fix-line 100000 400000]

Lint: a report of N MB made of the corpus reports repeated (`run.build_report`; the size series
of `bench/run.py` is the same for 10 KB to 5 MB), linted by `fzlint --no-cache` in a
subprocess (wall time, start-up included: ~0.3 s). Fix: one line of N characters holding a
half-width comma every few characters (N/13 fixes), fixed by `fzlint --no-cache --fix`.
Linear growth means doubling the size about doubles the time.

Measured on the 2-core machine (wall seconds, one run each; the size series of bench/run.py is
the same measure for 10 KB to 5 MB, with CPU and peak memory):

    report size            1 MB   2 MB   4 MB   8 MB   16 MB   20 MB
    232570e                 1.3    3.0    9.6   56.9
    2026-12-04              0.8    1.4    2.6    4.9     9.6
    2026-12-05              0.6           (5 MB: 2.3)            8.6   (0.98 GB resident)

    --fix, one line of     100k chars   400k chars
    232570e                   11.5 s      (not run: 118 s in the issue)
    2026-12-04                 0.8 s        1.8 s
    2026-12-05                 0.5 s        1.0 s
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import build_report, default_fzlint


def _time(args: list[str]) -> float:
    """Wall seconds of one run of the fzlint installed beside this Python (`python -m fzlint`
    run from a checkout would import the checkout's uninstalled code); a failed run stops."""
    command = [*default_fzlint(), "--no-cache", *args]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=float, nargs="*", default=[1, 2, 4, 8])
    parser.add_argument("--fix-line", type=int, nargs="*", default=[100_000, 400_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in args.sizes:
            report = build_report(megabytes)
            print(f"lint {megabytes:g} MB: {_time([str(report)]):.1f} s", flush=True)
        for length in args.fix_line:
            report = Path(tmp) / f"line_{length}.txt"
            unit = "依法行政工作,推进法治建设"  # 13 characters, one half-width comma
            report.write_text(unit * (length // len(unit)) + "。\n", encoding="utf-8")
            seconds = _time(["--fix", "--quiet", str(report)])
            print(f"fix one line of {length} characters: {seconds:.1f} s", flush=True)


if __name__ == "__main__":
    main()
