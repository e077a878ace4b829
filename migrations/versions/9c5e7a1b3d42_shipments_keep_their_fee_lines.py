"""shipments keep how their fee was made up

Revision ID: 9c5e7a1b3d42
Revises: 8b4d6f0a2c31
Create Date: 2026-12-05 11:00:00

Responses show each shipment's price by part (base, insurance premium, PIN sign-off, COD
fee), so the lines it was priced with are kept. Existing shipments keep their recorded
price: `fee_lines` stays NULL, and their breakdown shows the recorded total and premium
with the other parts unknown (`itemised: false`), rather than lines recomputed today.
"""

import sqlalchemy as sa
from alembic import op

revision = "9c5e7a1b3d42"
down_revision = "8b4d6f0a2c31"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fee_lines", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.drop_column("fee_lines")
