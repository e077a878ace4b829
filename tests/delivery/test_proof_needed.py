"""A door task tells the handheld what its proof needs, so the courier is prompted for it
up front instead of learning it from 422s, seeing no more than masking allows."""

from __future__ import annotations

from courier_api.shipments.service import Named
from tests.factories import FATHER_ID, MOTHER_ID, SIGNATURE, id_number
from tests.helpers import assert_problem


def _needed(client, as_, task_id: str) -> dict:
    task = client.get(f"/v1/courier/tasks/{task_id}", headers=as_("courier_a")).get_json()
    return task["proof_needed"]


def test_a_birth_certificate_names_the_parents_masked_and_asks_for_id(
    client, as_, at_station, load, door
):
    parents = (Named("mother", "王芳", MOTHER_ID), Named("father", "张伟", FATHER_ID))
    [task_id] = load(at_station(product="birth_certificate", named=parents))
    needed = _needed(client, as_, task_id)
    assert needed["named_recipients"] == [
        {"role": "mother", "name": "王*", "relation": None},
        {"role": "father", "name": "张*", "relation": None},
    ]
    assert {"signature", "id_check"} <= set(needed["requires"])
    assert needed["substitutes"] is None  # only a named parent, in person
    # What the task said is what the door asks for: without the ID it is refused.
    mother = {"name": "王芳", "relation": "self"}
    problem = assert_problem(
        door("deliver", task_id, {"receiver": mother, "signature": SIGNATURE}),
        422,
        "proof_missing",
    )
    assert set(problem["missing"]) <= set(needed["requires"])


def test_a_court_document_says_who_may_not_sign_and_what_a_refusal_needs(
    client, as_, at_station, load
):
    named = (
        Named("addressee", "赵一", id_number("41130219800101001")),
        Named("opposing_party", "钱二", id_number("41130219810101002")),
    )
    [task_id] = load(at_station(product="court_document", named=named))
    needed = _needed(client, as_, task_id)
    assert needed["substitutes"]["excluded_roles"] == ["opposing_party"]
    assert needed["substitutes"]["id_check"] is True
    assert needed["refusal_evidence"]
    assert "钱二" not in str(needed) and "赵一" not in str(needed)


def test_cash_to_collect_and_the_signature_minimum_are_in_the_list(client, as_, at_station, load):
    [task_id] = load(at_station(cod_amount_fen=12_345))
    listed = client.get("/v1/courier/tasks", headers=as_("courier_a")).get_json()["items"]
    [needed] = [t["proof_needed"] for t in listed if t["id"] == task_id]
    assert needed["cash_to_collect_fen"] == 12_345
    assert "cash" in needed["requires"]
    assert needed["signature_min_points"] == 5
