"""The product catalogue's default numbers (DESIGN.md), as data.

Every product rule the code applies (promise, proof, attempts, insurance, fees) is read
from a catalogue version stored in the database; these are the values of version 1.
Amounts are integer fen; rates are basis points (100 bp = 1 %).
"""

from __future__ import annotations

from typing import Any

_COMMON_FEES = {
    "premium_rate_bp": 100,
    "premium_min_fen": 100,
    "pin_fee_fen": 100,
    "cod_rate_bp": 100,
    "cod_min_fen": 200,
    # False: the COD fee is billed with the postage and the sender is remitted all of the
    # COD; True: the remittance keeps the fee (docs/cod.md).
    "cod_fee_netted": False,
    "cancel_after_arrival_fen": 500,
}

#: Who may sign instead of the addressee: someone who says who they are and how they are
#: related. A neighbour is not on the list: a failed item goes back to the station.
_ADULT_SUBSTITUTES = {
    "relations": ["family", "housemate", "colleague", "reception", "property_management", "agent"],
    "excluded_roles": [],
    "id_check": False,
}


def _proof(
    *,
    requires: list[str] | None = None,
    pin: str | None = "when_chosen",
    receivers: list[str] | None = None,
    id_check_roles: list[str] | None = None,
    substitutes: dict[str, Any] | None = None,
    refusal_evidence: list[str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """What a delivery of the product must carry (read by `delivery.proof`).

    - requires: proof kinds always needed (signature, id_check, photo);
    - pin: "when_chosen": the PIN replaces the signature when the sender chose PIN sign-off;
    - receivers: named-recipient roles who alone may sign for themselves (None: anyone);
    - id_check_roles: an ID check is needed when a named recipient has one of these roles;
    - substitutes: None when nobody may sign instead, else the allowed relations (a list,
      or a list per recipient kind: person, organisation), the relations that must be
      adults (age read from the ID number), the named roles that may never sign as a
      substitute, and whether the substitute shows ID;
    - sealed_bag: the item travels in a sealed bag whose number every hand-over and the
      delivery must match;
    - refusal_evidence: a refusal needs at least one of these besides its reason;
    - recipient_confirms: recipient kinds (the shipment's `recipient_kind`) that confirm
      receipt themselves, through their own system: the courier's deliver is refused.
    """
    return {
        "requires": requires or ["signature"],
        "pin": pin,
        "receivers": receivers,
        "id_check_roles": id_check_roles or [],
        "substitutes": substitutes,
        "refusal_evidence": refusal_evidence or [],
        **extra,
    }


#: 药品管理法 art. 61 and the prohibited-items catalogue: narcotic, psychotropic and other
#: special-management drugs may not be mailed. An item is refused when the hospital's system
#: gives one of these categories, or when its name contains one of these substances.
_PROHIBITED_MEDICINES = {
    "categories": [
        "narcotic",
        "psychotropic",
        "medical_toxic",
        "radioactive",
        "precursor_chemical",
    ],
    "names": [
        "吗啡",
        "芬太尼",
        "舒芬太尼",
        "瑞芬太尼",
        "哌替啶",
        "美沙酮",
        "可待因",
        "羟考酮",
        "氢吗啡酮",
        "丁丙诺啡",
        "氯胺酮",
        "曲马多",
        "地西泮",
        "艾司唑仑",
        "阿普唑仑",
        "三唑仑",
        "咪达唑仑",
        "苯巴比妥",
        "麻黄碱",
        "morphine",
        "fentanyl",
        "pethidine",
        "methadone",
        "codeine",
        "oxycodone",
        "ketamine",
        "tramadol",
        "diazepam",
    ],
}

_NEXT_DAY = {"day_offset": 1, "by_area": {"urban": "13:00", "fringe": "13:00", "township": "18:00"}}

#: The recipient is the citizen who owns the shipment (the patient), so the PIN goes to
#: them in WeChat (`pin_to_citizen_owner`); other recipients get it by SMS.
_PATIENT_PROOF = _proof(substitutes=_ADULT_SUBSTITUTES, pin_to_citizen_owner=True)

DEFAULT_PRODUCTS: dict[str, dict[str, Any]] = {
    "express": {
        "waybill_prefix": "EA",
        "name": "On-demand pickup, next-morning delivery",
        "name_zh": "次晨达",
        "pickup": {"kind": "on_demand", "door_within_min": 60},
        "delivery": {**_NEXT_DAY, "extra_day_after_cutoff": True},
        "proof": _proof(substitutes=_ADULT_SUBSTITUTES),
        "max_attempts": 2,
        "insurance": {"mode": "optional", "max_declared_fen": 2_000_000},
        "fees": {"first_kg_fen": 1_200, "per_extra_kg_fen": 200, **_COMMON_FEES},
        "cod_allowed": True,
    },
    "prescription": {
        "waybill_prefix": "EM",
        "name": "Prescription delivery",
        "name_zh": "处方药品寄递",
        "pickup": {"kind": "scheduled_run"},
        # Cold-chain items (2-8 °C) reach the patient the same day: by `deliver_by` local
        # time, and the run that collects them must leave `transit_min` for the trip.
        "delivery": {
            **_NEXT_DAY,
            "cold_chain_same_day": {"deliver_by": "20:00", "transit_min": 180},
        },
        "proof": dict(_PATIENT_PROOF),
        "max_attempts": 2,
        "insurance": {"mode": "optional", "max_declared_fen": 500_000},
        "fees": {"flat_fen": 1_000, **_COMMON_FEES},
        "cod_allowed": False,
        "prohibited_medicines": _PROHIBITED_MEDICINES,
    },
    "medical_record": {
        "waybill_prefix": "ER",
        "name": "Medical record / exam report delivery",
        "name_zh": "病历及体检报告寄递",
        "pickup": {"kind": "scheduled_run"},
        "delivery": dict(_NEXT_DAY),
        "proof": dict(_PATIENT_PROOF),
        "max_attempts": 2,
        "insurance": {"mode": "optional", "max_declared_fen": 500_000},
        "fees": {"flat_fen": 1_000, **_COMMON_FEES},
        "cod_allowed": False,
    },
    "birth_certificate": {
        "waybill_prefix": "EB",
        "name": "Birth medical certificate delivery",
        "name_zh": "出生医学证明寄递",
        "pickup": {"kind": "scheduled_run", "same_day_if_ready_before": "15:00"},
        "delivery": dict(_NEXT_DAY),
        # Only the mother or father named on the application, with an ID check; no proxy.
        "proof": _proof(
            requires=["signature", "id_check"],
            pin=None,
            receivers=["mother", "father"],
            pin_to_citizen_owner=True,
        ),
        "max_attempts": 2,
        "insurance": {"mode": "fixed", "fixed_cover_fen": 50_000},
        "fees": {"flat_fen": 1_800, **_COMMON_FEES},
        "cod_allowed": False,
        "postage_on_delivery_allowed": True,
    },
    "court_document": {
        "waybill_prefix": "EC",
        "name": "Court service of documents",
        "name_zh": "法院专递",
        "pickup": {"kind": "scheduled_run"},
        "delivery": {"kind": "per_contract"},
        # 民事诉讼法 arts. 87-91: the addressee or an entitled substitute shows ID: an adult
        # family member living with a person, the legal representative or the mailroom of
        # an organisation; never the opposing party; a refusal needs a witness and/or a
        # photo (basis of 留置送达).
        "proof": _proof(
            requires=["signature", "id_check"],
            pin=None,
            receivers=["addressee"],
            substitutes={
                "relations": {
                    "person": ["cohabiting_family"],
                    "organisation": ["legal_representative", "mailroom", "duty_room", "office"],
                },
                "adult_relations": ["cohabiting_family"],
                "excluded_roles": ["opposing_party"],
                "id_check": True,
            },
            refusal_evidence=["witness", "photo"],
        ),
        # The named results: a witnessed refusal serves a document by lodging (it stays
        # with the addressee), except a mediation document, which goes back; the attempts
        # end in `undeliverable` only after a recorded call that did not reach them.
        "outcomes": {
            "delivered": "served",
            "refused": {"mediation": "refused", "other": "served_by_lodging"},
            "exhausted": "undeliverable",
        },
        "lodged_outcomes": ["served_by_lodging"],
        "exhausted_needs_unreached_call": True,
        "max_attempts": 3,
        "attempt_window_days": 5,
        "insurance": {"mode": "none"},
        "fees": {"flat_fen": 2_000, **_COMMON_FEES},
        "cod_allowed": False,
    },
    "traffic_archive": {
        "waybill_prefix": "ET",
        "name": "Traffic-police driver archive transfer",
        "name_zh": "驾驶人档案转递",
        "pickup": {"kind": "scheduled_run"},
        "delivery": {"kind": "per_contract"},
        # The receiving office confirms receipt itself (shipments whose recipient_kind is
        # "organisation"); a driver receiving at home shows ID. Transfers made before offices
        # confirmed (recipient_kind None) keep the office clerk's signature at the door.
        "proof": _proof(
            pin=None,
            receivers=["driver", "receiving_clerk"],
            id_check_roles=["driver"],
            substitutes={"relations": ["office_clerk"], "excluded_roles": [], "id_check": False},
            sealed_bag=True,
            recipient_confirms=["organisation"],
        ),
        "max_attempts": 2,
        "insurance": {"mode": "fixed", "fixed_cover_fen": 100_000},
        "fees": {"flat_fen": 2_200, **_COMMON_FEES},
        "cod_allowed": False,
    },
}

#: Numbers that apply across products.
DEFAULT_NETWORK_RULES: dict[str, Any] = {
    "quote_valid_min": 15,
    "fast_claim_max_fen": 500_000,
    "claim_window_days": 365,
    "claim_answer_days": 30,
}


def price_list(rules: dict[str, Any]) -> dict[str, Any]:
    """A product's prices as published (`GET /v1/products`): its base, what cover comes with
    it, and each option it offers with the option's fee. `shipments.pricing.price` charges
    exactly this and refuses an option that is not here. Amounts fen, rates basis points.
    """
    fees, insurance = rules["fees"], rules["insurance"]
    if "flat_fen" in fees:
        base = {"flat_fen": fees["flat_fen"]}
    else:
        base = {"first_kg_fen": fees["first_kg_fen"], "per_extra_kg_fen": fees["per_extra_kg_fen"]}
    options: dict[str, dict[str, int]] = {}
    if insurance["mode"] == "optional":
        options["insurance"] = {
            "rate_bp": fees["premium_rate_bp"],
            "min_fen": fees["premium_min_fen"],
            "max_declared_fen": insurance["max_declared_fen"],
        }
    if rules["proof"].get("pin") == "when_chosen":
        options["pin_sign_off"] = {"fee_fen": fees["pin_fee_fen"]}
    if rules.get("cod_allowed"):
        options["cod"] = {"rate_bp": fees["cod_rate_bp"], "min_fen": fees["cod_min_fen"]}
    published: dict[str, Any] = {"base": base, "options": options}
    if insurance["mode"] == "fixed":
        published["included_cover_fen"] = insurance["fixed_cover_fen"]
    if rules["pickup"].get("kind") == "on_demand":
        published["cancel_after_arrival_fen"] = fees["cancel_after_arrival_fen"]
    return published
