"""Personal data as GB/T 41833-2022 and 快递暂行条例 art. 22 want it shown on waybills,
public tracking and every view but the one a delivery needs."""

from __future__ import annotations

import re

_HOUSE_NUMBER = re.compile(r"(号)")


def mask_name(name: str | None) -> str | None:
    """Hide at least one character: 张三 -> 张*, 欧阳娜娜 -> 欧***."""
    if not name:
        return name
    return name[0] + "*" * max(1, len(name) - 1)


def mask_phone(phone: str | None) -> str | None:
    """Hide at least six digits: 13800138000 -> 138******00."""
    if not phone:
        return phone
    digits = phone.strip()
    if len(digits) <= 6:
        return "*" * len(digits)
    keep_head = min(3, len(digits) - 6)
    keep_tail = min(2, len(digits) - 6 - keep_head)
    return (
        digits[:keep_head]
        + "*" * (len(digits) - keep_head - keep_tail)
        + digits[len(digits) - keep_tail :]
    )


def mask_address(address: str | None) -> str | None:
    """Hide the unit and room: every digit after the street number (the first 号).

    中山市孙文中路1号3栋502室 -> 中山市孙文中路1号*栋***室. Without a street number, the
    digits of the last third are hidden.
    """
    if not address:
        return address
    match = _HOUSE_NUMBER.search(address)
    cut = match.end() if match else len(address) * 2 // 3
    return address[:cut] + re.sub(r"[0-9０-９A-Za-z]", "*", address[cut:])
