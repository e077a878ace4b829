"""What the fake providers sent: readable in development by anyone (so a PIN delivery can
be finished against `make run`), elsewhere only by sandbox callers, each their own; live
PINs are never kept readable outside development."""

from __future__ import annotations

import dataclasses
import json

import sqlalchemy as sa

from courier_api.core.outbox import dispatch_pending
from courier_api.extensions import db
from courier_api.identity.api_clients import create_api_client
from courier_api.notify.models import InboxMessage, Notification
from courier_api.notify.notifications import send_due
from tests.factories import ME, make_organisation, signed
from tests.helpers import assert_problem, login_owner, other_than


def _send_notifications(app, connectors) -> dict[str, int]:
    """What the worker does: outbox -> notifications -> sent."""
    with app.app_context():
        dispatch_pending()
        return send_due(connectors)


def _pin_message(messages: list[dict], waybill: str) -> dict:
    [message] = [
        m for m in messages if m["template"] == "delivery_pin" and waybill in m["content"].values()
    ]
    return message


class _RealSms:
    """Stands in for the live SMS provider: nothing may reach it from a sandbox order."""

    def send(self, *args, **kwargs):
        raise AssertionError("a sandbox order reached the live SMS provider")


def test_in_development_a_pin_delivery_is_completed_with_the_pin_read_from_the_inbox(
    app, client, at_station, load, door, as_, fakes, monkeypatch
):
    monkeypatch.setitem(app.config, "SANDBOX_OPEN_INBOX", True)  # COURIER_ENV=development
    [waybill] = at_station(pin_required=True)
    [task_id] = load([waybill])
    assert _send_notifications(app, fakes)["sent"] == 1

    # The app developer at the courier's handheld reads the PIN the recipient was sent.
    listed = client.get("/v1/sandbox/messages", headers=as_("courier_a"))
    assert listed.status_code == 200, listed.get_json()
    message = _pin_message(listed.get_json()["items"], waybill)
    assert (message["channel"], message["recipient"]) == ("sms", "13912345678")
    pin = message["pin"]
    assert message["content"]["pin"] == pin == fakes.sms.sent[0].params["pin"]

    # The operator at the command line reads the same.
    printed = app.test_cli_runner().invoke(args=["sandbox-messages"])
    assert printed.exit_code == 0 and json.loads(printed.output.splitlines()[0])["pin"] == pin

    assert_problem(
        door("deliver", task_id, {"receiver": ME, "pin": other_than(pin)}), 422, "pin_incorrect"
    )
    delivered = door("deliver", task_id, {"receiver": ME, "pin": pin})
    assert delivered.status_code == 200, delivered.get_json()
    assert delivered.get_json()["attempt"]["proof"]["pin_verified"] is True


def test_outside_development_a_live_pin_is_not_kept_and_the_inbox_is_not_there(
    app, client, at_station, load, as_, fakes
):
    [waybill] = at_station(pin_required=True)
    load([waybill])
    assert _send_notifications(app, fakes)["sent"] == 1
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(InboxMessage)) == 0
    assert_problem(client.get("/v1/sandbox/messages", headers=as_("admin")), 404, "inbox_not_found")


def test_a_sandbox_pin_delivery_goes_by_the_fakes_and_each_sandbox_client_reads_its_own(
    app, client, world, order, advance, kiosks, fakes
):
    live_connectors = dataclasses.replace(fakes, sms=_RealSms())
    delivery = order(pin_sign_off=True)
    shipment_id, waybill = delivery["shipment_id"], delivery["waybill"]
    for step in ("picked_up", "at_station", "out_for_delivery"):
        assert advance(shipment_id, to=step).status_code == 200
    assert _send_notifications(app, live_connectors)["sent"] == 1
    with app.app_context():
        notification = db.session.scalars(sa.select(Notification)).one()
        assert (notification.sandbox, notification.status) == (True, "sent")

    inbox = signed(
        client, "GET", f"/v1/sandbox/messages?subject_id={shipment_id}", kiosks["sandbox"]
    )
    assert inbox.status_code == 200, inbox.get_json()
    pin = _pin_message(inbox.get_json()["items"], waybill)["pin"]

    assert_problem(advance(shipment_id, to="delivered"), 422, "proof_missing")
    assert_problem(advance(shipment_id, to="delivered", pin=other_than(pin)), 422, "pin_incorrect")
    delivered = advance(shipment_id, to="delivered", pin=pin)
    assert delivered.status_code == 200, delivered.get_json()
    assert delivered.get_json()["state"] == "delivered"

    # The live kiosk of the same hospital has no inbox; another sandbox client sees nothing.
    assert_problem(
        signed(client, "GET", "/v1/sandbox/messages", kiosks["live"]), 404, "inbox_not_found"
    )
    with app.app_context():
        court = make_organisation(world, "court")
        made, secret = create_api_client(
            organisation_id=world.organisations[court], name="court sandbox", sandbox=True
        )
        db.session.commit()
        other = (made.key_id, secret)
    assert signed(client, "GET", "/v1/sandbox/messages", other).get_json()["items"] == []


def test_production_refuses_a_sandbox_client_configuration_has_not_enabled(
    app, client, kiosks, monkeypatch
):
    monkeypatch.setitem(app.config, "COURIER_ENV", "production")
    assert_problem(
        signed(client, "GET", "/v1/webhook-endpoints", kiosks["sandbox"]),
        401,
        "sandbox_not_enabled",
    )
    assert signed(client, "GET", "/v1/webhook-endpoints", kiosks["live"]).status_code == 200
    monkeypatch.setitem(app.config, "SANDBOX_CLIENTS", frozenset({kiosks["sandbox"][0]}))
    assert signed(client, "GET", "/v1/webhook-endpoints", kiosks["sandbox"]).status_code == 200


def test_only_development_has_sandbox_citizens(app, client):
    citizen_id = login_owner(client, "demo-sender").owner[1]
    refused = app.test_cli_runner().invoke(args=["sandbox-citizen", citizen_id])
    assert refused.exit_code != 0 and "development only" in refused.output
