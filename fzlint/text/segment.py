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


def word_spans_cut(left: str, right: str) -> bool:
    """Whether the segmentation of `left + right` has a word that starts in `left` and ends in
    `right` (在全|体 → 全体): the two pieces were cut apart inside a word."""
    cut = len(left)
    position = 0
    for word in _tokenizer().lcut(left + right):
        end = position + len(word)
        if position < cut < end:
            return True
        position = end
    return False
