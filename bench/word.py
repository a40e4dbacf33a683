"""Time fzlint on a Word report of about 30 pages, as an office submits it.

    .venv/bin/python bench/word.py [--pages 30] [--runs 7] [--corpus DIR]

The report is built with python-docx from the corpus reports' paragraphs, repeated until it
holds about 600 characters a page (a 公文 page of GB/T 9704 holds 22 lines of 28 characters),
with a table of 20 rows. Each run is a whole `fzlint --no-cache` process (start-up included),
beside the same text saved as a `.txt`, so the difference is what reading Word costs.

The target is 0.6 s for 30 pages. Measured on the 2-core development machine (2026-12-04, 7 runs
each): the .docx 0.40–0.44 s (median 0.415 s), its text as .txt 0.34–0.38 s (median 0.359 s).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"
CHARACTERS_PER_PAGE = 600


def paragraphs(corpus: Path, pages: int) -> list[str]:
    """Non-blank lines of the corpus reports, repeated up to `pages` pages of text."""
    lines = [
        line.strip()
        for path in sorted(corpus.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    chosen: list[str] = []
    size = 0
    while size < pages * CHARACTERS_PER_PAGE:
        for line in lines:
            chosen.append(line)
            size += len(line)
            if size >= pages * CHARACTERS_PER_PAGE:
                break
    return chosen


def build(folder: Path, pages: int, corpus: Path) -> tuple[Path, Path]:
    import docx

    text = paragraphs(corpus, pages)
    word = docx.Document()
    for line in text:
        word.add_paragraph(line)
    table = word.add_table(rows=20, cols=3)
    for number, row in enumerate(table.rows, 1):
        for column, cell in enumerate(row.cells):
            cell.text = f"第{number}项" if column == 0 else f"执法案件{number * (column + 1)}件"
    docx_path = folder / "report.docx"
    word.save(str(docx_path))
    txt_path = folder / "report.txt"
    txt_path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return docx_path, txt_path


def _time(path: Path) -> float:
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "fzlint", "--no-cache", "--format", "json", str(path)],
        capture_output=True,
        check=False,
        # not the checkout's folder, whose fzlint/ would shadow the installed package
        cwd=path.parent,
    )
    if run.returncode not in (0, 1):  # 1: findings, as expected
        raise SystemExit(f"fzlint failed on {path}: {run.stderr.decode(errors='replace')}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        docx_path, txt_path = build(Path(folder), args.pages, args.corpus)
        chars = len(txt_path.read_text(encoding="utf-8"))
        _time(docx_path)  # warm the file system and the interpreter's caches
        times: dict[str, list[float]] = {"docx": [], "txt": []}
        for _ in range(args.runs):
            # alternate, so that a busy moment of the machine hits both
            times["docx"].append(_time(docx_path))
            times["txt"].append(_time(txt_path))
    print(f"{args.pages} pages, {chars} characters, {args.runs} runs each (whole process)")
    for name, values in times.items():
        print(
            f"  {name:5} median {statistics.median(values):.3f} s"
            f"  min {min(values):.3f} s  max {max(values):.3f} s"
        )


if __name__ == "__main__":
    main()
