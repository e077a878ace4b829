"""court documents carry the court's own reference

Revision ID: 8b4d6f0a2c31
Revises: 7a3c5e9b1d20
Create Date: 2026-12-05 10:30:00

A court tells its documents apart by its own reference (its case system's id), sent with
each row and shown back. Existing documents have none: NULL (they keep their row number).
"""

import sqlalchemy as sa
from alembic import op

revision = "8b4d6f0a2c31"
down_revision = "7a3c5e9b1d20"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("court_documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("court_documents", schema=None) as batch_op:
        batch_op.drop_column("reference")
