"""Rule kinds: one small module each, registered by name with `@kind`.

Importing this package registers every built-in kind; modules keep heavy imports inside functions.
"""

from fzlint.kinds import (
    duplicate,
    enumeration,
    numbering,
    parts,
    pattern,
    required,
    signature,
    stale,
    terms,
    year,
)

__all__ = [
    "duplicate",
    "enumeration",
    "numbering",
    "parts",
    "pattern",
    "required",
    "signature",
    "stale",
    "terms",
    "year",
]
