"""shipments.first_attempt_at: when the first counted delivery attempt happened

Revision ID: b7e2d4a91c05
Revises: 6043b7bcfabc
Create Date: 2026-12-05 22:05:00.000000

Issue #30: a door action read it by aggregating the shipment's delivery attempts, a
statement of its own on every delivery and sync batch (and, on a table without
statistics, a sequential scan). Kept on the shipment with the attempt count, it comes
with the row the action locks. Existing shipments take it from their attempts.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7e2d4a91c05'
down_revision = '6043b7bcfabc'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN on both databases (nullable): a batch copy of `shipments` would trip
    # the foreign keys of its rows on SQLite.
    op.add_column('shipments', sa.Column('first_attempt_at', sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE shipments SET first_attempt_at = ("
        "SELECT min(delivery_attempts.occurred_at) FROM delivery_attempts "
        "WHERE delivery_attempts.shipment_id = shipments.id AND delivery_attempts.number > 0"
        ") WHERE attempts > 0"
    )


def downgrade():
    op.drop_column('shipments', 'first_attempt_at')
