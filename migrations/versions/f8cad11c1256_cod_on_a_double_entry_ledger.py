"""cash on delivery on a double-entry ledger

Revision ID: f8cad11c1256
Revises: a1d3f5b7c9e2
Create Date: 2026-12-05 12:32:26

The ledger (accounts, transactions, append-only postings) and the COD path beside it:
one row per delivered COD parcel saying where its money is, station hand-ins, daily
remittance runs (one per business day) and the remittances they paid. New tables only;
COD delivered before this migration is not on the ledger (docs/cod.md).
"""

import sqlalchemy as sa
from alembic import op

revision = "f8cad11c1256"
down_revision = "a1d3f5b7c9e2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "cod_remittance_runs",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("cutoff_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("remittance_count", sa.Integer(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("net_fen", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cod_remittance_runs")),
        sa.UniqueConstraint("business_date", name=op.f("uq_cod_remittance_runs_business_date")),
    )
    op.create_table(
        "ledger_accounts",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "courier_cash",
                "station_cash",
                "cod_clearing",
                "network_bank",
                "cash_shortage",
                "cash_surplus",
                "cod_payable",
                "cod_fee_revenue",
                "claims_payable",
                "refunds_payable",
                "claims_expense",
                "refunds_expense",
                name="ledger_account_kind",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column("owner", sa.String(length=60), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_ledger_accounts")),
    )
    op.create_table(
        "ledger_transactions",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "cod_collected",
                "cash_handin",
                "cod_remitted",
                "claim_approved",
                "claim_paid",
                "claim_closed",
                "reversal",
                name="ledger_transaction_kind",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column("subject_type", sa.String(length=24), nullable=False),
        sa.Column("subject_id", sa.String(length=40), nullable=False),
        sa.Column("memo", sa.String(length=200), nullable=True),
        sa.Column("reverses_id", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["reverses_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_ledger_transactions_reverses_id_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_transactions")),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_ledger_transactions_reverses_id")),
    )
    with op.batch_alter_table("ledger_transactions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ledger_transactions_subject", ["subject_type", "subject_id"], unique=False
        )

    op.create_table(
        "cod_remittances",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("run_id", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("payee_kind", sa.String(length=16), nullable=False),
        sa.Column("payee_id", sa.String(length=40), nullable=False),
        sa.Column("gross_fen", sa.BigInteger(), nullable=False),
        sa.Column("fee_fen", sa.BigInteger(), nullable=False),
        sa.Column("net_fen", sa.BigInteger(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["cod_remittance_runs.id"],
            name=op.f("fk_cod_remittances_run_id_cod_remittance_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cod_remittances")),
        sa.UniqueConstraint("reference", name=op.f("uq_cod_remittances_reference")),
    )
    with op.batch_alter_table("cod_remittances", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cod_remittances_payee", ["payee_kind", "payee_id", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cod_remittances_run_id"), ["run_id"], unique=False)

    op.create_table(
        "ledger_postings",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("transaction_id", sa.String(length=40), nullable=False),
        sa.Column("account", sa.String(length=80), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("amount_fen <> 0", name=op.f("ck_ledger_postings_posting_not_zero")),
        sa.ForeignKeyConstraint(
            ["account"],
            ["ledger_accounts.key"],
            name=op.f("fk_ledger_postings_account_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_ledger_postings_transaction_id_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_postings")),
    )
    with op.batch_alter_table("ledger_postings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ledger_postings_account"), ["account"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_ledger_postings_transaction_id"), ["transaction_id"], unique=False
        )

    op.create_table(
        "cod_handins",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("station_id", sa.String(length=40), nullable=False),
        sa.Column("courier_id", sa.String(length=40), nullable=False),
        sa.Column("recorded_by", sa.String(length=40), nullable=False),
        sa.Column("expected_fen", sa.BigInteger(), nullable=False),
        sa.Column("counted_fen", sa.BigInteger(), nullable=False),
        sa.Column("discrepancy_fen", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["courier_id"], ["couriers.id"], name=op.f("fk_cod_handins_courier_id_couriers")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name=op.f("fk_cod_handins_station_id_stations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cod_handins")),
    )
    with op.batch_alter_table("cod_handins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cod_handins_created_at"), ["created_at"], unique=False)
        batch_op.create_index("ix_cod_handins_station", ["station_id", "created_at"], unique=False)

    op.create_table(
        "cod_items",
        sa.Column("shipment_id", sa.String(length=40), nullable=False),
        sa.Column("payee_kind", sa.String(length=16), nullable=False),
        sa.Column("payee_id", sa.String(length=40), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("fee_fen", sa.BigInteger(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("courier_id", sa.String(length=40), nullable=False),
        sa.Column("collected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "place",
            sa.Enum(
                "courier", "clearing", "station", "remitted", name="cod_place", native_enum=False
            ),
            nullable=False,
        ),
        sa.Column("station_id", sa.String(length=40), nullable=True),
        sa.Column("handin_id", sa.String(length=40), nullable=True),
        sa.Column("handed_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("remittance_id", sa.String(length=40), nullable=True),
        sa.Column("remitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("amount_fen > 0", name=op.f("ck_cod_items_cod_amount_positive")),
        sa.ForeignKeyConstraint(
            ["handin_id"], ["cod_handins.id"], name=op.f("fk_cod_items_handin_id_cod_handins")
        ),
        sa.ForeignKeyConstraint(
            ["remittance_id"],
            ["cod_remittances.id"],
            name=op.f("fk_cod_items_remittance_id_cod_remittances"),
        ),
        sa.ForeignKeyConstraint(
            ["shipment_id"], ["shipments.id"], name=op.f("fk_cod_items_shipment_id_shipments")
        ),
        sa.PrimaryKeyConstraint("shipment_id", name=op.f("pk_cod_items")),
    )
    with op.batch_alter_table("cod_items", schema=None) as batch_op:
        batch_op.create_index("ix_cod_items_handin", ["handin_id"], unique=False)
        batch_op.create_index("ix_cod_items_payee", ["payee_kind", "payee_id"], unique=False)
        batch_op.create_index("ix_cod_items_place_courier", ["place", "courier_id"], unique=False)
        batch_op.create_index("ix_cod_items_remittance", ["remittance_id"], unique=False)


def downgrade():
    with op.batch_alter_table("cod_items", schema=None) as batch_op:
        batch_op.drop_index("ix_cod_items_remittance")
        batch_op.drop_index("ix_cod_items_place_courier")
        batch_op.drop_index("ix_cod_items_payee")
        batch_op.drop_index("ix_cod_items_handin")

    op.drop_table("cod_items")
    with op.batch_alter_table("cod_handins", schema=None) as batch_op:
        batch_op.drop_index("ix_cod_handins_station")
        batch_op.drop_index(batch_op.f("ix_cod_handins_created_at"))

    op.drop_table("cod_handins")
    with op.batch_alter_table("ledger_postings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_postings_transaction_id"))
        batch_op.drop_index(batch_op.f("ix_ledger_postings_account"))

    op.drop_table("ledger_postings")
    with op.batch_alter_table("cod_remittances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cod_remittances_run_id"))
        batch_op.drop_index("ix_cod_remittances_payee")

    op.drop_table("cod_remittances")
    with op.batch_alter_table("ledger_transactions", schema=None) as batch_op:
        batch_op.drop_index("ix_ledger_transactions_subject")

    op.drop_table("ledger_transactions")
    op.drop_table("ledger_accounts")
    op.drop_table("cod_remittance_runs")
