"""Rule kinds: one small module each, registered by name with `@kind`.

Importing this package registers every built-in kind; modules keep heavy imports inside functions.
"""

from fzlint.kinds import (
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
