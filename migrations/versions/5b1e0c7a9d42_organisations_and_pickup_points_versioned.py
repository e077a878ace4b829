"""organisations and pickup points carry a version (If-Match on back-office edits)

Revision ID: 5b1e0c7a9d42
Revises: 7e4b2a91c0d5
Create Date: 2026-12-05 07:50:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "5b1e0c7a9d42"
down_revision = "7e4b2a91c0d5"
branch_labels = None
depends_on = None


def upgrade():
    # Existing rows start at version 1 (their first ETag); the default is only for them.
    for table in ("organisations", "pickup_points"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), nullable=False, server_default="1")
            )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("version", server_default=None)


def downgrade():
    for table in ("pickup_points", "organisations"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
