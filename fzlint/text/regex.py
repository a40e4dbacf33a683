"""Compiling regular expressions written by rule authors, refusing the ones that can hang a run.

Python's `re` has no timeout, so a pattern such as `(\\s+)+$` could stall a CI job on one long line.
Patterns are checked at load time for the shape behind exponential backtracking: an unbounded
repeat whose body is itself only unbounded repeats, with no required character to anchor each
round (`(a+)+`, `(\\s*)*`, `(?:[，,]?\\s*)+`).
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python ≥ 3.11
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}
_GROUPS = {"SUBPATTERN", "ATOMIC_GROUP"}
_SINGLE = {"LITERAL", "NOT_LITERAL", "IN", "ANY", "CATEGORY"}


class UnsafePatternError(ValueError):
    pass


def _body(op: str, av: Any) -> Any:
    if op == "SUBPATTERN":
        return av[-1]
    return av


def _is_unbounded(op: str, av: Any) -> bool:
    return op in _REPEATS and op != "POSSESSIVE_REPEAT" and av[1] == sre_constants.MAXREPEAT


def _has_unbounded(items: Any) -> bool:
    for op, av in items:
        name = str(op)
        if _is_unbounded(name, av):
            return True
        if name in _REPEATS and _has_unbounded(av[2]):
            return True
        if name in _GROUPS and _has_unbounded(_body(name, av)):
            return True
        if name == "BRANCH" and any(_has_unbounded(branch) for branch in av[1]):
            return True
    return False


def _has_anchor(items: Any) -> bool:
    """Whether every match of `items` must consume a character outside any repeat."""
    for op, av in items:
        name = str(op)
        if name in _SINGLE:
            return True
        if name in _GROUPS and _has_anchor(_body(name, av)):
            return True
        if name in _REPEATS and av[0] >= 1 and not _is_unbounded(name, av) and _has_anchor(av[2]):
            return True
        if name == "BRANCH" and all(_has_anchor(branch) for branch in av[1]):
            return True
    return False


def _walk(items: Any) -> None:
    for op, av in items:
        name = str(op)
        if name in _REPEATS:
            body = av[2]
            if _is_unbounded(name, av) and _has_unbounded(body) and not _has_anchor(body):
                raise UnsafePatternError("嵌套的无界重复（如 (a+)+）可能导致灾难性回溯")
            _walk(body)
        elif name in _GROUPS:
            _walk(_body(name, av))
        elif name == "BRANCH":
            for branch in av[1]:
                _walk(branch)
        elif name in {"ASSERT", "ASSERT_NOT"}:
            _walk(av[1])


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a rule author's pattern with MULTILINE, or raise ValueError with a Chinese reason."""
    try:
        compiled = re.compile(pattern, flags | re.MULTILINE)
    except re.error as exc:
        raise ValueError(f"正则表达式无效：{exc}") from None
    _walk(sre_parse.parse(pattern, flags))
    return compiled
