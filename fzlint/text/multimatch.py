"""Many literal strings found in one pass (Aho–Corasick, leftmost-longest).

Leftmost-longest lets a longer phrase shadow a shorter one it contains: with 劳动合同法 among the
patterns, 合同法 is not reported inside 《劳动合同法》. Rule kinds use this by adding such longer
"exception" phrases to the same automaton.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import ahocorasick_rs


class LiteralMatcher:
    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        self._automaton = (
            ahocorasick_rs.AhoCorasick(
                self.patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
            if self.patterns
            else None
        )

    def find(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int, int]]:
        """(pattern index, start, end) of each non-overlapping match in text[start:end]."""
        if self._automaton is None:
            return
        haystack = text[start:end] if (start or end is not None) else text
        for index, match_start, match_end in self._automaton.find_matches_as_indexes(haystack):
            yield index, start + match_start, start + match_end
