"""Prose written in packs and knowledge bases (descriptions, notes) as users read it: one line,
spaced as Chinese text is."""

from __future__ import annotations

from fzlint.text.regex import compile_kept

# Characters that Chinese text sets without spaces between them: ideographs, CJK and full-width
# punctuation, and the dashes, ellipses, quotes and middle dot that Chinese text shares with others.
_TIGHT = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2014\u2026\u2018\u2019\u201c\u201d\u00b7]"
# A quoted sample 「…」 (kept as written), a space Chinese text does not have (between two tight
# characters, or a digit and a tight character), or any other run of white space.
_PROSE_SPACE = compile_kept(
    rf"(「[^」]*」)|(?<={_TIGHT})\s+(?={_TIGHT}|[0-9])|(?<=[0-9])\s+(?={_TIGHT})|(\s+)"
)


def prose(text: str) -> str:
    """A description or note as one line of Chinese prose.

    A folded YAML scalar (`description: >`) turns every line break into a space, which leaves
    `页 关闭窗口` or `」 这样` wherever a Chinese sentence was wrapped. White space between two
    Chinese characters or punctuation marks, or between a digit and one, is dropped; other runs
    become one space (`jieba 分词`, `--as-of 可改定`); a quoted sample 「…」 keeps its spaces,
    since it may show the very spaces a rule is about (「2021 年」).
    """
    return _PROSE_SPACE.sub(lambda m: m.group(1) or (" " if m.group(2) else ""), text).strip()
