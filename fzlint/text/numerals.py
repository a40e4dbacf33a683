"""Chinese numerals 一二三 … 九十九 ⇄ integers, for ordinals, dates and enumerations."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
CHINESE_DIGITS = "一二三四五六七八九"


def parse_chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral from 零 to 九十九 (十, 十一, 二十, 二十三); None if it is not one."""
    if not text:
        return None
    if len(text) == 1:
        if text == "十":
            return 10
        return _DIGITS.get(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        if "十" in ones:
            return None
        tens_value = 1 if tens == "" else _DIGITS.get(tens)
        ones_value = 0 if ones == "" else _DIGITS.get(ones)
        if tens_value is None or ones_value is None or tens_value == 0:
            return None
        if ones and ones_value == 0:
            return None
        return tens_value * 10 + ones_value
    return None


def to_chinese_number(value: int) -> str:
    """The inverse of `parse_chinese_number` for 1 … 99."""
    if not 1 <= value <= 99:
        raise ValueError(value)
    if value < 10:
        return CHINESE_DIGITS[value - 1]
    tens, ones = divmod(value, 10)
    return (
        ("" if tens == 1 else CHINESE_DIGITS[tens - 1])
        + "十"
        + ("" if ones == 0 else CHINESE_DIGITS[ones - 1])
    )
