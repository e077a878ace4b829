"""Flask commands: demo data, the catalogue, and creating people (secrets printed once)."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import marshmallow as ma
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import with_appcontext

from courier_api.core.errors import Problem, flatten_messages
from courier_api.core.security import STAFF_ROLES, Principal
from courier_api.core.transaction import commit
from courier_api.extensions import db
from courier_api.identity import service as identity
from courier_api.identity.models import Courier
from courier_api.network import organisations
from courier_api.network import service as network
from courier_api.network.models import (
    ORGANISATION_KINDS,
    PICKUP_POINT_KINDS,
    Organisation,
    PickupPoint,
    Region,
    Station,
)
from courier_api.network.schemas import (
    OrganisationPatchSchema,
    OrganisationSchema,
    PickupPointPatchSchema,
    PickupPointSchema,
)

T = TypeVar("T")
#: Who the operator at the command line is to the services: an admin.
CLI_ADMIN = Principal(kind="staff", id="cli", role="admin")


def init_app(app: Flask) -> None:
    for command in (
        install_catalogue,
        seed_demo,
        create_courier,
        create_staff,
        demo_credentials,
        write_openapi,
        create_api_client,
        rotate_api_client_secret,
        revoke_api_client,
        verify_custody,
        custody_checkpoint,
        cod_remit,
        cod_reconcile,
        *ORGANISATION_COMMANDS,
        *SANDBOX_COMMANDS,
    ):
        app.cli.add_command(command)


def _new_password() -> str:
    return secrets.token_urlsafe(12)


def _credentials_file() -> Path:
    return Path(current_app.config.get("INSTANCE_DIR", "instance")) / "demo-credentials.json"


@click.command("install-catalogue")
@with_appcontext
def install_catalogue() -> None:
    """Install catalogue version 1 (DESIGN.md's default numbers) if none exists."""
    installed = network.install_default_catalogue()
    commit()
    click.echo("catalogue v1 installed" if installed else "a catalogue is already installed")


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Load the demo city if the database holds no stations yet; print how to log in."""
    from courier_api.demo import seed

    if db.session.scalar(sa.select(sa.func.count()).select_from(Station)):
        click.echo("demo data already present")
    else:
        credentials = seed(_new_password)
        commit()
        path = _credentials_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(credentials, indent=2, ensure_ascii=False))
        path.chmod(0o600)
    _print_credentials()


@click.command("demo-credentials")
@with_appcontext
def demo_credentials() -> None:
    """Print how to log in as each kind of caller of the demo data."""
    _print_credentials()


def _print_credentials() -> None:
    path = _credentials_file()
    if not path.exists():
        click.echo("no demo credentials recorded (the data was not seeded by seed-demo)")
        return
    credentials = json.loads(path.read_text())
    click.echo("\nDemo logins (also in instance/demo-credentials.json):")
    for entry in credentials["logins"]:
        click.echo(f"  {entry['who']:<34} {entry['how']}")
    click.echo("Staff also log in to the console in a browser: /console/ (same password).")
    click.echo("")


@click.command("create-courier")
@with_appcontext
@click.option("--employee-no", required=True)
@click.option("--name", required=True)
@click.option("--phone", required=True)
@click.option("--station", "station_code", required=True, help="station code or id")
@click.option("--capacity", default=5, show_default=True)
def create_courier(station_code: str, **courier: Any) -> None:
    """Register a courier; prints the initial password once."""
    station = _by_code_or_id(Station, station_code, "--station")
    employee_no = courier["employee_no"]
    if db.session.scalar(sa.select(Courier.id).where(Courier.employee_no == employee_no)):
        raise click.BadParameter(f"{employee_no} exists", param_hint="--employee-no")
    made, password = _with_new_password(
        identity.create_courier,
        caller=CLI_ADMIN,
        spec=identity.CourierSpec(station_id=station.id, **courier),
    )
    click.echo(f"courier {made.id} ({employee_no}) created; initial password: {password}")


@click.command("create-staff")
@with_appcontext
@click.option("--username", required=True)
@click.option("--name", required=True)
@click.option(
    "--role",
    required=True,
    type=click.Choice(STAFF_ROLES),
)
@click.option(
    "--scope",
    default="",
    help="dispatcher: station codes, comma-separated; org_clerk: the organisation id",
)
def create_staff(scope: str, **account: str) -> None:
    """Create a back-office account; prints the password once."""
    station_ids: list[str] = []
    organisation_id = None
    if account["role"] == "dispatcher":
        codes = [c.strip() for c in scope.split(",") if c.strip()]
        stations = list(db.session.scalars(sa.select(Station).where(Station.code.in_(codes))))
        if not codes or len(stations) != len(codes):
            raise click.BadParameter("give existing station codes", param_hint="--scope")
        station_ids = [s.id for s in stations]
    elif account["role"] == "org_clerk":
        if not scope or db.session.get(Organisation, scope) is None:
            raise click.BadParameter("give an organisation id", param_hint="--scope")
        organisation_id = scope
    made, password = _with_new_password(
        identity.create_staff, organisation_id=organisation_id, station_ids=station_ids, **account
    )
    click.echo(
        f"staff {made.id} ({account['username']}, {account['role']}) created; password: {password}"
    )


def _with_new_password(create: Callable[..., T], **fields: Any) -> tuple[T, str]:
    """Create an account with a fresh password, committed; the password is printed once."""
    password = _new_password()
    made = create(password=password, **fields)
    commit()
    return made, password


@click.command("write-openapi")
@with_appcontext
@click.argument("path", default="openapi/openapi.json")
def write_openapi(path: str) -> None:
    """Write the OpenAPI document generated from the code (the committed contract)."""
    Path(path).write_text(openapi_text())
    click.echo(f"wrote {path}")


def openapi_text() -> str:
    from courier_api.extensions import api

    return json.dumps(api.spec.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _service_call(call: Callable[[], T], param_hint: str) -> T:
    """Run a service call as the API would; its refusal becomes a usage error."""
    try:
        return call()
    except Problem as problem:
        errors = "; ".join(f"{e['field']}: {e['message']}" for e in problem.errors or ())
        hint = errors or problem.detail or problem.code
        raise click.BadParameter(hint, param_hint=param_hint) from None


@click.command("create-api-client")
@with_appcontext
@click.option("--org", "organisation_id", required=True, help="the organisation id (org_...)")
@click.option("--name", required=True, help="e.g. 'Pharmacy kiosk 3'")
@click.option("--sandbox", is_flag=True, help="its orders go to the robo-courier")
def create_api_client(organisation_id: str, name: str, sandbox: bool) -> None:
    """Create a signing key for an organisation's system; prints the secret once."""
    from courier_api.identity.api_clients import create_api_client as create

    client, secret = _service_call(
        lambda: create(organisation_id=organisation_id, name=name, sandbox=sandbox), "--org"
    )
    commit()
    click.echo(f"API client {client.id} created; X-Client-Key: {client.key_id} secret: {secret}")


@click.command("rotate-api-client-secret")
@with_appcontext
@click.option("--key", "key_id", required=True, help="the X-Client-Key")
@click.option("--overlap-hours", default=24, show_default=True, help="how long old secrets live")
def rotate_api_client_secret(key_id: str, overlap_hours: int) -> None:
    """Issue a new secret; the old one keeps working for the overlap. Prints it once."""
    from datetime import timedelta

    from courier_api.identity.api_clients import rotate_secret
    from courier_api.identity.schemas import RotateSchema

    checked = _load(RotateSchema(), {"overlap_hours": overlap_hours})["overlap_hours"]
    overlap = timedelta(hours=checked)
    issued = _service_call(
        lambda: rotate_secret(caller=CLI_ADMIN, key_id=key_id, overlap=overlap), "--key"
    )
    commit()
    click.echo(f"new secret for {key_id}: {issued.secret} (old secrets end in {overlap_hours} h)")


@click.command("revoke-api-client")
@with_appcontext
@click.option("--key", "key_id", required=True, help="the X-Client-Key")
def revoke_api_client(key_id: str) -> None:
    """Refuse every request of this client from now on."""
    from courier_api.identity.api_clients import revoke_api_client as revoke

    _service_call(lambda: revoke(caller=CLI_ADMIN, key_id=key_id), "--key")
    commit()
    click.echo(f"{key_id} revoked")


@click.command("verify-custody")
@with_appcontext
def verify_custody() -> None:
    """Walk every custody chain, old checkpoint and the whole signed log against the outside
    anchor; exit 1 and name what is broken."""
    from courier_api.custody.current import log_settings
    from courier_api.custody.log import verify_all

    report = verify_all(**log_settings())
    click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    if not report["valid"]:
        raise SystemExit(1)


@click.command("custody-checkpoint")
@with_appcontext
def custody_checkpoint() -> None:
    """Take the custody events recorded since the last run into the log and sign a tree
    head (the worker does this every minute)."""
    from courier_api.custody import current
    from courier_api.custody.log import checkpoint, settled_event_id

    upto = settled_event_id()
    commit()  # appends waited for that lock only
    head = checkpoint(signer=current.signer(), anchor=current.anchor(), upto_event_id=upto)
    commit()
    click.echo(f"tree head {head.number}: {head.tree_size} events" if head else "nothing new")


@click.command("cod-remit")
@click.option(
    "--date",
    "business_date",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The business day to run (default: the latest whose cut-off passed).",
)
@with_appcontext
def cod_remit(business_date: Any) -> None:
    """Run a day's COD remittance (the worker does this after the daily cut-off); a day
    that has run pays nothing again."""
    from courier_api.cod.remittance import remit_due
    from courier_api.core.clock import hhmm

    run = remit_due(
        cutoff=hhmm(current_app.config["COD_REMITTANCE_CUTOFF"]),
        business_date=business_date.date() if business_date else None,
    )
    commit()
    if run is None:
        click.echo("that day has run already")
    else:
        click.echo(f"{run.id}: {run.remittance_count} remittances, {run.net_fen} fen net")


@click.command("cod-reconcile")
@with_appcontext
def cod_reconcile() -> None:
    """Check the ledger against the COD parcels; exit 1 listing every finding."""
    from courier_api.cod.reconciliation import reconcile

    findings = reconcile()
    for finding in findings:
        click.echo(f"{finding.code}\t{finding.subject}\t{finding.detail}")
    click.echo(f"{len(findings)} findings")
    if findings:
        raise SystemExit(1)


# --- organisations and pickup points (the same services and schemas as the API) ---------


def _load(schema: ma.Schema, data: dict[str, Any]) -> dict[str, Any]:
    """Check the options as the API checks a body; a refusal names the option."""
    try:
        return schema.load({k: v for k, v in data.items() if v is not None})
    except ma.ValidationError as error:
        problems = "; ".join(
            f"{e['field']}: {e['message']}" for e in flatten_messages(error.messages)
        )
        raise click.UsageError(problems) from None


def _by_code_or_id(model: Any, value: str, param_hint: str) -> Any:
    found = db.session.scalars(
        sa.select(model).where(sa.or_(model.code == value, model.id == value))
    ).first()
    if found is None:
        raise click.BadParameter(
            f"no such {model.__tablename__[:-1]} {value!r}", param_hint=param_hint
        )
    return found


def _times(value: str | None) -> list[str] | None:
    return None if value is None else [t.strip() for t in value.split(",") if t.strip()]


@click.command("list-organisations")
@with_appcontext
@click.option("--kind", type=click.Choice(ORGANISATION_KINDS), help="only this kind")
def list_organisations(kind: str | None) -> None:
    """Print organisation ids, kinds and names, with their pickup points' ids."""
    stmt = organisations.list_organisations(caller=CLI_ADMIN, kind=kind).order_by(Organisation.id)
    for organisation in db.session.scalars(stmt):
        click.echo(f"{organisation.id}  {organisation.kind:<14} {organisation.name}")
        for point in organisation.pickup_points:
            runs = ",".join(point.run_times) or "no runs"
            click.echo(f"    {point.id}  {point.kind:<14} {point.name} ({runs})")


@click.command("create-organisation")
@with_appcontext
@click.option("--region", required=True, help="region code or id")
@click.option("--kind", required=True, type=click.Choice(ORGANISATION_KINDS))
@click.option("--name", required=True)
def create_organisation(region: str, kind: str, name: str) -> None:
    """Onboard a hospital, court, traffic-police office or enterprise; prints its id."""
    region_id = _by_code_or_id(Region, region, "--region").id
    body = _load(OrganisationSchema(), {"region_id": region_id, "kind": kind, "name": name})
    organisation = organisations.create_organisation(organisations.OrganisationSpec(**body))
    commit()
    click.echo(f"organisation {organisation.id} ({kind}) created")


@click.command("edit-organisation")
@with_appcontext
@click.argument("organisation_id")
@click.option("--name", required=True)
def edit_organisation(organisation_id: str, name: str) -> None:
    """Rename an organisation (kind and region are fixed at creation)."""
    organisation = _service_call(
        lambda: organisations.get_organisation(caller=CLI_ADMIN, organisation_id=organisation_id),
        "ORGANISATION_ID",
    )
    body = _load(OrganisationPatchSchema(), {"name": name})
    organisations.update_organisation(organisation, organisations.OrganisationChanges(**body))
    commit()
    click.echo(f"organisation {organisation.id} renamed")


def _point_options(required: bool) -> Callable[[Callable], Callable]:
    options = [
        click.option("--station", help="the collecting station: code or id", required=required),
        click.option("--name", required=required),
        click.option("--address", required=required),
        click.option("--lat", type=float, required=required),
        click.option("--lng", type=float, required=required),
        click.option("--run-times", help="local HH:MM, comma-separated, e.g. 11:00,16:00"),
        click.option("--phone", help="the desk's phone"),
    ]

    def decorate(func: Callable) -> Callable:
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def _point_body(station: str | None, run_times: str | None, **given: Any) -> dict[str, Any]:
    station_id = _by_code_or_id(Station, station, "--station").id if station else None
    return {"station_id": station_id, "run_times": _times(run_times), **given}


@click.command("create-pickup-point")
@with_appcontext
@click.option("--org", "organisation_id", required=True, help="the organisation id (org_...)")
@click.option("--kind", required=True, type=click.Choice(PICKUP_POINT_KINDS))
@_point_options(required=True)
def create_pickup_point(organisation_id: str, station: str, run_times: str | None, **given) -> None:
    """Add a pickup point (pharmacy, maternity ward, court office, archive, warehouse)."""
    organisation = _service_call(
        lambda: organisations.get_organisation(caller=CLI_ADMIN, organisation_id=organisation_id),
        "--org",
    )
    body = _load(PickupPointSchema(), _point_body(station, run_times, **given))
    point = _service_call(
        lambda: organisations.create_pickup_point(
            organisation, organisations.PickupPointSpec(**body)
        ),
        "--kind/--station",
    )
    commit()
    click.echo(f"pickup point {point.id} of {organisation.id} created")


@click.command("edit-pickup-point")
@with_appcontext
@click.argument("point_id")
@_point_options(required=False)
def edit_pickup_point(point_id: str, station: str | None, run_times: str | None, **given) -> None:
    """Change a pickup point; options not given stay as they are (the kind is fixed)."""
    point = db.session.get(PickupPoint, point_id)
    if point is None:
        raise click.BadParameter(f"no pickup point {point_id!r}", param_hint="POINT_ID")
    body = _load(PickupPointPatchSchema(partial=True), _point_body(station, run_times, **given))
    _service_call(
        lambda: organisations.update_pickup_point(point, organisations.PickupPointChanges(**body)),
        "--station",
    )
    commit()
    click.echo(f"pickup point {point.id} changed")


ORGANISATION_COMMANDS = (
    list_organisations,
    create_organisation,
    edit_organisation,
    create_pickup_point,
    edit_pickup_point,
)


@click.command("sandbox-messages")
@with_appcontext
@click.option("--subject", "subject_id", help="only messages about this object (a shipment id)")
@click.option("--limit", default=20, show_default=True, help="the newest this many")
def sandbox_messages(subject_id: str | None, limit: int) -> None:
    """What the fake WeChat and SMS providers sent in the last 24 hours, PINs included
    (sandbox recipients' messages; in development everyone's), one JSON object a line."""
    from courier_api.notify import inbox
    from courier_api.notify.models import InboxMessage

    stmt = inbox.messages(caller=CLI_ADMIN, open_inbox=True, subject_id=subject_id)
    for message in db.session.scalars(stmt.order_by(InboxMessage.id.desc()).limit(limit)):
        opened = inbox.opened(message)
        line = {
            "sent_at": opened.sent_at.isoformat(),
            "channel": opened.channel,
            "recipient": opened.recipient,
            "template": opened.template,
            "subject_id": opened.subject_id,
            "pin": opened.pin,
            "content": opened.content,
        }
        click.echo(json.dumps(line, ensure_ascii=False))


@click.command("sandbox-citizen")
@with_appcontext
@click.argument("citizen_id")
def sandbox_citizen(citizen_id: str) -> None:
    """Mark a citizen (`principal.id` in their login's answer) as a sandbox caller: their
    orders go to the robo-courier. Development only; it counts from their next login."""
    from courier_api.identity.models import Citizen

    if current_app.config["COURIER_ENV"] != "development":
        raise click.UsageError("sandbox citizens exist in development only")
    citizen = db.session.get(Citizen, citizen_id)
    if citizen is None:
        raise click.BadParameter(f"no citizen {citizen_id!r}", param_hint="CITIZEN_ID")
    citizen.sandbox = True
    commit()
    click.echo(f"citizen {citizen.id} is a sandbox caller from their next login")


SANDBOX_COMMANDS = (sandbox_messages, sandbox_citizen)
