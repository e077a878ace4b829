"""complaints, and the customer_service staff role

Revision ID: 6a9b3c5d7e21
Revises: b81d4e6f0a27
Create Date: 2026-12-05 10:10:00.000000

A new table, and staff roles may now be `customer_service` (the role column, a string
sized to its longest value, grows from 15 to 16 characters). Existing rows are
untouched; on SQLite, which rebuilds `staff` to do it, the dispatchers' stations are set
aside and put back.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6a9b3c5d7e21'
down_revision = 'b81d4e6f0a27'
branch_labels = None
depends_on = None

OLD_ROLES = ('dispatcher', 'org_clerk', 'claims_adjuster', 'admin')
NEW_ROLES = ('dispatcher', 'org_clerk', 'claims_adjuster', 'customer_service', 'admin')


def _role(roles):
    return sa.Enum(*roles, name='staff_role', native_enum=False)


def _resize_role(old, new):
    # SQLite changes the column by rebuilding `staff`; dropping the old table would cascade
    # to the dispatchers' stations, so they are set aside and put back.
    sqlite = op.get_bind().dialect.name == 'sqlite'
    if sqlite:
        op.execute('CREATE TEMPORARY TABLE staff_stations_kept AS SELECT * FROM staff_stations')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.alter_column(
            'role', existing_type=_role(old), type_=_role(new), existing_nullable=False
        )
    if sqlite:
        op.execute('INSERT INTO staff_stations SELECT * FROM staff_stations_kept')
        op.execute('DROP TABLE staff_stations_kept')


def upgrade():
    _resize_role(OLD_ROLES, NEW_ROLES)
    op.create_table(
        'complaints',
        sa.Column('id', sa.String(length=40), nullable=False),
        sa.Column('shipment_id', sa.String(length=40), nullable=True),
        sa.Column('pickup_id', sa.String(length=40), nullable=True),
        sa.Column('category', sa.String(length=24), nullable=False),
        sa.Column('description', sa.String(length=2000), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('complainant_kind', sa.String(length=16), nullable=False),
        sa.Column('complainant_id', sa.String(length=40), nullable=False),
        sa.Column('filed_by', sa.String(length=40), nullable=False),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('answer_due_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('answered_by_id', sa.String(length=40), nullable=True),
        sa.Column('answer', sa.String(length=2000), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            '(shipment_id IS NULL) <> (pickup_id IS NULL)', name=op.f('ck_complaints_one_subject')
        ),
        sa.CheckConstraint(
            "(status = 'answered') = (answered_at IS NOT NULL)",
            name=op.f('ck_complaints_answered_when'),
        ),
        sa.ForeignKeyConstraint(
            ['pickup_id'], ['pickup_orders.id'], name=op.f('fk_complaints_pickup_id_pickup_orders')
        ),
        sa.ForeignKeyConstraint(
            ['shipment_id'], ['shipments.id'], name=op.f('fk_complaints_shipment_id_shipments')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints')),
    )
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.create_index('ix_complaints_complainant', ['complainant_kind', 'complainant_id'])
        batch_op.create_index('ix_complaints_due', ['status', 'answer_due_at'])
        batch_op.create_index(batch_op.f('ix_complaints_pickup_id'), ['pickup_id'])
        batch_op.create_index(batch_op.f('ix_complaints_shipment_id'), ['shipment_id'])


def downgrade():
    op.drop_table('complaints')
    _resize_role(NEW_ROLES, OLD_ROLES)
