"""Rule kinds: one small module each, registered by name with `@kind`.

Importing this package registers every built-in kind; modules keep heavy imports inside functions.
"""

from fzlint.kinds import (
    broken_paragraph,
    fixed_days,
    newlines,
    pattern,
    required,
    split_word,
    terms,
    web_metadata,
)

__all__ = [
    "broken_paragraph",
    "fixed_days",
    "newlines",
    "pattern",
    "required",
    "split_word",
    "terms",
    "web_metadata",
]
