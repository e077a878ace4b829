"""The traffic-office clerk's screens over HTTP: the sending office sees the transfer but
cannot confirm it; another organisation's clerk gets 404."""

from __future__ import annotations

from tests.factories import id_number


def test_only_the_receiving_office_confirms_and_others_get_404(
    console, client, as_, archive_out_for_delivery
):
    path = f"/console/archive-transfers/{archive_out_for_delivery}"
    court, token = console("clerk_court")
    assert court.get(path).status_code == 404
    assert (
        court.post(
            f"{path}/confirm", data={"seal_no": "SEAL-000123", "csrf_token": token}
        ).status_code
        == 404
    )
    sender, token = console("clerk_office")
    assert sender.get(path).status_code == 200
    refused = sender.post(f"{path}/confirm", data={"seal_no": "SEAL-000123", "csrf_token": token})
    assert refused.status_code == 404
    seen = client.get(
        f"/v1/archive-transfers/{archive_out_for_delivery}", headers=as_("clerk_office")
    )
    assert seen.get_json()["received_at"] is None


def test_an_office_sends_a_sealed_archive_to_another_office_from_its_pickup_point(
    console, client, as_, gov
):
    office, token = console("clerk_office")
    page = office.get("/console/archive-transfers").get_data(as_text=True)
    offices = page.split('name="to.office_id"')[1].split("</select>")[0]
    assert gov.organisations["office_b"] in offices and gov.organisations["office"] not in offices
    form = {
        "csrf_token": token,
        "archive_no": "442000-2026-000777",
        "driver.name": "吴六",
        "driver.id_number": id_number("44200019850505001"),
        "seal_no": "SEAL-000777",
        "to.office_id": gov.organisations["office_b"],
    }
    bad = office.post("/console/archive-transfers", data={**form, "driver.id_number": "123"})
    assert bad.status_code == 422 and "driver.id_number" in bad.get_data(as_text=True)
    sent = office.post("/console/archive-transfers", data=form)
    assert sent.status_code == 302
    transfer_id = sent.headers["Location"].rsplit("/", 1)[1]
    made = client.get(f"/v1/archive-transfers/{transfer_id}", headers=as_("clerk_office"))
    assert made.status_code == 200
    assert (made.get_json()["seal_no"], made.get_json()["to_organisation_id"]) == (
        "SEAL-000777",
        gov.organisations["office_b"],
    )
    listed = office.get("/console/archive-transfers").get_data(as_text=True)
    assert listed.count("data-transfer=") == 1  # the refused form sent nothing
