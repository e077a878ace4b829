"""Hospitals are not people (issue #23 item 6): their names and desks are shown as they
are; the patient's details in full to the hospital and the patient, masked to the
network's staff."""

from __future__ import annotations

from courier_api.core import clock
from tests.factories import order_body
from tests.helpers import at_local, login_citizen


def test_the_pharmacy_desk_is_not_masked_the_patient_is_to_the_station(
    client, kiosk, build_runs, as_
):
    delivery = kiosk(order_body()).get_json()
    clock.freeze(at_local(11, 0))
    [run_id] = build_runs()
    clerk = client.get(f"/v1/hospital/runs/{run_id}", headers=as_("clerk_hospital")).get_json()
    dispatcher = as_("dispatcher_a")
    task = client.get(f"/v1/dispatch/tasks/{clerk['task']['id']}", headers=dispatcher).get_json()
    assert task["contact_name"] == "pharmacy"  # the desk's name, not "p*******"

    shipment = client.get(f"/v1/shipments/{delivery['shipment_id']}", headers=dispatcher)
    seen = shipment.get_json()
    assert seen["sender"]["name"] == "H1 pharmacy"  # not "H**********"
    assert seen["recipient"]["name"] == "张*" and seen["recipient"]["phone"] == "138******00"
    hospital = client.get(
        f"/v1/shipments/{delivery['shipment_id']}", headers=as_("clerk_hospital")
    ).get_json()
    assert hospital["recipient"]["name"] == "张三"


def test_another_hospital_or_citizen_never_sees_it(client, kiosk, as_):
    delivery = kiosk(order_body(), hospital="B").get_json()
    # Hospital B's order: hospital A's clerk cannot read it at all (scoping: 404).
    url = f"/v1/hospital/deliveries/{delivery['id']}"
    assert client.get(url, headers=as_("clerk_hospital")).status_code == 404
    assert client.get(url, headers=login_citizen(client, "someone")).status_code == 404
