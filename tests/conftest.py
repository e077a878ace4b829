"""Test fixtures: one app per run, a fresh database made by the migrations, emptied after
every test; callers of each kind; items at a station, loaded and taken to the door. (Plain
helpers are in tests/helpers.py, test data in tests/factories.py.)

SQLite by default; with TEST_DATABASE_URL (PostgreSQL) a uniquely named database is
created for the run and dropped at the end.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from courier_api import create_app
from courier_api.core import clock
from courier_api.extensions import db
from courier_api.integrations.registry import Connectors
from courier_api.integrations.sms import FakeSms
from courier_api.integrations.wechat import FakeWeChat
from courier_api.pickups.admission import forget_supply
from courier_api.shipments.service import forget_reserved_waybills
from tests import factories
from tests.helpers import POSTGRES, at_local, login_citizen


def pytest_report_header(config: pytest.Config) -> str:
    return f"database: {'PostgreSQL (TEST_DATABASE_URL)' if POSTGRES else 'SQLite'}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if POSTGRES:
        return
    skip = pytest.mark.skip(reason="races real requests; needs PostgreSQL (TEST_DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    url = sa.engine.make_url(base)
    name = f"courier_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    instance = tmp_path_factory.mktemp("instance")
    app = create_app(
        {
            "COURIER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_DIR": str(instance),
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "pool_size": 20}
            if POSTGRES
            else {},
        }
    )
    with app.app_context():
        upgrade()  # the schema tests run against is the one the migrations make
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_database(app: Flask) -> Iterator[None]:
    yield
    clock.freeze(None)
    forget_supply()  # measured from the database being emptied
    forget_reserved_waybills()  # the sequences are emptied with the tables
    # The custody log's outside anchor is emptied with the database it anchors.
    shutil.rmtree(app.extensions["custody_anchor"].root, ignore_errors=True)
    with app.app_context():
        db.session.remove()
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as connection:
            if POSTGRES:
                connection.execute(sa.text(f"TRUNCATE {', '.join(tables)} CASCADE"))
            else:
                for table in tables:
                    connection.execute(sa.text(f"DELETE FROM {table}"))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def ctx(app: Flask) -> Iterator[None]:
    """An app context for tests that call services directly."""
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def fakes(app: Flask) -> Iterator[Connectors]:
    """Fresh fake WeChat and SMS connectors that record what they were asked to send."""
    saved = app.extensions["connectors"]
    fresh = dataclasses.replace(saved, wechat=FakeWeChat(), sms=FakeSms())
    app.extensions["connectors"] = fresh
    yield fresh
    app.extensions["connectors"] = saved


@pytest.fixture
def world(app: Flask) -> factories.World:
    """A region with two stations, the catalogue, and one person of each staff role."""
    with app.app_context():
        built = factories.build_world()
        db.session.commit()
        db.session.remove()
    return built


@pytest.fixture
def as_(client: FlaskClient, world: factories.World):
    """`as_("admin")` -> Authorization headers for that person of the world."""

    def headers(who: str, **extra: Any) -> dict[str, str]:
        token = factories.login(client, world, who)
        return {"Authorization": f"Bearer {token}", **extra}

    return headers


@pytest.fixture
def citizen(client: FlaskClient, world: factories.World) -> dict[str, str]:
    """A citizen logged in at 10:00 in Shanghai (the clock stays frozen from there)."""
    clock.freeze(at_local(10, 0))
    return login_citizen(client)


@pytest.fixture
def at_station(app: Flask, world: factories.World):
    """`at_station(product=…, named=…, **spec)` -> waybills of items held by station A."""

    def make(count: int = 1, **kwargs) -> list[str]:
        with app.app_context():
            shipments = factories.make_shipments(
                world,
                count,
                state="at_station",
                holder=("station", world.stations["A"]),
                **kwargs,
            )
            return [s.waybill for s in shipments]

    return make


@pytest.fixture
def load(client: FlaskClient, as_):
    """Courier A loads waybills at station A; returns the answer's task ids."""

    def loaded(waybills: list[str], courier: str = "courier_a") -> list[str]:
        response = client.post(
            "/v1/handovers",
            json={"kind": "load_for_delivery", "items": [{"waybill": w} for w in waybills]},
            headers=as_(courier),
        )
        assert response.status_code == 200, response.get_json()
        return response.get_json()["delivery_task_ids"]

    return loaded


@pytest.fixture
def door(client: FlaskClient, as_):
    """`door("deliver"|"fail", task_id, body, courier=…)` -> the response."""

    def act(action: str, task_id: str, body: dict, courier: str = "courier_a"):
        return client.post(f"/v1/courier/tasks/{task_id}/{action}", json=body, headers=as_(courier))

    return act
