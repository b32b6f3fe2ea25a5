"""The catalogue read with plain DB-API SQL into light objects, for the application's start-up and views.

Importing SQLAlchemy costs more than building the whole window, so the views read through here: a handful
of SELECTs fill slotted dataclasses. Those classes, their columns and how each column is decoded are
generated from the ORM models (store/readmodel_schema.py, written by store.readmodel_gen; a test fails when
it is stale), and tests/store/test_readmodel.py checks that both sides read the same values. Writes still go
through store.services (ORM). Trees go downwards only (plan → … → action → steps, indicators → values,
référents); there are no parent links.

Nothing here is SQLite's beyond the connection (store.engine.connect) and its "?" parameter style: standard
SELECTs with quoted names, and decoders that accept a value the driver already decoded (a server database
returns dates and JSON as Python values; SQLite returns text).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sdus_desktop.store.engine import connect
from sdus_desktop.store.readmodel_schema import (
    Action,
    Axe,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    JournalEntry,
    Orientation,
    Person,
    Plan,
    Step,
)

__all__ = ["Action", "Axe", "Indicator", "IndicatorTarget", "IndicatorValue", "JournalEntry", "Orientation", "Person", "Plan", "Step",
           "journal_for_action", "load_plans", "meta_value", "read_action", "read_actions", "read_plans"]


class Connection(Protocol):
    """What the read model needs of a DB-API connection."""

    def execute(self, sql: str, parameters: Sequence[object] = ..., /) -> Any: ...


# -- reading rows ---------------------------------------------------------------------------------
T = TypeVar("T")
_BATCH = 500


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _datetime(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


_DECODERS: dict[str, Callable[[Any], Any]] = {"json": _json, "date": _date, "datetime": _datetime, "bool": _bool}
_Spec = list[tuple[str, Callable[[Any], Any] | None]]
_SPECS: dict[type, _Spec] = {}


def _spec(cls: type) -> _Spec:
    """(column, decoder) pairs of a row class, from its generated __columns__."""
    if cls not in _SPECS:
        _SPECS[cls] = [(name, _DECODERS[decoder] if decoder else None)
                       for name, decoder in cls.__columns__]  # type: ignore[attr-defined]
    return _SPECS[cls]


def _select(connection: Connection, cls: type[T], tail: str = "", params: Sequence[object] = (),
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
            if values[index] is not None:
                values[index] = decode(values[index])
        yield row[0], cls(*values)


def _load_actions(connection: Connection, where: str = "", params: Sequence[object] = ()) -> list[Action]:
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
    target_tail = value_tail.replace("ORDER BY period, id", "ORDER BY year, id")
    for _, target in _select(connection, IndicatorTarget, target_tail, params):
        indicators[target.indicator_id].targets.append(target)
    referent_tail = (f"JOIN action_referent ON action_referent.person_id = person.id "
                     f"WHERE action_referent.action_id IN {wanted} ORDER BY person.name, person.id")
    for action_id, person in _select(connection, Person, referent_tail, params, key="action_referent.action_id"):
        by_id[action_id].referents.append(person)
    return actions


def read_plans(connection: Connection) -> list[Plan]:
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
