"""tasks by station and state: a dispatch round's open work, a quote's waiting pickups

Revision ID: d41f6a2c8e57
Revises: b7e2d4a91c05
Create Date: 2026-12-06 09:50:00.000000

Issue #30: a quote measures its region's backlog (pickups.admission), the waiting pickups
of the region's stations. By `ix_tasks_station_id` that read every task each station
ever had, and the planner took the whole table instead: 11 ms a measurement under the
peak mix with 7,000 tasks, growing with every task done. (station_id, state, kind) finds
the few in those states; it starts with station_id, so it replaces that index (the
foreign key's and every station lookup's) rather than sitting beside it. Existing rows
are only indexed, but a plain CREATE INDEX holds writes to `tasks` while it builds: on a
large table, build it first by hand with `CREATE INDEX CONCURRENTLY
ix_tasks_station_id_state_kind ON tasks (station_id, state, kind)`, which this migration
then finds there (docs/deploy.md).
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd41f6a2c8e57'
down_revision = 'b7e2d4a91c05'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_tasks_station_id_state_kind', 'tasks', ['station_id', 'state', 'kind'], if_not_exists=True
    )
    op.drop_index('ix_tasks_station_id', table_name='tasks')


def downgrade():
    op.create_index('ix_tasks_station_id', 'tasks', ['station_id'])
    op.drop_index('ix_tasks_station_id_state_kind', table_name='tasks')
