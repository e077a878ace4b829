"""Prices as published (issue #23 item 1): every product is priced by one function from
its catalogue entry, options included; `/v1/products` publishes exactly what is charged;
responses show the price by part and echo the options chosen; shipments priced before
the lines were kept show their recorded total."""

from __future__ import annotations

import copy

import pytest
import sqlalchemy as sa

from courier_api.core.errors import Problem
from courier_api.extensions import db
from courier_api.network.catalogue import DEFAULT_PRODUCTS, price_list
from courier_api.shipments.models import Shipment
from courier_api.shipments.pricing import Parcel, breakdown, price
from tests.factories import make_shipments
from tests.helpers import order_pickup, quote

ALL_OPTIONS = Parcel(
    weight_g=800,
    declared_value_fen=40_000,
    insured_amount_fen=30_000,
    cod_amount_fen=50_000,
    pin_sign_off=True,
)


@pytest.mark.parametrize("code", sorted(DEFAULT_PRODUCTS))
def test_every_product_charges_its_published_base_and_options(code):
    rules = DEFAULT_PRODUCTS[code]
    published = price_list(rules)
    offered = published["options"]
    parcel = Parcel(
        weight_g=800,
        declared_value_fen=40_000 if "insurance" in offered else 0,
        insured_amount_fen=30_000 if "insurance" in offered else 0,
        cod_amount_fen=50_000 if "cod" in offered else 0,
        pin_sign_off="pin_sign_off" in offered,
    )
    charged = breakdown(price(rules, parcel).lines, 0, 0)
    assert charged["base_fen"] == published["base"].get("flat_fen", 1_200)
    assert charged["insurance_premium_fen"] == (300 if "insurance" in offered else 0)  # 1 %
    assert charged["pin_sign_off_fen"] == (100 if "pin_sign_off" in offered else 0)
    assert charged["cod_fee_fen"] == (500 if "cod" in offered else 0)  # 1 % of 50,000


@pytest.mark.parametrize("code", sorted(DEFAULT_PRODUCTS))
def test_an_option_a_product_does_not_publish_is_refused(code):
    rules = DEFAULT_PRODUCTS[code]
    offered = price_list(rules)["options"]
    for option, field, asked in (
        ("pin_sign_off", "pin_sign_off", Parcel(weight_g=1, pin_sign_off=True)),
        ("cod", "cod_amount_fen", Parcel(weight_g=1, cod_amount_fen=10_000)),
    ):
        if option in offered:
            continue
        with pytest.raises(Problem) as refused:
            price(rules, asked)
        assert refused.value.status == 422
        assert refused.value.errors[0]["field"] == field


def test_the_numbers_come_from_the_catalogue_not_the_code():
    rules = copy.deepcopy(DEFAULT_PRODUCTS["prescription"])
    rules["fees"].update(flat_fen=1_234, pin_fee_fen=150, premium_rate_bp=200)
    charged = price(
        rules,
        Parcel(weight_g=0, declared_value_fen=20_000, insured_amount_fen=20_000, pin_sign_off=True),
    )
    assert charged.lines == [
        {"code": "flat", "amount_fen": 1_234},
        {"code": "insurance_premium", "amount_fen": 400},
        {"code": "pin_sign_off", "amount_fen": 150},
    ]
    assert price_list(rules)["options"]["pin_sign_off"] == {"fee_fen": 150}


def test_the_price_list_publishes_only_what_each_product_offers(client, world):
    products = {p["code"]: p["prices"] for p in client.get("/v1/products").get_json()["products"]}
    assert products["express"] == {
        "base": {"first_kg_fen": 1_200, "per_extra_kg_fen": 200},
        "options": {
            "insurance": {"rate_bp": 100, "min_fen": 100, "max_declared_fen": 2_000_000},
            "pin_sign_off": {"fee_fen": 100},
            "cod": {"rate_bp": 100, "min_fen": 200},
        },
        "cancel_after_arrival_fen": 500,
    }
    assert products["prescription"]["base"] == {"flat_fen": 1_000}
    assert set(products["prescription"]["options"]) == {"insurance", "pin_sign_off"}
    assert products["birth_certificate"] == {
        "base": {"flat_fen": 1_800},
        "options": {},
        "included_cover_fen": 50_000,
    }
    assert products["court_document"] == {"base": {"flat_fen": 2_000}, "options": {}}
    assert products["traffic_archive"]["included_cover_fen"] == 100_000


def test_a_quote_and_its_order_show_the_price_by_part_and_the_options_chosen(client, citizen):
    asked = quote(client, citizen, pin_sign_off=True, cod_amount_fen=10_000).get_json()
    by_part = {
        "currency": "CNY",
        "base_fen": 1_600,  # 1,200 for the first kg + 2 × 200 (2.5 kg)
        "insurance_premium_fen": 2_000,
        "pin_sign_off_fen": 100,
        "cod_fee_fen": 200,
        "total_fen": 3_900,
        "itemised": True,
    }
    assert {k: v for k, v in asked["price"].items() if k != "lines"} == by_part
    assert asked["price"]["lines"] == asked["fee_lines"]
    chosen = {
        "declared_value_fen": 300_000,
        "insured_amount_fen": 200_000,
        "pin_sign_off": True,
        "cod_amount_fen": 10_000,
    }
    assert asked["options"] == chosen

    ordered = client.post(
        "/v1/pickups", json={"quote_id": asked["id"]}, headers={**citizen, "Idempotency-Key": "p"}
    ).get_json()
    [shipment] = ordered["shipments"]
    assert shipment["price"] == asked["price"] and shipment["options"] == chosen
    read = client.get(f"/v1/shipments/{shipment['id']}", headers=citizen).get_json()
    assert read["price"] == asked["price"] and read["options"] == chosen
    assert read["fee_fen"] == 3_900


def test_a_plain_order_shows_zero_for_the_options_it_did_not_choose(client, citizen):
    [shipment] = order_pickup(client, citizen)["shipments"]
    assert shipment["price"]["pin_sign_off_fen"] == 0 and shipment["price"]["cod_fee_fen"] == 0
    assert shipment["options"]["pin_sign_off"] is False


def test_a_shipment_priced_before_the_lines_were_kept_shows_its_recorded_price(
    client, app, world, as_
):
    with app.app_context():
        [old] = make_shipments(world, fee_fen=1_700, premium_fen=500)
        old_id = old.id
        # As migration 9c5e7a1b3d42 leaves the rows it found.
        db.session.execute(
            sa.update(Shipment).where(Shipment.id == old_id).values(fee_lines=sa.null())
        )
        db.session.commit()
    seen = client.get(f"/v1/shipments/{old_id}", headers=as_("admin")).get_json()
    assert seen["fee_fen"] == 1_700
    assert seen["price"] == {
        "currency": "CNY",
        "base_fen": None,
        "insurance_premium_fen": 500,
        "pin_sign_off_fen": None,
        "cod_fee_fen": None,
        "total_fen": 1_700,
        "lines": [],
        "itemised": False,
    }
