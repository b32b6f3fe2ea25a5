"""Import records and the conflicts queue (workbook round trip)

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('conflict',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('entity', sa.String(length=24), nullable=False),
    sa.Column('entity_key', sa.String(length=64), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=48), nullable=False),
    sa.Column('base', sa.Text(), nullable=True),
    sa.Column('mine', sa.Text(), nullable=True),
    sa.Column('theirs', sa.Text(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolution', sa.String(length=8), nullable=True),
    sa.Column('resolved_by', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflict_action_id'), ['action_id'], unique=False)

    op.create_table('import_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user', sa.Text(), nullable=False),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('export_id', sa.String(length=64), nullable=False),
    sa.Column('applied', sa.Integer(), nullable=False),
    sa.Column('conflicts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('import_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_record_file_sha256'), ['file_sha256'], unique=False)

    with op.batch_alter_table("journal") as batch_op:
        batch_op.create_index("ix_journal_origin", ["origin"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("journal") as batch_op:
        batch_op.drop_index("ix_journal_origin")
    with op.batch_alter_table('import_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_record_file_sha256'))

    op.drop_table('import_record')
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflict_action_id'))

    op.drop_table('conflict')
