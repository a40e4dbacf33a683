"""The characters a pattern's every match must contain: a report without them is not searched.

Most rule patterns find nothing in most reports, and `re` pays for every character of a report
(3-40 ns each) to find that out, where `"？" in text` takes about a tenth of a nanosecond per
character. `fzlint.text.regex.required_literals` gives strings a match must contain; this gives
sets of single characters, read from character classes too: every match of
`(?<![A-Za-z0-9])[xX×Ｘｘ]{1,3}(?=[省市县…])` contains one of x X × Ｘ ｘ, so a report with none of them
has no match. The analysis is exact or silent: only what the parsed pattern proves is kept (a
part that may be skipped, a negative lookaround, a negated class or a case-insensitive part
proves nothing), so skipping a text that fails the test never loses a match. `contains_one`
tests for the strings (a long list of them in one search).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fzlint.text.regex import _is_strings, _kept_analysis, compile_kept, parsed_for_analysis

# A class of more characters than this ([a-z] has 26) is not worth testing one character at a
# time.
_MAX_SET = 32
# At most this many sets are tested (the smallest first): a few already rule out most texts.
_MAX_SETS = 4

_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def required_characters(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Sets of characters, each given as a string, such that every match of `pattern` contains
    a character of each set; empty when none can be told."""
    found = _kept_analysis(
        "required_characters", pattern, lambda: _required_sets(pattern), _is_strings
    )
    return tuple(found or ())


def may_match(sets: tuple[str, ...], text: str, known: dict[str, bool]) -> bool:
    """False when `text` lacks every character of one of `sets` (then nothing in it matches).
    `known` keeps, for one text, whether it holds a character of each set tested: many patterns
    need the same sets (a digit, a space)."""
    for chars in sets:
        present = known.get(chars)
        if present is None:
            # a loop, not any() over a generator: ~30 sets are tested per report, and making the
            # generator cost as much as the tests themselves
            present = False
            for char in chars:
                if char in text:
                    present = True
                    break
            known[chars] = present
        if not present:
            return False
    return True


# Past this many strings, one search for all of them beats a test for each: FZ801's 27 names of
# days (宪法日, 植树节 …) took ~40 us a report one by one, ~10 us as one pattern.
_MAX_TESTED_ONE_BY_ONE = 3


def contains_one(literals: tuple[str, ...] | None) -> Callable[[str], bool] | None:
    """A test of whether a text contains one of `literals` (`fzlint.text.regex.required_literals`);
    None for None (no string is required)."""
    if literals is None:
        return None
    # a string holding another one of them is in a text only when that one is too
    needed = tuple(
        literal
        for literal in literals
        if not any(other != literal and other in literal for other in literals)
    )
    if len(needed) == 1:
        (literal,) = needed
        return lambda text: literal in text
    if len(needed) <= _MAX_TESTED_ONE_BY_ONE:
        return lambda text: any(literal in text for literal in needed)
    search = compile_kept("|".join(map(re.escape, sorted(needed)))).search
    return lambda text: search(text) is not None


def _required_sets(pattern: re.Pattern[str]) -> list[str] | None:
    parsed = parsed_for_analysis(pattern)
    if parsed is None:
        return None
    sets: list[frozenset[str]] = []
    _sequence(parsed, sets)
    # smallest first: the cheapest to test and the likeliest to be missing
    unique = sorted(set(sets), key=lambda chars: (len(chars), sorted(chars)))[:_MAX_SETS]
    return ["".join(sorted(chars)) for chars in unique] or None


def _sequence(items: Any, sets: list[frozenset[str]]) -> None:
    """Add to `sets` the character sets every match of the sequence `items` needs."""
    for op, av in items:
        found = _item(str(op), av)
        if found:
            sets.extend(found)


def _item(name: str, av: Any) -> list[frozenset[str]]:
    if name == "LITERAL":
        return [frozenset(chr(av))]
    if name == "IN":
        chars = _class(av)
        return [chars] if chars else []
    found: list[frozenset[str]] = []
    if name in _REPEATS:
        if av[0] >= 1:  # a part that may be left out requires nothing
            _sequence(av[2], found)
    elif name == "SUBPATTERN":  # (group, flags added, flags removed, body)
        if not av[1] & re.IGNORECASE:
            _sequence(av[3], found)
    elif name == "ATOMIC_GROUP":
        _sequence(av, found)
    elif name == "ASSERT":  # (direction, body): what a lookaround sees stands in the text too
        _sequence(av[1], found)
    elif name == "BRANCH":  # a character of the union of one set from each alternative
        union: set[str] = set()
        for branch in av[1]:
            options: list[frozenset[str]] = []
            _sequence(branch, options)
            if not options:
                return []  # an alternative that requires nothing lets any text through
            union |= min(options, key=len)
        if len(union) <= _MAX_SET:
            found.append(frozenset(union))
    # anything else (a negative lookaround, a negated class, a category, a back reference, an
    # anchor, a conditional) proves nothing
    return found


def _class(items: Any) -> frozenset[str] | None:
    """The characters of a class made only of literals and short ranges; None otherwise."""
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(av))
        elif name == "RANGE" and av[1] - av[0] < _MAX_SET:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None  # NEGATE, a category, a long range
    return frozenset(chars) if len(chars) <= _MAX_SET else None
