"""pickup orders promised beyond the hour

Revision ID: 7e4b2a91c0d5
Revises: 5d1a7c3e9b20
Create Date: 2026-12-05 07:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7e4b2a91c0d5'
down_revision = '5d1a7c3e9b20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('pickup_orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('promised_beyond_hour', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('pickup_orders', schema=None) as batch_op:
        batch_op.drop_column('promised_beyond_hour')
