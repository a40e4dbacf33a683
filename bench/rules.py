"""CPU seconds per rule over a folder of reports, in one process: where the time of a cold run goes.

    python bench/rules.py                   # the 1,000-report folder of bench/run.py
    python bench/rules.py --files 200 --top 20

Each report is read and its shared layers (lines, structure, jieba words) are built first, timed
as rows of their own; then every rule runs on it in pack order, timed with `time.process_time`
(CPU, not wall: the machine is shared). Work a rule memoises on the document for later rules
(the items of the repeat rules) is counted to the first rule that asks for it.

Measured on the 2-core machine, idle (CPU seconds for 1,000 reports, best of two or three runs
each). fa04f98 = before the second performance round and 1ed5448 = at its end, measured in the
third round; 555a078 = at the end of the third round and now = after the fourth, measured
alternately on 2026-12-05, when the machine ran ~3% slower than in the third round:

    row                   fa04f98  1ed5448  555a078   now
    FZ702 (items, parts)    1.039   0.521   0.366   0.378
    FZ701 (plan items)      0.746   0.458   0.460   0.465  (with the content words every repeat rule reads)
    FZ703 (sentences)       0.685   0.415   0.359   0.351
    FZ704 (events)          0.150   0.055   0.054   0.053
    (jieba words)           0.633   0.478   0.519   0.492
    (structure)             0.456   0.357   0.298   0.303
    (read, lines)           0.207   0.124   0.176   0.181  (noisy: 0.12-0.20 between runs)
    FZ601 (stale names)     0.181   0.175   0.174   0.128
    FZ118 (bare titles)     0.137   0.107   0.106   0.096
    FZ101                   0.137   0.083   0.078   0.071
    FZ707 (doubled)         0.132   0.136   0.038   0.028
    FZ112 (split word)      0.126   0.051   0.051   0.058
    FZ201                   0.127   0.055   0.056   0.058
    FZ801 (fixed days)        -       -     0.046   0.024
    FZ107                     -       -     0.039   0.020
    the other 65 rules        -       -     0.968   0.831
    all, timed              6.198   4.121   3.788   3.537

The whole process (bench/run.py) adds the parent's start-up and per-file work and, in the workers,
rendering each finding and handing it back: the fourth round cut those more than the rules.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import build_folder

from fzlint.document.source import Document
from fzlint.engine.packs import load_rules
from fzlint.engine.rule import LintContext
from fzlint.engine.runner import lint_document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--top", type=int, default=0, help="only the N slowest rules")
    args = parser.parse_args()
    folder, megabytes = build_folder(args.files)
    rules = load_rules()
    ctx = LintContext()
    times: dict[str, float] = defaultdict(float)
    clock = time.process_time
    total_start = clock()
    for path in sorted(folder.glob("*.txt")):
        start = clock()
        doc = Document.from_path(str(path))
        _ = doc.paragraphs
        times["(read, lines)"] += clock() - start
        start = clock()
        _ = doc.structure.sections
        times["(structure)"] += clock() - start
        start = clock()
        _ = doc.tokens.words
        times["(jieba words)"] += clock() - start
        doc_type = ctx.doc_type_of(doc)
        for item in rules:
            if item.rule.applies_to and not item.rule.applies(doc_type):
                continue
            start = clock()
            for _ in item.checker.check(doc, ctx):
                pass
            times[item.rule.id] += clock() - start
    total = clock() - total_start
    # the runner's own work (sorting, web blocks, one finding per fix) over the same folder
    start = clock()
    for path in sorted(folder.glob("*.txt")):
        lint_document(Document.from_path(str(path)), rules, ctx)
    whole = clock() - start
    rows = sorted(times.items(), key=lambda kv: -kv[1])
    if args.top:
        rows = rows[: args.top]
    print(f"{args.files} reports, {megabytes:.2f} MB")
    print(f"{'rule':<16} {'CPU s':>8} {'ms/report':>10}")
    for name, seconds in rows:
        print(f"{name:<16} {seconds:8.3f} {1000 * seconds / args.files:10.2f}")
    print(f"{'total (timed)':<16} {total:8.3f}")
    print(f"{'lint_document':<16} {whole:8.3f}  (the whole lint of the folder, one more pass)")


if __name__ == "__main__":
    main()
