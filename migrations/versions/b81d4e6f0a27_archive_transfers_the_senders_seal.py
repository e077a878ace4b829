"""archive transfers: the sender's seal and the receiving office's confirmation

Existing transfers are marked seal_set_by = 'first_scan': they keep today's behaviour
(the courier's first scan records the seal; the office clerk signs at the door). New ones
are 'sender'. received_at / received_by stay empty on existing rows.

Revision ID: b81d4e6f0a27
Revises: a7c3e1f25b90
Create Date: 2026-12-05 10:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b81d4e6f0a27'
down_revision = 'a7c3e1f25b90'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('archive_transfers', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('seal_set_by', sa.String(length=16), nullable=False, server_default='first_scan')
        )
        batch_op.add_column(sa.Column('received_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('received_by', sa.String(length=40), nullable=True))
    # The default only marked the existing rows: new ones say who set their seal.
    with op.batch_alter_table('archive_transfers', schema=None) as batch_op:
        batch_op.alter_column('seal_set_by', server_default=None)


def downgrade():
    with op.batch_alter_table('archive_transfers', schema=None) as batch_op:
        batch_op.drop_column('received_by')
        batch_op.drop_column('received_at')
        batch_op.drop_column('seal_set_by')
