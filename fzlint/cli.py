"""The command line: arguments → settings → engine → output. The only place that knows exit codes.

Exit codes: 0 no finding at or above --min-severity; 1 findings; 2 usage, input or rule-file error.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from itertools import chain
from typing import TYPE_CHECKING, NoReturn, TextIO

import fzlint
from fzlint.diagnostics import Severity, at_least
from fzlint.document.doctype import TYPES
from fzlint.errors import FzlintError, InputError
from fzlint.i18n import ArgumentParser, category, iso_date, severity, strerror, tr
from fzlint.output import FORMATS

if TYPE_CHECKING:
    from rich.console import Console

    from fzlint.config import Resolver
    from fzlint.engine.rule import Rule
    from fzlint.engine.runner import FileResult
    from fzlint.fixer import FixReport
    from fzlint.output.summary import Tally

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _add_rule_source_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help=tr(
            "另加的规则包文件或目录（可重复）", "an extra rule pack file or folder (repeatable)"
        ),
    )
    parser.add_argument(
        "--no-default-rules",
        action="store_true",
        help=tr("不加载自带的规则包", "do not load the shipped rule packs"),
    )


def _check_parser(prog: str = "fzlint") -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog=prog,
        description=tr(
            "检查法治政府建设年度报告及其他公文。",
            "Lint 法治政府建设年度报告 and other Chinese official reports.",
        ),
        epilog=tr("子命令：", "commands: ")
        + "fzlint rules | fzlint explain RULE | fzlint test-rules [PACK...] | "
        "fzlint structure FILE | fzlint config FILE | fzlint server",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=tr("报告文件或目录；- 表示标准输入", "report files or folders; - reads stdin"),
    )
    parser.add_argument(
        "--version", action="store_true", help=tr("显示版本并退出", "print the version and exit")
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help=tr(
            "输出格式（默认：终端上为 full，否则为 concise）",
            "output format (default: full on a terminal, concise otherwise)",
        ),
    )
    parser.add_argument(
        "--output-file",
        metavar="PATH",
        help=tr(
            "把报告写入 PATH，终端只显示汇总",
            "write the report to PATH; the terminal gets the summary",
        ),
    )
    parser.add_argument(
        "--select",
        action="append",
        type=_csv,
        default=[],
        metavar="RULES",
        help=tr(
            "只检查这些规则编号、编号前缀、规则名或类别（逗号分隔）",
            "only these rule ids, id prefixes, names or categories (comma-separated)",
        ),
    )
    parser.add_argument(
        "--ignore",
        action="append",
        type=_csv,
        default=[],
        metavar="RULES",
        help=tr(
            "跳过这些规则编号、编号前缀、规则名或类别",
            "skip these rule ids, id prefixes, names or categories",
        ),
    )
    _add_rule_source_arguments(parser)
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help=tr(
            "遍历目录时检查的文件名（默认 *.txt 和 *.docx；可重复）",
            "file names to lint when walking folders (default: *.txt and *.docx; repeatable)",
        ),
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help=tr(
            "跳过的文件或目录（可重复；加在配置的 exclude 之上）",
            "files or folders to skip (repeatable; added to the configuration's exclude)",
        ),
    )
    parser.add_argument(
        "--isolated",
        action="store_true",
        help=tr(
            "忽略配置文件（.fzlint.yaml、pyproject.toml）",
            "ignore configuration files (.fzlint.yaml, pyproject.toml)",
        ),
    )
    parser.add_argument(
        "--show-settings",
        metavar="FILE",
        help=tr(
            "显示适用于 FILE 的设置及各项来源，然后退出",
            "print the settings that apply to FILE and where each came from, then exit",
        ),
    )
    parser.add_argument(
        "--min-severity",
        choices=("info", "warning", "error"),
        default="info",
        help=tr(
            "只报告不低于此级别的问题（info 提示、warning 警告、error 错误）",
            "report only findings at or above this severity",
        ),
    )
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        help=tr("有问题时也以 0 退出", "exit 0 even when there are findings"),
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help=tr(
            "按规则统计问题数，不逐条列出", "count the findings per rule instead of listing them"
        ),
    )
    parser.add_argument(
        "--baseline",
        metavar="FILE",
        help=tr(
            "只报告此基线文件中没有记录的问题",
            "report only findings not recorded in this baseline",
        ),
    )
    parser.add_argument(
        "--write-baseline",
        metavar="FILE",
        help=tr(
            "把当前的问题记入基线文件 FILE（用于旧报告），然后退出",
            "record the current findings in FILE (for adopting fzlint on old reports), then exit",
        ),
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help=tr(
            "并行进程数（默认：文件多时每个 CPU 一个）",
            "worker processes (default: one per CPU when there are many files)",
        ),
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help=tr(
            "彩色输出（auto 时遵从 NO_COLOR）",
            "colour the output (NO_COLOR is respected with auto)",
        ),
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help=tr("只输出问题，不输出汇总", "print findings only, no summary"),
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help=tr("标准输入在报告中使用的文件名", "the name to report for stdin input"),
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=tr(
            "与日期有关的规则以此日期为准（默认：报告自身的日期）",
            "judge date-dependent rules as of this date (default: the report's own date)",
        ),
    )
    parser.add_argument(
        "--report-year",
        type=int,
        metavar="YEAR",
        help=tr(
            "报告年度（默认：从标题或开头读取）",
            "the year reported on (default: read from the title or opening)",
        ),
    )
    parser.add_argument(
        "--doc-type",
        choices=TYPES,
        metavar="TYPE",
        help=tr(
            "文种，代替自动识别的结果（决定哪些规则适用）：",
            "the document type, instead of the one recognised (decides which rules apply): ",
        )
        + tr("、", ", ").join(TYPES),
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help=tr(
            "就地应用安全修复，再报告余下的问题",
            "apply safe fixes in place, then report what remains",
        ),
    )
    parser.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help=tr(
            "与 --fix 或 --diff 同用时，也应用标为不安全的修复",
            "with --fix or --diff, also apply fixes marked unsafe",
        ),
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help=tr(
            "以 unified diff 显示修复，不改写文件（有修复时退出码为 1）",
            "print the fixes as a unified diff and write nothing (exit 1 if there are any)",
        ),
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=tr(
            "每个文件都重新检查，不读写缓存目录（检查结果、解析后的规则包、编译后的正则）",
            "lint every file afresh, reading and writing nothing in the cache folder "
            "(results, parsed packs, compiled patterns)",
        ),
    )
    parser.add_argument(
        "--cache-dir",
        metavar="PATH",
        default=os.environ.get("FZLINT_CACHE_DIR") or None,
        help=tr(
            "缓存目录，保存检查结果（按文件内容、规则和 fzlint 版本区分）、解析后的规则包和编译后的"
            "正则（默认：$FZLINT_CACHE_DIR，或当前目录下的 .fzlint_cache；当前目录属于其他用户或其他用户"
            "可写时为 ~/.cache/fzlint）；可随时删除",
            "where results (keyed by file content, rules and fzlint version), parsed packs and "
            "compiled patterns are kept (default: $FZLINT_CACHE_DIR, or .fzlint_cache in the "
            "current folder; ~/.cache/fzlint when that folder is another user's or writable by "
            "others); safe to delete",
        ),
    )
    parser.add_argument(
        "--previous",
        metavar="PATH",
        help=tr(
            "同一单位上一年度的报告：标出原样照搬的工作安排和未落实的计划"
            "（一次只检查一个报告；另见配置项 previous）",
            "last year's report of the same unit: flag plan items carried over unchanged and "
            "planned items never taken up (one report at a time; see also the `previous` config key)",
        ),
    )
    return parser


def _load(rule_paths: Sequence[str], no_defaults: bool):  # type: ignore[no-untyped-def]
    from fzlint.engine.packs import load_rules

    if no_defaults and not rule_paths:
        raise FzlintError("--no-default-rules 需要同时用 --rules 指定规则包")
    return load_rules(rule_paths, defaults=not no_defaults)


def _resolver(args: argparse.Namespace) -> Resolver:
    from fzlint.config import Overrides, Resolver
    from fzlint.parallel import forget

    # Each run reads the packs afresh, also when one process runs several (tests, an editor).
    forget()

    return Resolver(
        Overrides(
            select=tuple(s for group in args.select for s in group),
            ignore=tuple(s for group in args.ignore for s in group),
            rules=tuple(os.path.abspath(p) for p in args.rules),
            default_rules=not args.no_default_rules,
            include=tuple(args.include),
            exclude=tuple(args.exclude),
            as_of=args.as_of,
            report_year=args.report_year,
            doc_type=args.doc_type,
            isolated=args.isolated,
            previous=args.previous,
        ),
        warn=lambda message: print(message, file=sys.stderr),
    )


def _fix(args: argparse.Namespace, resolver: Resolver) -> FixReport:
    """Run --fix (write the files) or --diff (print what would change); errors go to stderr.

    Each file is fixed under its own settings, as it is linted."""
    from fzlint.files import walked_from
    from fzlint.fixer import fix_files
    from fzlint.parallel import lint_document_with, plan, prepare

    if "-" in args.paths:
        raise FzlintError("--fix 和 --diff 不能用于标准输入，请指定文件")
    jobs = plan(args.paths, resolver)
    prepare([job.settings for job in jobs], resolver)
    settings = {job.path: job.settings for job in jobs}
    walked = {path: root for path in settings if (root := walked_from(path, args.paths))}
    report = fix_files(
        list(settings),
        lambda doc: lint_document_with(doc, settings[doc.path]).diagnostics,
        unsafe=args.unsafe_fixes,
        write=not args.diff,
        walked=walked,
    )
    for error in report.errors:
        _print_error(error)
    for note in report.notes:
        print(f"fzlint: 提示: {note}", file=sys.stderr)
    if args.diff:
        sys.stdout.write(report.diff)
    elif not args.quiet:
        print(
            f"fzlint: 已修复{report.applied}处，改写{len(report.changed)}个文件",
            file=sys.stderr,
        )
    return report


def _show_settings(args: argparse.Namespace, paths: Sequence[str]) -> int:
    from fzlint.config import describe
    from fzlint.parallel import prepare, selected_for

    resolver = _resolver(args)
    for path in paths:
        settings = resolver.settings_for(path)
        prepare([settings], resolver)
        ids = [item.rule.id for item in selected_for(settings)[0]]
        sys.stdout.write(describe(path, settings, ids))
    return EXIT_OK


@contextmanager
def _lint(
    args: argparse.Namespace, resolver: Resolver
) -> Iterator[tuple[Iterator[FileResult], list[Rule]]]:
    """Within: every input linted under its own settings, in input order, each as it is asked
    for, and the rules that ran."""
    from fzlint.document.source import Document
    from fzlint.engine.runner import FileResult
    from fzlint.output import rendering
    from fzlint.output.progress import progress
    from fzlint.parallel import internal_error, lint_document_with, linted, plan, prepare

    cache = None if args.no_cache else os.path.abspath(args.cache_dir)
    # a format that renders a file's findings on its own has them rendered as files are linted
    fmt = _format(args)
    rendered_as = None if args.statistics else rendering(fmt)
    render = (rendered_as,) if rendered_as is not None else ()
    jobs = plan([p for p in args.paths if p != "-"], resolver, cache, render)
    settings = [job.settings for job in jobs]
    reads_stdin = "-" in args.paths
    if args.previous is not None:
        if len(jobs) + reads_stdin != 1:
            raise FzlintError(
                "--previous 只能与一个报告文件同用（上一年度报告与本年度报告一一对应）"
            )
        if not os.path.isfile(args.previous):
            raise InputError("文件不存在", args.previous)
    _refuse_writing_over_inputs(args, [job.path for job in jobs], [job.previous for job in jobs])
    if reads_stdin:
        # stdin is configured as if it were a file of the given name, or one in this folder.
        settings.insert(0, resolver.settings_for(args.stdin_filename or "-"))
    rules = prepare(settings, resolver)
    results: list[FileResult] = []
    if reads_stdin:
        doc = Document.from_bytes(sys.stdin.buffer.read(), args.stdin_filename or "<stdin>")
        try:
            results.append(lint_document_with(doc, settings[0], args.previous))
        except FzlintError:
            raise
        except Exception as exc:  # a bug of ours met on this text: the files still count
            results.append(FileResult(doc.path, None, error=internal_error(exc, doc.path)))
    with linted(jobs, args.jobs, progress) as files:
        yield chain(results, files), rules


def _refuse_writing_over_inputs(
    args: argparse.Namespace, reports: Sequence[str], previous: Sequence[str | None]
) -> None:
    """Stop before linting when --output-file or --write-baseline names a report the run reads
    (one it lints, or last year's): writing it would destroy the report."""
    inputs = [*reports, *filter(None, previous), *filter(None, [args.previous])]
    for option, target in (
        ("--output-file", args.output_file),
        ("--write-baseline", args.write_baseline),
    ):
        if target is None or target == "-" or not os.path.exists(target):
            continue
        for path in inputs:
            try:
                same = os.path.samefile(target, path)
            except OSError:
                continue
            if same:
                raise FzlintError(
                    f"{option} 指向要检查的报告，写入会覆盖它：请另指定一个文件", target
                )


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    return "full" if sys.stdout.isatty() and args.output_file is None else "concise"


def _stdout(utf8: bool) -> TextIO:
    """Standard output, which, redirected on a Chinese Windows machine, is GBK: in UTF-8 for a
    machine format whatever it is, and for text with a character the encoding lacks shown as "?"
    instead of stopping the run."""
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper):
        if utf8:
            stream.reconfigure(encoding="utf-8")
        else:
            stream.reconfigure(errors="replace")
    return stream


class _Outcome:
    """What the end of a run reads of its results, gathered as they pass: the inputs that could
    not be linted, whether any had findings, and the summary tables' tally when they are wanted."""

    def __init__(self, tally: Tally | None = None) -> None:
        self.errors: list[FzlintError] = []
        self.found = False
        self.tally = tally

    def add(self, result: FileResult) -> None:
        if result.error is not None:
            self.errors.append(result.error)
        self.found = self.found or bool(result.diagnostics)
        if self.tally is not None:
            self.tally.add(result)

    def passing(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """`results`, each noted as it passes."""
        for result in results:
            self.add(result)
            yield result

    @classmethod
    def of(cls, results: Iterable[FileResult], tally: Tally | None = None) -> _Outcome:
        outcome = cls(tally)
        for result in results:
            outcome.add(result)
        return outcome


def _streamed(args: argparse.Namespace) -> bool:
    """Whether the report is written as the files are linted, each let go once written (so that
    a folder's findings are never all held): by a format that writes each file as it comes, with
    nothing that reads all of them first (statistics, a baseline), and not on a terminal, where
    its lines would cross the progress bar's."""
    from fzlint.output import streamed

    return (
        not (args.statistics or args.baseline or args.write_baseline)
        and streamed(_format(args))
        and (args.output_file is not None or not sys.stdout.isatty())
    )


def _report(
    args: argparse.Namespace, results: Iterable[FileResult], rules: list[Rule], streaming: bool
) -> _Outcome:
    """Write the report of `results` (a list, or with `streaming` the results as they are
    linted); what the summary tables and the exit code need of them."""
    from fzlint.output import OutputOptions, formatter, in_utf8
    from fzlint.output.summary import Tally, write_statistics

    to_file = args.output_file is not None
    fmt = _format(args)
    # the report, or (with the report in a file, or --statistics) text for people; the
    # statistics of --format json are JSON
    machine = fmt == "json" if args.statistics else in_utf8(fmt)
    stdout = _stdout(machine and not to_file)
    options = OutputOptions(
        color=args.color, quiet=args.quiet, rules=tuple(rules), settings=_settings_in_force(args)
    )
    # The table is for people: with the report in a file, or under the full format's findings.
    if streaming:
        outcome = _Outcome(Tally() if not args.quiet and to_file else None)
        results = outcome.passing(results)
    else:
        results = list(results)
        tables = not args.quiet and (
            to_file or (fmt == "full" and not args.statistics and len(results) > 1)
        )
        outcome = _Outcome.of(results, Tally() if tables else None)
    if to_file:
        try:
            with open(args.output_file, "w", encoding="utf-8", newline="\n") as stream:
                formatter(fmt)(results, stream, replace(options, color="never"))  # type: ignore[arg-type]
        except OSError as exc:
            raise FzlintError(f"无法写入报告：{strerror(exc)}", args.output_file) from None
    elif not args.statistics:
        formatter(fmt)(results, stdout, options)  # type: ignore[arg-type]
    if args.statistics:
        write_statistics(results, stdout, as_json=fmt == "json")  # type: ignore[arg-type]
    stdout.flush()
    return outcome


def _write_tables(args: argparse.Namespace, outcome: _Outcome, hidden: int) -> None:
    """The summary tables, when the report wants them, after the progress bar is gone."""
    from fzlint.output.summary import write_table

    if outcome.tally is not None:
        stdout = _stdout(utf8=False)
        write_table(outcome.tally, stdout, args.color, hidden)
        stdout.flush()


def _settings_in_force(args: argparse.Namespace) -> tuple[tuple[str, str], ...]:
    """The command line's settings a report states (html): what was asked, or the default."""
    joined = "、".join
    return (
        ("选择的规则", joined(s for group in args.select for s in group) or "全部"),
        ("忽略的规则", joined(s for group in args.ignore for s in group) or "无"),
        ("截至日期", args.as_of.isoformat() if args.as_of else "报告自身的日期"),
        ("报告年度", str(args.report_year) if args.report_year else "从报告读取"),
        ("文种", args.doc_type or "自动识别"),
        ("最低级别", severity(Severity.parse(args.min_severity))),
        ("基线", args.baseline or "无"),
        ("配置文件", "忽略" if args.isolated else "读取"),
    )


def _print_error(error: object) -> None:
    """One error line on stderr; a control character in it (from a file name) shown escaped."""
    from fzlint.output import visible

    print(f"fzlint: 错误: {visible(str(error))}", file=sys.stderr)


def _exit_code(outcome: _Outcome, findings_fail: bool) -> int:
    """Prints the inputs that could not be linted; they decide the exit code, then findings do."""
    for error in outcome.errors:
        _print_error(error)
    if outcome.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if findings_fail and outcome.found else EXIT_OK


def check(argv: Sequence[str]) -> int:
    args = _check_parser().parse_args(argv)
    if args.version:
        print(f"fzlint {fzlint.__version__}")
        return EXIT_OK
    if args.show_settings:
        return _show_settings(args, [args.show_settings])
    if not args.paths:
        _check_parser().print_usage(sys.stderr)
        print("fzlint: 错误: 请指定要检查的文件或目录（- 表示标准输入）", file=sys.stderr)
        return EXIT_ERROR
    from fzlint import derived

    if not args.no_cache:
        # another user's folder, or one others can write, is never read (fzlint.trust)
        args.cache_dir, warning = derived.choose_folder(args.cache_dir)
        if warning is not None:
            print(warning, file=sys.stderr)
        args.no_cache = args.cache_dir is None
    if not args.no_cache and not derived.is_ours(args.cache_dir):
        raise FzlintError(
            "缓存目录中已有其他文件，不是 fzlint 的缓存目录：请用 --cache-dir 另指定一个新目录或空目录，"
            "或用 --no-cache",
            args.cache_dir,
        )
    # before the packs and kinds are imported: their patterns are read from the cache folder
    derived.keep_in(None if args.no_cache else os.path.abspath(args.cache_dir))
    from fzlint import baseline

    resolver = _resolver(args)
    fix_failed = False
    if args.fix or args.diff:
        report = _fix(args, resolver)
        if args.diff:
            return EXIT_ERROR if report.errors else EXIT_FINDINGS if report.changed else EXIT_OK
        fix_failed = bool(report.errors)
    minimum = Severity.parse(args.min_severity)
    streaming = _streamed(args)
    with _lint(args, resolver) as (linted, rules):
        results: Iterable[FileResult] = (
            replace(r, diagnostics=at_least(r.diagnostics, minimum)) for r in linted
        )
        if streaming:
            outcome = _report(args, results, rules, streaming=True)
            hidden = 0
        else:
            results = list(results)  # and the workers, and the progress bar, are done with
    if not streaming:
        if args.write_baseline:
            count = baseline.write(results, args.write_baseline)
            print(f"fzlint: 已将{count}处问题写入基线 {args.write_baseline}", file=sys.stderr)
            return _exit_code(_Outcome.of(results), findings_fail=False)
        hidden = 0
        if args.baseline:
            results, hidden = baseline.apply(results, args.baseline)
        outcome = _report(args, results, rules, streaming=False)
    _write_tables(args, outcome, hidden)
    if not args.no_cache and os.path.isdir(args.cache_dir):
        from fzlint.text.regex import save_compiled

        # the patterns of modules first imported while linting (and of `functools.cache`d
        # builders) are kept too: the packs' loading keeps only those compiled by then
        save_compiled()
        derived.prune(args.cache_dir)  # at most once a day: entries unused for a month go
    code = _exit_code(outcome, findings_fail=not args.exit_zero)
    return EXIT_ERROR if fix_failed else code


def config_command(argv: Sequence[str]) -> int:
    args = _check_parser("fzlint config").parse_args(argv)
    if not args.paths:
        raise FzlintError("请指定要查看设置的报告文件，例如 fzlint config 报告.txt")
    return _show_settings(args, args.paths)


def _unfolded(text: str) -> str:
    """A description's paragraphs each on one line: YAML folds a pack's lines with a space,
    which between two Chinese characters is none."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(_FOLD.sub("", " ".join(p.split())) for p in paragraphs)


# a space between two characters outside ASCII
_FOLD = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


def _first_sentence(text: str) -> str:
    """A rule description's first sentence, on one line."""
    text = _unfolded(text).replace("\n\n", " ")
    return text.split("。")[0] + "。" if "。" in text else text


def rules_command(argv: Sequence[str]) -> int:
    parser = ArgumentParser(prog="fzlint rules", description=tr("列出规则。", "List the rules."))
    _add_rule_source_arguments(parser)
    parser.add_argument(
        "--category",
        metavar="CATEGORY",
        help=tr("只列出此类别的规则（类别 id 如 artefact，或中文名如 残留）", "only this category"),
    )
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help=tr("table：供人阅读；json：供程序读取", "table: for people; json: for tools"),
    )
    args = parser.parse_args(argv)
    loaded = _load(args.rules, args.no_default_rules)
    if args.category:
        loaded = [
            r for r in loaded if args.category in (r.rule.category, category(r.rule.category))
        ]
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
    fixable = tr("可修复", "fixable")
    rows = [
        (
            r.id,
            r.name,
            category(r.category),
            severity(r.severity),
            fixable if r.fix else "",
            _first_sentence(r.description),
        )
        for r in rules
    ]
    stale = ("stale-name", category("stale-name"))
    knowledge = _knowledge_rows(loaded) if args.category in stale else []
    if not sys.stdout.isatty():
        # read by a pager, grep or another program: a whole rule on each line, fields by tabs,
        # never a table whose narrow columns cut the descriptions into fragments; the
        # knowledge base after a blank line
        for row in rows:
            print("\t".join(field or "-" for field in row))
        if knowledge:
            print()
            for row in knowledge:
                print("\t".join(field or "-" for field in row))
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    headers = [tr(*pair) for pair in _RULE_COLUMNS]
    table = Table(*headers, show_lines=False)
    for row in rows:
        # Text, not markup: a description quoting [bookmark: _GoBack] must show it
        table.add_row(*(Text(field) for field in row))
    console = Console(highlight=False)
    console.print(table)
    if knowledge:
        console.print(_knowledge_table(knowledge))
    return EXIT_OK


_RULE_COLUMNS = (
    ("规则", "rule"),
    ("名称", "name"),
    ("类别", "category"),
    ("级别", "severity"),
    ("可修复", "fixable"),
    ("说明", "description"),
)


def _knowledge_rows(loaded):  # type: ignore[no-untyped-def]
    """The knowledge-base entries the stale-name rules judge: rule, name, replacement, since,
    scope, severity, fix."""
    from fzlint.kinds.stale import StaleNameKind

    scopes = {"mention": "提及即过时", "current": "作现行依据", "anachronism": "时间错置"}
    fixes = {"safe": "可修复", "unsafe": "可修复（需确认）", "display-only": "仅提示"}
    rows = []
    for item in loaded:
        if isinstance(item.checker, StaleNameKind):
            for e in item.checker.entries:
                since = e.since.isoformat() if e.since else "一直"
                fix = fixes[e.fix_applicability.value] if e.fix is not None else ""
                rows.append(
                    (
                        item.rule.id,
                        e.name,
                        e.replacement,
                        since,
                        scopes[e.scope],
                        severity(e.severity),
                        fix,
                    )
                )
    return rows


def _knowledge_table(rows):  # type: ignore[no-untyped-def]
    from rich.table import Table
    from rich.text import Text

    table = Table("规则", "名称", "替代为", "起始日期", "范围", "级别", "修复", title="知识库")
    for row in rows:
        table.add_row(*(Text(field) for field in row))
    return table


def explain_command(argv: Sequence[str]) -> int:
    parser = ArgumentParser(
        prog="fzlint explain", description=tr("说明一条规则。", "Explain one rule.")
    )
    parser.add_argument(
        "rule",
        metavar="RULE",
        help=tr(
            "规则编号或名称，如 FZ501 或 word-bookmark",
            "a rule id or name, e.g. FZ501 or word-bookmark",
        ),
    )
    _add_rule_source_arguments(parser)
    args = parser.parse_args(argv)
    rules = [r.rule for r in _load(args.rules, args.no_default_rules)]
    wanted = args.rule
    rule = next((r for r in rules if wanted.upper() == r.id or wanted == r.name), None)
    if rule is None:
        raise FzlintError(f"没有规则「{wanted}」（fzlint rules 可列出全部规则）")
    from rich.console import Console

    print_explanation(Console(highlight=False), rule)
    return EXIT_OK


def print_explanation(console: Console, rule: Rule) -> None:
    """`fzlint explain RULE` on `console`: also the hover text of `fzlint server`."""
    from rich.text import Text

    console.print(Text(f"{rule.id} {rule.name}", style="bold"))
    console.print(
        f"类别：{category(rule.category)}（{rule.category}）　级别：{severity(rule.severity)}"
        f"　类型：{rule.kind}"
        f"　可修复：{'是' if rule.fix else '否'}",
        markup=False,
    )
    console.print(f"定义于：{rule.location}", markup=False)
    console.print()
    console.print(_unfolded(rule.description), markup=False)
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


def test_rules_command(argv: Sequence[str]) -> int:
    parser = ArgumentParser(
        prog="fzlint test-rules",
        description=tr(
            "运行规则包中应触发、不应触发的示例（默认：自带的规则包）。",
            "Run the should-fire / should-pass examples of rule packs "
            "(default: the shipped packs).",
        ),
    )
    parser.add_argument(
        "packs", nargs="*", metavar="PACK", help=tr("规则包文件或目录", "pack files or folders")
    )
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
    print(
        tr(
            f"通过{len(rules) - failed}条规则，失败{failed}条",
            f"{len(rules) - failed} passed, {failed} failed",
        )
    )
    return EXIT_FINDINGS if failed else EXIT_OK


def structure_command(argv: Sequence[str]) -> int:
    from fzlint.output.outline import command

    return command(argv)


def server_command(argv: Sequence[str]) -> int:
    try:
        from fzlint.server import command
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        raise FzlintError("fzlint server 需要 pygls：请安装 pip install 'fzlint[server]'") from None

    return command(argv)


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "check": check,
    "rules": rules_command,
    "explain": explain_command,
    "test-rules": test_rules_command,
    "structure": structure_command,
    "config": config_command,
    "server": server_command,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _stdout(utf8=False)  # diffs, rule listings and findings alike: never stopped by the encoding
    try:
        # A sub-command name wins; a report of that name is linted as `fzlint check NAME` or `./NAME`.
        if argv and argv[0] in COMMANDS:
            return COMMANDS[argv[0]](argv[1:])
        return check(argv)
    except FzlintError as exc:
        _print_error(exc)
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


def run() -> NoReturn:
    """The `fzlint` command (and `python -m fzlint`): `main`, then an exit at once.

    A run leaves its rules, compiled patterns and findings for the interpreter to free one by one
    at exit, ~14 ms of a one-report run (an editor's, a pre-commit hook's) that nobody needs. Every
    file fzlint writes is closed by then (each in a `with` block) and the workers are ended, so
    once standard output and error are flushed, `os._exit` loses nothing (mypy exits so too).
    Tests and programs that embed fzlint call `main`, which returns."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        # the reader went away (fzlint … | head) or the stream is closed: nothing to keep
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


__all__ = ["main", "run"]
