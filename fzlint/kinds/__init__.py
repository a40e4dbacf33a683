"""Rule kinds: one small module each, registered by name with `@kind`.

Importing this package registers every built-in kind; modules keep heavy imports inside functions.
"""

from fzlint.kinds import (
    broken_paragraph,
    content,
    duplicate,
    enumeration,
    fixed_days,
    newlines,
    numbering,
    parts,
    pattern,
    required,
    signature,
    split_word,
    stale,
    terms,
    web_metadata,
    word,
    year,
)

__all__ = [
    "broken_paragraph",
    "content",
    "duplicate",
    "enumeration",
    "fixed_days",
    "newlines",
    "numbering",
    "parts",
    "pattern",
    "required",
    "signature",
    "split_word",
    "stale",
    "terms",
    "web_metadata",
    "word",
    "year",
]
