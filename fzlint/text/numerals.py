"""Chinese numerals 一二三 … 九千九百九十九万九千九百九十九 ⇄ integers, for ordinals, dates and
enumerations.

Written as 公文 write them: 十五 (not 一十五) on its own, 一百一十五 within a larger number, 零 for
each gap (一千零一, 一万零五百), 两 read as 二. Digit strings (二〇二四) are not numerals here.
"""

from __future__ import annotations

from functools import lru_cache

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_DIGITS = "一二三四五六七八九"
# The largest value `to_chinese_number` writes and `parse_chinese_number` reads.
LARGEST = 99_999_999


def parse_chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral from 零 to `LARGEST`; None if `text` is not one."""
    if len(text) == 1 and _DIGITS.get(text) == 0:
        return 0
    high, wan, low = text.partition("万")
    if not wan:
        return _section(text)
    high_value = _section(high)
    if not high_value:
        return None
    if not low:
        return high_value * 10_000
    gap = _DIGITS.get(low[0]) == 0
    low_value = _section(low[1:] if gap else low)
    # a gap is written when the thousands are empty, and only then
    if low_value is None or (low_value < 1000) != gap:
        return None
    return high_value * 10_000 + low_value


def _section(text: str) -> int | None:
    """1 … 9999 written with 千百十 and 零 for gaps; None for anything else."""
    total = 0
    pending: int | None = None  # a digit waiting for its unit
    last_unit = 10_000
    after_zero = False
    for index, char in enumerate(text):
        if char in _UNITS:
            unit = _UNITS[char]
            if unit >= last_unit:
                return None
            if pending is None:
                # only 十 stands without its digit, and only first (十五)
                if after_zero or index != 0 or unit != 10:
                    return None
                pending = 1
            total += pending * unit
            last_unit, pending, after_zero = unit, None, False
        elif char in _DIGITS:
            if pending is not None:
                return None
            digit = _DIGITS[char]
            if digit == 0:
                if index == 0 or after_zero:
                    return None
                after_zero = True
            else:
                pending = digit
        else:
            return None
    if pending is None:
        return total if total and not after_zero else None
    # units without a unit: after 十 (二十三), after a gap (一百零三), or alone (三)
    if last_unit == 10 or after_zero or total == 0:
        return total + pending
    return None


# The structure asks for the next ordinal of every heading and enumeration item (二, 三 …): the
# few small numbers are written once per process.
@lru_cache(maxsize=1024)
def to_chinese_number(value: int) -> str:
    """The inverse of `parse_chinese_number` for 1 … `LARGEST`."""
    if not 1 <= value <= LARGEST:
        raise ValueError(value)
    high, low = divmod(value, 10_000)
    if not high:
        return _section_text(low, leading=True)
    text = _section_text(high, leading=True) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _section_text(low, leading=False)
    return text


def _section_text(value: int, leading: bool) -> str:
    """1 … 9999 in words; `leading`: the number starts here, so 十五 rather than 一十五."""
    parts: list[str] = []
    gap = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit)
        if not digit:
            gap = bool(parts)
            continue
        if gap:
            parts.append("零")
            gap = False
        parts.append(CHINESE_DIGITS[digit - 1] + name)
    text = "".join(parts)
    return text[1:] if leading and text.startswith("一十") else text
