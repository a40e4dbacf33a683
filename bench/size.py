"""Time fzlint on one large report, to see that linting and fixing grow linearly with its size.

    .venv/bin/python bench/size.py [--sizes 1 2 4 8] [--fix-line 100000 400000]

Lint: a report of N MB made of the corpus reports repeated (`run.build_report`; the size series
of `bench/run.py` is the same for 10 KB to 5 MB), linted by `fzlint --no-cache` in a
subprocess (wall time, start-up included: ~0.7 s). Fix: one line of N characters holding a
half-width comma every few characters (N/13 fixes), fixed by `fzlint --no-cache --fix`.
Linear growth means doubling the size about doubles the time.

Measured on the 2-core shared machine (wall seconds, one run each):

    report size            1 MB   2 MB   4 MB   8 MB   16 MB   32 MB
    before (232570e)        1.3    3.0    9.6   56.9
    after                   0.8    1.4    2.6    4.9     9.6    21.9   (32 MB: 2.1 GB resident)

    --fix, one line of     100k chars   400k chars
    before                    11.5 s      (not run: 118 s in the issue)
    after                      0.8 s        1.8 s
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import build_report


def _time(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "fzlint", "--no-cache", *args], capture_output=True)
    return time.perf_counter() - started


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
