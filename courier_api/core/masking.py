"""Personal data as GB/T 41833-2022 and 快递暂行条例 art. 22 want it shown on waybills,
public tracking and every view but the one a delivery needs; and the one rule of who sees
what unmasked (`shown`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from courier_api.core.idnumber import mask_id_number
from courier_api.core.security import Principal

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


# --- who sees what ------------------------------------------------------------------------

#: What a datum is about: a private person, or an institution (a hospital, a court, an
#: office, an enterprise, one of their desks). Institutions are not people: their names,
#: desk contacts and addresses are shown as they are.
PERSON, ORGANISATION = "person", "organisation"
#: The kinds of personal datum, each with its mask.
NAME, PHONE, ADDRESS, ID_NUMBER = "name", "phone", "address", "id_number"
_MASKS: dict[str, Callable[[str | None], str | None]] = {
    NAME: mask_name,
    PHONE: mask_phone,
    ADDRESS: mask_address,
    ID_NUMBER: lambda number: mask_id_number(number) if number else number,
}


def shown(value: str | None, datum: str, *, owner: bool, about: str | None = PERSON) -> str | None:
    """`value` as this viewer may see it: the one masking rule of every view.

    - an institution's name, desk contact and address: as they are, to everyone;
    - a person's datum: in full to an owner (who submitted it), masked to everyone else;
    - an ID number: masked to everyone, owners too (only the court's own receipt prints
      it in full, and does not come through here).

    `about` None counts as a person (rows that do not say).
    """
    if datum == ID_NUMBER:
        return _MASKS[ID_NUMBER](value)
    if about == ORGANISATION or owner:
        return value
    return _MASKS[datum](value)


#: The roles that can own anything (as `Principal.owner` says whose).
_OWNING_ROLES = ("citizen", "org_clerk", "api_client")


def owner_key(caller: Principal | None) -> tuple[str, str] | None:
    """How `caller` appears among an object's owners: a citizen as themselves, a clerk or
    an API client as their organisation; staff, couriers and the public own nothing."""
    if caller is None or caller.role not in _OWNING_ROLES:
        return None
    kind, owner_id = caller.owner
    return (kind, owner_id) if owner_id else None


def is_owner(caller: Principal | None, owners: Iterable[tuple[str, str | None]]) -> bool:
    key = owner_key(caller)
    return key is not None and key in set(owners)
