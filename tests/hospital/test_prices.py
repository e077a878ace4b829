"""Hospital orders are priced from the catalogue like every product (issue #23 item 1): a
PIN sign-off costs the published PIN fee, insurance its premium."""

from __future__ import annotations

from tests.factories import order_body


def test_a_pin_prescription_costs_the_published_pin_fee(client, kiosk):
    plain = kiosk(order_body("RX1")).get_json()
    pinned = kiosk(order_body("RX2", pin_sign_off=True)).get_json()
    assert plain["fee_fen"] == 1_000 and plain["price"]["pin_sign_off_fen"] == 0
    assert pinned["fee_fen"] == 1_100
    assert pinned["price"]["base_fen"] == 1_000 and pinned["price"]["pin_sign_off_fen"] == 100
    assert pinned["price"]["lines"] == [
        {"code": "flat", "amount_fen": 1_000},
        {"code": "pin_sign_off", "amount_fen": 100},
    ]
    assert pinned["options"]["pin_sign_off"] is True and plain["options"]["pin_sign_off"] is False


def test_an_insured_medical_record_with_a_pin_shows_every_part(client, kiosk):
    body = order_body(
        "MR1",
        product="medical_record",
        declared_value_fen=30_000,
        insured_amount_fen=30_000,
        pin_sign_off=True,
    )
    created = kiosk(body)
    assert created.status_code == 201, created.get_json()
    delivery = created.get_json()
    assert delivery["price"]["insurance_premium_fen"] == 300  # 1 % of 30,000
    assert delivery["fee_fen"] == delivery["price"]["total_fen"] == 1_000 + 300 + 100
    assert delivery["options"] == {
        "declared_value_fen": 30_000,
        "insured_amount_fen": 30_000,
        "pin_sign_off": True,
        "cod_amount_fen": 0,
    }
