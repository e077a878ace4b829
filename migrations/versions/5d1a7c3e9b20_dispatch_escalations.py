"""dispatch escalations

Revision ID: 5d1a7c3e9b20
Revises: 8369aad289d5
Create Date: 2026-12-05 07:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d1a7c3e9b20'
down_revision = '8369aad289d5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('dispatch_escalations',
    sa.Column('task_id', sa.String(length=40), nullable=False),
    sa.Column('cause', sa.String(length=40), nullable=False),
    sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_dispatch_escalations_task_id_tasks')),
    sa.PrimaryKeyConstraint('task_id', name=op.f('pk_dispatch_escalations'))
    )


def downgrade():
    op.drop_table('dispatch_escalations')
