"""Collection campaigns (migration 0006): what went out to each référent, and the returns refused.

A campaign item is one workbook sent (référent, file name, export id, date); a re-sent workbook is a new item.
Returns are linked by export id: applied ones are `import_record` rows, refused ones `import_refusal` rows.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sdus_desktop.store.models import Base


class Campaign(Base):
    __tablename__ = "campaign"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    plan_code: Mapped[str] = mapped_column(String(16), default="", server_default="")   # "" = every plan
    folder: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(Text)
    items: Mapped[list[CampaignItem]] = relationship(
        back_populates="campaign", order_by="CampaignItem.id", cascade="all, delete-orphan")


class CampaignItem(Base):
    __tablename__ = "campaign_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    referent: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(Text)
    export_id: Mapped[str] = mapped_column(String(64), unique=True)
    sent_at: Mapped[datetime]
    sent_by: Mapped[str] = mapped_column(Text)
    fiches: Mapped[int] = mapped_column(default=0, server_default="0")
    campaign: Mapped[Campaign] = relationship(back_populates="items")


class ImportRefusal(Base):
    """A returned workbook refused at import (nothing applied): when, which file, why, where the report is."""

    __tablename__ = "import_refusal"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    file_name: Mapped[str] = mapped_column(Text)
    export_id: Mapped[str] = mapped_column(String(64), default="", server_default="", index=True)
    reason: Mapped[str] = mapped_column(Text)
    report_path: Mapped[str] = mapped_column(Text, default="", server_default="")
