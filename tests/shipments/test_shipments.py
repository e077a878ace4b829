"""Waybills, shipment states, owners and masking."""

from __future__ import annotations

import itertools

import pytest

from courier_api.core.geo import gcj02_to_wgs84, haversine_km, wgs84_to_gcj02
from courier_api.core.idnumber import check_character, is_valid_id_number
from courier_api.core.waybill import check_digit, is_valid_waybill, make_waybill
from courier_api.extensions import db
from courier_api.shipments import service
from courier_api.shipments.models import SHIPMENT_STATES, TRANSITIONS, Shipment
from courier_api.shipments.service import Named
from tests.factories import make_api_client, make_organisation, make_shipments, signed
from tests.helpers import assert_problem, login_citizen, login_owner, race


def test_design_vectors():
    assert check_digit("12345678") == 5
    assert is_valid_waybill("EA123456785CN")
    assert not is_valid_waybill("EA123456784CN")
    assert not is_valid_waybill("EA12345678CN")
    assert check_character("11010519491231002") == "X"
    assert is_valid_id_number("11010519491231002x")
    assert not is_valid_id_number("110105194912310021")


def test_check_digit_edge_cases():
    # Remainder 10 -> 0 and 11 -> 5, as the S10 standard maps them.
    serials = {check_digit(f"{n:08d}") for n in range(0, 2000)}
    assert serials <= set(range(10))
    for n in range(2000):
        waybill = make_waybill("EA", n)
        assert is_valid_waybill(waybill)
        assert not is_valid_waybill(waybill[:10] + str((int(waybill[10]) + 1) % 10) + "CN")


def test_waybills_are_issued_in_sequence_per_prefix(app, world):
    with app.app_context():
        first = service.allocate_waybills("EA", 3)
        second = service.allocate_waybills("EA", 2)
        other = service.allocate_waybills("EB", 1)
        db.session.commit()
    serials = [int(w[2:10]) for w in first + second]
    assert serials == list(range(serials[0], serials[0] + 5))
    assert other[0].startswith("EB") and all(map(is_valid_waybill, first + second + other))


@pytest.mark.postgres
def test_concurrent_waybill_issue_never_collides(app, world):
    def issue(n: int) -> list[str]:
        # Even threads reserve blocks straight from the database, as separate worker
        # processes do; odd ones go through this process's shared pool of reserved serials.
        mine = []
        with app.app_context():
            for _ in range(10):
                if n % 2:
                    mine.extend(service.allocate_waybills("EA", 25))
                else:
                    mine.extend(make_waybill("EA", s) for s in service._reserve("EA", 25))
        return mine

    issued = [waybill for batch in race(8, issue) for waybill in batch]
    assert len(issued) == len(set(issued)) == 8 * 10 * 25
    assert all(map(is_valid_waybill, issued))


def test_every_transition_is_allowed_or_refused_with_the_state(app, world):
    with app.app_context():
        [shipment] = make_shipments(world)
        for source, target in itertools.product(SHIPMENT_STATES, repeat=2):
            shipment.state = source
            if target in TRANSITIONS[source]:
                service.check_transition(shipment, target)
            else:
                with pytest.raises(Exception) as refused:
                    service.check_transition(shipment, target)
                assert refused.value.status == 409
                assert refused.value.extra["current_state"] == source
        db.session.rollback()


def test_the_owner_reads_it_in_full_by_id_and_by_waybill_staff_masked(client, as_, app, world):
    with app.app_context():
        [shipment] = make_shipments(world)
        ids = (shipment.id, shipment.waybill)
    for ref in ids:
        response = client.get(f"/v1/shipments/{ref}", headers=as_("clerk_hospital"))
        assert response.status_code == 200
        body = response.get_json()
        assert body["id"] == ids[0] and body["waybill"] == ids[1]
        assert body["recipient"] == {
            "name": "李四",
            "phone": "13912345678",
            "address": "中山市博爱路88号2栋101室",
        }
        assert body["currency"] == "CNY"
    staff = client.get(f"/v1/shipments/{ids[0]}", headers=as_("admin")).get_json()
    assert staff["recipient"] == {
        "name": "李*",
        "phone": "139******78",
        "address": "中山市博爱路88号*栋***室",
    }


def test_who_may_see_a_shipment(client, as_, app, world):
    with app.app_context():
        [shipment] = make_shipments(world, station="A")
        url = f"/v1/shipments/{shipment.id}"
        court_kiosk = make_api_client(world, make_organisation(world, "court"))
        hospital_kiosk = make_api_client(world, "hospital")
    assert client.get(url, headers=as_("dispatcher_a")).status_code == 200  # origin station
    assert client.get(url, headers=as_("dispatcher_b")).status_code == 200  # destination
    assert client.get(url, headers=as_("admin")).status_code == 200
    assert signed(client, "GET", url, hospital_kiosk).status_code == 200
    assert_problem(signed(client, "GET", url, court_kiosk), 404, "shipment_not_found")
    stranger = login_citizen(client, "demo-stranger")
    assert_problem(client.get(url, headers=stranger), 404, "shipment_not_found")
    assert_problem(client.get(url, headers=as_("courier_a")), 403, "forbidden")


def test_citizen_owner_sees_own_shipment(client, app, world):
    sender = login_owner(client, "demo-sender")
    with app.app_context():
        [shipment] = make_shipments(world, owners=(sender.owner,))
    assert (
        client.get(f"/v1/shipments/{shipment.waybill}", headers=sender.headers).status_code == 200
    )


def test_named_recipients_keep_id_numbers_encrypted_and_masked(client, as_, app, world):
    with app.app_context():
        [shipment] = make_shipments(
            world,
            product="birth_certificate",
            named=(Named("mother", "王芳", "11010519491231002X"), Named("father", "张伟")),
        )
        stored = db.session.get(Shipment, shipment.id).named_recipients[0]
        assert "11010519491231002X" not in (stored.id_encrypted or "")
        assert stored.id_hash == service.hash_id_number("11010519491231002x")
    body = client.get(f"/v1/shipments/{shipment.id}", headers=as_("admin")).get_json()
    assert body["named_recipients"][0] == {
        "role": "mother",
        "name": "王*",
        "id_number": "110105********002X",
    }
    assert "11010519491231002X" not in str(body)


def test_an_invalid_id_number_is_refused(app, world):
    with app.app_context(), pytest.raises(Exception) as refused:
        make_shipments(world, named=(Named("addressee", "赵六", "110105194912310021"),))
    assert refused.value.status == 422
    assert refused.value.errors[0]["code"] == "invalid_id_number"


def test_gcj02_converts_back_to_wgs84_within_a_metre():
    for lat, lng in ((22.5176, 113.3826), (39.9042, 116.4074), (32.99, 112.53)):
        g_lat, g_lng = wgs84_to_gcj02(lat, lng)
        assert haversine_km(lat, lng, g_lat, g_lng) > 0.1  # the offset is real (hundreds of m)
        back = gcj02_to_wgs84(g_lat, g_lng)
        assert haversine_km(lat, lng, *back) < 0.001
