"""Rule kinds: one small module each, registered by name with `@kind`.

Importing this package registers every built-in kind; modules keep heavy imports inside functions.
"""

from fzlint.kinds import duplicate, pattern, required, terms

__all__ = ["duplicate", "pattern", "required", "terms"]
