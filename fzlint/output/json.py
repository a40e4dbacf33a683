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
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any, BinaryIO

from fzlint.diagnostics import Packed, Severity
from fzlint.document.source import Document
from fzlint.engine.rule import Rule
from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions, rendered_bytes, rendered_lines
from fzlint.output.holders import lead

# JSON is UTF-8 (RFC 8259).
UTF8 = True

# `write` reads the results once, in order: each file's findings go out as they come.
STREAMED = True

# a finding's "severity", by the number it is packed as
_LABELS = {int(severity): severity.label for severity in Severity}


def render(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> str:
    """The findings, one JSON object per line, each without the path and its opening brace."""
    return render_bytes(doc, packed, rules).decode()


def render_bytes(doc: Document, packed: Sequence[Packed], rules: Mapping[str, Rule]) -> bytes:
    """`render` in UTF-8, as orjson writes it: what a worker hands over and the cache keeps, and
    what `write` writes, without making text of it on the way.

    A folder's run renders tens of thousands of findings, so this reads the packed tuples (see
    `fzlint.diagnostics.pack`) itself instead of through `fzlint.output.view`, resolves each
    place with one bisect of the line starts, and has orjson write the file's findings in one
    call: a finding costs ~1.5 instead of ~3 us."""
    import orjson

    starts = doc.line_starts

    def placed(key: str, value: str, start: int, end: int) -> dict[str, Any]:
        """The member `key` followed by the positions of a place (the end column just past it)."""
        line = bisect_right(starts, start)
        end_line = bisect_right(starts, end)
        return {
            key: value,
            "line": line,
            "column": start - starts[line - 1] + 1,
            "end_line": end_line,
            "end_column": end - starts[end_line - 1] + 1,
        }

    found = []
    for rule_id, start, end, message, severity, fix, related in packed:
        rule = rules[rule_id]
        # `Document.position`, inlined: 1-based line (the number of line starts at or before
        # the offset) and column
        line = bisect_right(starts, start)
        end_line = bisect_right(starts, end)
        # one dict display, in the order of the contract's members (orjson keeps it)
        found.append(
            {
                "line": line,
                "column": start - starts[line - 1] + 1,
                "end_line": end_line,
                "end_column": end - starts[end_line - 1] + 1,
                "rule": rule_id,
                "name": rule.name,
                "category": rule.category,
                "severity": _LABELS[severity],
                "message": message,
                "fix": None
                if fix is None
                else {
                    "title": fix[2],
                    "applicability": fix[1],
                    "edits": [placed("content", text, a, b) for a, b, text in fix[0]],
                },
                "related": [placed("message", note, a, b) for a, b, note in related]
                if related
                else [],
            }
        )
    # The array, compact, is the objects joined by `},{"line":`: that is where a line ends. Those
    # bytes occur nowhere else (a string's quotes are escaped, an edit's and a related place's
    # objects start with another member), so the objects without their opening brace, one a
    # line, are the array's bytes between `[{` and `]` with each of those joints broken.
    return orjson.dumps(found)[2:-1].replace(b'},{"line":', b'}\n"line":')


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
