"""Reports in a real browser: each role's page shows its charts, each with its table and
a CSV export of the same rows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier_api.core import clock
from courier_api.extensions import db
from courier_api.shipments.service import ShipmentSpec, create_shipments
from tests.console.browsing import expect, log_in, shot, skip_without_browser
from tests.factories import ADMIN
from tests.helpers import waiting_task
from tests.insurance.conftest import RECIPIENT, SENDER

skip_without_browser()


@pytest.fixture
def broken_promises(app, world) -> None:
    """A pickup and a delivery at station A, both past their promise."""
    waiting_task(app, world, minutes=90)
    spec = ShipmentSpec(
        product="express",
        sender=SENDER,
        recipient=RECIPIENT,
        owners=(),
        holder=("station", world.stations["A"]),
        origin_station_id=world.stations["B"],
        destination_station_id=world.stations["A"],
        state="arrived_station",
        deliver_by=clock.now() - timedelta(hours=1),
    )
    with app.app_context():
        create_shipments([spec], actor=ADMIN)
        db.session.commit()


@pytest.fixture
def complaint_answered(client, as_, complaints_waiting) -> None:
    """Of the complaints waiting, the newer one answered (it has an answer time)."""
    answered = client.post(
        f"/v1/complaints/{complaints_waiting[1]}/answer",
        json={"answer": "已致歉并重新派送。"},
        headers=as_("service"),
    )
    assert answered.status_code == 200, answered.get_json()


@pytest.mark.parametrize(
    ("who", "reports", "expected"),
    [
        (
            "dispatcher_a",
            ("pickup-sla", "delivery-sla", "delivery-sla-by-day"),
            "0.0%",
        ),  # a promise broken
        ("adjuster", ("claims-outcomes", "claims-amounts"), "已提交"),
        ("service", ("complaints", "complaint-answer-times"), "揽收或投递延误"),
    ],
)
def test_each_roles_report_page_shows_a_chart_and_its_table(
    new_page, who, reports, expected, broken_promises, waiting_claims, complaint_answered
):
    page = new_page()
    log_in(page, who)
    page.get_by_role("link", name="报表").click()
    shown = page.locator("section.report")
    expect(shown).to_have_count(len(reports))
    for name in reports:
        report = page.locator(f"#report-{name}")
        expect(report.locator("svg.chart")).to_be_visible()
        expect(report.locator("table.report-table tbody tr").first).not_to_contain_text("没有")
        assert report.locator("svg.chart g").count() == report.locator("tbody tr").count()
    first = page.locator(f"#report-{reports[0]}")
    expect(first.locator("table")).to_contain_text(expected)
    expect(first.locator("svg.chart")).to_contain_text(expected.split(" ")[0])
    shot(page, f"reports_{who}")

    exported = page.request.get(first.locator("a.csv").get_attribute("href"))
    assert exported.status == 200 and exported.headers["content-type"].startswith("text/csv")
    lines = exported.text().lstrip("\ufeff").splitlines()
    assert len(lines) == 1 + first.locator("tbody tr").count()  # the header, then the rows
