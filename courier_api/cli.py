"""Flask commands: demo data, the catalogue, and creating people (secrets printed once)."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import with_appcontext

from courier_api.core.security import Principal
from courier_api.core.transaction import commit
from courier_api.extensions import db
from courier_api.identity import service as identity
from courier_api.identity.models import Courier
from courier_api.network import service as network
from courier_api.network.models import Station


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
    click.echo("")


@click.command("create-courier")
@with_appcontext
@click.option("--employee-no", required=True)
@click.option("--name", required=True)
@click.option("--phone", required=True)
@click.option("--station", "station_code", required=True, help="station code or id")
@click.option("--capacity", default=5, show_default=True)
def create_courier(
    employee_no: str, name: str, phone: str, station_code: str, capacity: int
) -> None:
    """Register a courier; prints the initial password once."""
    station = db.session.scalars(
        sa.select(Station).where(sa.or_(Station.code == station_code, Station.id == station_code))
    ).first()
    if station is None:
        raise click.BadParameter(f"no station {station_code!r}", param_hint="--station")
    if db.session.scalar(sa.select(Courier.id).where(Courier.employee_no == employee_no)):
        raise click.BadParameter(f"{employee_no} exists", param_hint="--employee-no")
    password = _new_password()
    admin_view = Principal(kind="staff", id="cli", role="admin")
    courier = identity.create_courier(
        caller=admin_view,
        employee_no=employee_no,
        name=name,
        phone=phone,
        station_id=station.id,
        capacity=capacity,
        password=password,
    )
    commit()
    click.echo(f"courier {courier.id} ({employee_no}) created; initial password: {password}")


@click.command("create-staff")
@with_appcontext
@click.option("--username", required=True)
@click.option("--name", required=True)
@click.option(
    "--role",
    required=True,
    type=click.Choice(["dispatcher", "org_clerk", "claims_adjuster", "admin"]),
)
@click.option(
    "--scope",
    default="",
    help="dispatcher: station codes, comma-separated; org_clerk: the organisation id",
)
def create_staff(username: str, name: str, role: str, scope: str) -> None:
    """Create a back-office account; prints the password once."""
    station_ids: list[str] = []
    organisation_id = None
    if role == "dispatcher":
        codes = [c.strip() for c in scope.split(",") if c.strip()]
        stations = list(db.session.scalars(sa.select(Station).where(Station.code.in_(codes))))
        if not codes or len(stations) != len(codes):
            raise click.BadParameter("give existing station codes", param_hint="--scope")
        station_ids = [s.id for s in stations]
    elif role == "org_clerk":
        from courier_api.network.models import Organisation

        if not scope or db.session.get(Organisation, scope) is None:
            raise click.BadParameter("give an organisation id", param_hint="--scope")
        organisation_id = scope
    password = _new_password()
    staff = identity.create_staff(
        username=username,
        name=name,
        role=role,
        password=password,
        organisation_id=organisation_id,
        station_ids=station_ids,
    )
    commit()
    click.echo(f"staff {staff.id} ({username}, {role}) created; password: {password}")


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


@click.command("create-api-client")
@with_appcontext
@click.option("--org", "organisation_id", required=True, help="the organisation id (org_...)")
@click.option("--name", required=True, help="e.g. 'Pharmacy kiosk 3'")
def create_api_client(organisation_id: str, name: str) -> None:
    """Create a signing key for an organisation's system; prints the secret once."""
    from courier_api.identity.api_clients import create_api_client as create
    from courier_api.network.models import Organisation

    if db.session.get(Organisation, organisation_id) is None:
        raise click.BadParameter(f"no organisation {organisation_id!r}", param_hint="--org")
    client, secret = create(organisation_id=organisation_id, name=name)
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

    try:
        secret = rotate_secret(key_id=key_id, overlap=timedelta(hours=overlap_hours))
    except LookupError as exc:
        raise click.BadParameter(str(exc), param_hint="--key") from None
    commit()
    click.echo(f"new secret for {key_id}: {secret} (old secrets end in {overlap_hours} h)")


@click.command("revoke-api-client")
@with_appcontext
@click.option("--key", "key_id", required=True, help="the X-Client-Key")
def revoke_api_client(key_id: str) -> None:
    """Refuse every request of this client from now on."""
    from courier_api.identity.api_clients import revoke_api_client as revoke

    try:
        revoke(key_id=key_id)
    except LookupError as exc:
        raise click.BadParameter(str(exc), param_hint="--key") from None
    commit()
    click.echo(f"{key_id} revoked")


@click.command("verify-custody")
@with_appcontext
def verify_custody() -> None:
    """Walk every custody chain and checkpoint; exit 1 and name the first broken link."""
    from courier_api.custody.service import verify_all

    report = verify_all(key=current_app.config["CUSTODY_KEY"])
    click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    if not report["valid"]:
        raise SystemExit(1)


@click.command("custody-checkpoint")
@with_appcontext
def custody_checkpoint() -> None:
    """Sign the custody hashes recorded since the last checkpoint (the worker does this
    every 15 minutes)."""
    from courier_api.custody.service import make_checkpoint

    checkpoint = make_checkpoint(key=current_app.config["CUSTODY_KEY"])
    commit()
    click.echo(
        f"checkpoint up to event {checkpoint.last_event_id}" if checkpoint else "nothing new"
    )
