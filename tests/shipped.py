"""The regular expressions of the shipped rule packs, for the tests that check an analysis of
patterns (required characters, first characters, literals) against every pattern a user runs."""

from __future__ import annotations

import re
from functools import cache

from fzlint.engine.packs import load_rules


@cache
def shipped_patterns() -> tuple[re.Pattern[str], ...]:
    """Every pattern and exception of the `pattern` rules in the shipped packs."""
    found: list[re.Pattern[str]] = []
    for item in load_rules():
        found += getattr(item.checker, "patterns", []) + getattr(item.checker, "exceptions", [])
    return tuple(found)
