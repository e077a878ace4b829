"""outbox events keep their request id and traceparent; worker heartbeats

Revision ID: 5e1f0c2a9d3b
Revises: 5b1e0c7a9d42
Create Date: 2026-12-05 07:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e1f0c2a9d3b'
down_revision = '5b1e0c7a9d42'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'heartbeats',
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('beat_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('value', sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_heartbeats')),
    )
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('traceparent', sa.String(length=55), nullable=True))


def downgrade():
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.drop_column('traceparent')
        batch_op.drop_column('request_id')
    op.drop_table('heartbeats')
