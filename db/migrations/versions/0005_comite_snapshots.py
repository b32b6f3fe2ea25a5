"""Comité snapshots: the state frozen for a comité de suivi, read-only (a trigger refuses updates)

Revision ID: 0005
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

READ_ONLY = (
    "CREATE TRIGGER comite_snapshot_read_only BEFORE UPDATE ON comite_snapshot "
    "BEGIN SELECT RAISE(ABORT, 'instantané de comité figé : il ne peut pas être modifié'); END"
)


def upgrade() -> None:
    op.create_table(
        "comite_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comite_date", sa.Date(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.Text(), nullable=False),
        sa.Column("plan_code", sa.String(length=16), nullable=True),
        sa.Column("fiche_count", sa.Integer(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("comite_snapshot") as batch_op:
        batch_op.create_index(batch_op.f("ix_comite_snapshot_comite_date"), ["comite_date"], unique=False)
    op.execute(READ_ONLY)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS comite_snapshot_read_only")
    with op.batch_alter_table("comite_snapshot") as batch_op:
        batch_op.drop_index(batch_op.f("ix_comite_snapshot_comite_date"))
    op.drop_table("comite_snapshot")
