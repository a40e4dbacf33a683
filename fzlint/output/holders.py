"""Splicing JSON text: what a JSON format renders per file, and `write` completes.

A JSON format's `render` writes a file's findings as text that leaves out what differs between
copies of a file or between runs (see `fzlint.output`): its path, a rule's index in the run's
list, a fingerprint made from the path. It puts HOLDER where such a value goes, and its `write`
fills those places in the cached text with the functions here, so that no format splices JSON
text by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from fzlint.text.regex import compile_kept

# What a JSON format renders in place of what `write` puts in: a string no path or message encodes
# to as it does, since JSON writes the character escaped.
HOLDER = "\0"
_ESCAPED = "\\u0000"  # HOLDER as `json.dumps` writes it


def held(key: str) -> str:
    """The text of a JSON member `key` whose value is HOLDER, as `json.dumps` writes it. A key
    is never inside a string (a quote there is escaped), so this names that place alone."""
    return f'"{key}": "{_ESCAPED}"'


def holding(*parts: str) -> str:
    """A held value that carries `parts` (letters and digits) for `write` to make the value from
    (see `fill_each`)."""
    return HOLDER + HOLDER.join(parts)


def _member(key: str, value: Any) -> str:
    return f'"{key}": ' + json.dumps(value, ensure_ascii=False)


def fill(text: str, key: str, value: Any) -> str:
    """`text` with every member `key` that holds HOLDER given `value` (any JSON value)."""
    return text.replace(held(key), _member(key, value))


def carrying(key: str) -> re.Pattern[str]:
    """The members `key` whose value `holding` made, for `fill_each`; made once, when a format's
    module is imported."""
    return compile_kept(f'"{re.escape(key)}": "((?:{re.escape(_ESCAPED)}[0-9A-Za-z]*)+)"')


def fill_each(
    text: str, key: str, members: re.Pattern[str], value: Callable[[list[str]], Any]
) -> str:
    """`text` with each member `key` that `holding` made (found by `members`, `carrying(key)`)
    given `value(parts)`."""
    return members.sub(lambda found: _member(key, value(found[1].split(_ESCAPED)[1:])), text)


def _opening(key: str) -> int:
    return len(f'{{"{key}": "')


def first_strings(lines: Iterable[str], key: str) -> Iterator[str]:
    """The value of the member `key` that opens each JSON object of `lines` (a string of letters
    and digits, as `json.dumps` writes it)."""
    opening = _opening(key)
    for line in lines:
        yield line[opening : line.index('"', opening)]


def member(key: str, value: Any) -> str:
    """The member `key` with `value`, led by a comma, to go after another (see `after_first`)."""
    return ", " + _member(key, value)


def after_first(lines: Iterable[str], key: str, following: Mapping[str, str]) -> list[str]:
    """`lines`, JSON objects that open with the string member `key`, each with `following[value]`
    (members that `member` wrote) put just after that member."""
    opening = _opening(key)
    placed = []
    for line in lines:
        end = line.index('"', opening)  # the value's closing quote
        placed.append(line[: end + 1] + following[line[opening:end]] + line[end + 1 :])
    return placed


def lead(key: str, value: Any) -> str:
    """A compact JSON object's opening with the member `key` first, to go before a compact JSON
    object written without its opening brace."""
    import orjson  # here: the formats that fill held values (sarif, gitlab) never load it

    return f'{{"{key}":' + orjson.dumps(value).decode() + ","
