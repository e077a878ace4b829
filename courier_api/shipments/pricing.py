"""Prices and promises from the catalogue: pure functions, amounts in integer fen.

Every number comes from a product's rules (network/catalogue.py); nothing here names a
product. `price` is the one way any product is priced (pickups, hospital orders, birth
certificates, court documents, archive transfers): it charges the catalogue's published
price list (`network.catalogue.price_list`), options included.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from courier_api.core.clock import hhmm
from courier_api.core.errors import Problem, field_error
from courier_api.network.catalogue import price_list

BASIS_POINTS = 10_000


@dataclass(frozen=True)
class Parcel:
    weight_g: int
    declared_value_fen: int = 0
    insured_amount_fen: int = 0
    cod_amount_fen: int = 0
    pin_sign_off: bool = False


#: Which part of the breakdown each fee line is.
PARTS = {
    "flat": "base_fen",
    "first_kg": "base_fen",
    "extra_weight": "base_fen",
    "insurance_premium": "insurance_premium_fen",
    "pin_sign_off": "pin_sign_off_fen",
    "cod_fee": "cod_fee_fen",
}


@dataclass
class Price:
    lines: list[dict[str, Any]] = field(default_factory=list)
    insured_amount_fen: int = 0
    premium_fen: int = 0

    @property
    def total_fen(self) -> int:
        return sum(line["amount_fen"] for line in self.lines)

    def add(self, code: str, amount_fen: int) -> None:
        if amount_fen:
            self.lines.append({"code": code, "amount_fen": amount_fen})

    def charged(self) -> dict[str, Any]:
        """What a shipment records of its price (the fields of a ShipmentSpec)."""
        return {
            "insured_amount_fen": self.insured_amount_fen,
            "premium_fen": self.premium_fen,
            "fee_fen": self.total_fen,
            "fee_lines": self.lines,
        }


def breakdown(lines: list[dict[str, Any]] | None, total_fen: int, premium_fen: int) -> dict:
    """The price by part (base, insurance premium, PIN sign-off, COD fee) and its lines.

    `lines` None: a shipment priced before its lines were kept; only what it recorded is
    known (the total and the premium), the other parts are None and `itemised` false."""
    if lines is None:
        parts: dict[str, int | None] = dict.fromkeys(PARTS.values())
        parts["insurance_premium_fen"] = premium_fen
        return {**parts, "total_fen": total_fen, "lines": [], "itemised": False}
    parts = dict.fromkeys(PARTS.values(), 0)
    for line in lines:
        parts[PARTS[line["code"]]] += line["amount_fen"]
    return {**parts, "total_fen": total_fen, "lines": lines, "itemised": True}


def rate(amount_fen: int, rate_bp: int, minimum_fen: int) -> int:
    """`amount × rate`, rounded half up to the fen, never below `minimum_fen`."""
    return max(minimum_fen, (amount_fen * rate_bp + BASIS_POINTS // 2) // BASIS_POINTS)


def _over_cap(code: str, field: str, field_code: str, message: str, cap: int) -> Problem:
    """A refused amount, naming the cap it broke (in `cap_fen` and in the message)."""
    return Problem(
        422,
        code,
        message,
        errors=[{"field": field, "code": field_code, "message": f"At most {cap} fen."}],
        cap_fen=cap,
    )


def insurance(rules: dict[str, Any], parcel: Parcel, field_prefix: str = "") -> tuple[int, int]:
    """(insured amount, premium) under the product's insurance rule; refusals name the cap."""
    policy = rules["insurance"]
    mode = policy["mode"]
    insured_field = f"{field_prefix}insured_amount_fen"
    if mode == "fixed":
        cover = policy["fixed_cover_fen"]
        if parcel.insured_amount_fen > cover:
            raise _over_cap(
                "validation_failed",
                insured_field,
                "insured_over_cap",
                f"This product carries a fixed cover of {cover} fen.",
                cover,
            )
        return cover, 0
    if mode == "none":
        if parcel.insured_amount_fen:
            raise field_error(
                insured_field, "This product carries no insurance.", "insurance_not_offered"
            )
        return 0, 0
    cap = policy["max_declared_fen"]
    if parcel.declared_value_fen > cap:
        raise _over_cap(
            "declared_value_over_cap",
            f"{field_prefix}declared_value_fen",
            "over_cap",
            f"The declared value may be at most {cap} fen for this product.",
            cap,
        )
    if parcel.insured_amount_fen > parcel.declared_value_fen:
        raise _over_cap(
            "validation_failed",
            insured_field,
            "insured_over_declared",
            "The insured amount may not exceed the declared value.",
            parcel.declared_value_fen,
        )
    if not parcel.insured_amount_fen:
        return 0, 0
    premium = price_list(rules)["options"]["insurance"]
    return parcel.insured_amount_fen, rate(
        parcel.insured_amount_fen, premium["rate_bp"], premium["min_fen"]
    )


def price(rules: dict[str, Any], parcel: Parcel, field_prefix: str = "") -> Price:
    """The parcel's price under the product's published price list: the base, the premium
    of the cover asked for, and the fee of each option chosen; an option the product does
    not offer is refused (422 on its field)."""
    published = price_list(rules)
    base, offered = published["base"], published["options"]
    result = Price()
    if "flat_fen" in base:
        result.add("flat", base["flat_fen"])
    else:
        result.add("first_kg", base["first_kg_fen"])
        extra_kg = max(0, math.ceil((parcel.weight_g - 1000) / 1000))
        result.add("extra_weight", extra_kg * base["per_extra_kg_fen"])
    result.insured_amount_fen, result.premium_fen = insurance(rules, parcel, field_prefix)
    result.add("insurance_premium", result.premium_fen)
    if parcel.pin_sign_off:
        if "pin_sign_off" not in offered:
            raise field_error(
                f"{field_prefix}pin_sign_off",
                "This product has no PIN sign-off.",
                "pin_not_offered",
            )
        result.add("pin_sign_off", offered["pin_sign_off"]["fee_fen"])
    if parcel.cod_amount_fen:
        if "cod" not in offered:
            raise field_error(
                f"{field_prefix}cod_amount_fen",
                "This product has no cash on delivery.",
                "cod_not_offered",
            )
        cod = offered["cod"]
        result.add("cod_fee", rate(parcel.cod_amount_fen, cod["rate_bp"], cod["min_fen"]))
    return result


def cancellation_fee(rules: dict[str, Any], *, courier_arrived: bool) -> int:
    """What cancelling costs: the published fee once the courier is at the door."""
    return price_list(rules).get("cancel_after_arrival_fen", 0) if courier_arrived else 0


# --- promises ---------------------------------------------------------------------------


def pickup_by(promise_start: datetime, rules: dict[str, Any]) -> datetime:
    return promise_start + timedelta(minutes=rules["pickup"]["door_within_min"])


def deliver_by(
    *,
    picked_up_by: datetime,
    rules: dict[str, Any],
    destination_area: str,
    origin_cutoff: str,
    zone: ZoneInfo,
) -> datetime | None:
    """Next day at the destination area's hour (13:00 urban/fringe, 18:00 township), one day
    later when the pickup falls after the origin station's cut-off; in the business zone."""
    delivery = rules["delivery"]
    if "by_area" not in delivery:
        return None  # per contract
    local = picked_up_by.astimezone(zone)
    days = delivery["day_offset"]
    if delivery.get("extra_day_after_cutoff") and local.time() > hhmm(origin_cutoff):
        days += 1
    day = local.date() + timedelta(days=days)
    return datetime.combine(day, hhmm(delivery["by_area"][destination_area]), zone)
