"""The baseline: today's findings recorded so that only new ones are reported.

A finding is recognised by its fingerprint: the rule id and the text around it on its own line
(up to CONTEXT characters each side, and the matched text), never its line number, so edits
elsewhere in the report do not make old findings look new. Identical fingerprints in one file are
counted. Paths are stored relative to the baseline file's folder, with `/` separators.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from fzlint.diagnostics import Diagnostic, Span
from fzlint.document.source import Document
from fzlint.engine.runner import FileResult
from fzlint.errors import FzlintError
from fzlint.i18n import strerror

CONTEXT = 20
FORMAT_VERSION = 1


def context(doc: Document, d: Diagnostic) -> tuple[str, str, str]:
    """The text before, of and after the finding, within the finding's line."""
    return context_at(doc, d.span)


def context_at(doc: Document, span: Span) -> tuple[str, str, str]:
    line = doc.line_at(span.start)
    start = max(line.span.start, span.start - CONTEXT)
    end = min(max(line.span.end, span.end), span.end + CONTEXT)
    text = doc.text
    return text[start : span.start], text[span.start : span.end], text[span.end : end]


def fingerprint(doc: Document, d: Diagnostic) -> str:
    return fingerprint_at(doc, d.rule.id, d.span)


def fingerprint_at(doc: Document, rule_id: str, span: Span) -> str:
    """The fingerprint of a finding of rule `rule_id` at `span`."""
    before, matched, after = context_at(doc, span)
    key = "\x1f".join((rule_id, before.strip(), matched, after.strip()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _key_path(path: str, folder: str) -> str:
    rel = os.path.relpath(os.path.abspath(path), folder)
    return rel.replace(os.sep, "/")


def write(results: Sequence[FileResult], path: str) -> int:
    """Record every finding of `results` in the baseline file `path`; returns how many."""
    folder = os.path.dirname(os.path.abspath(path))
    counts: Counter[tuple[str, str, str]] = Counter()
    shown: dict[tuple[str, str, str], str] = {}
    for result in results:
        if result.document is None:
            continue
        for d in result.diagnostics:
            key = (_key_path(result.path, folder), d.rule.id, fingerprint(result.document, d))
            counts[key] += 1
            shown.setdefault(key, "".join(context(result.document, d)).strip())
    findings = [
        {
            "path": p,
            "rule": rule,
            "fingerprint": fp,
            "count": counts[(p, rule, fp)],
            "context": shown[(p, rule, fp)],
        }
        for p, rule, fp in sorted(counts)
    ]
    data = {"fzlint-baseline": FORMAT_VERSION, "findings": findings}
    import json  # only with a baseline: most runs have none

    try:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
    except OSError as exc:
        raise FzlintError(f"无法写入基线文件：{strerror(exc)}", path) from None
    return sum(counts.values())


def _load(path: str) -> Counter[tuple[str, str, str]]:
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise FzlintError("基线文件不存在", path) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FzlintError(f"无法读取基线文件：{exc}", path) from None
    if not isinstance(data, dict) or data.get("fzlint-baseline") != FORMAT_VERSION:
        raise FzlintError("不是 fzlint 基线文件（用 --write-baseline 生成）", path)
    counts: Counter[tuple[str, str, str]] = Counter()
    for item in data.get("findings", []):
        try:
            counts[(item["path"], item["rule"], item["fingerprint"])] += int(item["count"])
        except (KeyError, TypeError, ValueError):
            raise FzlintError("基线文件中的条目格式不正确", path) from None
    return counts


def apply(results: Sequence[FileResult], path: str) -> tuple[list[FileResult], int]:
    """`results` without the findings recorded in the baseline `path`, and how many were hidden."""
    folder = os.path.dirname(os.path.abspath(path))
    remaining = _load(path)
    hidden = 0
    kept: list[FileResult] = []
    for result in results:
        if result.document is None:
            kept.append(result)
            continue
        new = []
        for d in result.diagnostics:
            key = (_key_path(result.path, folder), d.rule.id, fingerprint(result.document, d))
            if remaining[key] > 0:
                remaining[key] -= 1
                hidden += 1
            else:
                new.append(d)
        kept.append(replace(result, diagnostics=tuple(new)))
    return kept, hidden
