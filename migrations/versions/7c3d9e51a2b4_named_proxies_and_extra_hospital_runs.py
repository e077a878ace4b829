"""named recipients carry a proxy's relation; hospital runs say who asked for an extra run

Revision ID: 7c3d9e51a2b4
Revises: 5e1f0c2a9d3b
Create Date: 2026-12-05 09:50:00

Existing rows: named recipients keep their roles with no relation (none of them is a
proxy: a shipment without named proxies keeps today's substitutes); existing runs were
all scheduled (`requested_by` NULL).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3d9e51a2b4'
down_revision = '5e1f0c2a9d3b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('named_recipients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('relation', sa.String(length=32), nullable=True))
    with op.batch_alter_table('hospital_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requested_by', sa.String(length=40), nullable=True))


def downgrade():
    with op.batch_alter_table('hospital_runs', schema=None) as batch_op:
        batch_op.drop_column('requested_by')
    with op.batch_alter_table('named_recipients', schema=None) as batch_op:
        batch_op.drop_column('relation')
