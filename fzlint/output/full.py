"""`full`: rich diagnostics with a code frame, carets under the exact span, and a summary.

Report lines run to hundreds of characters, so the frame shows a window of the line around the
span, cut with an ellipsis, and never wraps. Carets are placed by display width: a CJK character
takes two terminal cells.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from fzlint.diagnostics import Applicability, Diagnostic, Severity
from fzlint.document.source import Document
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions

ELLIPSIS = "…"
SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold cyan",
}
SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
# Characters shown as one visible cell in the frame, so a caret line can be built under them.
_DISPLAY = str.maketrans({"\t": " ", "\r": " ", "\f": " ", "\v": " "})
MIN_FRAME_WIDTH = 20


@dataclass(frozen=True, slots=True)
class Frame:
    """A cropped source line and where its carets go, in terminal cells."""

    text: str
    caret_start: int
    caret_width: int


def _width(ch: str) -> int:
    return max(cell_len(ch), 1) if ch.isprintable() else 1


def crop(line: str, start: int, end: int, width: int) -> Frame:
    """A window of `line` at most `width` cells wide that shows line[start:end] (0-based chars).

    The span is kept in view from its start; a span wider than the window is cut at its right.
    """
    line = line.translate(_DISPLAY)
    widths = [_width(ch) for ch in line]
    end = max(end, start)
    total = sum(widths)
    if total <= width:
        lo, hi = 0, len(line)
    else:
        span_cells = sum(widths[start:end]) or 1
        # Put the span in the middle of the window when it fits, else at its left edge.
        lead = max((width - span_cells) // 2, 4) if span_cells < width else 2
        lo, used = start, 0
        while lo > 0 and used + widths[lo - 1] <= lead:
            lo -= 1
            used += widths[lo]
        room = width - (1 if lo > 0 else 0)
        hi, used = lo, 0
        while hi < len(line) and used + widths[hi] <= room - (1 if hi < len(line) - 1 else 0):
            used += widths[hi]
            hi += 1
        if hi >= len(line):
            hi = len(line)
    prefix = ELLIPSIS if lo > 0 else ""
    suffix = ELLIPSIS if hi < len(line) else ""
    caret_start = cell_len(prefix) + sum(widths[lo : max(lo, min(start, hi))])
    caret_width = sum(widths[max(start, lo) : min(end, hi)])
    if caret_width == 0:
        caret_width = 1
    return Frame(prefix + line[lo:hi] + suffix, caret_start, caret_width)


def _severity_counts(results: Sequence[FileResult]) -> Counter[Severity]:
    return Counter(d.severity for r in results for d in r.diagnostics)


def _header(path: str, line: int, column: int, d: Diagnostic) -> Text:
    text = Text()
    text.append(f"{path}:{line}:{column}: ", style="bold")
    text.append(d.severity.label, style=SEVERITY_STYLE[d.severity])
    text.append(f"[{d.rule.id}]", style="bold")
    text.append(f" {d.message}")
    return text


def render_diagnostic(console: Console, doc: Document, path: str, d: Diagnostic) -> None:
    line_no, column = doc.position(d.span.start)
    line = doc.lines[line_no - 1]
    console.print(_header(path, line_no, column, d))
    gutter = len(str(line_no))
    width = max(console.width - gutter - 3, MIN_FRAME_WIDTH)
    start = d.span.start - line.span.start
    end = min(d.span.end, line.span.end) - line.span.start
    frame = crop(line.text, start, end, width)
    bar = Text(" " * gutter + " │", style="blue")
    console.print(bar)
    source = Text(f"{line_no:>{gutter}} │ ", style="blue", end="")
    source.append(frame.text, style="default")
    console.print(source)
    carets = Text(" " * gutter + " │ ", style="blue")
    carets.append(
        " " * frame.caret_start + "^" * frame.caret_width, style=SEVERITY_STYLE[d.severity]
    )
    console.print(carets)
    if d.fix is not None:
        note = Text(" " * gutter + " = ", style="blue")
        note.append("修复：", style="bold green")
        note.append(d.fix.title, style="default")
        if d.fix.applicability is Applicability.UNSAFE:
            note.append("（不安全修复，需 --unsafe-fixes）", style="dim")
        elif d.fix.applicability is Applicability.DISPLAY_ONLY:
            note.append("（仅供参考，不会自动应用）", style="dim")
        console.print(note)
    for related in d.related:
        related_line, related_column = doc.position(related.span.start)
        note = Text(" " * gutter + " = ", style="blue")
        note.append("参见：", style="bold")
        note.append(f"{path}:{related_line}:{related_column} {related.message}", style="default")
        console.print(note)
    console.print()


def summary(results: Sequence[FileResult]) -> Text:
    counts = _severity_counts(results)
    checked = sum(1 for r in results if r.document is not None)
    fixable = sum(
        1
        for r in results
        for d in r.diagnostics
        if d.fix is not None and d.fix.applicability is Applicability.SAFE
    )
    text = Text()
    if not counts:
        text.append("✓ ", style="bold green")
        text.append(f"检查了 {checked} 个文件，未发现问题。")
        return text
    parts = [
        (f"{counts[s]} 个{SEVERITY_ZH[s]}", SEVERITY_STYLE[s])
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    ]
    text.append(f"检查了 {checked} 个文件，发现 ")
    for i, (part, style) in enumerate(parts):
        if i:
            text.append("、")
        text.append(part, style=style)
    text.append("。")
    if fixable:
        text.append(f"其中 {fixable} 处可用 --fix 自动修复。", style="green")
    return text


def make_console(stream: IO[str], color: str) -> Console:
    if color == "always":
        return Console(file=stream, force_terminal=True, highlight=False, soft_wrap=True)
    if color == "never":
        return Console(file=stream, color_system=None, highlight=False, soft_wrap=True)
    return Console(file=stream, highlight=False, soft_wrap=True)


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    console = make_console(stream, options.color)
    for result in results:
        if result.document is None:
            continue
        for d in result.diagnostics:
            render_diagnostic(console, result.document, result.path, d)
    if not options.quiet:
        console.print(summary(results))
