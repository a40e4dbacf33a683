"""Rule kind name → kind class. Kinds register themselves with `@kind("name")`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from fzlint.kinds.base import Kind

K = TypeVar("K", bound="type[Kind]")
_KINDS: dict[str, type[Kind]] = {}


def kind(name: str) -> Callable[[K], K]:
    def register(cls: K) -> K:
        cls.name = name
        _KINDS[name] = cls
        return cls

    return register


def _load_builtin() -> None:
    import fzlint.kinds  # noqa: F401  (registers the built-in kinds)


def get(name: str) -> type[Kind] | None:
    _load_builtin()
    return _KINDS.get(name)


def names() -> list[str]:
    _load_builtin()
    return sorted(_KINDS)
