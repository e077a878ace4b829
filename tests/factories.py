"""Test data built through the services, and logins through the HTTP API."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask.testing import FlaskClient

from courier_api.core.ids import new_id
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.identity import service as identity
from courier_api.network import service as network
from courier_api.network.models import Organisation, Region

PASSWORD = "correct horse battery"
ADMIN = Principal(kind="staff", id="factory", role="admin")
ALL_DAY = [{"open": "00:00", "close": "23:59"}] * 7


@dataclass
class World:
    region_id: str = ""
    stations: dict[str, str] = field(default_factory=dict)
    couriers: dict[str, str] = field(default_factory=dict)
    employee_nos: dict[str, str] = field(default_factory=dict)
    staff: dict[str, str] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)


def box(west: float, south: float, east: float, north: float) -> list[list[float]]:
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def make_station(region: Region, code: str, area_type: str, ring: list[list[float]], **kw):
    fields = {
        "code": code,
        "name": f"Station {code}",
        "area_type": area_type,
        "address": f"{code} road 1",
        "lat": ring[0][1],
        "lng": ring[0][0],
        "opening_hours": ALL_DAY,
        "cutoff_time": "17:00",
        **kw,
    }
    return network.create_station(region=region, service_area=ring, **fields)


def make_courier(world: World, name: str, station: str, employee_no: str) -> None:
    courier = identity.create_courier(
        caller=ADMIN,
        employee_no=employee_no,
        name=name,
        phone="13900000000",
        station_id=world.stations[station],
        capacity=5,
        password=PASSWORD,
    )
    world.couriers[name] = courier.id
    world.employee_nos[name] = employee_no


def build_world() -> World:
    world = World()
    network.install_default_catalogue()
    region = Region(id=new_id("reg"), code="TST", name="Test City")
    db.session.add(region)
    db.session.flush()
    world.region_id = region.id
    world.stations["A"] = make_station(
        region, "ST-A", "urban", box(113.35, 22.49, 113.42, 22.55)
    ).id
    world.stations["B"] = make_station(
        region, "ST-B", "fringe", box(113.42, 22.49, 113.50, 22.56)
    ).id
    hospital = Organisation(id=new_id("org"), region_id=region.id, kind="hospital", name="H1")
    db.session.add(hospital)
    db.session.flush()
    world.organisations["hospital"] = hospital.id
    make_courier(world, "courier_a", "A", "E0001")
    make_courier(world, "courier_b", "B", "E0002")
    staff = {
        "admin": ("admin", {}),
        "dispatcher_a": ("dispatcher", {"station_ids": [world.stations["A"]]}),
        "dispatcher_b": ("dispatcher", {"station_ids": [world.stations["B"]]}),
        "adjuster": ("claims_adjuster", {}),
        "clerk_hospital": ("org_clerk", {"organisation_id": hospital.id}),
    }
    for username, (role, scope) in staff.items():
        person = identity.create_staff(
            username=username, name=username, role=role, password=PASSWORD, **scope
        )
        world.staff[username] = person.id
    return world


def login(client: FlaskClient, world: World, who: str, device_id: str = "device-1") -> str:
    if who in world.couriers:
        response = client.post(
            "/v1/auth/courier/login",
            json={
                "employee_no": world.employee_nos[who],
                "password": PASSWORD,
                "device_id": device_id,
            },
        )
    else:
        response = client.post("/v1/auth/staff/login", json={"username": who, "password": PASSWORD})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["access_token"]


def make_organisation(world: World, kind: str) -> str:
    """Add an organisation of `kind` to the world; returns its name in world.organisations."""
    organisation = Organisation(id=new_id("org"), region_id=world.region_id, kind=kind, name=kind)
    db.session.add(organisation)
    db.session.commit()
    world.organisations[kind] = organisation.id
    return kind


def make_api_client(world: World, organisation: str = "hospital") -> tuple[str, str]:
    """(X-Client-Key, secret) of a new API client of one of the world's organisations."""
    from courier_api.identity.api_clients import create_api_client

    client, secret = create_api_client(
        organisation_id=world.organisations[organisation], name=f"{organisation} kiosk"
    )
    db.session.commit()
    return client.key_id, secret


def signed(
    client: FlaskClient,
    method: str,
    url: str,
    key: tuple[str, str],
    *,
    json_body: object = None,
    timestamp: int | None = None,
    nonce: str | None = None,
    extra_headers: dict[str, str] | None = None,
):
    """Send a request signed as DESIGN.md says (the same helper clients ship)."""
    import json as _json

    from courier_api.core import clock
    from courier_api.signing import signed_headers

    body = b"" if json_body is None else _json.dumps(json_body).encode()
    headers = signed_headers(
        key[0],
        key[1],
        method,
        url,
        body,
        timestamp=int(clock.now().timestamp()) if timestamp is None else timestamp,
        nonce=nonce,
    )
    if body:
        headers["Content-Type"] = "application/json"
    headers.update(extra_headers or {})
    return client.open(url, method=method, data=body, headers=headers)


def make_shipments(
    world: World,
    count: int = 1,
    *,
    product: str = "express",
    state: str = "created",
    owners: tuple[tuple[str, str], ...] = (),
    holder: tuple[str, str] | None = None,
    station: str = "A",
    named: tuple = (),
    pin_required: bool = False,
) -> list:
    """Shipments created through the shipment core (caller commits via the fixture)."""
    from courier_api.shipments.service import Party, ShipmentSpec, create_shipments

    sender = Party("王小明", "13800138000", "中山市孙文中路1号3栋502室", 22.52, 113.38)
    recipient = Party("李四", "13912345678", "中山市博爱路88号2栋101室", 22.52, 113.45)
    holder = holder or ("organisation", world.organisations["hospital"])
    specs = [
        ShipmentSpec(
            product=product,
            sender=sender,
            recipient=recipient,
            owners=owners or (("organisation", world.organisations["hospital"]),),
            holder=holder,
            origin_station_id=world.stations[station],
            destination_station_id=world.stations["B"],
            declared_value_fen=100_000,
            insured_amount_fen=50_000,
            named=named,
            state=state,
            pin_required=pin_required,
        )
        for _ in range(count)
    ]
    created = create_shipments(specs, actor=ADMIN)
    db.session.commit()
    for shipment in created:
        db.session.refresh(shipment)  # loaded, so readable after the app context ends
    return created
