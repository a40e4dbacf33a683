"""A progress bar for long runs, on a terminal only: never in pipes, files or CI logs."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Fewer files finish before a bar would be worth drawing.
PROGRESS_MIN_FILES = 50


def wanted(total: int) -> bool:
    return total >= PROGRESS_MIN_FILES and sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress(total: int, done: int = 0) -> Iterator[Callable[[], None] | None]:
    """Yields a callable to advance the bar by one file, or None when no bar is shown. The bar
    starts at `done` files (those found in the results cache)."""
    if not wanted(total):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "检查中",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=True,
        # a report written as the files are linted goes to stdout as it is (a pipe, a file),
        # never through the bar's console
        redirect_stdout=False,
    ) as bar:
        task = bar.add_task("lint", total=total, completed=done)
        yield lambda: bar.advance(task)
