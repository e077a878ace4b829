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
    "cancel_after_arrival_fen": 500,
}

_NEXT_DAY = {"day_offset": 1, "by_area": {"urban": "13:00", "fringe": "13:00", "township": "18:00"}}

# `pin_to_citizen_owner`: the recipient is the citizen who owns the shipment (the patient,
# the parent), so the PIN goes to them in WeChat; other recipients get it by SMS.
_PATIENT_PROOF = {
    "any_of": ["signature", "pin"],
    "id_check": False,
    "substitutes": "named_proxy",
    "pin_to_citizen_owner": True,
}

DEFAULT_PRODUCTS: dict[str, dict[str, Any]] = {
    "express": {
        "waybill_prefix": "EA",
        "name": "On-demand pickup, next-morning delivery",
        "name_zh": "次晨达",
        "pickup": {"kind": "on_demand", "door_within_min": 60},
        "delivery": {**_NEXT_DAY, "extra_day_after_cutoff": True},
        "proof": {
            "any_of": ["signature", "pin"],
            "pin_when_chosen": True,
            "id_check": False,
            "substitutes": "any_adult",
        },
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
        "delivery": {**_NEXT_DAY, "cold_chain_same_day": True},
        "proof": dict(_PATIENT_PROOF),
        "max_attempts": 2,
        "insurance": {"mode": "optional", "max_declared_fen": 500_000},
        "fees": {"flat_fen": 1_000, **_COMMON_FEES},
        "cod_allowed": False,
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
        "proof": {
            "all_of": ["signature", "id_check"],
            "id_check": True,
            "substitutes": "none",
            "named_recipients_only": True,
            "pin_to_citizen_owner": True,
        },
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
        "proof": {
            "all_of": ["signature", "id_check"],
            "id_check": True,
            "substitutes": "court_rules",
            "refusal_allowed": True,
            "outcomes": ["served", "served_by_lodging", "refused", "undeliverable"],
        },
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
        "proof": {
            "all_of": ["signature"],
            "id_check_when_to_driver": True,
            "substitutes": "office_clerk",
            "sealed_bag": True,
        },
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
