"""Mainland resident ID numbers (GB 11643-1999): 17 digits and a check character.

Check: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; sum mod 11 indexes "10X98765432".
"""

from __future__ import annotations

import re

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
PATTERN = re.compile(r"^\d{17}[\dX]$")


def check_character(first17: str) -> str:
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("the first 17 characters must be digits")
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def normalise(text: str) -> str:
    return (text or "").strip().upper()


def is_valid_id_number(text: str) -> bool:
    value = normalise(text)
    return bool(PATTERN.match(value)) and check_character(value[:17]) == value[17]


def mask_id_number(text: str) -> str:
    """First 6 (region) and last 4 kept: 110105**********002X -> 110105********002X."""
    value = normalise(text)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]
