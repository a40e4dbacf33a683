"""Word segmentation (jieba), loaded on first use: importing jieba and its dictionary takes about a
second, so only rules that meet a candidate pay for it."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _tokenizer() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


# A word must be this common in jieba's dictionary to count as cut apart: rare entries (中将,
# 深入开展) join the end of one clause to the start of the next by accident.
COMMON_WORD = 1000


def word_across(left: str, right: str) -> str | None:
    """The common word that starts in `left` and ends in `right` when `left + right` is segmented
    (在全|体 → 全体), if any: the two pieces were cut apart inside a word."""
    jieba = _tokenizer()
    cut = len(left)
    position = 0
    for word in jieba.lcut(left + right, HMM=False):
        end = position + len(word)
        if position < cut < end:
            return word if (jieba.get_FREQ(word) or 0) >= COMMON_WORD else None
        position = end
    return None
