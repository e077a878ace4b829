"""sandbox: flags on clients, citizens, couriers, shipments, tasks, custody events, notifications, webhook endpoints; the inbox

Revision ID: 6043b7bcfabc
Revises: 876c528ac0e0
Create Date: 2026-12-05 12:30:03.860610

Issue #29: sandbox API clients and citizens, and the robo-couriers; their shipments, tasks, custody events and
notifications are marked so reports, rounds, the board and the live custody log leave them
out. Existing rows are live (false). `sandbox_inbox` keeps what the fake providers sent
for 24 hours.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6043b7bcfabc'
down_revision = '876c528ac0e0'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE ... ADD COLUMN on both databases (SQLite takes a constant default):
    # a batch copy of `shipments` or `tasks` would trip the foreign keys of their rows.
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

    op.add_column('api_clients', sa.Column('sandbox', sa.Boolean(), server_default=sa.text('false'), nullable=False))

    op.add_column('couriers', sa.Column('sandbox', sa.Boolean(), server_default=sa.text('false'), nullable=False))

    op.add_column('citizens', sa.Column('sandbox', sa.Boolean(), server_default=sa.text('false'), nullable=False))

    op.add_column('custody_events', sa.Column('sandbox', sa.Boolean(), server_default=sa.text('false'), nullable=False))

    op.add_column('notifications', sa.Column('sandbox', sa.Boolean(), server_default=sa.text('false'), nullable=False))
    op.add_column('notifications', sa.Column('owners', sa.JSON(none_as_null=True), nullable=True))

    op.add_column('shipments', sa.Column('sandbox', sa.Boolean(), server_default=sa.text('false'), nullable=False))

    op.add_column('webhook_endpoints', sa.Column('sandbox', sa.Boolean(), server_default=sa.text('false'), nullable=False))

    op.add_column('tasks', sa.Column('sandbox', sa.Boolean(), server_default=sa.text('false'), nullable=False))



def downgrade():
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+), for the same reason as above.
    op.drop_column('webhook_endpoints', 'sandbox')

    op.drop_column('tasks', 'sandbox')

    op.drop_column('shipments', 'sandbox')

    op.drop_column('notifications', 'owners')
    op.drop_column('notifications', 'sandbox')

    op.drop_column('custody_events', 'sandbox')

    op.drop_column('citizens', 'sandbox')

    op.drop_column('couriers', 'sandbox')

    op.drop_column('api_clients', 'sandbox')

    with op.batch_alter_table('sandbox_inbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sandbox_inbox_sent_at'))
        batch_op.drop_index('ix_sandbox_inbox_owner')

    op.drop_table('sandbox_inbox')
