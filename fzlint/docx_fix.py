"""Fixing Word documents (`--fix`, `--diff` on a .docx): text edits put back into the runs.

A fix's edits are offsets in the text the reader made (fzlint.document.docx); each is mapped back
onto the `w:t` elements it came from:
- an edit inside one run's text replaces that stretch of the run's text;
- an edit across several runs is applied when those runs have the same formatting (the new text
  goes into the first, the old text leaves the others);
- an edit that crosses a formatting change (bold into plain text, another font), or touches what
  Word makes up rather than stores as text (an automatic numbering label, a tab, a line break,
  the end of a paragraph, a field), is not applied: there is no single right place for the new
  text, and guessing could change how the report looks. Such a finding stays for a human, and
  the run says how many fixes it left.
A fix with several edits is applied whole or not at all. Only `word/document.xml` changes; every
other member of the package is written back with the same content, name, order and date.
Rounds repeat (re-reading the fixed package) as for text until nothing is left to fix.
"""

from __future__ import annotations

import bisect
import io
import zipfile
from collections.abc import Callable, Sequence
from typing import Any

from lxml import etree

from fzlint.diagnostics import Diagnostic, Edit
from fzlint.document.docx import _W, SYNTHETIC, Piece, text_nodes
from fzlint.document.source import Document
from fzlint.errors import InputError
from fzlint.fixer import MAX_ROUNDS, FilePlan, apply_once

_MAIN = "word/document.xml"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# One change to one w:t: (node index, start, end in its text, new text).
_Change = tuple[int, int, int, str]


def plan_docx_fix(
    path: str,
    original: bytes,
    doc: Document,
    lint: Callable[[Document], Sequence[Diagnostic]],
    unsafe: bool,
) -> FilePlan:
    """The fixed package of a .docx, and what could not be fixed in it."""
    before = doc.text
    data = original
    applied = 0
    skipped = 0
    for _ in range(MAX_ROUNDS):
        assert doc.word is not None
        _, chosen = apply_once(doc.text, lint(doc), unsafe)
        if not chosen:
            break
        root, nodes = _parse(data, path)
        changes: list[_Change] = []
        done = 0
        skipped = 0
        for diagnostic in chosen:
            assert diagnostic.fix is not None
            mapped = _map_fix(diagnostic.fix.edits, doc.word.pieces, nodes)
            if mapped is None:
                skipped += 1
                continue
            changes.extend(mapped)
            done += 1
        if not done:
            break
        _apply(changes, nodes)
        data = _repack(data, root)
        applied += done
        doc = Document.from_bytes(data, path)
    return FilePlan(path, original, data, doc.encoding, doc.text, applied, before, skipped)


def _parse(data: bytes, path: str) -> tuple[Any, list[Any]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(archive.read(_MAIN))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise InputError(f"Word 文档无法修复（{type(exc).__name__}）", path) from None
    body = root.find(_W + "body")
    return root, text_nodes(body) if body is not None else []


def _map_fix(edits: Sequence[Edit], pieces: list[Piece], nodes: list[Any]) -> list[_Change] | None:
    """The run-text changes that make `edits`, or None when one of them cannot be placed."""
    changes: list[_Change] = []
    for edit in edits:
        change = _map_edit(edit, pieces, nodes)
        if change is None:
            return None
        changes.extend(change)
    return changes


def _covering(pieces: list[Piece], start: int, end: int) -> list[Piece]:
    """The pieces overlapping [start, end) (pieces are in text order, never empty)."""
    index = bisect.bisect_right(pieces, start, key=lambda p: p.start) - 1
    found = []
    for piece in pieces[max(index, 0) :]:
        if piece.start >= end:
            break
        if piece.end > start:
            found.append(piece)
    return found


def _map_edit(edit: Edit, pieces: list[Piece], nodes: list[Any]) -> list[_Change] | None:
    start, end = edit.span.start, edit.span.end
    if start == end:
        return _map_insertion(start, edit.content, pieces)
    covered = _covering(pieces, start, end)
    if not covered or covered[0].start > start or covered[-1].end < end:
        return None
    if any(piece.node == SYNTHETIC for piece in covered):
        return None
    formats = {_format(nodes[piece.node]) for piece in covered}
    if len(formats) > 1:
        return None
    changes = []
    for i, piece in enumerate(covered):
        local_start = piece.offset + max(start, piece.start) - piece.start
        local_end = piece.offset + min(end, piece.end) - piece.start
        changes.append((piece.node, local_start, local_end, edit.content if i == 0 else ""))
    return changes


def _map_insertion(at: int, content: str, pieces: list[Piece]) -> list[_Change] | None:
    # into the run before the point when there is one in the same paragraph, else the run after
    covered = _covering(pieces, max(at - 1, 0), at + 1)
    before = [p for p in covered if p.start < at <= p.end]
    after = [p for p in covered if p.start == at]
    for piece in before + after:
        if piece.node == SYNTHETIC:
            continue
        offset = piece.offset + at - piece.start
        return [(piece.node, offset, offset, content)]
    return None


def _format(node: Any) -> bytes:
    """A run's formatting (its w:rPr, serialised), or b"" when it has none."""
    run = node.getparent()
    rpr = run.find(_W + "rPr") if run is not None else None
    return b"" if rpr is None else etree.tostring(rpr, method="c14n")


def _apply(changes: list[_Change], nodes: list[Any]) -> None:
    # right to left within each node, so earlier offsets stay valid
    for node_index, start, end, content in sorted(
        changes, key=lambda c: (c[0], c[1]), reverse=True
    ):
        node = nodes[node_index]
        text = node.text or ""
        text = text[:start] + content + text[end:]
        node.text = text
        if text != text.strip():
            node.set(_XML_SPACE, "preserve")


def _repack(data: bytes, root: Any) -> bytes:
    """The package with a new main document part; every other member as it was."""
    main = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        target.comment = source.comment
        for info in source.infolist():
            content = main if info.filename == _MAIN else source.read(info)
            target.writestr(info, content, compress_type=info.compress_type)
    return out.getvalue()
