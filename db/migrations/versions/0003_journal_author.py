"""Journal: who made a change (author, e.g. the référent of a workbook) apart from who recorded it, and the
import a change came from (undo of a whole import); import records name their author too.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("journal") as batch_op:
        batch_op.add_column(sa.Column("author", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("import_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_journal_import_id", ["import_id"], unique=False)
    with op.batch_alter_table("import_record") as batch_op:
        batch_op.add_column(sa.Column("author", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("undone_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_record") as batch_op:
        batch_op.drop_column("undone_at")
        batch_op.drop_column("author")
    with op.batch_alter_table("journal") as batch_op:
        batch_op.drop_index("ix_journal_import_id")
        batch_op.drop_column("import_id")
        batch_op.drop_column("author")
