"""A pickup point may give its desk's phone (issue #24 item 3: a return task to a court
had an empty phone). It is an institution's number: shown as it is."""

from __future__ import annotations

import sqlalchemy as sa
from click.testing import CliRunner

from courier_api.extensions import db
from courier_api.network.models import PickupPoint
from tests.helpers import assert_problem

DESK = {
    "kind": "pharmacy",
    "name": "门诊药房",
    "address": "中山市东区孙文中路2号",
    "lat": 22.52,
    "lng": 113.39,
    "phone": "0760-88880000",
}


def _add(client, as_, world, key: str, **changes):
    return client.post(
        f"/v1/organisations/{world.organisations['hospital']}/pickup-points",
        json={**DESK, "station_id": world.stations["A"], **changes},
        headers=as_("admin", **{"Idempotency-Key": key}),
    )


def test_a_desk_phone_is_kept_edited_and_checked(client, as_, world):
    created = _add(client, as_, world, "p1")
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["phone"] == "0760-88880000"
    url = created.headers["Location"]
    admin = as_("admin")
    edited = client.patch(url, json={"phone": "13800001111"}, headers={**admin, "If-Match": '"1"'})
    assert edited.status_code == 200, edited.get_json()
    assert client.get(url, headers=admin).get_json()["phone"] == "13800001111"
    bad = assert_problem(_add(client, as_, world, "p2", phone="12345"), 422, "validation_failed")
    assert [e["field"] for e in bad["errors"]] == ["phone"]
    without = _add(client, as_, world, "p3", phone=None)
    assert without.status_code == 201 and without.get_json()["phone"] is None


def _cli(app, *args: str):
    with app.app_context():
        return CliRunner().invoke(app.cli, list(args))


def test_the_cli_sets_a_desk_phone(app, world):
    made = _cli(
        app,
        "create-pickup-point", "--org", world.organisations["hospital"], "--kind",
        "pharmacy", "--name", "药房", "--address", "中山市东区孙文中路2号", "--lat", "22.52",
        "--lng", "113.39", "--station", "ST-A", "--phone", "0760-88880000",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    bad = _cli(app, "edit-pickup-point", made.output.split()[2], "--phone", "1")
    assert bad.exit_code != 0 and "phone" in bad.output
    with app.app_context():
        phones = db.session.scalars(sa.select(PickupPoint.phone)).all()
    assert phones == ["0760-88880000"]
