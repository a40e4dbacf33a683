"""Applying fixes to a text: deterministic overlap resolution, iteration to a fixed point."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from fzlint.diagnostics import Applicability, Diagnostic, Edit

# Fixing re-lints and re-applies until nothing changes; a pair of rules that keep undoing each
# other must not loop forever.
MAX_ROUNDS = 10


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    if fix is None:
        return False
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def apply_once(
    text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False
) -> tuple[str, list[Diagnostic]]:
    """Apply the non-overlapping fixes of `diagnostics` (earliest first, then by rule id).

    A fix whose edits overlap an already chosen fix waits for the next round.
    """
    chosen: list[Diagnostic] = []
    taken: list[Edit] = []
    candidates = sorted(
        (d for d in diagnostics if applicable(d, unsafe)),
        key=lambda d: (d.fix.span.start, d.fix.span.end, d.rule.id),  # type: ignore[union-attr]
    )
    for diagnostic in candidates:
        edits = diagnostic.fix.edits  # type: ignore[union-attr]
        if any(_conflict(edit, other) for edit in edits for other in taken):
            continue
        chosen.append(diagnostic)
        taken.extend(edits)
    for edit in sorted(taken, key=lambda e: (e.span.start, e.span.end), reverse=True):
        text = text[: edit.span.start] + edit.content + text[edit.span.end :]
    return text, chosen


def _conflict(a: Edit, b: Edit) -> bool:
    if a.span.overlaps(b.span):
        return True
    # Two insertions at one point, or an insertion at the edge of a replacement, have no clear order.
    return a.span.start == b.span.start or (
        (len(a.span) == 0 or len(b.span) == 0)
        and (a.span.start == b.span.end or b.span.start == a.span.end)
    )


def fix_text(
    text: str, lint: Callable[[str], Sequence[Diagnostic]], unsafe: bool = False
) -> tuple[str, int]:
    """Lint and fix repeatedly until no applicable fix is left; returns the text and fixes applied."""
    applied = 0
    for _ in range(MAX_ROUNDS):
        text, chosen = apply_once(text, lint(text), unsafe)
        if not chosen:
            break
        applied += len(chosen)
    return text, applied
