"""Plan structure rows for a plan avenant, a new plan or a catalogue release (exchange/plan_avenant,
plan_fiches, plan_import, plan_release): lookups, new rows, bulk inserts of new fiches, journal rows.

The reconciler changes attributes of the rows it receives (titles, numbers, archived flags); the session it
was given is flushed and committed (or rolled back) by its caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from sdus_desktop.store.models import (
    Action,
    Axe,
    Base,
    Indicator,
    IndicatorValue,
    JournalEntry,
    Meta,
    Orientation,
    Plan,
    Step,
)

Row = TypeVar("Row", bound=Base)


class Unreadable(Exception):
    """A database file (a backup copy) that cannot be read; its text is the driver's."""


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


def plan_by_code(session: Session, code: str) -> Plan | None:
    return session.scalar(select(Plan).where(Plan.code == code))


def plan_codes(session: Session) -> list[str]:
    """Every plan's code, in creation order (closed plans included)."""
    return list(session.scalars(select(Plan.code).order_by(Plan.id)))


def add_row(session: Session, row: Row) -> Row:
    """Add a new structure row and flush: its id is known on return."""
    session.add(row)
    session.flush()
    return row


def orientations_of(session: Session, plan_id: int) -> list[Orientation]:
    """Every orientation (thématique) of a plan, archived ones included."""
    return list(session.scalars(select(Orientation).where(Orientation.plan_id == plan_id)))


def axes_of(session: Session, orientation_ids: Sequence[int]) -> list[Axe]:
    """Every axe of these orientations, archived ones included."""
    if not orientation_ids:
        return []
    return list(session.scalars(select(Axe).where(Axe.orientation_id.in_(list(orientation_ids)))))


def actions_of(session: Session, plan_id: int) -> list[Action]:
    """Every fiche of a plan, archived ones included."""
    return list(session.scalars(select(Action).where(Action.plan_id == plan_id)))


def children_of(session: Session, plan_id: int) -> tuple[list[Step], list[Indicator]]:
    """Every étape and indicator of a plan's fiches (archived ones included), active first, by number."""
    ids = select(Action.id).where(Action.plan_id == plan_id)
    steps = list(session.scalars(select(Step).where(Step.action_id.in_(ids)).order_by(Step.archived, Step.number)))
    indicators = list(session.scalars(select(Indicator).where(Indicator.action_id.in_(ids))
                                      .order_by(Indicator.archived, Indicator.number)))
    return steps, indicators


def indicator_values(session: Session, indicator_id: int) -> list[IndicatorValue]:
    return list(session.scalars(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator_id)))


def insert_fiches(session: Session, fiches: list[dict[str, Any]], steps: list[list[dict[str, Any]]],
                  indicators: list[list[dict[str, Any]]]) -> list[int]:
    """New fiches (column values), each with its étapes and indicators (column values without action_id), in
    bulk: Core inserts in the session's transaction (column defaults and JSON types apply) — the ORM's bulk path
    costs more than the SQL itself for a plan of hundreds of fiches. The new fiches' ids, in order."""
    session.flush()
    connection = session.connection()
    actions = _table(Action)
    ids = list(connection.execute(insert(actions).returning(actions.c.id, sort_by_parameter_order=True),
                                  fiches).scalars()) if fiches else []
    step_rows = [{"action_id": action_id, **row} for action_id, rows in zip(ids, steps, strict=True) for row in rows]
    indicator_rows = [{"action_id": action_id, **row}
                      for action_id, rows in zip(ids, indicators, strict=True) for row in rows]
    if step_rows:
        connection.execute(insert(_table(Step)), step_rows)
    if indicator_rows:
        connection.execute(insert(_table(Indicator)), indicator_rows)
    return ids


def insert_journal(session: Session, rows: list[dict[str, Any]]) -> None:
    """Journal rows (column values, old/new already encoded) in one statement."""
    if rows:
        session.connection().execute(insert(_table(JournalEntry)), rows)


def set_meta(session: Session, key: str, value: str) -> None:
    session.merge(Meta(key=key, value=value))


def record_catalogue_version(session: Session, code: str, version: str) -> None:
    """The shipped catalogue version now applied to plan `code` (meta and the plan row)."""
    set_meta(session, f"catalogue_version:{code}", version)
    plan = plan_by_code(session, code)
    if plan is not None:
        plan.catalogue_version = version


def plan_count(path: Path) -> int:
    """How many plans a database file holds, read without writing (checks a backup copy against its base).
    Raises Unreadable (or OSError) when the file cannot be read."""
    import sqlite3

    try:   # read-only URI built by pathlib: spaces, « # » or « ? » in a path are escaped
        with closing(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)) as connection:
            return int(connection.execute("SELECT count(*) FROM plan").fetchone()[0])
    except sqlite3.Error as error:
        raise Unreadable(str(error)) from None
