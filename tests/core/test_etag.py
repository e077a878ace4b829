"""If-Match compares strongly (RFC 9110 13.1.1): a weak tag never matches."""

from __future__ import annotations

import pytest

from tests.helpers import assert_problem


@pytest.mark.parametrize(
    ("if_match", "status"),
    [('W/"1"', 412), ('"7", W/"1"', 412), ('"7", "1"', 200), ("*", 200), ('"1"', 200)],
)
def test_if_match_uses_strong_comparison(client, as_, world, if_match, status):
    url = f"/v1/stations/{world.stations['A']}"
    admin = as_("admin")
    assert client.get(url, headers=admin).headers["ETag"] == '"1"'
    response = client.patch(
        url, json={"cutoff_time": "16:00"}, headers={**admin, "If-Match": if_match}
    )
    if status == 412:
        assert_problem(response, 412, "precondition_failed")
        assert client.get(url, headers=admin).get_json()["cutoff_time"] != "16:00"
    else:
        assert response.status_code == 200, response.get_json()
