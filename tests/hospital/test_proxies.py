"""A hospital names proxies when it orders: at the door only the patient (as `self`, by
name) or a named proxy (name and relation) receives the medicine."""

from __future__ import annotations

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.extensions import db
from courier_api.hospital.models import HospitalDelivery
from tests.factories import SIGNATURE, order_body
from tests.helpers import assert_problem, at_local, station_in

DAUGHTER = {"name": "张小红", "relation": "family"}


def test_proxies_must_be_of_a_relation_the_product_allows(kiosk, app):
    problem = assert_problem(
        kiosk(order_body(proxies=[DAUGHTER, {"name": "李邻", "relation": "neighbour"}])),
        422,
        "validation_failed",
    )
    assert problem["errors"][0] == {
        "field": "proxies.1.relation",
        "code": "relation_not_allowed",
        "message": problem["errors"][0]["message"],
    }
    too_many = [DAUGHTER] * 4
    assert_problem(kiosk(order_body(proxies=too_many)), 422, "validation_failed")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(HospitalDelivery)) == 0


def test_only_the_patient_or_a_named_proxy_receives(
    client, kiosk, as_, world, build_runs, collect, load
):
    ordered = kiosk(order_body(proxies=[DAUGHTER]))
    assert ordered.status_code == 201, ordered.get_json()
    delivery = ordered.get_json()
    # The hospital named the proxy: it sees the name it sent (others: masked).
    assert delivery["proxies"] == [{"name": "张小红", "relation": "family"}]
    waybill = delivery["waybill"]
    clock.freeze(at_local(11, 0))
    [run_id] = build_runs()
    run = client.get(f"/v1/hospital/runs/{run_id}", headers=as_("clerk_hospital")).get_json()
    clock.freeze(at_local(11, 10))
    collect(run["task"]["id"], [waybill])
    clock.freeze(at_local(12, 0))
    assert station_in(client, as_("dispatcher_a"), world, [{"waybill": waybill}]).status_code == 200
    [task_id] = load([waybill])

    def at_door(receiver: dict):
        return client.post(
            f"/v1/courier/tasks/{task_id}/deliver",
            json={"receiver": receiver, "signature": SIGNATURE},
            headers=as_("courier_a"),
        )

    # The field's case: another name signing as the patient.
    assert_problem(at_door({"name": "李四", "relation": "self"}), 422, "receiver_not_named")
    assert_problem(at_door({"name": "王五", "relation": "family"}), 422, "proxy_not_named")
    delivered = at_door({"name": "张 小红", "relation": "family"})
    assert delivered.status_code == 200, delivered.get_json()
    assert delivered.get_json()["attempt"]["proof"]["named_role"] == "proxy"
