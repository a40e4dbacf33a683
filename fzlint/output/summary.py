"""The end-of-run summary for people: files, findings by severity and category, the worst files;
and `--statistics`, the count of findings per rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import IO

from fzlint.diagnostics import Applicability, Severity
from fzlint.engine.runner import FileResult
from fzlint.i18n import category, severity, tr

WORST_FILES = 5
LEVELS = (Severity.ERROR, Severity.WARNING, Severity.INFO)


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
    line = f"文件：共{len(results)}个，检查{len(checked)}个，有问题{len(with_findings)}个"
    if unreadable:
        line += f"，无法读取{unreadable}个"
    if hidden:
        line += f"；基线中已记录的{hidden}处问题未显示"
    console.print(line, markup=False)
    by_category: dict[str, Counter[Severity]] = {}
    for r in checked:
        for d in r.diagnostics:
            by_category.setdefault(d.rule.category, Counter())[d.severity] += 1
    if not by_category:
        return
    table = Table(
        tr("类别", "category"),
        *(severity(s) for s in LEVELS),
        tr("合计", "total"),
        title=tr("问题分布", "findings by category"),
        show_footer=True,
    )
    totals: Counter[Severity] = Counter()
    for name in sorted(by_category, key=lambda c: (-sum(by_category[c].values()), c)):
        counts = by_category[name]
        totals.update(counts)
        table.add_row(
            Text(category(name)), *(str(counts[s]) for s in LEVELS), str(sum(counts.values()))
        )
    table.columns[0].footer = tr("合计", "total")
    for column, level in zip(table.columns[1:], LEVELS, strict=False):
        column.footer = str(totals[level])
    table.columns[-1].footer = str(sum(totals.values()))
    console.print(table)
    worst = sorted(with_findings, key=_worst_first)[:WORST_FILES]
    files = Table(
        tr("文件", "file"),
        *(severity(s) for s in LEVELS),
        tr("合计", "total"),
        # ranked by all findings, errors deciding between files with as many
        title=tr("问题最多的文件（按问题总数）", "files with the most findings"),
    )
    for r in worst:
        counts = Counter(d.severity for d in r.diagnostics)
        # a Text: a path is shown as it is, never read as rich markup (`x[/b].txt`)
        name = Text(visible(r.path))
        files.add_row(name, *(str(counts[s]) for s in LEVELS), str(len(r.diagnostics)))
    console.print(files)


def _worst_first(result: FileResult) -> tuple[int, int, str]:
    """Most findings first, of any severity (a file with nine warnings is worse off than one
    with a single error); among files with as many, the one with more errors."""
    errors = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
    return (-len(result.diagnostics), -errors, result.path)


def write_statistics(results: Sequence[FileResult], stream: IO[str], as_json: bool = False) -> None:
    """One line per rule, most frequent first: count, id, name, and whether --fix can fix it
    (`[*]`: every finding of the rule); or, `as_json`, an array of {rule, name, count, fixable}
    (fixable: how many of them --fix fixes)."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    fixable: Counter[str] = Counter()
    for r in results:
        for d in r.diagnostics:
            counts[d.rule.id] += 1
            names[d.rule.id] = d.rule.name
            if d.fix is not None and d.fix.applicability is Applicability.SAFE:
                fixable[d.rule.id] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        import json

        rows = [
            {"rule": rule_id, "name": names[rule_id], "count": count, "fixable": fixable[rule_id]}
            for rule_id, count in ranked
        ]
        stream.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if not counts:
        return
    width = len(str(max(counts.values())))
    for rule_id, count in ranked:
        mark = "[*]" if fixable[rule_id] == count else "   "
        stream.write(f"{count:>{width}}\t{rule_id}\t{mark} {names[rule_id]}\n")
