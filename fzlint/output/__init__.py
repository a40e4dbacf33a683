"""Output formats, one module each, imported by name on demand (`--format json` never imports rich).

A format module defines `write(results, stream, options)`. A format that writes each finding on a
line of its own, from the file's document and findings alone, may also define
`render(doc, packed, rules) -> str`, those lines for one file joined by "\n". They leave out what
differs between copies of a file or between runs (its path, a rule's place in the run's list):
`write` puts that in. Workers then render a file's findings as they lint it, the results cache
keeps the text, and `write` is handed it in `Findings.rendered`. A format that writes from
another's lines names it in `RENDERED_AS` (junit's failures are concise lines). A format whose
lines are best made as UTF-8 bytes (`json`, from orjson) may define `render_bytes` beside
`render`: workers keep its bytes, which the cache stores and `write` may write as they are. A format whose
own definition fixes its encoding as UTF-8 (JSON, XML with its declaration, …) sets `UTF8 = True`.
A format whose `write` reads the results once, in order, sets `STREAMED = True`: it may then be
handed them as they are linted, each let go once written (a folder's findings are never all held).

Formats read findings through `fzlint.output.view` (a typed, read-only `Finding`: path, span
and positions, rule, severity, message, fix, related), not the packed tuples (`json`, whose
`render_bytes` is the hot loop of a folder's run, alone reads them itself). A JSON format
that leaves a value for `write` to fill (a file's path, …) does so with `fzlint.output.holders`.
A new format is its module and its name in `FORMATS`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from fzlint.diagnostics import Packed
    from fzlint.document.source import Document
    from fzlint.engine.rule import Rule
    from fzlint.engine.runner import FileResult

FORMATS = ("full", "concise", "json", "github", "sarif", "junit", "gitlab", "html")


@dataclass(frozen=True)
class OutputOptions:
    color: str = "auto"  # auto | always | never
    quiet: bool = False
    show_fixes: bool = True
    # Every rule that ran, for formats that describe them (SARIF); empty means those with findings.
    rules: tuple[Rule, ...] = ()
    # The settings in force, as (name, value) pairs in the interface language, for formats that
    # state them (html).
    settings: tuple[tuple[str, str], ...] = ()


class Formatter(Protocol):
    def __call__(
        self, results: Sequence[FileResult], stream: IO[str], options: OutputOptions
    ) -> None: ...


class Renderer(Protocol):
    def __call__(
        self, doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]
    ) -> str: ...


class ByteRenderer(Protocol):
    def __call__(
        self, doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]
    ) -> bytes: ...


def formatter(name: str) -> Formatter:
    module = importlib.import_module(f"fzlint.output.{name}")
    return module.write  # type: ignore[no-any-return]


def in_utf8(name: str) -> bool:
    """Whether the format's own definition fixes its encoding as UTF-8 (its module sets `UTF8`),
    so that it is written so whatever the terminal's encoding."""
    module = importlib.import_module(f"fzlint.output.{name}")
    return bool(getattr(module, "UTF8", False))


def streamed(name: str) -> bool:
    """Whether the format's `write` reads the results once, in order (its module sets
    `STREAMED`), so that it can be handed them as they are linted."""
    module = importlib.import_module(f"fzlint.output.{name}")
    return bool(getattr(module, "STREAMED", False))


def renderer(name: str) -> Renderer | None:
    """The format's `render`, if it has one."""
    module = importlib.import_module(f"fzlint.output.{name}")
    return getattr(module, "render", None)


def byte_renderer(name: str) -> ByteRenderer | None:
    """The format's `render_bytes` (its `render` in UTF-8, made without text), if it has one."""
    module = importlib.import_module(f"fzlint.output.{name}")
    return getattr(module, "render_bytes", None)


# Characters a terminal acts on instead of showing (C0 and C1 controls, DEL: ANSI and OSC escapes
# that recolour, retitle or clear it) and the bidirectional overrides that reorder what it shows.
# A report is not trusted to hold none: the formats for people show them escaped. Tabs are shown.
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escaped(char: str) -> str:
    """How `visible` shows a control character: \\x1b, \\u202e."""
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with its control characters escaped (see `_CONTROLS`)."""
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(lambda found: escaped(found.group()), text)


def is_control(char: str) -> bool:
    return _CONTROLS.fullmatch(char) is not None


def rendering(name: str) -> str | None:
    """The format whose per-file lines format `name` writes from (itself, or the one it names in
    `RENDERED_AS`), or None when it renders nothing per file."""
    module = importlib.import_module(f"fzlint.output.{name}")
    if hasattr(module, "render"):
        return name
    return getattr(module, "RENDERED_AS", None)


def rendered_lines(result: FileResult, name: str, render: Renderer) -> str:
    """A linted file's findings as format `name` renders them: as a worker or the cache kept
    them, or rendered now."""
    from fzlint.diagnostics import Findings

    assert result.document is not None
    findings = Findings.of(result.diagnostics)
    text = findings.rendered.get(name)
    if text is None:
        return render(result.document, findings.packed, findings.rules)
    return text.decode() if isinstance(text, bytes) else text


def rendered_bytes(result: FileResult, name: str, render: Renderer) -> bytes:
    """`rendered_lines` in UTF-8, as a worker or the cache handed them over when they did."""
    from fzlint.diagnostics import Findings

    text = Findings.of(result.diagnostics).rendered.get(name)
    return text if isinstance(text, bytes) else rendered_lines(result, name, render).encode()
