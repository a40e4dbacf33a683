"""Time fzlint on a submission folder made from the corpus, with every output format.

    .venv/bin/python bench/formats.py [FILES] [--jobs N]

Prints the wall time of `fzlint submissions --format F --output-file …` per format, as a user runs it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fzlint.output import FORMATS

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", type=int, nargs="?", default=500)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    reports = sorted(CORPUS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for i in range(args.files):
            folder = root / "submissions" / f"dept{i % 10:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(reports[i % len(reports)], folder / f"report{i:03d}.txt")
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        for fmt in FORMATS:
            command = [sys.executable, "-m", "fzlint", "submissions", "--format", fmt]
            command += ["--output-file", str(root / f"out.{fmt}"), "-q", *jobs]
            start = time.perf_counter()
            subprocess.run(command, cwd=root, capture_output=True, check=False)
            print(f"{fmt:8} {time.perf_counter() - start:6.2f} s")


if __name__ == "__main__":
    main()
