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

    # Plain ALTERs: SQLite would rebuild `claims` for anything more, which it refuses while
    # payouts and liabilities refer to it. For the same reason the CHECK that payouts stay
    # within the approved amount is added on PostgreSQL only (the row lock keeps it on both).
    op.add_column('claims', sa.Column('paid_fen', sa.BigInteger(), server_default='0', nullable=False))
    op.add_column('claims', sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('claims', sa.Column('closed_by_id', sa.String(length=40), nullable=True))
    op.add_column('claims', sa.Column('close_reason', sa.String(length=1000), nullable=True))
    op.add_column('claims', sa.Column('basis', sa.JSON(), nullable=True))
    op.execute(
        "UPDATE claims SET paid_fen = COALESCE((SELECT SUM(p.amount_fen) FROM claim_payouts p "
        "WHERE p.claim_id = claims.id), 0)"
    )
    if op.get_bind().dialect.name != 'sqlite':
        op.create_check_constraint(
            op.f('ck_claims_paid_within'), 'claims', 'paid_fen <= COALESCE(approved_fen, 0)'
        )


def downgrade():
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint(op.f('ck_claims_paid_within'), 'claims', type_='check')
    for column in ('basis', 'close_reason', 'closed_by_id', 'closed_at', 'paid_fen'):
        op.drop_column('claims', column)
    with op.batch_alter_table('claim_payouts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_payouts_claim_id'))
        batch_op.create_unique_constraint('uq_claim_payouts_claim_id', ['claim_id'])
        batch_op.drop_column('channel')
