"""Row classes of the plain-sqlite3 read model (store.readmodel). GENERATED from store/models.py by
`python -m sdus_desktop.store.readmodel_gen` — do not edit: tests/store/test_readmodel.py checks it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

Columns = tuple[tuple[str, str | None], ...]  # (column, decoder: "json", "date", "datetime", "bool" or None)


def _children() -> Any:
    return field(default_factory=list, repr=False, metadata={"children": True})


@dataclass(slots=True, eq=False)
class Person:
    __tablename__: ClassVar[str] = "person"
    __columns__: ClassVar[Columns] = (("id", None), ("name", None), ("service", None),)
    id: int
    name: str
    service: str


@dataclass(slots=True, eq=False)
class IndicatorValue:
    __tablename__: ClassVar[str] = "indicator_value"
    __columns__: ClassVar[Columns] = (("id", None), ("indicator_id", None), ("period", None),
        ("value", None), ("comment", None),)
    id: int
    indicator_id: int
    period: str
    value: str | None
    comment: str


@dataclass(slots=True, eq=False)
class IndicatorTarget:
    __tablename__: ClassVar[str] = "indicator_target"
    __columns__: ClassVar[Columns] = (("id", None), ("indicator_id", None), ("year", None), ("value", None),
        ("note", None),)
    id: int
    indicator_id: int
    year: int
    value: float | None
    note: str


@dataclass(slots=True, eq=False)
class Indicator:
    __tablename__: ClassVar[str] = "indicator"
    __columns__: ClassVar[Columns] = (("id", None), ("action_id", None), ("number", None), ("label", None),
        ("kind", None), ("target", None), ("archived", "bool"),)
    id: int
    action_id: int
    number: int
    label: str
    kind: str
    target: str
    archived: bool
    values: list[IndicatorValue] = _children()
    targets: list[IndicatorTarget] = _children()


@dataclass(slots=True, eq=False)
class Step:
    __tablename__: ClassVar[str] = "step"
    __columns__: ClassVar[Columns] = (("id", None), ("action_id", None), ("number", None), ("label", None),
        ("calendrier", None), ("planned_start", "date"), ("planned_end", "date"), ("actual_start", "date"),
        ("actual_end", "date"), ("status", None), ("comment", None), ("archived", "bool"),)
    id: int
    action_id: int
    number: int
    label: str
    calendrier: str
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    status: str
    comment: str
    archived: bool


@dataclass(slots=True, eq=False)
class Action:
    __tablename__: ClassVar[str] = "action"
    __columns__: ClassVar[Columns] = (("id", None), ("plan_id", None), ("axe_id", None), ("number", None),
        ("label", None), ("title", None), ("pilotage", "json"), ("participation_citoyens", None),
        ("partenaires", "json"), ("public", None), ("problematique", None), ("vigilance", None),
        ("objectifs", "json"), ("methodologie", None), ("modalites_suivi", None),
        ("incidence_financiere", None), ("sous_actions", "json"), ("resultat_attendu", None),
        ("calendrier", None), ("acteurs", "json"), ("status", None), ("avancement", None), ("bilan", None),
        ("updated_at", "datetime"), ("updated_by", None), ("archived", "bool"),)
    id: int
    plan_id: int
    axe_id: int
    number: int
    label: str
    title: str
    pilotage: list[str]
    participation_citoyens: str
    partenaires: list[str]
    public: str
    problematique: str
    vigilance: str
    objectifs: list[str]
    methodologie: str
    modalites_suivi: str
    incidence_financiere: str
    sous_actions: list[str]
    resultat_attendu: str
    calendrier: str
    acteurs: list[str]
    status: str
    avancement: int
    bilan: str
    updated_at: datetime | None
    updated_by: str
    archived: bool
    steps: list[Step] = _children()
    indicators: list[Indicator] = _children()
    referents: list[Person] = _children()


@dataclass(slots=True, eq=False)
class Axe:
    __tablename__: ClassVar[str] = "axe"
    __columns__: ClassVar[Columns] = (("id", None), ("orientation_id", None), ("number", None),
        ("title", None), ("archived", "bool"),)
    id: int
    orientation_id: int
    number: int
    title: str
    archived: bool
    actions: list[Action] = _children()


@dataclass(slots=True, eq=False)
class Orientation:
    __tablename__: ClassVar[str] = "orientation"
    __columns__: ClassVar[Columns] = (("id", None), ("plan_id", None), ("number", None), ("title", None),
        ("archived", "bool"),)
    id: int
    plan_id: int
    number: int
    title: str
    archived: bool
    axes: list[Axe] = _children()


@dataclass(slots=True, eq=False)
class Plan:
    __tablename__: ClassVar[str] = "plan"
    __columns__: ClassVar[Columns] = (("id", None), ("code", None), ("title", None), ("period_start", None),
        ("period_end", None), ("level1_label", None), ("catalogue_version", None), ("state", None),
        ("previous_code", None),)
    id: int
    code: str
    title: str
    period_start: int
    period_end: int
    level1_label: str
    catalogue_version: str
    state: str
    previous_code: str
    orientations: list[Orientation] = _children()


@dataclass(slots=True, eq=False)
class JournalEntry:
    __tablename__: ClassVar[str] = "journal"
    __columns__: ClassVar[Columns] = (("id", None), ("at", "datetime"), ("user", None), ("origin", None),
        ("entity", None), ("entity_key", None), ("action_id", None), ("field", None), ("old", None),
        ("new", None), ("author", None), ("import_id", None),)
    id: int
    at: datetime
    user: str
    origin: str
    entity: str
    entity_key: str
    action_id: int | None
    field: str
    old: str | None
    new: str | None
    author: str
    import_id: int | None


@dataclass(slots=True, eq=False)
class Note:
    __tablename__: ClassVar[str] = "note"
    __columns__: ClassVar[Columns] = (("id", None), ("action_id", None), ("note_date", "date"),
        ("author", None), ("text", None), ("comite_snapshot_id", None), ("created_at", "datetime"),
        ("created_by", None), ("removed", "bool"),)
    id: int
    action_id: int
    note_date: date
    author: str
    text: str
    comite_snapshot_id: int | None
    created_at: datetime
    created_by: str
    removed: bool
