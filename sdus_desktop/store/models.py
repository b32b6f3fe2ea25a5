"""SQLAlchemy 2 typed models: plan → orientation → axe → action → étapes, indicateurs → valeurs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map = {list[str]: JSON, dict[str, Any]: JSON}


class Meta(Base):
    """Key/value facts about this database: database_id, catalogue versions, created_at."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Plan(Base):
    __tablename__ = "plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    title: Mapped[str] = mapped_column(Text)
    period_start: Mapped[int]
    period_end: Mapped[int]
    level1_label: Mapped[str] = mapped_column(String(32))
    catalogue_version: Mapped[str] = mapped_column(String(32))
    # Lifecycle: "en_cours" or "clos" (a closed plan leaves navigation and dashboard by default).
    state: Mapped[str] = mapped_column(String(16), default="en_cours", server_default="en_cours")
    previous_code: Mapped[str] = mapped_column(String(16), default="", server_default="")  # the plan it follows
    orientations: Mapped[list[Orientation]] = relationship(
        back_populates="plan", order_by="Orientation.number", cascade="all, delete-orphan",
        primaryjoin="and_(Orientation.plan_id == Plan.id, Orientation.archived == false())",
    )


class Orientation(Base):
    """Level-1 group: an SDUS orientation or an SDSF thématique."""

    __tablename__ = "orientation"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(default=False, server_default=false())
    plan: Mapped[Plan] = relationship(back_populates="orientations")
    axes: Mapped[list[Axe]] = relationship(
        back_populates="orientation", order_by="Axe.number", cascade="all, delete-orphan",
        primaryjoin="and_(Axe.orientation_id == Orientation.id, Axe.archived == false())",
    )


class Axe(Base):
    __tablename__ = "axe"
    __table_args__ = (UniqueConstraint("orientation_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    orientation_id: Mapped[int] = mapped_column(ForeignKey("orientation.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(default=False, server_default=false())
    orientation: Mapped[Orientation] = relationship(back_populates="axes")
    actions: Mapped[list[Action]] = relationship(
        back_populates="axe", order_by="Action.number", cascade="all, delete-orphan",
        primaryjoin="and_(Action.axe_id == Axe.id, Action.archived == false())",
    )


class Action(Base):
    """A fiche action (SDUS) or an action (SDSF): document fields plus suivi fields."""

    __tablename__ = "action"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    axe_id: Mapped[int] = mapped_column(ForeignKey("axe.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    label: Mapped[str] = mapped_column(String(32), default="")
    title: Mapped[str] = mapped_column(Text)
    # Document fields (from the catalogue; editable in central mode).
    pilotage: Mapped[list[str]] = mapped_column(default=list)
    participation_citoyens: Mapped[str] = mapped_column(Text, default="")
    partenaires: Mapped[list[str]] = mapped_column(default=list)
    public: Mapped[str] = mapped_column(Text, default="")
    problematique: Mapped[str] = mapped_column(Text, default="")
    vigilance: Mapped[str] = mapped_column(Text, default="")
    objectifs: Mapped[list[str]] = mapped_column(default=list)
    methodologie: Mapped[str] = mapped_column(Text, default="")
    modalites_suivi: Mapped[str] = mapped_column(Text, default="")
    incidence_financiere: Mapped[str] = mapped_column(Text, default="")
    sous_actions: Mapped[list[str]] = mapped_column(default=list)
    resultat_attendu: Mapped[str] = mapped_column(Text, default="")
    calendrier: Mapped[str] = mapped_column(Text, default="")
    acteurs: Mapped[list[str]] = mapped_column(default=list)
    # Suivi fields.
    status: Mapped[str] = mapped_column(String(16), default="non_demarree")
    avancement: Mapped[int] = mapped_column(default=0)
    bilan: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None]
    updated_by: Mapped[str] = mapped_column(Text, default="")
    # Removed from its plan by an avenant: kept with its history, hidden from views.
    archived: Mapped[bool] = mapped_column(default=False, server_default=false())

    axe: Mapped[Axe] = relationship(back_populates="actions")
    steps: Mapped[list[Step]] = relationship(
        back_populates="action", order_by="Step.number", cascade="all, delete-orphan",
        primaryjoin="and_(Step.action_id == Action.id, Step.archived == false())",
    )
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="action", order_by="Indicator.number", cascade="all, delete-orphan",
        primaryjoin="and_(Indicator.action_id == Action.id, Indicator.archived == false())",
    )
    referents: Mapped[list[Person]] = relationship(secondary="action_referent", order_by="Person.name")


class Step(Base):
    """An étape of the modalités de mise en œuvre. planned_start/end override the calendrier."""

    __tablename__ = "step"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    label: Mapped[str] = mapped_column(Text)
    calendrier: Mapped[str] = mapped_column(Text, default="")
    planned_start: Mapped[date | None]
    planned_end: Mapped[date | None]
    actual_start: Mapped[date | None]
    actual_end: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="a_faire")
    comment: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(default=False, server_default=false())
    action: Mapped[Action] = relationship(back_populates="steps")


class Indicator(Base):
    __tablename__ = "indicator"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    label: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="texte")
    target: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(default=False, server_default=false())
    action: Mapped[Action] = relationship(back_populates="indicators")
    values: Mapped[list[IndicatorValue]] = relationship(
        back_populates="indicator", order_by="IndicatorValue.period", cascade="all, delete-orphan"
    )
    targets: Mapped[list[IndicatorTarget]] = relationship(
        back_populates="indicator", order_by="IndicatorTarget.year", cascade="all, delete-orphan"
    )


class IndicatorTarget(Base):
    """The target of one year (migration 0009): a number in the indicator's unit (nombre, pourcentage).

    When given, it wins over a number read from the plan's wording (Indicator.target) for that year."""

    __tablename__ = "indicator_target"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    value: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    indicator: Mapped[Indicator] = relationship(back_populates="targets")


class IndicatorValue(Base):
    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("indicator_id", "period"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(8))
    value: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str] = mapped_column(Text, default="")
    indicator: Mapped[Indicator] = relationship(back_populates="values")


class Person(Base):
    """A référent, with the CMS or service they belong to."""

    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    service: Mapped[str] = mapped_column(Text, default="")


class ActionReferent(Base):
    __tablename__ = "action_referent"
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)


class JournalEntry(Base):
    """One changed field: what, who, when, from where. Written in the same transaction as the change."""

    __tablename__ = "journal"
    __table_args__ = (Index("ix_journal_action_at", "action_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(Text, index=True)
    entity: Mapped[str] = mapped_column(String(24))
    entity_key: Mapped[str] = mapped_column(String(64))
    action_id: Mapped[int | None] = mapped_column(index=True)
    field: Mapped[str] = mapped_column(String(48))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(Text, default="", server_default="")   # who made it, when not `user`
    import_id: Mapped[int | None] = mapped_column(index=True)   # the import_record it came from


class Conflict(Base):
    """A cell changed both in a returned workbook and in the database: waits for a decision."""

    __tablename__ = "conflict"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime]
    origin: Mapped[str] = mapped_column(Text)
    entity: Mapped[str] = mapped_column(String(24))
    entity_key: Mapped[str] = mapped_column(String(64))
    action_id: Mapped[int | None] = mapped_column(index=True)
    field: Mapped[str] = mapped_column(String(48))
    base: Mapped[str | None] = mapped_column(Text)
    mine: Mapped[str | None] = mapped_column(Text)
    theirs: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(String(8))
    resolved_by: Mapped[str | None] = mapped_column(Text)


class ImportRecord(Base):
    """A workbook applied to this database (file name, content hash, export id, counts)."""

    __tablename__ = "import_record"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    user: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    export_id: Mapped[str] = mapped_column(String(64))
    applied: Mapped[int] = mapped_column(default=0)
    conflicts: Mapped[int] = mapped_column(default=0)
    author: Mapped[str] = mapped_column(Text, default="", server_default="")   # the référent the workbook names
    undone_at: Mapped[datetime | None]


class ComiteSnapshot(Base):
    """The state frozen for a comité de suivi (store.comite_snapshots): read-only once written."""

    __tablename__ = "comite_snapshot"
    id: Mapped[int] = mapped_column(primary_key=True)
    comite_date: Mapped[date] = mapped_column(index=True)
    taken_at: Mapped[datetime]
    user: Mapped[str] = mapped_column(Text)
    plan_code: Mapped[str | None] = mapped_column(String(16))
    fiche_count: Mapped[int] = mapped_column(default=0)
    payload: Mapped[bytes]


class ComiteValidation(Base):
    """The comité validated a frozen state (migration 0007): its past values are then locked (core.period_lock).

    A validation withdrawn (« Retirer la validation », central mode) keeps its row, with who withdrew it and when;
    validating again adds a row."""

    __tablename__ = "comite_validation"
    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("comite_snapshot.id", ondelete="CASCADE"), index=True)
    validated_on: Mapped[date]                     # the day the comité validated
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[str] = mapped_column(Text)
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by: Mapped[str] = mapped_column(Text, default="", server_default="")


class Note(Base):
    """A note de suivi of a fiche (core.notes): dated, signed, optionally tied to a frozen comité. Never deleted:
    a note withdrawn is marked `removed` (so that undo puts it back and a returned workbook does not re-add it)."""

    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    note_date: Mapped[date]
    author: Mapped[str] = mapped_column(Text, default="")        # who wrote it (the référent of a workbook)
    text: Mapped[str] = mapped_column(Text)
    comite_snapshot_id: Mapped[int | None] = mapped_column(ForeignKey("comite_snapshot.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(Text, default="")    # who recorded it in this database
    removed: Mapped[bool] = mapped_column(default=False, server_default=false())
    action: Mapped[Action] = relationship()
