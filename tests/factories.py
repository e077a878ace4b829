"""Test data: the world (built through the services), request bodies and values several
domains use, and logins through the HTTP API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from flask.testing import FlaskClient

from courier_api.core import clock
from courier_api.core.idnumber import check_character
from courier_api.core.ids import new_id
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.identity import service as identity
from courier_api.network import service as network
from courier_api.network.models import Organisation, PickupPoint, Region

PASSWORD = "correct horse battery"
ADMIN = Principal(kind="staff", id="factory", role="admin")
ALL_DAY = [{"open": "00:00", "close": "23:59"}] * 7

#: A sender in station A's area and a recipient in station B's (as request bodies).
PICKUP = {
    "name": "王小明",
    "phone": "13800138000",
    "address": "中山市孙文中路1号3栋502室",
    "lat": 22.52,
    "lng": 113.38,
}
RECIPIENT = {
    "name": "李四",
    "phone": "13912345678",
    "address": "中山市博爱路88号2栋101室",
    "lat": 22.52,
    "lng": 113.45,
}
#: An address in station A's area.
HOME = {"phone": "13912345678", "address": "中山市博爱路88号2栋101室", "lat": 22.52, "lng": 113.39}

# What a courier hands in at the door.
SIGNATURE = {
    "width": 300,
    "height": 100,
    "strokes": [[[10, 10, 0], [20, 20, 16], [30, 25, 32]], [[40, 30, 60], [50, 20, 76]]],
}
PHOTO = b"\x89PNG\r\n\x1a\n" + b"parcel at the door" * 10
DAMAGE_PHOTO = b"\x89PNG\r\n\x1a\n" + b"damaged corner" * 10
ME = {"name": "李四", "relation": "self"}


def id_number(first17: str) -> str:
    return first17 + check_character(first17)


MOTHER_ID = id_number("11010519900101002")
FATHER_ID = id_number("11010519880202001")
STRANGER_ID = id_number("11010519700303003")


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
        spec=identity.CourierSpec(
            employee_no=employee_no,
            name=name,
            phone="13900000000",
            station_id=world.stations[station],
            capacity=5,
        ),
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
        "service": ("customer_service", {}),
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
    **spec_fields,
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
            **spec_fields,
        )
        for _ in range(count)
    ]
    created = create_shipments(specs, actor=ADMIN)
    db.session.commit()
    for shipment in created:
        db.session.refresh(shipment)  # loaded, so readable after the app context ends
    return created


def make_pickup_task(world: World, shipments=(), address: str = "中山市孙文中路1号"):
    """A pickup task at station A over `shipments`, open, with the 1-hour promise from now."""
    from courier_api.tasks import service as tasks

    now = clock.now()
    return tasks.create_task(
        tasks.TaskSpec(
            kind="pickup",
            station_id=world.stations["A"],
            place=tasks.Place(address=address, lat=22.52, lng=113.38),
            window=(now, now + timedelta(hours=1)),
            shipments=shipments,
            promise_start=now,
            deadline=now + timedelta(minutes=60),
        )
    )


def courier_body(world: World, **overrides) -> dict:
    """The body of POST /v1/couriers for a new courier of station A."""
    return {
        "employee_no": "E9001",
        "name": "New Courier",
        "phone": "13800138000",
        "station_id": world.stations["A"],
        "password": "long enough secret",
        **overrides,
    }


# --- hospitals ------------------------------------------------------------------------------

PATIENT = {
    "name": "张三",
    "phone": "13800138000",
    "address": "中山市博爱路88号2栋101室",
    "lat": 22.52,
    "lng": 113.45,
}
ITEMS = [{"name": "阿莫西林胶囊", "quantity": 2}]


def order_body(reference_no: str = "RX0001", **overrides) -> dict:
    """The body of a hospital's delivery order."""
    return {
        "channel": "kiosk",
        "reference_no": reference_no,
        "recipient": PATIENT,
        "items": ITEMS,
        "declared_value_fen": 8_000,
        **overrides,
    }


# --- courts and traffic-police offices ------------------------------------------------------

ORGANISATIONS = {
    "court": ("court", "中山市第一人民法院"),
    "court_b": ("court", "中山市第二人民法院"),
    "office": ("traffic_police", "中山市车管所"),
    "office_b": ("traffic_police", "石岐车管分所"),
    "office_c": ("traffic_police", "三乡车管分所"),
}


def add_organisations(world: World) -> None:
    """Courts and offices, each with a pickup point at station A and a clerk
    `clerk_<name>` (in an app context; commits)."""
    for name, (kind, title) in ORGANISATIONS.items():
        organisation = Organisation(
            id=new_id("org"), region_id=world.region_id, kind=kind, name=title
        )
        organisation.pickup_points.append(
            PickupPoint(
                id=new_id("pp"),
                kind="court_office" if kind == "court" else "archive_office",
                name="收发室",
                address=f"{title} 中山市东区起湾道1号",
                lat=22.53,
                lng=113.38,
                station_id=world.stations["A"],
                run_times=["10:00"],
            )
        )
        db.session.add(organisation)
        db.session.flush()
        world.organisations[name] = organisation.id
        identity.create_staff(
            username=f"clerk_{name}",
            name=f"clerk {name}",
            role="org_clerk",
            password=PASSWORD,
            organisation_id=organisation.id,
        )
    db.session.commit()


def add_org_clerk(username: str, organisation_id: str) -> str:
    """A clerk of the organisation, with the suite's password (in an app context;
    commits): their username."""
    identity.create_staff(
        username=username,
        name=f"clerk {username}",
        role="org_clerk",
        password=PASSWORD,
        organisation_id=organisation_id,
    )
    db.session.commit()
    return username


def document_row(**overrides) -> dict:
    """One row of a court job: a document to serve at HOME within ten days."""
    row = {
        "case_number": "(2026)粤2071民初1234号",
        "document_type": "起诉状副本及应诉通知书",
        "mediation": False,
        "addressee_name": "赵一",
        "addressee_role": "defendant",
        "opposing_party_name": "钱二",
        "cause": "民间借贷纠纷",
        "service_deadline": (clock.now() + timedelta(days=10)).date().isoformat(),
        **HOME,
    }
    row.update(overrides)
    return row
