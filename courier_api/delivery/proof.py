"""What a delivery must carry, from the product's catalogue rules, and whether what the
courier sent is enough. Pure checks: no writes, no Flask.

A refusal lists everything missing at once (`proof_missing`), so the handheld can show
the courier the whole list, not one item per retry.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from courier_api.core import clock
from courier_api.core.errors import Problem, field_error
from courier_api.core.idnumber import is_valid_id_number, normalise
from courier_api.core.masking import NAME, shown
from courier_api.delivery.models import CASH_METHODS
from courier_api.delivery.signature import MIN_POINTS, Signature, parse
from courier_api.shipments.models import NamedRecipient, Shipment
from courier_api.shipments.service import hash_id_number

SELF = "self"
#: A named recipient the sender named to receive instead of the recipient (with a relation).
PROXY = "proxy"
#: Where the product names no receiver roles, who signs as `self` is the shipment's
#: recipient, when the recipient is a person.
RECIPIENT = "recipient"
ADULT_AGE = 18
#: What a return to the sender needs: whoever receives for the sender signs (the
#: recipient named on the shipment is not the one receiving it back).
RETURN_RULES: dict[str, Any] = {
    "requires": ["signature"],
    "pin": None,
    "receivers": None,
    "self_is_recipient": False,
    "id_check_roles": [],
    "substitutes": {"relations": None, "excluded_roles": [], "id_check": False},
}


def door_rules(product_proof: dict[str, Any], *, returning: bool) -> dict[str, Any]:
    """The proof rules at a door: the product's, or on a return, the return's (whoever
    receives for the sender signs; a sealed bag stays sealed)."""
    if not returning:
        return product_proof
    return {**RETURN_RULES, "sealed_bag": product_proof.get("sealed_bag", False)}


@dataclass(frozen=True)
class Receiver:
    name: str
    relation: str = SELF
    id_number: str | None = None


@dataclass(frozen=True)
class Cash:
    amount_fen: int
    method: str


@dataclass(frozen=True)
class Given:
    """The proof as the courier sent it (schema-validated shapes, not yet checked)."""

    receiver: Receiver | None = None
    signature: Any = None
    photo_sha256: str | None = None
    pin: str | None = None
    cash: Cash | None = None
    #: The item arrived damaged: a photo is then required, and custody records the damage.
    damaged: bool = False
    #: The sealed bag's number as scanned at the door (sealed products).
    seal_no: str | None = None


@dataclass
class Checked:
    """The proof once checked: what the delivery records."""

    required: set[str]
    signature: Signature | None = None
    named_role: str | None = None
    id_number: str | None = None
    notes: list[str] = field(default_factory=list)


def required_kinds(rules: dict[str, Any], shipment: Shipment) -> set[str]:
    required = set(rules["requires"])
    if shipment.pin_required and rules.get("pin") == "when_chosen":
        # The sender chose PIN sign-off: the PIN is the proof, in place of the signature.
        required.discard("signature")
        required.add("pin")
    roles = {n.role for n in shipment.named_recipients}
    if roles & set(rules.get("id_check_roles") or ()):
        required.add("id_check")
    if shipment.cod_amount_fen:
        required.add("cash")
    if rules.get("sealed_bag"):
        required.add("seal")
    return required


def needs(rules: dict[str, Any], shipment: Shipment) -> dict[str, Any]:
    """What the handheld must collect at this door, so it can prompt for all of it up front
    rather than learn it from 422s. Named recipients are shown masked: the courier checks
    the ID a person presents, and the server matches it."""
    substitutes = rules.get("substitutes")
    relations = None if substitutes is None else _relations(substitutes, shipment)
    proxies = _proxies(rules, shipment)
    if proxies:
        relations = sorted({p.relation for p in proxies})
    return {
        "requires": sorted(required_kinds(rules, shipment)),
        "named_recipients": [
            {
                "role": n.role,
                "name": shown(n.name, NAME, owner=False, about=n.kind),
                "relation": n.relation,
            }
            for n in [*_self_receivers(rules, shipment), *proxies]
        ],
        "substitutes": None
        if substitutes is None
        else {
            "relations": relations,
            "excluded_roles": list(substitutes.get("excluded_roles") or ()),
            "id_check": bool(substitutes.get("id_check")),
        },
        "cash_to_collect_fen": shipment.cod_amount_fen or None,
        "refusal_evidence": list(rules.get("refusal_evidence") or ()),
        "signature_min_points": MIN_POINTS,
    }


def _missing(required: set[str], given: Given) -> list[str]:
    present = {
        "signature": given.signature is not None,
        "pin": bool(given.pin),
        "photo": bool(given.photo_sha256),
        "id_check": given.receiver is not None and bool(given.receiver.id_number),
        "cash": given.cash is not None,
        "seal": bool(given.seal_no),
    }
    missing = sorted(kind for kind in required if not present[kind])
    if given.receiver is None:
        missing.insert(0, "receiver")
    return missing


_FIELDS = {
    "receiver": "receiver",
    "signature": "signature",
    "pin": "pin",
    "photo": "photo_sha256",
    "id_check": "receiver.id_number",
    "cash": "cash",
    "seal": "seal_no",
}


def _refuse_missing(missing: Sequence[str]) -> Problem:
    return Problem(
        422,
        "proof_missing",
        f"This delivery needs: {', '.join(missing)}.",
        missing=list(missing),
        errors=[
            {"field": _FIELDS[kind], "message": "Required for this product.", "code": "required"}
            for kind in missing
        ],
    )


def _matches(named: NamedRecipient, receiver: Receiver, id_hash: str | None) -> bool:
    if id_hash is not None and named.id_hash is not None:
        return named.id_hash == id_hash and same_name(named.name, receiver.name)
    return same_name(named.name, receiver.name)


#: The middle dots of transcribed names (阿卜杜·艾尼), as keyboards type them.
_NAME_DOTS = str.maketrans(dict.fromkeys("・•‧∙⋅.", "·"))


def name_key(name: str) -> str:
    """A name as compared at the door: full-width forms folded (NFKC), no whitespace, one
    middle dot, letters in one case. Nothing looser: no pinyin, no traditional forms."""
    folded = unicodedata.normalize("NFKC", name)
    return "".join(folded.split()).translate(_NAME_DOTS).casefold()


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def _no_substitutes() -> Problem:
    return Problem(
        422,
        "substitute_not_allowed",
        "This product may only be received by the named recipient in person.",
    )


def _self_receivers(rules: dict[str, Any], shipment: Shipment) -> list[NamedRecipient]:
    """Who may sign as `self`: the named recipients of the product's receiver roles; where
    the product names none, the shipment's recipient when that is a person (not on a return,
    which the sender's side receives)."""
    receivers = rules.get("receivers")
    if receivers:
        return [n for n in shipment.named_recipients if n.role in receivers]
    if not rules.get("self_is_recipient", True) or shipment.recipient_kind not in (
        None,
        "person",
    ):
        return []
    return [NamedRecipient(role=RECIPIENT, name=shipment.recipient_name)]


def _proxies(rules: dict[str, Any], shipment: Shipment) -> list[NamedRecipient]:
    """The proxies the sender named: when there are any, only they may sign instead."""
    if rules.get("substitutes") is None:
        return []
    return [n for n in shipment.named_recipients if n.role == PROXY]


def _relations(substitutes: dict[str, Any], shipment: Shipment) -> list[str] | None:
    return _relations_for(substitutes, shipment.recipient_kind)


def _relations_for(substitutes: dict[str, Any], recipient_kind: str | None) -> list[str] | None:
    relations = substitutes.get("relations")
    if isinstance(relations, dict):
        return relations.get(recipient_kind or "person", [])
    return relations


def check_proxies(rules: dict[str, Any], proxies: Sequence[tuple[str, str]], field: str) -> None:
    """Proxies (name, relation) a sender names for a person: the product must let someone
    sign instead, and each relation must be one it allows (422 otherwise)."""
    if not proxies:
        return
    substitutes = rules.get("substitutes")
    if substitutes is None:
        raise _no_substitutes()
    relations = _relations_for(substitutes, None)
    for index, (_, relation) in enumerate(proxies):
        if relations is not None and relation not in relations:
            raise field_error(
                f"{field}.{index}.relation",
                f"A proxy may be: {', '.join(relations)}.",
                "relation_not_allowed",
            )


def _check_receiver(
    rules: dict[str, Any], shipment: Shipment, receiver: Receiver, checked: Checked
) -> None:
    id_hash = None
    if receiver.id_number:
        if not is_valid_id_number(receiver.id_number):
            raise field_error(
                "receiver.id_number",
                "Not a valid ID number (GB 11643 check digit).",
                "invalid_id_number",
            )
        checked.id_number = normalise(receiver.id_number)
        id_hash = hash_id_number(checked.id_number)
    if receiver.relation == SELF:
        named = _self_receivers(rules, shipment)
        if not named:
            return
        match = next((n for n in named if _matches(n, receiver, id_hash)), None)
        if match is None:
            raise Problem(
                422,
                "receiver_not_named",
                "Only the person named on the shipment may receive it as themselves "
                f"({', '.join(sorted({n.role for n in named}))}); name and ID must match. "
                "Anyone else signs as a substitute, saying how they are related.",
            )
        checked.named_role = match.role
        return
    substitutes = rules.get("substitutes")
    if substitutes is None:
        raise _no_substitutes()
    relations = _relations(substitutes, shipment)
    if relations is not None and receiver.relation not in relations:
        raise field_error(
            "receiver.relation",
            f"A substitute may be: {', '.join(relations)}.",
            "relation_not_allowed",
        )
    excluded = [
        n for n in shipment.named_recipients if n.role in (substitutes.get("excluded_roles") or ())
    ]
    barred = next((n for n in excluded if _matches(n, receiver, id_hash)), None)
    if barred is not None:
        raise Problem(
            422,
            "substitute_barred",
            f"The {barred.role.replace('_', ' ')} may not sign as a substitute.",
            role=barred.role,
        )
    _check_proxy(rules, shipment, receiver, checked)
    if substitutes.get("id_check"):
        checked.required.add("id_check")
    adults_only = substitutes.get("adult_relations") or ()
    if (
        receiver.relation in adults_only
        and checked.id_number
        and _age(checked.id_number, clock.now().date()) < ADULT_AGE
    ):
        raise Problem(
            422,
            "substitute_not_adult",
            f"A {receiver.relation.replace('_', ' ')} signing instead must be an adult.",
        )


def _check_proxy(
    rules: dict[str, Any], shipment: Shipment, receiver: Receiver, checked: Checked
) -> None:
    """Where the sender named proxies, a substitute must be one of them: same name (as for
    `self`) and the relation they were named with."""
    proxies = _proxies(rules, shipment)
    if not proxies:
        return
    if not any(
        p.relation == receiver.relation and same_name(p.name, receiver.name) for p in proxies
    ):
        raise Problem(
            422,
            "proxy_not_named",
            "Only the recipient or a proxy named on the order may receive it "
            f"({', '.join(sorted({p.relation for p in proxies}))}); name and relation "
            "must match.",
        )
    checked.named_role = PROXY


def _age(id_number: str, today: date) -> int:
    """Age in whole years from the birth date a GB 11643 number carries (digits 7-14)."""
    try:
        born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        raise field_error(
            "receiver.id_number", "The ID number holds no valid birth date.", "invalid_id_number"
        ) from None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _check_cash(shipment: Shipment, cash: Cash) -> None:
    if cash.amount_fen != shipment.cod_amount_fen:
        raise field_error(
            "cash.amount_fen",
            f"Collect exactly {shipment.cod_amount_fen} fen.",
            "cash_amount_mismatch",
        )
    if cash.method not in CASH_METHODS:
        raise field_error("cash.method", f"One of {', '.join(CASH_METHODS)}.")


def check(rules: dict[str, Any], shipment: Shipment, given: Given) -> Checked:
    """Raise 422 unless `given` is the proof this shipment's product requires."""
    checked = Checked(required=required_kinds(rules, shipment))
    if given.damaged:
        checked.required.add("photo")
    if given.receiver is not None:
        _check_receiver(rules, shipment, given.receiver, checked)
    missing = _missing(checked.required, given)
    if missing:
        raise _refuse_missing(missing)
    if given.signature is not None:
        checked.signature = parse(given.signature)
    if given.cash is not None:
        if not shipment.cod_amount_fen:
            raise field_error("cash", "Nothing is to be collected for this item.", "no_cash_due")
        _check_cash(shipment, given.cash)
    return checked


@dataclass(frozen=True)
class PhoneCall:
    """A call to the recipient from the door (not an attempt of its own)."""

    called_at: datetime
    reached: bool


@dataclass(frozen=True)
class Witness:
    name: str
    affiliation: str | None = None


@dataclass(frozen=True)
class Refusal:
    reason: str
    witness: Witness | None = None
    photo_sha256: str | None = None


@dataclass(frozen=True)
class Failure:
    """A visit that did not hand the item over, as the courier sent it."""

    reason_code: str
    note: str | None = None
    phone_call: PhoneCall | None = None
    refusal: Refusal | None = None


def check_refusal(rules: dict[str, Any], refusal: Refusal | None) -> None:
    """A refusal records its reason, and where the product asks, a witness and/or a photo."""
    if refusal is None or not refusal.reason:
        raise field_error("refusal.reason", "Say why the item was refused.", "required")
    needed = rules.get("refusal_evidence") or ()
    present = {
        "witness": refusal.witness is not None,
        "photo": bool(refusal.photo_sha256),
    }
    if needed and not any(present[kind] for kind in needed):
        raise Problem(
            422,
            "proof_missing",
            f"A refusal of this product needs one of: {', '.join(needed)}.",
            missing=list(needed),
            errors=[
                {
                    "field": f"refusal.{'photo_sha256' if k == 'photo' else k}",
                    "message": "Required.",
                    "code": "required",
                }
                for k in needed
            ],
        )
