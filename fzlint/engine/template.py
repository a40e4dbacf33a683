"""Message and fix templates: `{match}`, `{1}`, `{name}` fields, checked when the pack loads."""

from __future__ import annotations

import string
from collections.abc import Callable, Collection, Mapping


class Template:
    """A parsed template; only plain field names are allowed (no attributes, indexes or specs)."""

    __slots__ = ("_constant", "_format", "_order", "parts", "text")

    def __init__(self, text: str, fields: Collection[str]) -> None:
        self.text = text
        self.parts: list[tuple[str, str | None]] = []
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError as exc:
            raise ValueError(
                f"模板「{text}」格式错误：{exc}（字面的花括号请写成 {{{{ 和 }}}}）"
            ) from None
        for literal, field, spec, conversion in parsed:
            if field is not None:
                if spec or conversion:
                    raise ValueError(f"模板字段「{{{field}}}」不支持格式说明")
                if field not in fields:
                    allowed = "、".join(f"{{{f}}}" for f in sorted(fields, key=str)) or "无"
                    raise ValueError(f"模板中的「{{{field}}}」不可用，可用字段：{allowed}")
            self.parts.append((literal, field))
        # Rendered tens of thousands of times a run: the literals are joined once into a format
        # string with a positional `{}` per field (formatting a str with an empty spec returns it
        # unchanged), and a template without fields is its one string.
        self._order = tuple(field for _, field in self.parts if field is not None)
        self._constant = None if self._order else "".join(literal for literal, _ in self.parts)
        self._format: Callable[..., str] = "".join(
            literal.replace("{", "{{").replace("}", "}}") + ("{}" if field is not None else "")
            for literal, field in self.parts
        ).format

    @property
    def fields(self) -> set[str]:
        return set(self._order)

    def render(self, values: Mapping[str, str]) -> str:
        if self._constant is not None:
            return self._constant
        get = values.get
        return self._format(*[get(field, "") for field in self._order])
