"""The hospital clerk's screens over HTTP: refusals show the list again with the API's
message; another hospital's application or run is 404 and stays as it was."""

from __future__ import annotations

from tests.factories import PATIENT, order_body
from tests.helpers import console_login, login_citizen


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


def _window_form(client, token: str, reference_no: str, lines: dict[str, str]) -> dict:
    """The window's form: a code the patient just asked for, and medicine lines in the
    form's boxes (`items.<n>.<field>`)."""
    patient = login_citizen(client, "demo-window-console")
    issued = client.post("/v1/citizen/window-token", json={"recipient": PATIENT}, headers=patient)
    assert issued.status_code == 201, issued.get_json()
    code = issued.get_json()["token"]
    form = {"csrf_token": token, "channel": "window", "reference_no": reference_no}
    return {**form, "window_token": code, **lines}


def _hospitals_orders(client, as_) -> list[dict]:
    return client.get("/v1/hospital/deliveries", headers=as_("clerk_hospital")).get_json()["items"]


def test_the_window_scan_makes_the_patients_delivery_and_a_code_is_spent_once(
    console, client, as_, hospitals
):
    clerk, token = console("clerk_hospital")
    lines = {
        "items.0.name": "阿莫西林胶囊",
        "items.0.quantity": "2",
        "items.1.name": "",  # spare lines stay blank
        "items.1.quantity": "",
        "items.2.name": "胰岛素注射液",
        "items.2.quantity": "1",
        "items.2.cold_chain": "1",
    }
    form = _window_form(client, token, "RX-W1", lines)
    assert clerk.post("/console/hospital-orders/window", data=form).status_code == 302
    [made] = _hospitals_orders(client, as_)
    assert (made["channel"], made["reference_no"]) == ("window", "RX-W1")
    assert made["recipient"]["name"] == "张三"
    assert [(i["name"], i["quantity"], i["cold_chain"]) for i in made["items"]] == [
        ("阿莫西林胶囊", 2, False),
        ("胰岛素注射液", 1, True),
    ]
    assert made["waybill"] in clerk.get("/console/hospital-orders").get_data(as_text=True)

    again = clerk.post("/console/hospital-orders/window", data={**form, "reference_no": "RX-W2"})
    assert again.status_code == 422
    page = again.get_data(as_text=True)
    assert "window_token" in page and 'value="RX-W2"' in page  # the input kept
    assert len(_hospitals_orders(client, as_)) == 1


def test_a_medicine_line_the_api_refuses_is_shown_with_the_apis_field_and_orders_nothing(
    console, client, as_, hospitals
):
    clerk, token = console("clerk_hospital")
    lines = {"items.0.name": "阿莫西林胶囊", "items.0.quantity": "zwei"}
    answer = clerk.post(
        "/console/hospital-orders/window", data=_window_form(client, token, "RX-W3", lines)
    )
    assert answer.status_code == 422
    assert "items.0.quantity" in answer.get_data(as_text=True)
    assert _hospitals_orders(client, as_) == []


def test_a_medicine_of_a_category_that_may_not_be_mailed_is_refused_at_the_window(
    console, client, as_, hospitals
):
    clerk, token = console("clerk_hospital")
    assert 'name="items.0.category"' in clerk.get("/console/hospital-orders").get_data(as_text=True)
    lines = {"items.0.name": "某止痛片", "items.0.quantity": "1", "items.0.category": "narcotic"}
    answer = clerk.post(
        "/console/hospital-orders/window", data=_window_form(client, token, "RX-W4", lines)
    )
    assert answer.status_code == 422
    assert "items.0.category" in answer.get_data(as_text=True)
    assert _hospitals_orders(client, as_) == []
