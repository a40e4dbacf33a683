"""`json`: a JSON array, one object per finding. A stable contract read by other tools (see README).

Each finding is one line of compact JSON, its "path" first. `render` writes a file's findings
without the path (which differs between copies of a file); `write` puts it in front. Findings that
a worker or the results cache handed over come rendered already, so a folder's run neither builds
Diagnostic objects for them nor renders them in this (the one serial) process.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from fzlint.diagnostics import Packed
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions, rendered_bytes, rendered_lines
from fzlint.output.holders import lead

if TYPE_CHECKING:
    from fzlint.output.view import Positions

# JSON is UTF-8 (RFC 8259).
UTF8 = True

# `write` reads the results once, in order: each file's findings go out as they come.
STREAMED = True


def _placed(key: str, value: str, positions: Positions) -> dict[str, Any]:
    """The member `key` followed by the positions of a place (the end column just past it)."""
    line, column, end_line, end_column = positions
    return {
        key: value,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
    }


def render(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> str:
    """The findings, one JSON object per line, each without the path and its opening brace."""
    return render_bytes(doc, packed, rules).decode()


def render_bytes(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> bytes:
    """`render` in UTF-8, as orjson writes it: what a worker hands over and the cache keeps, and
    what `write` writes, without making text of it on the way."""
    import orjson

    from fzlint.output.view import located  # a warm run renders nothing: not loaded then

    lines = []
    for (line, column, end_line, end_column), rule, severity, message, fix, related in located(
        doc, packed, rules
    ):
        # one dict display, in the order of the contract's members (orjson keeps it): a finding
        # is rendered in ~3 us, and a folder's run renders tens of thousands
        found = {
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
            "rule": rule.id,
            "name": rule.name,
            "category": rule.category,
            "severity": severity.label,
            "message": message,
            "fix": None
            if fix is None
            else {
                "title": fix[0],
                "applicability": fix[1],
                "edits": [_placed("content", text, place) for text, place in fix[2]],
            },
            "related": [_placed("message", note, place) for note, place in related],
        }
        # without its opening brace, for `write` to put the path's `lead` before (a copy: the
        # bytes orjson returns keep a buffer of several KB each)
        lines.append(orjson.dumps(found)[1:])
    return b"\n".join(lines)


def write(results: Iterable[FileResult], stream: IO[str], options: OutputOptions) -> None:
    binary = _binary(stream)
    if binary is not None:
        _write_bytes(results, binary)
        return
    opening = "[\n"  # written with the first finding: no findings is "[]"
    for result in results:
        if result.document is None or not result.diagnostics:
            continue
        text = rendered_lines(result, "json", render)
        head = lead("path", result.path)
        # file by file: joined into one text first, the output was held twice over
        stream.write(opening + head + text.replace("\n", ",\n" + head))
        opening = ",\n"
    stream.write("[]\n" if opening == "[\n" else "\n]\n")


def _binary(stream: IO[str]) -> BinaryIO | None:
    """The bytes under `stream` when writing UTF-8 bytes to them writes what the text would: a
    UTF-8 text file or standard output that leaves "\n" as it is (not on Windows, where standard
    output writes "\r\n"). The lines a worker or the cache handed over are UTF-8 already: a warm
    run over 1,000 reports then writes its 18 MB without decoding and encoding them again."""
    if not isinstance(stream, io.TextIOWrapper) or os.linesep != "\n":
        return None
    if codecs.lookup(stream.encoding).name != "utf-8":
        return None
    stream.flush()  # what was written as text goes first
    return stream.buffer  # type: ignore[no-any-return]


def _write_bytes(results: Iterable[FileResult], binary: BinaryIO) -> None:
    """`write`, in UTF-8 bytes."""
    opening = b"[\n"
    for result in results:
        if result.document is None or not result.diagnostics:
            continue
        text = rendered_bytes(result, "json", render)
        head = lead("path", result.path).encode()
        binary.write(opening + head + text.replace(b"\n", b",\n" + head))
        opening = b",\n"
    binary.write(b"[]\n" if opening == b"[\n" else b"\n]\n")
    binary.flush()
