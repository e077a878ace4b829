"""Customer service's complaint screens over HTTP: a blank answer is refused with the
form kept; a complaint is answered once; other roles may not open them."""

from __future__ import annotations


def _answer(client, token, complaint_id: str, text: str):
    return client.post(
        f"/console/complaints/{complaint_id}/answer", data={"answer": text, "csrf_token": token}
    )


def test_a_blank_answer_is_refused_and_a_complaint_is_answered_once(
    console, as_, complaints_waiting
):
    _, fresh = complaints_waiting
    client, token = console("service")
    assert _answer(client, token, fresh, "   ").status_code == 422
    assert _answer(client, token, fresh, "已处理。").status_code == 302
    again = _answer(client, token, fresh, "第二次答复")
    assert again.status_code == 409
    seen = client.get(f"/v1/complaints/{fresh}", headers=as_("service")).get_json()
    assert (seen["status"], seen["answer"]) == ("answered", "已处理。")


def test_only_customer_service_and_admins_open_complaints(console, complaints_waiting):
    _, fresh = complaints_waiting
    adjuster, _ = console("adjuster")
    assert adjuster.get(f"/console/complaints/{fresh}").status_code == 403
    admin, _ = console("admin")
    assert admin.get(f"/console/complaints/{fresh}").status_code == 200
    assert admin.get("/console/complaints/cmp_nope").status_code == 404
