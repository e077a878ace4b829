"""What a delivery must carry, from the product's catalogue rules, and whether what the
courier sent is enough. Pure checks: no writes, no Flask.

A refusal lists everything missing at once (`proof_missing`), so the handheld can show
the courier the whole list, not one item per retry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from courier_api.core import clock
from courier_api.core.errors import Problem, field_error
from courier_api.core.idnumber import is_valid_id_number, normalise
from courier_api.core.masking import mask_name
from courier_api.delivery.models import CASH_METHODS
from courier_api.delivery.signature import MIN_POINTS, Signature, parse
from courier_api.shipments.models import NamedRecipient, Shipment
from courier_api.shipments.service import hash_id_number

SELF = "self"
ADULT_AGE = 18
#: What a return to the sender needs: whoever receives for the sender signs.
RETURN_RULES: dict[str, Any] = {
    "requires": ["signature"],
    "pin": None,
    "receivers": None,
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
class Given:
    """The proof as the courier sent it (schema-validated shapes, not yet checked)."""

    receiver: Receiver | None = None
    signature: Any = None
    photo_sha256: str | None = None
    pin: str | None = None
    cash: dict[str, Any] | None = None
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
    receivers = rules.get("receivers") or ()
    substitutes = rules.get("substitutes")
    relations = None if substitutes is None else substitutes.get("relations")
    if isinstance(relations, dict):
        relations = relations.get(shipment.recipient_kind or "person", [])
    return {
        "requires": sorted(required_kinds(rules, shipment)),
        "named_recipients": [
            {"role": n.role, "name": mask_name(n.name)}
            for n in shipment.named_recipients
            if n.role in receivers
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
        return named.id_hash == id_hash and _same_name(named.name, receiver.name)
    return _same_name(named.name, receiver.name)


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()


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
    receivers = rules.get("receivers")
    named = [n for n in shipment.named_recipients if receivers and n.role in receivers]
    if receiver.relation == SELF:
        if not named:
            return
        match = next((n for n in named if _matches(n, receiver, id_hash)), None)
        if match is None:
            raise Problem(
                422,
                "receiver_not_named",
                "Only the person named on the shipment may receive it "
                f"({', '.join(sorted({n.role for n in named}))}); name and ID must match.",
            )
        checked.named_role = match.role
        return
    substitutes = rules.get("substitutes")
    if substitutes is None:
        raise Problem(
            422,
            "substitute_not_allowed",
            "This product may only be received by the named recipient in person.",
        )
    relations = substitutes.get("relations")
    if isinstance(relations, dict):
        relations = relations.get(shipment.recipient_kind or "person", [])
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


def _age(id_number: str, today: date) -> int:
    """Age in whole years from the birth date a GB 11643 number carries (digits 7-14)."""
    try:
        born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        raise field_error(
            "receiver.id_number", "The ID number holds no valid birth date.", "invalid_id_number"
        ) from None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _check_cash(shipment: Shipment, cash: dict[str, Any]) -> None:
    if cash["amount_fen"] != shipment.cod_amount_fen:
        raise field_error(
            "cash.amount_fen",
            f"Collect exactly {shipment.cod_amount_fen} fen.",
            "cash_amount_mismatch",
        )
    if cash["method"] not in CASH_METHODS:
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


def check_refusal(rules: dict[str, Any], refusal: dict[str, Any] | None) -> None:
    """A refusal records its reason, and where the product asks, a witness and/or a photo."""
    if refusal is None or not refusal.get("reason"):
        raise field_error("refusal.reason", "Say why the item was refused.", "required")
    needed = rules.get("refusal_evidence") or ()
    present = {
        "witness": refusal.get("witness") is not None,
        "photo": bool(refusal.get("photo_sha256")),
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
