"""The end-of-run summary for people: files, findings by severity and category, the worst files;
and `--statistics`, the count of findings per rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO

from fzlint.diagnostics import Applicability, Severity
from fzlint.engine.runner import FileResult
from fzlint.i18n import category, severity, tr

WORST_FILES = 5
LEVELS = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass
class Tally:
    """What the summary tables read of a run's results, gathered one result at a time: a folder's
    results are let go as a format writes them, and the tables come after."""

    files: int = 0
    checked: int = 0
    by_category: dict[str, Counter[Severity]] = field(default_factory=dict)
    # each file with findings: its path and its findings' count by severity
    with_findings: list[tuple[str, Counter[Severity]]] = field(default_factory=list)

    @classmethod
    def of(cls, results: Iterable[FileResult]) -> Tally:
        tally = cls()
        for result in results:
            tally.add(result)
        return tally

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.document is None:
            return
        self.checked += 1
        if not result.diagnostics:
            return
        counts: Counter[Severity] = Counter()
        for d in result.diagnostics:
            self.by_category.setdefault(d.rule.category, Counter())[d.severity] += 1
            counts[d.severity] += 1
        self.with_findings.append((result.path, counts))


def write_table(
    results: Iterable[FileResult] | Tally,
    stream: IO[str],
    color: str = "auto",
    hidden: int = 0,
) -> None:
    """Summary tables on `stream` (rich: imported only when a person is to read them)."""
    from rich.table import Table
    from rich.text import Text

    from fzlint.output import visible
    from fzlint.output.full import make_console

    tally = results if isinstance(results, Tally) else Tally.of(results)
    console = make_console(stream, color)
    unreadable = tally.files - tally.checked
    line = f"文件：共{tally.files}个，检查{tally.checked}个，有问题{len(tally.with_findings)}个"
    if unreadable:
        line += f"，无法读取{unreadable}个"
    if hidden:
        line += f"；基线中已记录的{hidden}处问题未显示"
    console.print(line, markup=False)
    by_category = tally.by_category
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
    worst = sorted(tally.with_findings, key=_worst_first)[:WORST_FILES]
    files = Table(
        tr("文件", "file"),
        *(severity(s) for s in LEVELS),
        tr("合计", "total"),
        # ranked by all findings, errors deciding between files with as many
        title=tr("问题最多的文件（按问题总数）", "files with the most findings"),
    )
    for path, counts in worst:
        # a Text: a path is shown as it is, never read as rich markup (`x[/b].txt`)
        name = Text(visible(path))
        files.add_row(name, *(str(counts[s]) for s in LEVELS), str(counts.total()))
    console.print(files)


def _worst_first(file: tuple[str, Counter[Severity]]) -> tuple[int, int, str]:
    """Most findings first, of any severity (a file with nine warnings is worse off than one
    with a single error); among files with as many, the one with more errors."""
    path, counts = file
    return (-counts.total(), -counts[Severity.ERROR], path)


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
