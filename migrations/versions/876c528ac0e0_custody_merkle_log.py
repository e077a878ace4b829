"""custody: a Merkle log (RFC 6962) of every event, with Ed25519-signed tree heads

The HMAC checkpoints (custody_checkpoints, signed with CUSTODY_KEY) stay as they are and are
still verified with that key by `flask verify-custody` and the per-shipment check; none are
made any more. The first run of the checkpointer after this migration takes every event
recorded so far, in recording order, into the tree (leaf 0 is the oldest event), so the
whole history is also covered by a signed tree head from then on.

Leaves and tree heads are append-only on PostgreSQL, as the events are.

Revision ID: 876c528ac0e0
Revises: f8cad11c1256
Create Date: 2026-12-05 12:31:27.235471

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '876c528ac0e0'
down_revision = 'f8cad11c1256'
branch_labels = None
depends_on = None


APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION custody_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
APPEND_ONLY_TABLES = ("custody_leaves", "custody_tree_heads")


def upgrade():
    op.create_table('custody_keys',
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.Column('algorithm', sa.String(length=16), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('not_before', sa.DateTime(timezone=True), nullable=False),
    sa.Column('not_after', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_custody_keys'))
    )
    op.create_table('custody_leaves',
    sa.Column('leaf_index', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('event_id', sa.BigInteger(), nullable=False),
    sa.Column('shipment_id', sa.String(length=40), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('event_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('leaf_index', name=op.f('pk_custody_leaves')),
    sa.UniqueConstraint('event_id', name=op.f('uq_custody_leaves_event_id')),
    sa.UniqueConstraint('shipment_id', 'seq', name=op.f('uq_custody_leaves_shipment_id'))
    )
    op.create_table('custody_tree_heads',
    sa.Column('number', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('tree_size', sa.BigInteger(), nullable=False),
    sa.Column('root_hash', sa.String(length=64), nullable=False),
    sa.Column('timestamp', sa.DateTime(timezone=True), nullable=False),
    sa.Column('previous_hash', sa.String(length=64), nullable=False),
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.Column('signature', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('number', name=op.f('pk_custody_tree_heads'))
    )
    op.create_table('custody_tree_nodes',
    sa.Column('level', sa.SmallInteger(), autoincrement=False, nullable=False),
    sa.Column('node_index', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('hash', sa.LargeBinary(length=32), nullable=False),
    sa.PrimaryKeyConstraint('level', 'node_index', name=op.f('pk_custody_tree_nodes'))
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY_FUNCTION)
        for table in APPEND_ONLY_TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION custody_log_append_only()"
            )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS custody_log_append_only() CASCADE")
    op.drop_table('custody_tree_nodes')
    op.drop_table('custody_tree_heads')
    op.drop_table('custody_leaves')
    op.drop_table('custody_keys')
