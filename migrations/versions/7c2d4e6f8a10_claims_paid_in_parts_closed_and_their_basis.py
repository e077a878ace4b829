"""claims paid in parts, closed with a reason, and the basis of their decision

Revision ID: 7c2d4e6f8a10
Revises: 6a9b3c5d7e21
Create Date: 2026-12-05 10:00:00.000000

Existing rows keep their meaning:
- `claims.paid_fen` is filled with what each claim's payout already paid; a claim that is
  `paid` stays `paid`, even where that payout was below the approved amount.
- `claims.basis` stays NULL on claims decided before: the API works it out again from the
  shipment and marks it `recorded: false`.
- `claim_payouts.channel`: the system's fast-claim payouts become `fast_claim` with the
  reference the payment run uses (`FC-<claim id>`); staff payouts become `unrecorded`
  (their reference, optional then, is kept as it was).
- A claim may now have several payouts: the unique claim id becomes a plain index.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c2d4e6f8a10'
down_revision = '6a9b3c5d7e21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('claim_payouts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=16), nullable=True))
        batch_op.drop_constraint('uq_claim_payouts_claim_id', type_='unique')
        batch_op.create_index(batch_op.f('ix_claim_payouts_claim_id'), ['claim_id'], unique=False)
    op.execute(
        "UPDATE claim_payouts SET channel = 'fast_claim', reference = 'FC-' || claim_id "
        "WHERE paid_by_kind = 'system'"
    )
    op.execute("UPDATE claim_payouts SET channel = 'unrecorded' WHERE channel IS NULL")
    with op.batch_alter_table('claim_payouts', schema=None) as batch_op:
        batch_op.alter_column('channel', existing_type=sa.String(length=16), nullable=False)

    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paid_fen', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('closed_by_id', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('close_reason', sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column('basis', sa.JSON(), nullable=True))
    op.execute(
        "UPDATE claims SET paid_fen = COALESCE((SELECT SUM(p.amount_fen) FROM claim_payouts p "
        "WHERE p.claim_id = claims.id), 0)"
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.alter_column('paid_fen', existing_type=sa.BigInteger(), nullable=False)
        batch_op.create_check_constraint(
            batch_op.f('ck_claims_paid_within'), 'paid_fen <= COALESCE(approved_fen, 0)'
        )


def downgrade():
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_claims_paid_within'), type_='check')
        batch_op.drop_column('basis')
        batch_op.drop_column('close_reason')
        batch_op.drop_column('closed_by_id')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('paid_fen')
    with op.batch_alter_table('claim_payouts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_payouts_claim_id'))
        batch_op.create_unique_constraint('uq_claim_payouts_claim_id', ['claim_id'])
        batch_op.drop_column('channel')
