"""Output formats, one module each, imported by name on demand (`--format json` never imports rich)."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from fzlint.engine.rule import Rule
    from fzlint.engine.runner import FileResult

FORMATS = ("full", "concise", "json", "github", "sarif", "junit", "gitlab")


@dataclass(frozen=True)
class OutputOptions:
    color: str = "auto"  # auto | always | never
    quiet: bool = False
    show_fixes: bool = True
    # Every rule that ran, for formats that describe them (SARIF); empty means those with findings.
    rules: tuple[Rule, ...] = ()


class Formatter(Protocol):
    def __call__(
        self, results: Sequence[FileResult], stream: IO[str], options: OutputOptions
    ) -> None: ...


def formatter(name: str) -> Formatter:
    module = importlib.import_module(f"fzlint.output.{name}")
    return module.write  # type: ignore[no-any-return]
