"""Comité validation: a frozen comité state marked « validé » (date, who); withdrawals kept with who and when

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comite_validation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("snapshot_id", sa.Integer(), sa.ForeignKey("comite_snapshot.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("validated_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.Column("withdrawn_by", sa.Text(), nullable=False, server_default=""),
    )
    op.create_index("ix_comite_validation_snapshot_id", "comite_validation", ["snapshot_id"])


def downgrade() -> None:
    op.drop_index("ix_comite_validation_snapshot_id", table_name="comite_validation")
    op.drop_table("comite_validation")
