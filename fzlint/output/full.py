"""`full`: rich diagnostics with a code frame, carets under the exact span, and a summary.

Report lines run to hundreds of characters, so the frame shows a window of the line around the
span, cut with an ellipsis, and never wraps. Carets are placed by display width: a CJK character
takes two terminal cells.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import IO

from rich.cells import cell_len
from rich.console import COLOR_SYSTEMS, Console
from rich.control import strip_control_codes
from rich.style import Style
from rich.text import Text

from fzlint.diagnostics import Applicability, Diagnostic, Severity
from fzlint.document.source import Document
from fzlint.engine.runner import FileResult
from fzlint.i18n import severity, tr
from fzlint.output import OutputOptions, escaped, is_control, visible
from fzlint.text.regex import compile_kept

ELLIPSIS = "…"
SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold cyan",
}
# Characters shown as one visible cell in the frame, so a caret line can be built under them.
_DISPLAY = str.maketrans({"\t": " ", "\r": " ", "\f": " ", "\v": " "})
MIN_FRAME_WIDTH = 20
# The characters rich's strip_control_codes removes (BEL, BS, VT, FF, CR).
_CONTROL = compile_kept("[\a\b\v\f\r]")


@dataclass(frozen=True, slots=True)
class Frame:
    """A cropped source line and where its carets go, in terminal cells."""

    text: str
    caret_start: int
    caret_width: int


class _Widths(dict[str, int]):
    """Terminal cells by character, measured on first sight (a report uses a few thousand)."""

    def __missing__(self, ch: str) -> int:
        if is_control(ch):
            width = len(escaped(ch))  # shown escaped: see `crop`
        else:
            width = max(cell_len(ch), 1) if ch.isprintable() else 1
        if len(self) < 65536:
            self[ch] = width
        return width


_width = _Widths().__getitem__


def crop(line: str, start: int, end: int, width: int) -> Frame:
    """A window of `line` at most `width` cells wide that shows line[start:end] (0-based chars).

    The span is kept in view from its start; a span wider than the window is cut at its right.
    A control character is shown escaped (`\\x1b`), as wide as its escape.
    """
    end = max(end, start)
    # Every character takes a cell at least, so the window shows fewer than `width` characters
    # either side of the span's start: only those are measured, not a whole long paragraph.
    margin = max(width, 4) + 1
    first = max(start - margin, 0)
    length = len(line) - first  # the characters from `first` on, measured or not
    text = line[first : start + margin].translate(_DISPLAY)
    # cells[i]: the width of text[:i] (a character is one cell at least, so this only grows)
    cells = [0, *accumulate(map(_width, text))]
    start -= first
    end = min(end - first, len(text))
    if len(line) <= width and cells[-1] <= width:
        lo, hi = 0, len(text)
    else:
        span_cells = cells[end] - cells[start] or 1
        # Put the span in the middle of the window when it fits, else at its left edge.
        lead = max((width - span_cells) // 2, 4) if span_cells < width else 2
        lo = bisect_left(cells, cells[start] - lead, 0, start)
        # as many characters as fit, with a cell kept for the ellipsis at either cut end
        room = width - (1 if first + lo > 0 else 0)
        hi = max(min(bisect_right(cells, cells[lo] + room - 1) - 1, len(text)), lo)
        if hi == length - 1 and cells[hi + 1] - cells[lo] <= room:
            hi = length  # the line's last character needs no ellipsis after it
    prefix = ELLIPSIS if first + lo > 0 else ""
    suffix = ELLIPSIS if hi < length else ""
    caret_start = cell_len(prefix) + cells[max(lo, min(start, hi))] - cells[lo]
    caret_width = max(cells[min(end, hi)] - cells[max(start, lo)], 0) or 1
    return Frame(prefix + visible(text[lo:hi]) + suffix, caret_start, caret_width)


def _severity_counts(results: Sequence[FileResult]) -> Counter[Severity]:
    return Counter(d.severity for r in results for d in r.diagnostics)


# A run of a finding's text and the rich style it is shown in ("" for none).
Piece = tuple[str, str]


def diagnostic_pieces(doc: Document, path: str, d: Diagnostic, width: int) -> list[Piece]:
    """One finding as the lines `full` prints for it, in a terminal `width` cells wide: a header,
    the code frame with its carets, the fix and the related places, then a blank line."""
    line_no, column = doc.position(d.span.start)
    line = doc.lines[line_no - 1]
    style = SEVERITY_STYLE[d.severity]
    gutter = " " * len(str(line_no))
    start = d.span.start - line.span.start
    end = min(d.span.end, line.span.end) - line.span.start
    frame = crop(line.text, start, end, max(width - len(gutter) - 3, MIN_FRAME_WIDTH))
    pieces: list[Piece] = [
        (f"{visible(path)}:{line_no}:{column}: ", "bold"),
        (severity(d.severity), style),
        (f"[{d.rule.id}]", "bold"),
        (f" {visible(d.message)}\n", ""),
        (f"{gutter} │", "blue"),
        ("\n", ""),
        (f"{line_no} │ ", "blue"),
        (frame.text, "default"),
        ("\n", ""),
        (f"{gutter} │ ", "blue"),
        (" " * frame.caret_start + "^" * frame.caret_width, style),
        ("\n", ""),
    ]
    if d.fix is not None:
        pieces += [
            (f"{gutter} = ", "blue"),
            (tr("修复：", "fix: "), "bold green"),
            (visible(d.fix.title), "default"),
        ]
        if d.fix.applicability is Applicability.UNSAFE:
            pieces.append(
                (tr("（不安全修复，需 --unsafe-fixes）", " (unsafe: --unsafe-fixes)"), "dim blue")
            )
        elif d.fix.applicability is Applicability.DISPLAY_ONLY:
            pieces.append(
                (tr("（仅供参考，不会自动应用）", " (a suggestion, never applied)"), "dim blue")
            )
        pieces.append(("\n", ""))
    for related in d.related:
        related_line, related_column = doc.position(related.span.start)
        pieces += [
            (f"{gutter} = ", "blue"),
            (tr("参见：", "see: "), "bold blue"),
            (
                f"{visible(path)}:{related_line}:{related_column} {visible(related.message)}",
                "default",
            ),
            ("\n", ""),
        ]
    pieces.append(("\n", ""))
    return pieces


def render_diagnostic(console: Console, doc: Document, path: str, d: Diagnostic) -> None:
    Screen(console).show(diagnostic_pieces(doc, path, d, console.width))


class Screen:
    """Writes pieces to a console's file in its colours. Laying a `Text` out (which these lines,
    never wrapped, do not need) costs rich about a millisecond a finding, so the pieces are
    painted with their styles' escape codes as rich paints them and written at once. A legacy
    Windows console, which takes no escape codes, and a recording console go through rich."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.width = console.width  # asks the terminal: once per run, not once per finding
        self._system = COLOR_SYSTEMS.get(console.color_system or "")
        self._no_color = console.no_color
        self._through_rich = console.legacy_windows or console.record

    def show(self, pieces: Sequence[Piece]) -> None:
        if self._through_rich:
            text = Text()
            for part, style in pieces:
                text.append(part, style=style or None)
            self.console.print(text, end="")
            return
        system = self._system
        painted = (
            "".join(
                _style(style, self._no_color).render(part, color_system=system) if style else part
                for part, style in pieces
            )
            if system is not None
            else "".join(part for part, _ in pieces)
        )
        # rich drops these control characters from text; no escape code contains one
        if _CONTROL.search(painted):
            painted = strip_control_codes(painted)
        self.console.file.write(painted)


@lru_cache(maxsize=64)
def _style(name: str, no_color: bool) -> Style:
    style = Style.parse(name)
    return style.without_color if no_color else style  # NO_COLOR keeps bold and dim


def summary(results: Sequence[FileResult]) -> Text:
    counts = _severity_counts(results)
    checked = sum(1 for r in results if r.document is not None)
    fixable = sum(
        1
        for r in results
        for d in r.diagnostics
        if d.fix is not None and d.fix.applicability is Applicability.SAFE
    )
    # a file that could not be read was not checked: never a clean bill for the run
    failed = sum(1 for r in results if r.error is not None)
    unchecked = (
        tr(f"另有{failed}个文件无法检查（见错误信息）。", f" {failed} could not be checked.")
        if failed
        else ""
    )
    checked_files = tr(f"检查了{checked}个文件，", f"Checked {checked} file{_s(checked)}: ")
    text = Text()
    if not counts:
        if failed:
            text.append(checked_files + unchecked, style="bold red")
            return text
        text.append("✓ ", style="bold green")
        text.append(checked_files + tr("未发现问题。", "no findings."))
        return text
    parts = [
        (
            tr(f"{counts[s]}个{severity(s)}", f"{counts[s]} {severity(s)}{_s(counts[s])}"),
            SEVERITY_STYLE[s],
        )
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    ]
    text.append(checked_files + tr("发现", ""))
    for i, (part, style) in enumerate(parts):
        if i:
            text.append(tr("、", ", "))
        text.append(part, style=style)
    text.append(tr("。", "."))
    if failed:
        text.append(unchecked, style="bold red")
    if fixable:
        text.append(
            tr(f"其中{fixable}处可用 --fix 自动修复。", f" {fixable} fixable with --fix."),
            style="green",
        )
    return text


def _s(count: int) -> str:
    """The English plural ending."""
    return "" if count == 1 else "s"


def make_console(stream: IO[str], color: str) -> Console:
    if color == "always":
        return Console(file=stream, force_terminal=True, highlight=False, soft_wrap=True)
    if color == "never":
        return Console(file=stream, color_system=None, highlight=False, soft_wrap=True)
    return Console(file=stream, highlight=False, soft_wrap=True)


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    console = make_console(stream, options.color)
    screen = Screen(console)
    for result in results:
        if result.document is None:
            continue
        for d in result.diagnostics:
            screen.show(diagnostic_pieces(result.document, result.path, d, screen.width))
    if not options.quiet:
        console.print(summary(results))
