"""The catalogue read with plain sqlite3 into light objects, for the application's start-up and views.

Importing SQLAlchemy costs more than building the whole window, so the views read through here: a handful
of SELECTs fill slotted dataclasses whose attribute names, values and orders are those of the ORM models
(store.models) for every column the tables have — tests/store/test_readmodel.py checks that they never
drift. Writes still go through store.services (ORM). Trees go downwards only (plan → … → action → steps,
indicators → values, référents); there are no parent links.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from sdus_desktop.store.engine import connect

_CHILDREN = {"children": True}


def _children() -> Any:
    return field(default_factory=list, repr=False, metadata=_CHILDREN)


@dataclass(slots=True, eq=False)
class Person:
    __tablename__: ClassVar[str] = "person"
    id: int
    name: str
    service: str


@dataclass(slots=True, eq=False)
class IndicatorValue:
    __tablename__: ClassVar[str] = "indicator_value"
    id: int
    indicator_id: int
    period: str
    value: str | None
    comment: str


@dataclass(slots=True, eq=False)
class Indicator:
    __tablename__: ClassVar[str] = "indicator"
    id: int
    action_id: int
    number: int
    label: str
    kind: str
    target: str
    archived: bool
    values: list[IndicatorValue] = _children()


@dataclass(slots=True, eq=False)
class Step:
    __tablename__: ClassVar[str] = "step"
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
    id: int
    orientation_id: int
    number: int
    title: str
    archived: bool
    actions: list[Action] = _children()


@dataclass(slots=True, eq=False)
class Orientation:
    __tablename__: ClassVar[str] = "orientation"
    id: int
    plan_id: int
    number: int
    title: str
    archived: bool
    axes: list[Axe] = _children()


@dataclass(slots=True, eq=False)
class Plan:
    __tablename__: ClassVar[str] = "plan"
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


# -- reading rows ---------------------------------------------------------------------------------
T = TypeVar("T")
_BATCH = 500
_DECODERS: dict[str, Callable[[Any], Any]] = {
    "list[str]": lambda text: None if text is None else json.loads(text),
    "date | None": lambda text: None if text is None else date.fromisoformat(text),
    "datetime | None": lambda text: None if text is None else datetime.fromisoformat(text),
    "datetime": datetime.fromisoformat,
    "bool": bool,
}


def columns(cls: type) -> list[str]:
    """The table columns a read-model class holds (its fields, less the child lists)."""
    return [name for name, _ in _spec(cls)]


_Spec = list[tuple[str, Callable[[Any], Any] | None]]
_SPECS: dict[type, _Spec] = {}


def _spec(cls: type) -> _Spec:
    """(column, decoder) pairs; the decoder is chosen by the field's annotation (JSON lists, dates)."""
    if cls not in _SPECS:
        _SPECS[cls] = [(f.name, _DECODERS.get(f.type) if isinstance(f.type, str) else None)
                       for f in fields(cls) if not f.metadata.get("children")]
    return _SPECS[cls]


def _select(connection: sqlite3.Connection, cls: type[T], tail: str = "", params: Sequence[object] = (),
            *, key: str | None = None) -> Iterator[tuple[Any, T]]:
    """Rows of cls's table as objects, each with the value of `key` (an extra SQL expression) if given."""
    table = cls.__tablename__  # type: ignore[attr-defined]
    spec = _spec(cls)
    decoders = [(index, decode) for index, (_, decode) in enumerate(spec) if decode is not None]
    selected = ", ".join(f'{table}."{name}"' for name, _ in spec)
    sql = f"SELECT {key or 'NULL'}, {selected} FROM {table} {tail}"
    for row in connection.execute(sql, tuple(params)):
        values = list(row[1:])
        for index, decode in decoders:
            values[index] = decode(values[index])
        yield row[0], cls(*values)


def _load_actions(connection: sqlite3.Connection, where: str = "", params: Sequence[object] = ()) -> list[Action]:
    """Actions matching `where` (SQL on the action table) with their steps, indicators, values, référents."""
    actions = [action for _, action in _select(connection, Action, f"{where} ORDER BY number, id", params)]
    by_id = {action.id: action for action in actions}
    wanted = f"(SELECT id FROM action {where})"
    for _, step in _select(connection, Step, f"WHERE action_id IN {wanted} AND archived = 0 ORDER BY number, id",
                           params):
        by_id[step.action_id].steps.append(step)
    indicators: dict[int, Indicator] = {}
    for _, indicator in _select(connection, Indicator, f"WHERE action_id IN {wanted} AND archived = 0 ORDER BY number, id",
                                  params):
        by_id[indicator.action_id].indicators.append(indicator)
        indicators[indicator.id] = indicator
    value_tail = f"WHERE indicator_id IN (SELECT id FROM indicator WHERE action_id IN {wanted}) ORDER BY period, id"
    for _, value in _select(connection, IndicatorValue, value_tail, params):
        indicators[value.indicator_id].values.append(value)
    referent_tail = (f"JOIN action_referent ON action_referent.person_id = person.id "
                     f"WHERE action_referent.action_id IN {wanted} ORDER BY person.name, person.id")
    for action_id, person in _select(connection, Person, referent_tail, params, key="action_referent.action_id"):
        by_id[action_id].referents.append(person)
    return actions


def read_plans(connection: sqlite3.Connection) -> list[Plan]:
    plans = [plan for _, plan in _select(connection, Plan, "ORDER BY id")]
    plan_by_id = {plan.id: plan for plan in plans}
    orientations: dict[int, Orientation] = {}
    for _, orientation in _select(connection, Orientation, "WHERE archived = 0 ORDER BY number, id"):
        plan_by_id[orientation.plan_id].orientations.append(orientation)
        orientations[orientation.id] = orientation
    axes: dict[int, Axe] = {}
    for _, axe in _select(connection, Axe, "WHERE archived = 0 ORDER BY number, id"):
        if axe.orientation_id in orientations:
            orientations[axe.orientation_id].axes.append(axe)
            axes[axe.id] = axe
    for action in _load_actions(connection, "WHERE archived = 0"):
        if action.axe_id in axes:
            axes[action.axe_id].actions.append(action)
    return plans


# -- the entry points the views use ---------------------------------------------------------------
def load_plans(db_path: Path) -> list[Plan]:
    """Both plans with orientations, axes, actions, steps, indicators, values and référents."""
    with closing(connect(db_path)) as connection:
        return read_plans(connection)


def read_action(db_path: Path, action_id: int) -> Action | None:
    """One fiche again (after a write), with its steps, indicators, values and référents."""
    return read_actions(db_path, [action_id]).get(action_id)


def read_actions(db_path: Path, action_ids: Iterable[int]) -> dict[int, Action]:
    """Several fiches again in one pass; ids that no longer exist are absent from the result."""
    ids = sorted(set(action_ids))
    found: dict[int, Action] = {}
    if not ids:
        return found
    with closing(connect(db_path)) as connection:
        for start in range(0, len(ids), _BATCH):  # SQLite limits the number of ? in one statement
            batch = ids[start:start + _BATCH]
            for action in _load_actions(connection, f"WHERE id IN ({', '.join('?' * len(batch))})", batch):
                found[action.id] = action
    return found


def journal_for_action(db_path: Path, action_id: int, limit: int = 1000) -> list[JournalEntry]:
    """The fiche's journal, newest first (same rows and order as store.queries.journal_for_action)."""
    with closing(connect(db_path)) as connection:
        rows = _select(connection, JournalEntry, "WHERE action_id = ? ORDER BY at DESC, id DESC LIMIT ?",
                       (action_id, limit))
        return [entry for _, entry in rows]


def meta_value(db_path: Path, key: str) -> str | None:
    with closing(connect(db_path)) as connection:
        row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])
