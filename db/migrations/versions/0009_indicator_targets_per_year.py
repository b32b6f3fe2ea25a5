"""Indicator targets per year: one number per indicator and year (with an optional note); the plan's wording of
the target (indicator.target) stays as it is

Revision ID: 0009
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_target",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("indicator_id", sa.Integer(), sa.ForeignKey("indicator.id", ondelete="CASCADE"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.UniqueConstraint("indicator_id", "year"),
    )
    op.create_index("ix_indicator_target_indicator_id", "indicator_target", ["indicator_id"])


def downgrade() -> None:
    op.drop_index("ix_indicator_target_indicator_id", table_name="indicator_target")
    op.drop_table("indicator_target")
