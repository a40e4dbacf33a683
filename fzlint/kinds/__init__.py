"""Rule kinds: one small module each, registered by name with `@kind`.

Importing this package registers every built-in kind; modules keep heavy imports inside functions.
"""

from fzlint.kinds import (
    bare_title,
    broken_paragraph,
    content,
    duplicate,
    enumeration,
    fixed_days,
    mixed_forms,
    newlines,
    numbering,
    parts,
    pattern,
    quotes,
    required,
    signature,
    split_word,
    stale,
    terms,
    web_block,
    word,
    year,
)

__all__ = [
    "bare_title",
    "broken_paragraph",
    "content",
    "duplicate",
    "enumeration",
    "fixed_days",
    "mixed_forms",
    "newlines",
    "numbering",
    "parts",
    "pattern",
    "quotes",
    "required",
    "signature",
    "split_word",
    "stale",
    "terms",
    "web_block",
    "word",
    "year",
]
