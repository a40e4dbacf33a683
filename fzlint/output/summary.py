"""The end-of-run summary for people: files, findings by severity and category, the worst files;
and `--statistics`, the count of findings per rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import IO

from fzlint.diagnostics import Applicability, Severity
from fzlint.engine.runner import FileResult

WORST_FILES = 5
LEVELS = (Severity.ERROR, Severity.WARNING, Severity.INFO)
LEVEL_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def write_table(
    results: Sequence[FileResult], stream: IO[str], color: str = "auto", hidden: int = 0
) -> None:
    """Summary tables on `stream` (rich: imported only when a person is to read them)."""
    from rich.table import Table
    from rich.text import Text

    from fzlint.output import visible
    from fzlint.output.full import make_console

    console = make_console(stream, color)
    checked = [r for r in results if r.document is not None]
    with_findings = [r for r in checked if r.diagnostics]
    unreadable = len(results) - len(checked)
    line = f"文件：共 {len(results)} 个，检查 {len(checked)} 个，有问题 {len(with_findings)} 个"
    if unreadable:
        line += f"，无法读取 {unreadable} 个"
    if hidden:
        line += f"；基线中已记录的 {hidden} 处问题未显示"
    console.print(line, markup=False)
    by_category: dict[str, Counter[Severity]] = {}
    for r in checked:
        for d in r.diagnostics:
            by_category.setdefault(d.rule.category, Counter())[d.severity] += 1
    if not by_category:
        return
    table = Table(
        "类别", *(LEVEL_ZH[s] for s in LEVELS), "合计", title="问题分布", show_footer=True
    )
    totals: Counter[Severity] = Counter()
    for category in sorted(by_category, key=lambda c: (-sum(by_category[c].values()), c)):
        counts = by_category[category]
        totals.update(counts)
        table.add_row(category, *(str(counts[s]) for s in LEVELS), str(sum(counts.values())))
    table.columns[0].footer = "合计"
    for column, level in zip(table.columns[1:], LEVELS, strict=False):
        column.footer = str(totals[level])
    table.columns[-1].footer = str(sum(totals.values()))
    console.print(table)
    worst = sorted(with_findings, key=_worst_first)[:WORST_FILES]
    files = Table("文件", *(LEVEL_ZH[s] for s in LEVELS), "合计", title="问题最多的文件")
    for r in worst:
        counts = Counter(d.severity for d in r.diagnostics)
        # a Text: a path is shown as it is, never read as rich markup (`x[/b].txt`)
        name = Text(visible(r.path))
        files.add_row(name, *(str(counts[s]) for s in LEVELS), str(len(r.diagnostics)))
    console.print(files)


def _worst_first(result: FileResult) -> tuple[int, int, str]:
    errors = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
    return (-errors, -len(result.diagnostics), result.path)


def write_statistics(results: Sequence[FileResult], stream: IO[str]) -> None:
    """One line per rule, most frequent first: count, id, name, and whether --fix can fix it."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    fixable: Counter[str] = Counter()
    for r in results:
        for d in r.diagnostics:
            counts[d.rule.id] += 1
            names[d.rule.id] = d.rule.name
            if d.fix is not None and d.fix.applicability is Applicability.SAFE:
                fixable[d.rule.id] += 1
    if not counts:
        return
    width = len(str(max(counts.values())))
    for rule_id, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = "[*]" if fixable[rule_id] == count else "   "
        stream.write(f"{count:>{width}}\t{rule_id}\t{mark} {names[rule_id]}\n")
