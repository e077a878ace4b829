"""sandbox: flags on clients, citizens, shipments, tasks, custody events, notifications; the inbox

Revision ID: 6043b7bcfabc
Revises: a1d3f5b7c9e2
Create Date: 2026-12-05 12:30:03.860610

Issue #29: sandbox API clients and citizens; their shipments, tasks, custody events and
notifications are marked so reports, rounds, the board and the live custody log leave them
out. Existing rows are live (false). `sandbox_inbox` keeps what the fake providers sent
for 24 hours.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6043b7bcfabc'
down_revision = 'a1d3f5b7c9e2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sandbox_inbox',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('notification_id', sa.String(length=40), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('template', sa.String(length=64), nullable=False),
    sa.Column('recipient', sa.String(length=64), nullable=False),
    sa.Column('content_encrypted', sa.Text(), nullable=False),
    sa.Column('subject_type', sa.String(length=32), nullable=False),
    sa.Column('subject_id', sa.String(length=40), nullable=False),
    sa.Column('sandbox', sa.Boolean(), nullable=False),
    sa.Column('owner_kind', sa.String(length=16), nullable=True),
    sa.Column('owner_id', sa.String(length=40), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sandbox_inbox'))
    )
    with op.batch_alter_table('sandbox_inbox', schema=None) as batch_op:
        batch_op.create_index('ix_sandbox_inbox_owner', ['owner_kind', 'owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sandbox_inbox_sent_at'), ['sent_at'], unique=False)

    with op.batch_alter_table('api_clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sandbox', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('citizens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sandbox', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('custody_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sandbox', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sandbox', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('owners', sa.JSON(none_as_null=True), nullable=True))

    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sandbox', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('webhook_endpoints', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sandbox', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sandbox', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('webhook_endpoints', schema=None) as batch_op:
        batch_op.drop_column('sandbox')

    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_column('sandbox')

    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.drop_column('sandbox')

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_column('owners')
        batch_op.drop_column('sandbox')

    with op.batch_alter_table('custody_events', schema=None) as batch_op:
        batch_op.drop_column('sandbox')

    with op.batch_alter_table('citizens', schema=None) as batch_op:
        batch_op.drop_column('sandbox')

    with op.batch_alter_table('api_clients', schema=None) as batch_op:
        batch_op.drop_column('sandbox')

    with op.batch_alter_table('sandbox_inbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sandbox_inbox_sent_at'))
        batch_op.drop_index('ix_sandbox_inbox_owner')

    op.drop_table('sandbox_inbox')
