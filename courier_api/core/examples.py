"""Request and answer examples of the main operations, by operationId (#27).

Recorded from a real flow on the test world (then tokens shortened); `core/spec.py` puts
them on their operations, `tests/test_contract_examples.py` checks each against its schema
in the committed contract and sends each request example to the server."""

from __future__ import annotations

from typing import Any

#: What a quote and the shipments of its pickup say of the price and the options.
PRICE: dict[str, Any] = {
    "currency": "CNY",
    "base_fen": 1600,
    "insurance_premium_fen": 2000,
    "pin_sign_off_fen": 0,
    "cod_fee_fen": 0,
    "total_fen": 3600,
    "lines": [
        {"code": "first_kg", "amount_fen": 1200},
        {"code": "extra_weight", "amount_fen": 400},
        {"code": "insurance_premium", "amount_fen": 2000},
    ],
    "itemised": True,
}
OPTIONS: dict[str, Any] = {
    "declared_value_fen": 300000,
    "insured_amount_fen": 200000,
    "pin_sign_off": False,
    "cod_amount_fen": 0,
}

#: A courier as created and as listed.
COURIER: dict[str, Any] = {
    "id": "cou_01M934ATY0TSV5KS2H00XYVKK9",
    "employee_no": "C-0042",
    "name": "张伟",
    "phone": "13800138042",
    "station_id": "stn_01M934ATJ8NDR3W28THMEMR6T2",
    "capacity": 5,
    "active": True,
    "device_bound": False,
    "device_bound_at": None,
    "created_at": "2026-11-23T02:00:00Z",
}

#: A pickup order as created and as read back.
PICKUP: dict[str, Any] = {
    "id": "pko_01M934ATPRRFJ3XWVNB3S41MCH",
    "state": "open",
    "product": "express",
    "origin_station_id": "stn_01M934ATJ8NDR3W28THMEMR6T2",
    "pickup": {"name": "王小明", "phone": "13800138000", "address": "中山市孙文中路1号3栋502室"},
    "promise_start": "2026-11-23T02:00:00Z",
    "pickup_by": "2026-11-23T03:00:00Z",
    "promised_beyond_hour": False,
    "currency": "CNY",
    "total_fee_fen": 3600,
    "cancel_fee_fen": 0,
    "cancelled_at": None,
    "task": {
        "id": "tsk_01M934ATQ52VSTF2WMSXD5X09C",
        "state": "open",
        "courier_id": None,
        "accepted_at": None,
        "arrived_at": None,
    },
    "shipments": [
        {
            "id": "shp_01M934ATPT7Z24QKFYX9A8SFX4",
            "waybill": "EA000000014CN",
            "state": "awaiting_pickup",
            "fee_fen": 3600,
            "insured_amount_fen": 200000,
            "premium_fen": 2000,
            "price": PRICE,
            "options": OPTIONS,
            "deliver_by": "2026-11-24T05:00:00Z",
        }
    ],
    "created_at": "2026-11-23T02:00:00Z",
}

#: operationId -> {"request": body or None, "status": answer status, "response": body}
EXAMPLES: dict[str, dict[str, Any]] = {
    "loginWithWechat": {
        "request": {"code": "demo-sender"},
        "status": 200,
        "response": {
            "token_type": "Bearer",
            "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…",
            "expires_in": 900,
            "refresh_token": "rt_…",
            "refresh_expires_in": 2592000,
            "principal": {
                "kind": "citizen",
                "id": "ctz_01M934ATMQY05HC066CNFPPPRT",
                "role": "citizen",
                "station_ids": [],
                "organisation_id": None,
            },
        },
    },
    "createQuote": {
        "request": {
            "product": "express",
            "pickup": {
                "name": "王小明",
                "phone": "13800138000",
                "address": "中山市孙文中路1号3栋502室",
                "lat": 22.52,
                "lng": 113.38,
            },
            "recipient": {
                "name": "李四",
                "phone": "13912345678",
                "address": "中山市博爱路88号2栋101室",
                "lat": 22.52,
                "lng": 113.45,
            },
            "weight_g": 2500,
            "insured_amount_fen": 200000,
            "declared_value_fen": 300000,
        },
        "status": 201,
        "response": {
            "id": "quo_01M934ATP928CFD2K0ZA73Y1KH",
            "expires_at": "2026-11-23T02:15:00Z",
            "product": "express",
            "catalogue_version": 1,
            "origin_station_id": "stn_01M934ATJ8NDR3W28THMEMR6T2",
            "destination_station_id": "stn_01M934ATJE7GVWQ72SD94AF5J4",
            "currency": "CNY",
            "fee_lines": [
                {"code": "first_kg", "amount_fen": 1200},
                {"code": "extra_weight", "amount_fen": 400},
                {"code": "insurance_premium", "amount_fen": 2000},
            ],
            "total_fen": 3600,
            "insured_amount_fen": 200000,
            "premium_fen": 2000,
            "price": PRICE,
            "options": OPTIONS,
            "promise_start": "2026-11-23T02:00:00Z",
            "pickup_by": "2026-11-23T03:00:00Z",
            "deliver_by": "2026-11-24T05:00:00Z",
            "station_open_now": True,
            "notice": None,
            "promise_available": True,
        },
    },
    "createPickup": {
        "request": {"quote_id": "quo_01M934ATP928CFD2K0ZA73Y1KH"},
        "status": 201,
        "response": PICKUP,
    },
    "getPickup": {"request": None, "status": 200, "response": PICKUP},
    "createCourier": {
        "request": {
            "employee_no": "C-0042",
            "name": "张伟",
            "phone": "13800138042",
            "station_id": "stn_01M934ATJ8NDR3W28THMEMR6T2",
            "password": "initial password 42",
        },
        "status": 201,
        "response": COURIER,
    },
    "listCouriers": {
        "request": None,
        "status": 200,
        "response": {
            "items": [
                COURIER,
                {
                    "id": "cou_01M934ATK76CMCH09MDT4Q4P43",
                    "employee_no": "E0002",
                    "name": "courier_b",
                    "phone": "13900000000",
                    "station_id": "stn_01M934ATJE7GVWQ72SD94AF5J4",
                    "capacity": 5,
                    "active": True,
                    "device_bound": False,
                    "device_bound_at": None,
                    "created_at": "2026-12-05T12:54:44.084686Z",
                },
            ],
            "next_cursor": "eyJhZnRlciI6ICJjb3VfMDFNOTM0QVRLNzZDTUNIMDlNRFQ0UTRQNDMifQ",
        },
    },
}
