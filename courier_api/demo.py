"""The demo city (Zhongshan): three stations, 20 couriers, one organisation of each kind
and staff of every role. Passwords are generated at seed time, never stored in code."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from courier_api.core.ids import new_id
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.identity import service as identity
from courier_api.identity.api_clients import create_api_client
from courier_api.network import service as network
from courier_api.network.models import Organisation, PickupPoint, Region

_EVERY_DAY = [{"open": "08:00", "close": "20:00"}] * 7
_FRINGE_HOURS = [{"open": "08:00", "close": "19:00"}] * 7
_TOWNSHIP_HOURS = [{"open": "08:30", "close": "18:00"}] * 6 + [None]

STATIONS: list[dict[str, Any]] = [
    {
        "code": "ZS-URB",
        "name": "石岐揽投部",
        "area_type": "urban",
        "address": "中山市石岐区孙文中路1号",
        "lat": 22.5176,
        "lng": 113.3826,
        "box": (113.35, 22.49, 113.42, 22.55),
        "opening_hours": _EVERY_DAY,
        "cutoff_time": "17:00",
        "couriers": 8,
    },
    {
        "code": "ZS-FRG",
        "name": "东区城郊揽投部",
        "area_type": "fringe",
        "address": "中山市东区博爱路88号",
        "lat": 22.5200,
        "lng": 113.4500,
        "box": (113.42, 22.49, 113.50, 22.56),
        "opening_hours": _FRINGE_HOURS,
        "cutoff_time": "16:30",
        "couriers": 7,
    },
    {
        "code": "ZS-TWN",
        "name": "三乡镇揽投部",
        "area_type": "township",
        "address": "中山市三乡镇文昌路3号",
        "lat": 22.3600,
        "lng": 113.4300,
        "box": (113.40, 22.33, 113.48, 22.42),
        "opening_hours": _TOWNSHIP_HOURS,
        "cutoff_time": "15:30",
        "couriers": 5,
    },
]


def _ring(box: tuple[float, float, float, float]) -> list[list[float]]:
    west, south, east, north = box
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def seed(new_password: Callable[[], str]) -> dict[str, Any]:
    """Create the demo city; returns how to log in as each kind of caller."""
    network.install_default_catalogue()
    region = Region(id=new_id("reg"), code="ZS", name="中山市")
    db.session.add(region)
    db.session.flush()
    stations = {}
    for spec in STATIONS:
        fields = {k: v for k, v in spec.items() if k not in ("box", "couriers")}
        stations[spec["code"]] = network.create_station(
            region=region, service_area=_ring(spec["box"]), **fields
        )
    db.session.flush()

    organisations = _organisations(region, stations)
    courier_password = new_password()
    admin = Principal(kind="staff", id="seed", role="admin")
    number = 0
    for spec in STATIONS:
        for _ in range(spec["couriers"]):
            number += 1
            identity.create_courier(
                caller=admin,
                spec=identity.CourierSpec(
                    employee_no=f"C{number:04d}",
                    name=f"快递员{number:02d}",
                    phone=f"1390760{number:04d}",
                    station_id=stations[spec["code"]].id,
                    capacity=5,
                ),
                password=courier_password,
            )

    logins = [
        _login(
            "courier",
            "courier (C0001..C0020)",
            "POST /v1/auth/courier/login",
            employee_no="C0001",
            password=courier_password,
            device_id="demo-handheld-1",
        )
    ]
    staff_specs = [
        ("admin", "管理员", "admin", {}),
        (
            "dispatcher.urban",
            "石岐调度员",
            "dispatcher",
            {"station_ids": [stations["ZS-URB"].id, stations["ZS-FRG"].id]},
        ),
        (
            "dispatcher.township",
            "三乡调度员",
            "dispatcher",
            {"station_ids": [stations["ZS-TWN"].id]},
        ),
        (
            "clerk.hospital",
            "医院药房职员",
            "org_clerk",
            {"organisation_id": organisations["hospital"].id},
        ),
        ("clerk.court", "法院书记员", "org_clerk", {"organisation_id": organisations["court"].id}),
        (
            "clerk.traffic",
            "车管所档案员",
            "org_clerk",
            {"organisation_id": organisations["traffic_police"].id},
        ),
        (
            "clerk.enterprise",
            "直播基地发货员",
            "org_clerk",
            {"organisation_id": organisations["enterprise"].id},
        ),
        ("adjuster", "理赔员", "claims_adjuster", {}),
        ("service", "客服专员", "customer_service", {}),
    ]
    for username, name, role, scope in staff_specs:
        password = new_password()
        identity.create_staff(username=username, name=name, role=role, password=password, **scope)
        logins.append(
            _login(
                "staff",
                f"staff {role} ({username})",
                "POST /v1/auth/staff/login",
                username=username,
                password=password,
            )
        )

    for kind, name in (("hospital", "门诊药房自助机"), ("court", "法院案件系统")):
        client, secret = create_api_client(organisation_id=organisations[kind].id, name=name)
        logins.append(
            _login(
                "api_client",
                f"API client: {name}",
                "sign each request (README)",
                key_id=client.key_id,
                secret=secret,
            )
        )
    logins.append(
        _login(
            "citizen",
            "citizen (fake WeChat; any demo-* code)",
            "POST /v1/auth/wechat/login",
            code="demo-citizen-1",
        )
    )
    return {"logins": logins}


def _login(kind: str, who: str, action: str, **fields: str) -> dict[str, Any]:
    shown = " ".join(f"{name}={value}" for name, value in fields.items())
    return {"kind": kind, "who": who, "how": f"{action} {shown}", "fields": fields}


def _organisations(region: Region, stations: dict) -> dict[str, Organisation]:
    urban, fringe = stations["ZS-URB"], stations["ZS-FRG"]
    specs = {
        "hospital": (
            "中山市人民医院",
            [
                (
                    "pharmacy",
                    "门诊药房",
                    "中山市孙文东路2号",
                    22.5210,
                    113.3950,
                    urban,
                    ["11:00", "16:00"],
                ),
                (
                    "maternity_ward",
                    "产科病区",
                    "中山市孙文东路2号住院部5楼",
                    22.5212,
                    113.3955,
                    urban,
                    ["15:30"],
                ),
            ],
        ),
        "court": (
            "中山市第一人民法院",
            [
                (
                    "court_office",
                    "诉讼服务中心",
                    "中山市东区起湾道1号",
                    22.5230,
                    113.4300,
                    fringe,
                    ["10:00", "15:00"],
                ),
            ],
        ),
        "traffic_police": (
            "中山市公安局交通警察支队车管所",
            [
                (
                    "archive_office",
                    "驾驶人档案室",
                    "中山市东区中山五路9号",
                    22.5150,
                    113.4400,
                    fringe,
                    ["14:00"],
                ),
            ],
        ),
        "enterprise": (
            "中山玉石直播基地",
            [
                (
                    "warehouse",
                    "发货仓",
                    "中山市石岐区民科西路6号",
                    22.5100,
                    113.3700,
                    urban,
                    ["12:00", "18:00"],
                ),
            ],
        ),
    }
    created = {}
    desks = itertools.count(1)
    for kind, (name, points) in specs.items():
        organisation = Organisation(id=new_id("org"), region_id=region.id, kind=kind, name=name)
        for pkind, pname, address, lat, lng, station, runs in points:
            organisation.pickup_points.append(
                PickupPoint(
                    id=new_id("pp"),
                    kind=pkind,
                    name=pname,
                    address=address,
                    lat=lat,
                    lng=lng,
                    station_id=station.id,
                    run_times=runs,
                    phone=f"0760-8888{next(desks):04d}",  # each desk's landline
                )
            )
        db.session.add(organisation)
        created[kind] = organisation
    db.session.flush()
    return created
