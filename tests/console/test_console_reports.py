"""Reports over HTTP: a dispatcher's figures cover their stations only; a report a role
may not see is 404 as CSV, and its chart is not on their page."""

from __future__ import annotations

import csv
import io

from tests.helpers import waiting_task


def _csv(client, path: str) -> list[dict[str, str]]:
    answer = client.get(path)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))


def test_a_dispatchers_report_covers_their_stations_only(console, app, world):
    waiting_task(app, world, minutes=90)  # at station A
    station_b, _ = console("dispatcher_b")
    assert _csv(station_b, "/console/reports/pickup-sla.csv?period=day") == []
    station_a, _ = console("dispatcher_a")
    [row] = _csv(station_a, "/console/reports/pickup-sla.csv?period=day")
    assert (row["promises"], row["late"], row["achievement_rate"]) == ("1", "1", "0.0")


def test_a_report_a_role_may_not_see_is_404_and_not_on_its_page(console, waiting_claims):
    dispatcher, _ = console("dispatcher_a")
    assert dispatcher.get("/console/reports/claims-outcomes.csv").status_code == 404
    assert 'id="report-claims-outcomes"' not in dispatcher.get("/console/reports").get_data(
        as_text=True
    )
    adjuster, _ = console("adjuster")
    [row] = _csv(adjuster, "/console/reports/claims-outcomes.csv")
    assert row["claims"] == "2"
