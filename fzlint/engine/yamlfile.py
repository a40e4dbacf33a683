"""YAML loading that keeps line numbers, so every rule-file error can name its line.

Only the safe subset of YAML is accepted (the constructors of `yaml.SafeLoader`): a rule file can
never run code.

What a file parses to is kept between runs (see fzlint.derived), keyed by the file's text.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from fzlint import derived
from fzlint.errors import RuleFileError

if TYPE_CHECKING:
    import yaml

# Bump when the encoding of entries changes.
_FORMAT = 1


class Mapping(dict):  # type: ignore[type-arg]
    """A YAML mapping with the line of the mapping and of each key (1-based)."""

    line: int
    key_lines: dict[Any, int]


class Sequence(list):  # type: ignore[type-arg]
    """A YAML sequence with the line of the sequence and of each item (1-based)."""

    line: int
    item_lines: list[int]


@cache
def _loader_class() -> type[Any]:
    import yaml

    # libyaml's parser, when PyYAML was built with it, is ~20x faster: a knowledge base of
    # thousands of entries loads in a second instead of half a minute. Same safe constructors.
    class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
    _Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    return _Loader


def _timestamp(loader: Any, node: yaml.ScalarNode) -> datetime.date:
    """A date or time, as PyYAML reads it; one that cannot be (2024-02-30, month 13) is an error
    of the file at its line, as every other bad value is."""
    try:
        return loader.construct_yaml_timestamp(node)  # type: ignore[no-any-return]
    except (ValueError, OverflowError):
        raise RuleFileError(
            f"日期「{node.value}」不存在（月应为1至12，日不超过当月天数）",
            loader.name,
            node.start_mark.line + 1,
        ) from None


def _mapping(loader: Any, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    result = Mapping()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise RuleFileError("键必须是简单值", loader.name, line) from None
        if key in result:
            raise RuleFileError(f"重复的键「{key}」", loader.name, line)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _sequence(loader: Any, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


class _Unencodable(Exception):
    pass


def _encode(value: Any) -> Any:
    """`value` as marshal-able data: tagged tuples for mappings, sequences and dates."""
    if isinstance(value, Mapping):
        return (
            "M",
            value.line,
            [(_encode(k), value.key_lines[k], _encode(v)) for k, v in value.items()],
        )
    if isinstance(value, Sequence):
        return ("S", value.line, value.item_lines, [_encode(v) for v in value])
    if isinstance(value, datetime.datetime):
        return ("T", value.isoformat())
    if isinstance(value, datetime.date):
        return ("D", value.isoformat())
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise _Unencodable(type(value).__name__)


class _Malformed(Exception):
    """An entry that `_encode` did not make."""


_SCALARS = (str, bool, int, float, type(None))


def _decode(value: Any) -> Any:
    """The inverse of `_encode`; raises `_Malformed` for anything `_encode` does not make."""
    if isinstance(value, _SCALARS):
        return value
    if type(value) is not tuple or not value:
        raise _Malformed(type(value).__name__)
    tag = value[0]
    if tag == "M" and len(value) == 3 and _is_line(value[1]) and type(value[2]) is list:
        mapping = Mapping()
        mapping.line = value[1]
        mapping.key_lines = {}
        for item in value[2]:
            if type(item) is not tuple or len(item) != 3 or not _is_line(item[1]):
                raise _Malformed("mapping item")
            key = _decode(item[0])
            if not isinstance(key, (*_SCALARS, datetime.date)) or key in mapping:
                raise _Malformed("mapping key")
            mapping[key] = _decode(item[2])
            mapping.key_lines[key] = item[1]
        return mapping
    if (
        tag == "S"
        and len(value) == 4
        and _is_line(value[1])
        and type(value[2]) is list
        and type(value[3]) is list
        and len(value[2]) == len(value[3])
        and all(_is_line(line) for line in value[2])
    ):
        sequence = Sequence(_decode(item) for item in value[3])
        sequence.line = value[1]
        sequence.item_lines = value[2]
        return sequence
    if tag in ("T", "D") and len(value) == 2 and type(value[1]) is str:
        if tag == "T":
            return datetime.datetime.fromisoformat(value[1])
        return datetime.date.fromisoformat(value[1])
    raise _Malformed(str(tag))


def _is_line(value: Any) -> bool:
    return type(value) is int and value >= 1


def _entry(text: str) -> str | None:
    key = hashlib.sha256(f"{_FORMAT}\0{derived.source_digest()}\0{text}".encode()).hexdigest()
    return derived.path("yaml", f"{key}.marshal")


def _read(entry: str) -> Any:
    data = derived.read(entry)
    try:
        decoded = _decode(data)
    except (_Malformed, ValueError, TypeError, RecursionError):
        return None
    # a file parses to a mapping or a sequence (or to nothing, which is not kept)
    return decoded if isinstance(decoded, (Mapping, Sequence)) else None


def _write(entry: str, data: Any) -> None:
    with contextlib.suppress(_Unencodable):
        derived.write(entry, _encode(data))


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document; a syntax error becomes a RuleFileError with the file and line."""
    entry = _entry(text)
    if entry is not None:
        data = _read(entry)
        if data is not None:
            return data
    data = _parse(text, path)
    if entry is not None and data is not None:
        _write(entry, data)
    return data


# How many nodes aliases may add to a file once expanded. Aliases share what they name while the file
# is checked, but a kept entry (and any code walking the data) expands them: nine levels of
# `&a [*a, *a, …]` are 9^9 nodes from ten lines. A shipped pack uses none.
ALIAS_EXPANSION_LIMIT = 100_000


# Where an anchor (`&name`) may stand: an alias names one, so a file without any has none to expand,
# and the walk below (a third of parsing a pack) is left out. A `&` in a quoted string may match too,
# which only means the walk is done.
_ANCHOR = re.compile(r"(?:^|[\s\[{,:?\ufeff-])&[^\s]", re.MULTILINE)


def _check_aliases(root: yaml.Node, path: str) -> None:
    """Refuse a file whose aliases expand it past `ALIAS_EXPANSION_LIMIT` nodes, or refer to the
    node they are in (data without end), naming the line of the node at fault."""
    sizes: dict[int, int] = {}  # a node's size once its aliases are expanded
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            size = 1 + sum(sizes[id(child)] for child in _children(node))
            sizes[key] = size
            if size - len(sizes) > ALIAS_EXPANSION_LIMIT:
                raise RuleFileError("别名（*）展开后过大，请直接写出内容", path, _line(node))
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise RuleFileError("别名（*）引用了包含它自身的内容", path, _line(node))
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node.value, list):
        return [
            child for item in node.value for child in (item if isinstance(item, tuple) else (item,))
        ]
    return []


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _parse(text: str, path: str) -> Any:
    import yaml

    loader = _loader_class()(text)
    loader.name = path
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _ANCHOR.search(text):
            _check_aliases(node, path)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = " ".join(filter(None, [exc.context, exc.problem]))
        raise RuleFileError(f"YAML 语法错误：{reason}", path, line) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(f"YAML 错误：{exc}", path) from None
    finally:
        loader.dispose()
