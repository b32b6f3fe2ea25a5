"""Notes de suivi: dated, signed notes per fiche, optionally tied to a frozen comité (never deleted: `removed`)

Revision ID: 0008
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "note",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("action_id", sa.Integer(), sa.ForeignKey("action.id", ondelete="CASCADE"), nullable=False),
        sa.Column("note_date", sa.Date(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("comite_snapshot_id", sa.Integer(),
                  sa.ForeignKey("comite_snapshot.id", ondelete="SET NULL"), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_note_action_id", "note", ["action_id"])


def downgrade() -> None:
    op.drop_index("ix_note_action_id", table_name="note")
    op.drop_table("note")
