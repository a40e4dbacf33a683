"""The command line: arguments → settings → engine → output. The only place that knows exit codes.

Exit codes: 0 no finding at or above --min-severity; 1 findings; 2 usage, input or rule-file error.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Callable, Sequence

import fzlint
from fzlint.diagnostics import Severity
from fzlint.errors import FzlintError, InputError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD 格式：{value}") from None


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _add_rule_source_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="an extra rule pack file or folder (repeatable)",
    )
    parser.add_argument(
        "--no-default-rules", action="store_true", help="do not load the shipped rule packs"
    )


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fzlint",
        description="Lint 法治政府建设年度报告 and other Chinese official reports.",
        epilog="commands: fzlint rules | fzlint explain RULE | fzlint test-rules [PACK...] | "
        "fzlint structure FILE",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="report files or folders; - reads stdin"
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--format",
        choices=("full", "concise", "json"),
        default=None,
        help="output format (default: full on a terminal, concise otherwise)",
    )
    parser.add_argument(
        "--select",
        action="append",
        type=_csv,
        default=[],
        metavar="RULES",
        help="only these rule ids, id prefixes, names or categories (comma-separated)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        type=_csv,
        default=[],
        metavar="RULES",
        help="skip these rule ids, id prefixes, names or categories",
    )
    _add_rule_source_arguments(parser)
    parser.add_argument(
        "--min-severity",
        choices=("info", "warning", "error"),
        default="info",
        help="report only findings at or above this severity",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the output (NO_COLOR is respected with auto)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print findings only, no summary"
    )
    parser.add_argument(
        "--stdin-filename", metavar="NAME", help="the name to report for stdin input"
    )
    parser.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="judge date-dependent rules as of this date (default: the report's own date)",
    )
    parser.add_argument(
        "--report-year",
        type=int,
        metavar="YEAR",
        help="the year reported on (default: read from the title or opening)",
    )
    parser.add_argument(
        "--previous",
        metavar="PATH",
        help="last year's report of the same unit: flag plan items carried over unchanged and "
        "planned items never taken up (one report at a time)",
    )
    return parser


def _load(rule_paths: Sequence[str], no_defaults: bool):  # type: ignore[no-untyped-def]
    from fzlint.engine.packs import load_rules

    if no_defaults and not rule_paths:
        raise FzlintError("--no-default-rules 需要同时用 --rules 指定规则包")
    return load_rules(rule_paths, defaults=not no_defaults)


def _select(rules, selects: list[list[str]], ignores: list[list[str]]):  # type: ignore[no-untyped-def]
    from fzlint.engine.packs import known_selector, select

    flat_select = [s for group in selects for s in group]
    flat_ignore = [s for group in ignores for s in group]
    for selector in flat_select + flat_ignore:
        if not known_selector(rules, selector):
            raise FzlintError(
                f"未知的规则选择器「{selector}」（可写规则编号、编号前缀、名称或类别）"
            )
    return select(rules, flat_select, flat_ignore)


def check(argv: Sequence[str]) -> int:
    args = _check_parser().parse_args(argv)
    if args.version:
        print(f"fzlint {fzlint.__version__}")
        return EXIT_OK
    if not args.paths:
        _check_parser().print_usage(sys.stderr)
        print("fzlint: 错误: 请指定要检查的文件或目录（- 表示标准输入）", file=sys.stderr)
        return EXIT_ERROR

    from fzlint.document.source import Document
    from fzlint.engine.rule import LintContext
    from fzlint.engine.runner import FileResult, lint_document, lint_file
    from fzlint.files import discover
    from fzlint.output import OutputOptions, formatter

    rules = _select(_load(args.rules, args.no_default_rules), args.select, args.ignore)
    files = discover([p for p in args.paths if p != "-"])
    previous = None
    if args.previous is not None:
        if len(files) + ("-" in args.paths) != 1:
            raise FzlintError(
                "--previous 只能与一个报告文件同用（上一年度报告与本年度报告一一对应）"
            )
        previous = Document.from_path(args.previous)
    ctx = LintContext(as_of=args.as_of, report_year=args.report_year, previous=previous)
    minimum = Severity.parse(args.min_severity)

    results: list[FileResult] = []
    if "-" in args.paths:
        name = args.stdin_filename or "<stdin>"
        doc = Document.from_bytes(sys.stdin.buffer.read(), name)
        results.append(FileResult(name, doc, tuple(lint_document(doc, [r for r in rules], ctx))))
    results.extend(lint_file(path, rules, ctx) for path in files)

    shown = [
        FileResult(
            r.path, r.document, tuple(d for d in r.diagnostics if d.severity >= minimum), r.error
        )
        for r in results
    ]
    fmt = args.format or ("full" if sys.stdout.isatty() else "concise")
    formatter(fmt)(shown, sys.stdout, OutputOptions(color=args.color, quiet=args.quiet))
    sys.stdout.flush()
    errors = [r.error for r in shown if r.error is not None]
    for error in errors:
        print(f"fzlint: 错误: {error}", file=sys.stderr)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(r.diagnostics for r in shown) else EXIT_OK


def rules_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="fzlint rules", description="List the rules.")
    _add_rule_source_arguments(parser)
    parser.add_argument("--category", help="only this category")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    args = parser.parse_args(argv)
    loaded = _load(args.rules, args.no_default_rules)
    if args.category:
        loaded = [r for r in loaded if r.rule.category == args.category]
    rules = [r.rule for r in loaded]
    if args.format == "json":
        import json

        json.dump(
            [
                {
                    "id": r.id,
                    "name": r.name,
                    "category": r.category,
                    "severity": r.severity.label,
                    "kind": r.kind,
                    "fixable": r.fix is not None,
                    "description": r.description,
                    "pack": r.pack,
                }
                for r in rules
            ],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    table = Table("规则", "名称", "类别", "级别", "可修复", "说明", show_lines=False)
    for r in rules:
        summary = r.description.split("。")[0] + "。" if "。" in r.description else r.description
        table.add_row(r.id, r.name, r.category, r.severity.label, "是" if r.fix else "", summary)
    console = Console(highlight=False)
    console.print(table)
    if args.category == "stale-name":
        console.print(_knowledge_table(loaded))
    return EXIT_OK


def _knowledge_table(loaded):  # type: ignore[no-untyped-def]
    """The knowledge-base entries the stale-name rules judge: name, replacement, since, scope."""
    from rich.table import Table

    from fzlint.kinds.stale import StaleNameKind

    scopes = {"mention": "提及即过时", "current": "作现行依据", "anachronism": "时间错置"}
    fixes = {"safe": "可修复", "unsafe": "可修复（需确认）", "display-only": "仅提示"}
    table = Table("规则", "名称", "替代为", "起始日期", "范围", "级别", "修复", title="知识库")
    for item in loaded:
        if isinstance(item.checker, StaleNameKind):
            for e in item.checker.entries:
                since = e.since.isoformat() if e.since else "一直"
                fix = fixes[e.fix_applicability.value] if e.fix is not None else ""
                table.add_row(
                    item.rule.id,
                    e.name,
                    e.replacement,
                    since,
                    scopes[e.scope],
                    e.severity.label,
                    fix,
                )
    return table


def explain_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="fzlint explain", description="Explain one rule.")
    parser.add_argument("rule", help="a rule id or name, e.g. FZ501 or word-bookmark")
    _add_rule_source_arguments(parser)
    args = parser.parse_args(argv)
    rules = [r.rule for r in _load(args.rules, args.no_default_rules)]
    wanted = args.rule
    rule = next((r for r in rules if wanted.upper() == r.id or wanted == r.name), None)
    if rule is None:
        raise FzlintError(f"没有规则「{wanted}」（fzlint rules 可列出全部规则）")
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    console.print(Text(f"{rule.id} {rule.name}", style="bold"))
    console.print(
        f"类别：{rule.category}　级别：{rule.severity.label}　类型：{rule.kind}"
        f"　可修复：{'是' if rule.fix else '否'}",
        markup=False,
    )
    console.print(f"定义于：{rule.location}", markup=False)
    console.print()
    console.print(rule.description, markup=False)
    if rule.fire:
        console.print()
        console.print(Text("应触发的示例：", style="bold"))
        for example in rule.fire:
            console.print(Text("  ✗ ") + Text(example.text))
            if example.fixed is not None:
                console.print(Text("    → ", style="green") + Text(example.fixed))
    if rule.passes:
        console.print()
        console.print(Text("不应触发的示例：", style="bold"))
        for example in rule.passes:
            console.print(Text("  ✓ ") + Text(example.text))
    return EXIT_OK


def test_rules_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="fzlint test-rules",
        description="Run the should-fire / should-pass examples of rule packs (default: the shipped packs).",
    )
    parser.add_argument("packs", nargs="*", metavar="PACK", help="pack files or folders")
    args = parser.parse_args(argv)
    from fzlint.engine.examples import check_rule

    rules = _load(args.packs, no_defaults=bool(args.packs))
    failed = 0
    for item in rules:
        failures = check_rule(item)
        if failures:
            failed += 1
            for failure in failures:
                print(failure)
    print(f"{len(rules) - failed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_OK


def structure_command(argv: Sequence[str]) -> int:
    from fzlint.output.outline import command

    return command(argv)


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "check": check,
    "rules": rules_command,
    "explain": explain_command,
    "test-rules": test_rules_command,
    "structure": structure_command,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        # A sub-command name wins; a report of that name is linted as `fzlint check NAME` or `./NAME`.
        if argv and argv[0] in COMMANDS:
            return COMMANDS[argv[0]](argv[1:])
        return check(argv)
    except FzlintError as exc:
        print(f"fzlint: 错误: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (fzlint … | head): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FINDINGS
    except Exception as exc:  # a bug of ours: one line for the user, the traceback on request
        if os.environ.get("FZLINT_DEBUG"):
            raise
        print(
            f"fzlint: 内部错误: {type(exc).__name__}: {exc}（设置 FZLINT_DEBUG=1 可查看详细信息）",
            file=sys.stderr,
        )
        return EXIT_ERROR


__all__ = ["InputError", "main"]
