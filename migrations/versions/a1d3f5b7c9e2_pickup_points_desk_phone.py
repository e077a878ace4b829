"""pickup points may give their desk's phone

Revision ID: a1d3f5b7c9e2
Revises: 9c5e7a1b3d42
Create Date: 2026-12-05 11:10:00

A return task to a court or a hospital had an empty phone: the organisation had none on
record. A pickup point may now give its desk's phone, which becomes the sender's phone of
the items collected there. Existing points: NULL (no phone, as before); existing
shipments keep the empty sender phone they were made with.
"""

import sqlalchemy as sa
from alembic import op

revision = "a1d3f5b7c9e2"
down_revision = "9c5e7a1b3d42"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("pickup_points", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table("pickup_points", schema=None) as batch_op:
        batch_op.drop_column("phone")
