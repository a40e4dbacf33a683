"""`junit`: JUnit XML for CI test reports, one test case per file (a failure lists its findings,
one `path:line:col: severity[ID] message` line each, as `concise` writes them).

An unreadable file is an `<error>`; a file without findings is a passing test case.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import IO

from fzlint.engine.runner import FileResult
from fzlint.output import OutputOptions, concise, rendered_lines

# The XML declaration it writes says UTF-8.
UTF8 = True

# A failure lists the file's findings as concise lines, so the results cache's lines serve it.
RENDERED_AS = "concise"


def build(results: Sequence[FileResult]) -> ET.Element:
    failures = sum(1 for r in results if r.document is not None and r.diagnostics)
    errors = sum(1 for r in results if r.document is None)
    attributes = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": "fzlint", **attributes})
    suite = ET.SubElement(root, "testsuite", {"name": "fzlint", **attributes, "skipped": "0"})
    for result in results:
        case = ET.SubElement(
            suite, "testcase", {"classname": "fzlint", "name": result.path, "file": result.path}
        )
        if result.document is None:
            message = result.error.message if result.error else ""
            ET.SubElement(case, "error", {"message": message, "type": "InputError"})
            continue
        if not result.diagnostics:
            continue
        head = result.path + ":"
        text = head + rendered_lines(result, "concise", concise.render).replace("\n", "\n" + head)
        failure = ET.SubElement(
            case,
            "failure",
            {"message": f"{len(result.diagnostics)}处问题", "type": "fzlint"},
        )
        failure.text = text
    return root


def write(results: Sequence[FileResult], stream: IO[str], options: OutputOptions) -> None:
    root = build(results)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
