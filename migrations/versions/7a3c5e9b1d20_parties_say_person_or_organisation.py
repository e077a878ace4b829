"""parties say whether they are a person or an organisation (masking)

Revision ID: 7a3c5e9b1d20
Revises: 7c3d9e1f2a4b
Create Date: 2026-12-05 10:00:00

Masking hides people, not institutions, so a shipment's sender and a task's contact say
which they are (`recipient_kind` already did for court addressees). Existing rows:
- shipments of the products an organisation hands over at its pickup point (hospital
  orders, birth certificates, court documents, traffic archives) get
  `sender_kind = 'organisation'` (their sender was always the organisation's desk);
- archive transfers to another office get `recipient_kind = 'organisation'`;
- tasks at a pickup point, and return tasks whose item's sender is an organisation, get
  `contact_kind = 'organisation'`.
Every other row stays NULL: a person, as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "7a3c5e9b1d20"
down_revision = "7c3d9e1f2a4b"
branch_labels = None
depends_on = None

ORGANISATION_SENT = (
    "prescription",
    "medical_record",
    "birth_certificate",
    "court_document",
    "traffic_archive",
)


def upgrade():
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sender_kind", sa.String(length=16), nullable=True))
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contact_kind", sa.String(length=16), nullable=True))

    shipments = sa.table(
        "shipments",
        sa.column("id", sa.String),
        sa.column("product", sa.String),
        sa.column("sender_kind", sa.String),
        sa.column("recipient_kind", sa.String),
    )
    transfers = sa.table(
        "archive_transfers", sa.column("shipment_id", sa.String), sa.column("destination", sa.String)
    )
    tasks = sa.table(
        "tasks",
        sa.column("id", sa.String),
        sa.column("kind", sa.String),
        sa.column("pickup_point_id", sa.String),
        sa.column("contact_kind", sa.String),
    )
    items = sa.table("task_items", sa.column("task_id", sa.String), sa.column("shipment_id", sa.String))
    op.execute(
        shipments.update()
        .where(shipments.c.product.in_(ORGANISATION_SENT))
        .values(sender_kind="organisation")
    )
    op.execute(
        shipments.update()
        .where(
            shipments.c.id.in_(
                sa.select(transfers.c.shipment_id).where(transfers.c.destination == "office")
            )
        )
        .values(recipient_kind="organisation")
    )
    returns_to_organisations = sa.select(items.c.task_id).where(
        items.c.shipment_id.in_(
            sa.select(shipments.c.id).where(shipments.c.sender_kind == "organisation")
        )
    )
    op.execute(
        tasks.update()
        .where(
            sa.or_(
                tasks.c.pickup_point_id.is_not(None),
                sa.and_(tasks.c.kind == "return", tasks.c.id.in_(returns_to_organisations)),
            )
        )
        .values(contact_kind="organisation")
    )


def downgrade():
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_column("contact_kind")
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.drop_column("sender_kind")
    # recipient_kind of archive transfers to an office: left as set (it is true).
