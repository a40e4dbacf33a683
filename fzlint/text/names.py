"""Names of laws, plans and bodies as drafts write them: folding look-alike characters, and the
written variants of one title (with and without 《》, with and without 中华人民共和国).

`fold` maps each character to one character, so offsets in the folded text are offsets in the
original: a matcher can run on the folded text and report spans of the original.
"""

from __future__ import annotations

from dataclasses import dataclass

PRC = "中华人民共和国"

# Quotation marks of every width and style fold to one ASCII quote; dash look-alikes (also the
# hyphens and tildes that Word and web pages put in “2015—2020年”) fold to the em dash; ASCII
# parentheses fold to full-width ones. Each maps to exactly one character.
_FOLD = (
    {c: '"' for c in "“”„‟「」『』‘’＂'"}
    | {c: "—" for c in "–－-‐‑‒―~～〜"}
    | {"(": "（", ")": "）"}
    | {chr(0xFF10 + i): str(i) for i in range(10)}
)


def fold(text: str) -> str:
    """`text` with look-alike quotes, dashes, parentheses and digits folded; same length."""
    for old, new in _FOLD.items():
        if old in text:
            text = text.replace(old, new)
    return text


@dataclass(frozen=True, slots=True)
class Variant:
    """One written form of a name; `text[core_start:core_end]` is the name proper."""

    text: str
    core_start: int
    core_end: int


def _spellings(name: str) -> list[str]:
    """The name, without its quotes, and with a doubled dash (《…（2015——2020年）》)."""
    result = [name]
    if '"' in name:
        result.append(name.replace('"', ""))
    if "—" in name and "——" not in name:
        result.extend(s.replace("—", "——") for s in list(result))
    return result


def variants(form: str, *, title_prefix: bool = False, bare: bool = True) -> list[Variant]:
    """Every written variant of `form` (folded), longest first.

    A form written as a title, `《合同法》`, stands for 《合同法》, 《中华人民共和国合同法》 (with
    `title_prefix`) and, with `bare`, the same without 书名号. Any other form stands for itself.
    Quoted parts also match unquoted (“七五”普法, 七五普法).
    """
    folded = fold(form)
    found: dict[str, Variant] = {}
    if len(folded) > 2 and folded[0] == "《" and folded[-1] == "》":
        inner = folded[1:-1]
        prefixes = [""]
        if title_prefix and not inner.startswith(PRC):
            prefixes.append(PRC)
        for name in _spellings(inner):
            for prefix in prefixes:
                core = prefix + name
                start, end = len(prefix), len(core)
                found.setdefault(f"《{core}》", Variant(f"《{core}》", start + 1, end + 1))
                if bare:
                    found.setdefault(core, Variant(core, start, end))
    else:
        for name in _spellings(folded):
            found.setdefault(name, Variant(name, 0, len(name)))
    return sorted(found.values(), key=lambda v: (-len(v.text), v.text))
