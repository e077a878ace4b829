"""Insurance rules per product: caps, fixed cover, none for court documents, premiums in
fen; refusals name the cap; the insured amount and premium are on every receipt."""

from __future__ import annotations

import pytest

from courier_api.core import clock
from courier_api.core.errors import Problem
from courier_api.network.catalogue import DEFAULT_PRODUCTS
from courier_api.shipments.pricing import Parcel, insurance
from tests.helpers import assert_problem, at_local, login_citizen, quote


@pytest.fixture
def citizen(client, world) -> dict[str, str]:
    """A sender who quotes at 10:00 in Shanghai (the root fixture; this package's conftest
    overrides `citizen` with an owner of posted shipments)."""
    clock.freeze(at_local(10, 0))
    return login_citizen(client)


def cover(product: str, declared: int = 0, insured: int = 0) -> tuple[int, int]:
    return insurance(DEFAULT_PRODUCTS[product], Parcel(1000, declared, insured))


def refusal(product: str, declared: int = 0, insured: int = 0) -> Problem:
    with pytest.raises(Problem) as refused:
        cover(product, declared, insured)
    return refused.value


@pytest.mark.parametrize(
    ("product", "cap"),
    [("express", 2_000_000), ("prescription", 500_000), ("medical_record", 500_000)],
)
def test_declared_value_caps_per_product(product, cap):
    assert cover(product, cap, cap) == (cap, cap // 100)
    over = refusal(product, cap + 1)
    assert (over.code, over.extra["cap_fen"]) == ("declared_value_over_cap", cap)
    assert over.errors[0]["field"] == "declared_value_fen"


def test_the_insured_amount_may_not_exceed_the_declared_value():
    assert cover("express", 300_000, 300_000) == (300_000, 3_000)
    over = refusal("express", 300_000, 300_001)
    assert over.extra["cap_fen"] == 300_000
    assert over.errors[0] == {
        "field": "insured_amount_fen",
        "code": "insured_over_declared",
        "message": "At most 300000 fen.",
    }


@pytest.mark.parametrize(
    ("product", "fixed"), [("birth_certificate", 50_000), ("traffic_archive", 100_000)]
)
def test_fixed_cover_costs_no_premium_and_cannot_be_raised(product, fixed):
    assert cover(product) == (fixed, 0)
    assert cover(product, 0, fixed) == (fixed, 0)
    over = refusal(product, 0, fixed + 1)
    assert (over.errors[0]["code"], over.extra["cap_fen"]) == ("insured_over_cap", fixed)


def test_court_documents_carry_no_insurance():
    assert cover("court_document") == (0, 0)
    assert refusal("court_document", 0, 1).errors[0]["code"] == "insurance_not_offered"


@pytest.mark.parametrize(
    ("insured", "premium"),
    [
        (1, 100),  # the minimum premium
        (10_000, 100),  # 1 % is exactly the minimum
        (10_049, 100),  # 100.49 rounds down
        (10_050, 101),  # 100.50 rounds half up
        (123_456, 1_235),  # 1,234.56 -> 1,235
        (0, 0),  # nothing insured, nothing to pay
    ],
)
def test_premiums_round_to_the_fen(insured, premium):
    assert cover("express", 2_000_000, insured) == (insured, premium)


def test_a_quote_refuses_over_the_cap_and_names_it(client, citizen):
    body = assert_problem(
        quote(client, citizen, declared_value_fen=2_000_001, insured_amount_fen=0),
        422,
        "declared_value_over_cap",
    )
    assert body["cap_fen"] == 2_000_000 and "2000000" in body["detail"]
    ok = quote(client, citizen, declared_value_fen=2_000_000, insured_amount_fen=2_000_000)
    assert ok.status_code == 201
    assert ok.get_json()["premium_fen"] == 20_000


def test_the_insured_amount_and_premium_are_on_the_order_and_the_shipment(client, citizen):
    q = quote(client, citizen, declared_value_fen=300_000, insured_amount_fen=123_456).get_json()
    assert (q["insured_amount_fen"], q["premium_fen"]) == (123_456, 1_235)
    order = client.post(
        "/v1/pickups", json={"quote_id": q["id"]}, headers={**citizen, "Idempotency-Key": "ins-1"}
    ).get_json()
    [receipt] = order["shipments"]
    assert (receipt["insured_amount_fen"], receipt["premium_fen"]) == (123_456, 1_235)
    shipment = client.get(f"/v1/shipments/{receipt['waybill']}", headers=citizen).get_json()
    assert (shipment["insured_amount_fen"], shipment["premium_fen"]) == (123_456, 1_235)
    assert shipment["declared_value_fen"] == 300_000
