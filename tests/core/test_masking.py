"""The one masking rule (`core.masking.shown`) and the field that applies it per viewer:
people masked (GB/T 41833) for all but their owners, institutions never, ID numbers
always."""

from __future__ import annotations

import marshmallow as ma
import pytest
from flask import g

from courier_api.core.fields import Personal
from courier_api.core.masking import (
    ADDRESS,
    ID_NUMBER,
    NAME,
    ORGANISATION,
    PERSON,
    PHONE,
    owner_key,
    shown,
)
from courier_api.core.security import Principal
from tests.factories import MOTHER_ID

MASKED_ID = MOTHER_ID[:6] + "*" * 8 + MOTHER_ID[-4:]
CITIZEN = Principal(kind="citizen", id="cit_1", role="citizen")
CLERK = Principal(kind="staff", id="stf_1", role="org_clerk", org_id="org_court")
KIOSK = Principal(kind="api_client", id="key_1", role="api_client", org_id="org_court")
DISPATCHER = Principal(kind="staff", id="stf_2", role="dispatcher", station_ids=frozenset({"s"}))


@pytest.mark.parametrize(
    ("value", "datum", "masked"),
    [
        ("赵一", NAME, "赵*"),
        ("13912345678", PHONE, "139******78"),
        ("中山市博爱路88号2栋101室", ADDRESS, "中山市博爱路88号*栋***室"),
    ],
)
def test_a_person_is_masked_to_others_and_in_full_to_an_owner(value, datum, masked):
    assert shown(value, datum, owner=False) == masked
    assert shown(value, datum, owner=False, about=None) == masked  # rows that do not say
    assert shown(value, datum, owner=True) == value


@pytest.mark.parametrize("datum", [NAME, PHONE, ADDRESS])
def test_an_institution_is_shown_as_it_is_to_everyone(datum):
    value = {
        NAME: "中山市人民医院门诊药房",
        PHONE: "0760-88880000",
        ADDRESS: "中山市孙文东路2号3楼",
    }
    assert shown(value[datum], datum, owner=False, about=ORGANISATION) == value[datum]


def test_an_id_number_is_masked_even_for_its_owner():
    for owner in (False, True):
        assert shown(MOTHER_ID, ID_NUMBER, owner=owner) == MASKED_ID
        assert shown(MASKED_ID, ID_NUMBER, owner=owner) == MASKED_ID  # stored masked: as is
    assert shown(None, ID_NUMBER, owner=True) is None


def test_who_can_own_citizens_as_themselves_clerks_and_clients_as_their_organisation():
    assert owner_key(CITIZEN) == ("citizen", "cit_1")
    assert owner_key(CLERK) == owner_key(KIOSK) == ("organisation", "org_court")
    assert owner_key(DISPATCHER) is None and owner_key(None) is None
    admin = Principal(kind="staff", id="stf_3", role="admin")
    assert owner_key(admin) is None


class _Document(ma.Schema):
    addressee = Personal(
        NAME, lambda d: d["name"], owners=lambda d: d["owners"], about=lambda d: d["kind"]
    )


@pytest.mark.parametrize(
    ("viewer", "kind", "expected"),
    [
        (CLERK, PERSON, "赵一"),  # the court's clerk: its own document
        (KIOSK, PERSON, "赵一"),  # the court's case system, the same organisation
        (Principal(kind="staff", id="x", role="org_clerk", org_id="org_other"), PERSON, "赵*"),
        (CITIZEN, PERSON, "赵*"),
        (DISPATCHER, PERSON, "赵*"),
        (None, PERSON, "赵*"),  # no caller (a public view, a job): the strictest
        (DISPATCHER, ORGANISATION, "赵一"),  # an institution is not masked for anyone
    ],
)
def test_the_field_applies_the_rule_for_the_caller_of_the_request(app, viewer, kind, expected):
    document = {"name": "赵一", "owners": [("organisation", "org_court")], "kind": kind}
    with app.test_request_context():
        g.principal = viewer
        assert _Document().dump(document) == {"addressee": expected}


def test_outside_a_request_nobody_owns_anything(app):
    document = {"name": "赵一", "owners": [("organisation", "org_court")], "kind": PERSON}
    assert _Document().dump(document) == {"addressee": "赵*"}
