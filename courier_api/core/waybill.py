"""UPU S10 waybill numbers, as EMS prints them: `EA123456785CN`.

Two service letters, an eight-digit serial, the S10 check digit and the country code.
Check digit: weights 8 6 4 2 3 5 9 7 over the serial; 11 - (sum mod 11); 10 -> 0, 11 -> 5.
"""

from __future__ import annotations

import re

from courier_api.core.errors import Problem

WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
COUNTRY = "CN"
PATTERN = re.compile(r"^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$")
SERIAL_LIMIT = 100_000_000


def check_digit(serial: str) -> int:
    if len(serial) != 8 or not serial.isdigit():
        raise ValueError("an S10 serial is 8 digits")
    remainder = 11 - sum(int(d) * w for d, w in zip(serial, WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(remainder, remainder)


def make_waybill(prefix: str, serial: int) -> str:
    if not (len(prefix) == 2 and prefix.isalpha() and prefix.isupper()):
        raise ValueError("a waybill prefix is two capital letters")
    if not 0 <= serial < SERIAL_LIMIT:
        raise ValueError("waybill serials are exhausted for this prefix")
    digits = f"{serial:08d}"
    return f"{prefix}{digits}{check_digit(digits)}{COUNTRY}"


def is_valid_waybill(text: str) -> bool:
    match = PATTERN.match(text or "")
    return bool(match) and check_digit(match.group(2)) == int(match.group(3))


def typed_waybill(text: str, field: str = "waybill") -> str:
    """A waybill a person typed, normalised; a wrong check digit is a typing mistake, and
    saying so reveals nothing (the digit is public arithmetic)."""
    waybill = (text or "").strip().upper()
    if not is_valid_waybill(waybill):
        message = "Not a waybill number: check what was typed (S10 check digit)."
        raise Problem(
            422,
            "invalid_waybill",
            message,
            errors=[{"field": field, "message": message, "code": "invalid_waybill"}],
        )
    return waybill
