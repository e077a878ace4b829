"""a courier's poll: their tasks by state, their pending offers

Revision ID: 7c3d9e1f2a4b
Revises: 7c2d4e6f8a10
Create Date: 2026-12-05 10:15:00.000000

Two indexes, nothing else: existing rows are only indexed. The poll's statement
(tasks.service.COURIER_PAGE) finds a courier's listed tasks by (courier_id, state) rather
than among every task they ever held, and their offers among the pending ones only.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3d9e1f2a4b'
down_revision = '7c2d4e6f8a10'
branch_labels = None
depends_on = None

PENDING = sa.text("status = 'pending'")


def upgrade():
    op.create_index('ix_tasks_courier_id_state', 'tasks', ['courier_id', 'state'])
    op.create_index(
        'ix_task_offers_pending_courier_id',
        'task_offers',
        ['courier_id'],
        postgresql_where=PENDING,
        sqlite_where=PENDING,
    )


def downgrade():
    op.drop_index('ix_task_offers_pending_courier_id', table_name='task_offers')
    op.drop_index('ix_tasks_courier_id_state', table_name='tasks')
