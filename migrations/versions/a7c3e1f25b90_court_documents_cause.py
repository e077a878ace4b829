"""court documents: the cause of action (案由) for the receipt

Existing documents get none (NULL): their receipts leave 案由 blank, as the court never
sent one.

Revision ID: a7c3e1f25b90
Revises: 7c3d9e51a2b4
Create Date: 2026-12-05 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e1f25b90'
down_revision = '7c3d9e51a2b4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('court_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cause', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('court_documents', schema=None) as batch_op:
        batch_op.drop_column('cause')
