"""Plan lifecycle (state, previous plan) and archived flags for entities removed by an avenant

Revision ID: 0004
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_ARCHIVABLE = ("orientation", "axe", "action", "step", "indicator")


def upgrade() -> None:
    # add_column only (no table rebuild): existing rows keep their values and foreign keys.
    op.add_column("plan", sa.Column("state", sa.String(length=16), nullable=False, server_default="en_cours"))
    op.add_column("plan", sa.Column("previous_code", sa.String(length=16), nullable=False, server_default=""))
    for table in _ARCHIVABLE:
        op.add_column(table, sa.Column("archived", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    for table in reversed(_ARCHIVABLE):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("archived")
    with op.batch_alter_table("plan") as batch_op:
        batch_op.drop_column("previous_code")
        batch_op.drop_column("state")
