"""The hospital clerk's screens over HTTP: refusals show the list again with the API's
message; another hospital's application or run is 404 and stays as it was."""

from __future__ import annotations

from tests.factories import order_body
from tests.helpers import console_login


def test_a_certificate_number_the_api_refuses_changes_nothing(
    console, client, as_, certificate_applied
):
    clerk, token = console("clerk_hospital")
    answer = clerk.post(
        f"/console/birth-certificates/{certificate_applied}/ready",
        data={"certificate_no": "Q4-0", "csrf_token": token},
    )
    assert answer.status_code == 422
    assert "certificate_no" in answer.get_data(as_text=True)
    seen = client.get(
        f"/v1/birth-certificates/{certificate_applied}", headers=as_("clerk_hospital")
    ).get_json()
    assert seen["state"] == "submitted"


def test_a_clerk_rejects_an_application_with_a_reason(console, client, as_, certificate_applied):
    clerk, token = console("clerk_hospital")
    answer = clerk.post(
        f"/console/birth-certificates/{certificate_applied}/reject",
        data={"reason": "证明尚未签发", "csrf_token": token},
    )
    assert answer.status_code == 302
    seen = client.get(
        f"/v1/birth-certificates/{certificate_applied}", headers=as_("clerk_hospital")
    ).get_json()
    assert (seen["state"], seen["reject_reason"]) == ("rejected", "证明尚未签发")


def test_another_hospitals_clerk_gets_404_and_changes_nothing(
    app, client, as_, kiosk, certificate_applied, run_to_countersign, other_hospital_clerk
):
    order = kiosk(order_body("RX-OTHER")).get_json()["id"]
    other = app.test_client()
    token = console_login(other, other_hospital_clerk)
    assert other.get(f"/console/hospital-orders/{order}/slip.pdf").status_code == 404
    confirm = other.post(f"/console/hospital-orders/{order}/confirm", data={"csrf_token": token})
    assert confirm.status_code == 404
    assert other.get(f"/console/runs/{run_to_countersign}").status_code == 404
    ready = other.post(
        f"/console/birth-certificates/{certificate_applied}/ready",
        data={"certificate_no": "Q440012345", "csrf_token": token},
    )
    assert ready.status_code == 404
    signed = other.post(
        f"/console/runs/{run_to_countersign}/countersign",
        data={"signature": '{"width": 1}', "csrf_token": token},
    )
    assert signed.status_code == 404
    clerk = as_("clerk_hospital")
    seen = client.get(f"/v1/birth-certificates/{certificate_applied}", headers=clerk)
    assert seen.get_json()["state"] == "submitted"
    run = client.get(f"/v1/hospital/runs/{run_to_countersign}", headers=clerk).get_json()
    assert run["clerk_signed_at"] is None
