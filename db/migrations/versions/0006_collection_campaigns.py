"""Collection campaigns: what went out to each référent (file, export id, date) and refused returns;
« dernière mise à jour » recomputed from the journal without assignment, document and structure changes

Revision ID: 0006
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


# What référents report (core.fields.counts_as_update, frozen here as of this revision).
_REPORTS = ("(j.entity = 'action' AND j.field IN ('status', 'avancement', 'bilan')) OR "
            "(j.entity = 'step' AND j.field IN ('planned_start', 'planned_end', 'actual_start', 'actual_end', "
            "'status', 'comment')) OR (j.entity = 'value' AND j.field IN ('value', 'comment'))")
_LATEST = f"FROM journal j WHERE j.action_id = action.id AND ({_REPORTS}) ORDER BY j.at DESC, j.id DESC LIMIT 1"


def upgrade() -> None:
    # Naming a référent used to count as a « mise à jour » and hid missing returns: a fiche's last update is
    # recomputed from its journal (the same transaction wrote both), for fiches that have a journal at all.
    op.execute(f"UPDATE action SET updated_at = (SELECT j.at {_LATEST}), "
               f"updated_by = COALESCE((SELECT CASE WHEN j.author != '' THEN j.author ELSE j.user END {_LATEST}), '') "
               "WHERE updated_at IS NOT NULL AND EXISTS (SELECT 1 FROM journal j WHERE j.action_id = action.id)")
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("plan_code", sa.String(length=16), nullable=False, server_default=""),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
    )
    op.create_table(
        "campaign_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("campaign.id", ondelete="CASCADE"), nullable=False),
        sa.Column("referent", sa.Text(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("export_id", sa.String(length=64), nullable=False, unique=True),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("sent_by", sa.Text(), nullable=False),
        sa.Column("fiches", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index("ix_campaign_item_campaign_id", "campaign_item", ["campaign_id"])
    op.create_table(
        "import_refusal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("export_id", sa.String(length=64), nullable=False, server_default=""),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("report_path", sa.Text(), nullable=False, server_default=""),
    )
    op.create_index("ix_import_refusal_export_id", "import_refusal", ["export_id"])


def downgrade() -> None:
    op.drop_index("ix_import_refusal_export_id", table_name="import_refusal")
    op.drop_table("import_refusal")
    op.drop_index("ix_campaign_item_campaign_id", table_name="campaign_item")
    op.drop_table("campaign_item")
    op.drop_table("campaign")
