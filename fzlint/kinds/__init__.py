"""Rule kinds: one small module each, registered by name with `@kind`.

Importing this package registers every built-in kind; modules keep heavy imports inside functions.
"""

from fzlint.kinds import pattern, required, stale, terms

__all__ = ["pattern", "required", "stale", "terms"]
