"""The catalogue read with plain DB-API SQL into light objects, for the application's start-up and views.

Importing SQLAlchemy costs more than building the whole window, so the views read through here: a handful
of SELECTs fill slotted dataclasses. Those classes, their columns and how each column is decoded are
generated from the ORM models (store/readmodel_schema.py, written by store.readmodel_gen; a test fails when
it is stale), and tests/store/test_readmodel.py checks that both sides read the same values. Writes still go
through store.services (ORM). Trees go downwards only (plan → … → action → steps, indicators → values,
référents); there are no parent links.

Nothing here is SQLite's beyond the connection (store.engine.connect, whose driver also gives the parameter
marker store.engine.PARAM): standard SELECTs with quoted names, and decoders that accept a value the driver already decoded (a server database
returns dates and JSON as Python values; SQLite returns text).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sdus_desktop.store.engine import PARAM, connect, params
from sdus_desktop.store.readmodel_schema import (
    Action,
    Axe,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    JournalEntry,
    Note,
    Orientation,
    Person,
    Plan,
    Step,
)

__all__ = ["ACTIVE", "as_date", "as_datetime", "Action", "Axe", "Indicator", "IndicatorTarget", "IndicatorValue", "JournalEntry", "Note", "Orientation", "Person",
           "Plan", "Step", "comite_dates", "journal_for_action", "load_plans", "meta_value", "meta_values",
           "notes_for_actions", "plan_rows", "read_actions", "read_plans", "rows_of", "select_rows"]

# Rows a plan avenant archived are left out: standard SQL (a boolean column compared with FALSE, not 0).
ACTIVE = "archived = FALSE"


class Connection(Protocol):
    """What the read model needs of a DB-API connection."""

    def execute(self, sql: str, parameters: Sequence[object] = ..., /) -> Any: ...


# -- reading rows ---------------------------------------------------------------------------------
T = TypeVar("T")
_BATCH = 500


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def as_date(value: Any) -> date | None:
    """A DATE column as read: text from SQLite, a date from a server driver."""
    return _date(value)


def as_datetime(value: Any) -> datetime | None:
    """A DATETIME column as read: text from SQLite, a datetime from a server driver."""
    return _datetime(value)


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _datetime(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


# Applied to values that are not None (so "bool" is the builtin: 0/1 from SQLite, a bool from a server).
_DECODERS: dict[str, Callable[[Any], Any]] = {"json": _json, "date": _date, "datetime": _datetime, "bool": bool}
_Spec = list[tuple[str, Callable[[Any], Any] | None]]
_SPECS: dict[type, _Spec] = {}


def _spec(cls: type) -> _Spec:
    """(column, decoder) pairs of a row class, from its generated __columns__."""
    if cls not in _SPECS:
        _SPECS[cls] = [(name, _DECODERS[decoder] if decoder else None)
                       for name, decoder in cls.__columns__]  # type: ignore[attr-defined]
    return _SPECS[cls]


_BUILDERS: dict[type, Callable[[Sequence[Any]], Any]] = {}


def _builder(cls: type[T]) -> Callable[[Sequence[Any]], T]:
    """row tuple → object, every column decoded: one generated lambda per class (as collections.namedtuple
    does), the hot path of start-up — thousands of rows without a loop over columns per row."""
    if cls not in _BUILDERS:
        names: dict[str, Any] = {"cls": cls}
        arguments = []
        for index, (_, decode) in enumerate(_spec(cls)):
            if decode is None:
                arguments.append(f"r[{index}]")
            else:
                names[f"d{index}"] = decode
                arguments.append(f"(None if r[{index}] is None else d{index}(r[{index}]))")
        _BUILDERS[cls] = eval(f"lambda r: cls({', '.join(arguments)})", names)  # noqa: S307 - indices only
    return _BUILDERS[cls]


def rows_of(connection: Connection, cls: type[T], tail: str = "", params: Sequence[object] = ()) -> list[T]:
    """Rows of cls's table (`tail`: WHERE / ORDER BY on it) as objects, every column decoded as generated."""
    table = cls.__tablename__  # type: ignore[attr-defined]
    selected = ", ".join(f'{table}."{name}"' for name, _ in _spec(cls))
    return list(map(_builder(cls), connection.execute(f"SELECT {selected} FROM {table} {tail}", tuple(params))))


def select_rows(connection: Connection, cls: type[T], tail: str = "", params: Sequence[object] = (),
                *, key: str) -> Iterator[tuple[Any, T]]:
    """Like rows_of, each object with the value of `key` (an extra SQL expression, e.g. a joined column)."""
    table = cls.__tablename__  # type: ignore[attr-defined]
    selected = ", ".join(f'{table}."{name}"' for name, _ in _spec(cls))
    build = _builder(cls)
    for row in connection.execute(f"SELECT {key}, {selected} FROM {table} {tail}", tuple(params)):
        yield row[0], build(row[1:])


def _load_actions(connection: Connection, where: str = "", params: Sequence[object] = ()) -> list[Action]:
    """Actions matching `where` (SQL on the action table) with their steps, indicators, values, référents."""
    actions = rows_of(connection, Action, f"{where} ORDER BY number, id", params)
    by_id = {action.id: action for action in actions}
    wanted = f"(SELECT id FROM action {where})"
    for step in rows_of(connection, Step, f"WHERE action_id IN {wanted} AND {ACTIVE} ORDER BY number, id",
                           params):
        by_id[step.action_id].steps.append(step)
    indicators: dict[int, Indicator] = {}
    for indicator in rows_of(connection, Indicator, f"WHERE action_id IN {wanted} AND {ACTIVE} ORDER BY number, id",
                                  params):
        by_id[indicator.action_id].indicators.append(indicator)
        indicators[indicator.id] = indicator
    value_tail = f"WHERE indicator_id IN (SELECT id FROM indicator WHERE action_id IN {wanted}) ORDER BY period, id"
    for value in rows_of(connection, IndicatorValue, value_tail, params):
        indicators[value.indicator_id].values.append(value)
    target_tail = value_tail.replace("ORDER BY period, id", "ORDER BY year, id")
    for target in rows_of(connection, IndicatorTarget, target_tail, params):
        indicators[target.indicator_id].targets.append(target)
    referent_tail = (f"JOIN action_referent ON action_referent.person_id = person.id "
                     f"WHERE action_referent.action_id IN {wanted} ORDER BY person.name, person.id")
    for action_id, person in select_rows(connection, Person, referent_tail, params, key="action_referent.action_id"):
        by_id[action_id].referents.append(person)
    return actions


def read_plans(connection: Connection) -> list[Plan]:
    plans = rows_of(connection, Plan, "ORDER BY id")
    plan_by_id = {plan.id: plan for plan in plans}
    orientations: dict[int, Orientation] = {}
    for orientation in rows_of(connection, Orientation, f"WHERE {ACTIVE} ORDER BY number, id"):
        plan_by_id[orientation.plan_id].orientations.append(orientation)
        orientations[orientation.id] = orientation
    axes: dict[int, Axe] = {}
    for axe in rows_of(connection, Axe, f"WHERE {ACTIVE} ORDER BY number, id"):
        if axe.orientation_id in orientations:
            orientations[axe.orientation_id].axes.append(axe)
            axes[axe.id] = axe
    for action in _load_actions(connection, f"WHERE {ACTIVE}"):
        if action.axe_id in axes:
            axes[action.axe_id].actions.append(action)
    return plans


# -- the entry points the views use ---------------------------------------------------------------
def load_plans(db_path: Path) -> list[Plan]:
    """Both plans with orientations, axes, actions, steps, indicators, values and référents."""
    with closing(connect(db_path)) as connection:
        return read_plans(connection)


def read_actions(db_path: Path, action_ids: Iterable[int]) -> dict[int, Action]:
    """Fiches again (after a write) in one pass, with their steps, indicators, values and référents; ids that no
    longer exist are absent from the result."""
    ids = sorted(set(action_ids))
    found: dict[int, Action] = {}
    if not ids:
        return found
    with closing(connect(db_path)) as connection:
        for start in range(0, len(ids), _BATCH):  # SQLite limits the number of ? in one statement
            batch = ids[start:start + _BATCH]
            for action in _load_actions(connection, f"WHERE id IN ({params(len(batch))})", batch):
                found[action.id] = action
    return found


def journal_for_action(db_path: Path, action_id: int, limit: int = 1000) -> list[JournalEntry]:
    """The fiche's journal, newest first (same rows and order as store.queries.journal_for_action)."""
    with closing(connect(db_path)) as connection:
        return rows_of(connection, JournalEntry, f"WHERE action_id = {PARAM} ORDER BY at DESC, id DESC LIMIT {PARAM}",
                       (action_id, limit))


def meta_values(db_path: Path, prefix: str) -> dict[str, str]:
    """Every meta entry whose key starts with `prefix` (e.g. "catalogue_": versions applied or declined)."""
    with closing(connect(db_path)) as connection:
        rows = connection.execute(f"SELECT key, value FROM meta WHERE key LIKE {PARAM}", (prefix + "%",)).fetchall()
    return {str(key): str(value) for key, value in rows}


def plan_rows(db_path: Path) -> list[Plan]:
    """The plans alone (code, title, period, state…), without their orientations: a cheap look."""
    with closing(connect(db_path)) as connection:
        return rows_of(connection, Plan, "ORDER BY id")


def notes_for_actions(db_path: Path, action_ids: Iterable[int] | None = None,
                      *, removed: bool = False) -> dict[int, list[Note]]:
    """The notes de suivi per fiche, newest first (by date, then last written first); withdrawn notes only when
    `removed`. All fiches when `action_ids` is None."""
    found: dict[int, list[Note]] = {}
    where = "" if removed else "AND removed = FALSE"
    order = "ORDER BY note_date DESC, id DESC"
    with closing(connect(db_path)) as connection:
        if action_ids is None:
            batches: list[list[int]] = [[]]
        else:
            ids = sorted(set(action_ids))
            batches = [ids[start:start + _BATCH] for start in range(0, len(ids), _BATCH)]
        for batch in batches:
            if action_ids is None:
                rows = rows_of(connection, Note, f"WHERE 1 = 1 {where} {order}")
            elif not batch:
                continue
            else:
                rows = rows_of(connection, Note, f"WHERE action_id IN ({params(len(batch))}) {where} {order}",
                               batch)
            for note in rows:
                found.setdefault(note.action_id, []).append(note)
    return found


def comite_dates(db_path: Path) -> dict[int, date]:
    """The frozen comités by id, with their date (a note's comité is shown as « comité du JJ/MM/AAAA »)."""
    with closing(connect(db_path)) as connection:
        rows = connection.execute("SELECT id, comite_date FROM comite_snapshot").fetchall()
    return {int(row[0]): _date(row[1]) or date.min for row in rows}


def meta_value(db_path: Path, key: str) -> str | None:
    with closing(connect(db_path)) as connection:
        row = connection.execute(f"SELECT value FROM meta WHERE key = {PARAM}", (key,)).fetchone()
    return None if row is None else str(row[0])
