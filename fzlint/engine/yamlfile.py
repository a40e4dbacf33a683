"""YAML loading that keeps line numbers, so every rule-file error can name its line.

Only the safe subset of YAML is accepted (the constructors of `yaml.SafeLoader`): a rule file can
never run code.
"""

from __future__ import annotations

from typing import Any

import yaml

from fzlint.errors import RuleFileError


class Mapping(dict):  # type: ignore[type-arg]
    """A YAML mapping with the line of the mapping and of each key (1-based)."""

    line: int
    key_lines: dict[Any, int]


class Sequence(list):  # type: ignore[type-arg]
    """A YAML sequence with the line of the sequence and of each item (1-based)."""

    line: int
    item_lines: list[int]


# libyaml's parser, when PyYAML was built with it, is ~20x faster: a knowledge base of thousands of
# entries loads in a second instead of half a minute. Same safe constructors either way.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
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


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document; a syntax error becomes a RuleFileError with the file and line."""
    loader = _Loader(text)
    loader.name = path
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = " ".join(filter(None, [exc.context, exc.problem]))
        raise RuleFileError(f"YAML 语法错误：{reason}", path, line) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(f"YAML 错误：{exc}", path) from None
    finally:
        loader.dispose()
