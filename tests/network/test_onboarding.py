"""An operator adds a second hospital over HTTP alone (no `flask shell`): the hospital,
its pharmacy, a kiosk key; then the kiosk orders, and a patient who found the hospital in
the public directory orders from WeChat."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from courier_api.core import clock
from tests.factories import signed

PATIENT = {
    "name": "张三",
    "phone": "13800138000",
    "address": "中山市博爱路88号2栋101室",
    "lat": 22.52,
    "lng": 113.45,
}


def _order(**overrides) -> dict:
    return {
        "channel": "kiosk",
        "reference_no": "RX0001",
        "recipient": PATIENT,
        "items": [{"name": "阿莫西林胶囊", "quantity": 2}],
        "declared_value_fen": 8_000,
        **overrides,
    }


def test_a_new_hospital_is_onboarded_and_takes_orders(client, as_, world):
    clock.freeze(datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))  # a Monday
    admin = as_("admin")
    hospital = client.post(
        "/v1/organisations",
        json={"region_id": world.region_id, "kind": "hospital", "name": "中山市第二人民医院"},
        headers={**admin, "Idempotency-Key": "onboard-h2"},
    ).get_json()
    point = client.post(
        f"/v1/organisations/{hospital['id']}/pickup-points",
        json={
            "station_id": world.stations["A"],
            "kind": "pharmacy",
            "name": "门诊药房",
            "address": "中山市孙文东路2号",
            "lat": 22.521,
            "lng": 113.395,
            "run_times": ["11:00", "16:00"],
        },
        headers={**admin, "Idempotency-Key": "onboard-h2-pharmacy"},
    ).get_json()
    made = client.post(
        f"/v1/organisations/{hospital['id']}/api-clients",
        json={"name": "药房自助机 1"},
        headers=admin,
    ).get_json()
    kiosk = (made["key_id"], made["secret"])

    by_kiosk = signed(
        client,
        "POST",
        "/v1/hospital/deliveries",
        kiosk,
        json_body=_order(),
        extra_headers={"Idempotency-Key": "kiosk-1"},
    )
    assert by_kiosk.status_code == 201, by_kiosk.get_json()

    listed = client.get("/v1/hospitals").get_json()["items"]
    [found] = [h for h in listed if h["name"] == "中山市第二人民医院"]
    assert [p["id"] for p in found["pickup_points"]] == [point["id"]]
    login = client.post("/v1/auth/wechat/login", json={"code": "demo-patient"}).get_json()
    patient = {"Authorization": f"Bearer {login['access_token']}"}
    by_patient = client.post(
        "/v1/hospital/deliveries",
        json=_order(
            channel="wechat",
            reference_no="RX0002",
            hospital_id=found["id"],
            pickup_point_id=point["id"],
        ),
        headers={**patient, "Idempotency-Key": "wx-1"},
    )
    assert by_patient.status_code == 201, by_patient.get_json()
