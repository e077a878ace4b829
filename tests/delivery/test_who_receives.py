"""Who may receive at the door: `self` is the person named (the recipient, or the
product's named roles), compared as names are written; where the sender named proxies,
only they may sign instead, each with the relation they were named with."""

from __future__ import annotations

import pytest

from courier_api.delivery.proof import name_key
from courier_api.shipments.service import Named
from tests.factories import ME, SIGNATURE
from tests.helpers import assert_problem

AUNT = Named("proxy", "王丽", relation="family")


def _deliver(door, task_id: str, receiver: dict):
    return door("deliver", task_id, {"receiver": receiver, "signature": SIGNATURE})


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("李 四", "李四"),  # a space typed between surname and name
        ("李　四", "李四"),  # an ideographic (full-width) space
        ("ＬＩ Ｓｉ", "Li Si"),  # full-width Latin letters, another case
        ("阿卜杜・艾尼", "阿卜杜·艾尼"),  # the katakana middle dot for the Chinese one
        ("阿卜杜.艾尼", "阿卜杜·艾尼"),
    ],
)
def test_names_are_compared_as_people_write_them(written, named):
    assert name_key(written) == name_key(named)


@pytest.mark.parametrize(("written", "named"), [("李思", "李四"), ("李", "李四"), ("lisi", "李四")])
def test_a_different_name_is_not_the_same_person(written, named):
    assert name_key(written) != name_key(named)


@pytest.mark.parametrize("product", ["prescription", "express"])
def test_self_must_be_the_named_recipient(app, at_station, load, door, product):
    [first, second] = load(at_station(2, product=product))
    stranger = {"name": "王五", "relation": "self"}
    problem = assert_problem(_deliver(door, first, stranger), 422, "receiver_not_named")
    assert "recipient" in problem["detail"]
    # The recipient (李四) as the handheld may type it: accepted, and recorded as such.
    answer = _deliver(door, first, {"name": "李　四 ", "relation": "self"})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["attempt"]["proof"]["named_role"] == "recipient"
    # Without proxies named, a substitute of an allowed relation signs as today.
    family = _deliver(door, second, {"name": "王五", "relation": "family"})
    assert family.status_code == 200, family.get_json()


def test_where_proxies_are_named_only_they_sign_instead(client, as_, at_station, load, door):
    [task_id] = load(at_station(product="prescription", named=(AUNT,)))
    needed = client.get(f"/v1/courier/tasks/{task_id}", headers=as_("courier_a")).get_json()
    assert needed["proof_needed"]["named_recipients"] == [
        {"role": "recipient", "name": "李*", "relation": None},
        {"role": "proxy", "name": "王*", "relation": "family"},
    ]
    assert needed["proof_needed"]["substitutes"]["relations"] == ["family"]

    refused = [
        ({"name": "王五", "relation": "family"}, "proxy_not_named"),  # another person
        ({"name": "王丽", "relation": "colleague"}, "proxy_not_named"),  # not as named
        ({"name": "王丽", "relation": "self"}, "receiver_not_named"),  # she is not the patient
        ({"name": "王丽", "relation": "neighbour"}, "validation_failed"),  # never allowed
    ]
    for receiver, code in refused:
        assert_problem(_deliver(door, task_id, receiver), 422, code)
    aunt = _deliver(door, task_id, {"name": " 王丽", "relation": "family"})
    assert aunt.status_code == 200, aunt.get_json()
    assert aunt.get_json()["attempt"]["proof"]["named_role"] == "proxy"


def test_the_recipient_still_receives_where_proxies_are_named(at_station, load, door):
    [task_id] = load(at_station(product="prescription", named=(AUNT,)))
    answer = _deliver(door, task_id, ME)
    assert answer.status_code == 200, answer.get_json()
