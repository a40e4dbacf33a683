"""User-facing errors: one line, naming the file (and line) at fault; the CLI maps them to exit 2."""

from __future__ import annotations


class FzlintError(Exception):
    """An error the user can act on, shown as one line without a traceback."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return where + self.message


class InputError(FzlintError):
    """A report that cannot be read or decoded."""


class RuleFileError(FzlintError):
    """A rule pack that is not valid."""
