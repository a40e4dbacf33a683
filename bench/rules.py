"""CPU seconds per rule over a folder of reports, in one process: where the time of a cold run goes.

    python bench/rules.py                   # the 1,000-report folder of bench/run.py
    python bench/rules.py --files 200 --top 20

Each report is read and its shared layers (lines, structure, jieba words) are built first, timed
as rows of their own; then every rule runs on it in pack order, timed with `time.process_time`
(CPU, not wall: the machine is shared). Work a rule memoises on the document for later rules
(the items of the repeat rules) is counted to the first rule that asks for it.

Measured on the 2-core shared machine (CPU seconds for 1,000 reports, two runs each, before and
after alternately; c6228af = before, h-perf = after):

    rule                  before          after
    FZ702 (items, parts)  1.108 1.028     1.119 1.125
    FZ703 (sentences)     0.971 0.905     0.726 0.731   (FZ701 now pays the shared word forms)
    FZ701 (plan items)    0.705 0.656     0.805 0.805
    FZ704 (events)        0.165 0.151     0.158 0.158
    FZ701-704 + FZ708     2.952 2.742     2.810 2.821
    FZ112 (split word)    0.168 0.157     0.136 0.136
    (jieba words)         0.744 0.757     0.762 0.775
    (structure)           0.516 0.474     0.489 0.485
    all, timed            7.347 6.877     7.042 7.062
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
