"""The traffic-office clerk's screens over HTTP: the sending office sees the transfer but
cannot confirm it; another organisation's clerk gets 404."""

from __future__ import annotations


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
