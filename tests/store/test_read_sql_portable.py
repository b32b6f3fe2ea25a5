"""The plain-SQL read side (read model, comité states and snapshots, timeline) is portable: every parameter goes
through the driver's marker (store.engine.PARAM), so a server driver ("%s") needs no change to the SQL."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from sdus_desktop.store import comite_snapshots, comite_state, engine, readmodel, timeline
from sdus_desktop.store.engine import connect as sqlite_connect


class FormatDriver:
    """A connection as a "format"-style driver (psycopg…) takes it: "%s" markers; a "?" is refused."""

    def __init__(self, db_path: Any) -> None:
        self.inner = sqlite_connect(db_path)
        self.statements: list[str] = []

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        assert "?" not in sql, f"marqueur SQLite dans : {sql}"
        self.statements.append(sql)
        return self.inner.execute(sql.replace("%s", "?"), parameters)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def format_driver(monkeypatch: pytest.MonkeyPatch) -> list[FormatDriver]:
    opened: list[FormatDriver] = []

    def connect(db_path: Any) -> FormatDriver:
        opened.append(FormatDriver(db_path))
        return opened[-1]

    monkeypatch.setattr(engine, "PARAM", "%s")
    for module in (readmodel, comite_snapshots, comite_state):
        monkeypatch.setattr(module, "PARAM", "%s")
    for module in (readmodel, comite_snapshots, comite_state, timeline):
        monkeypatch.setattr(module, "connect", connect)
    return opened


def test_every_read_uses_the_drivers_marker(db, services, format_driver) -> None:  # type: ignore[no-untyped-def]
    action_id = readmodel.load_plans(db.path)[0].orientations[0].axes[0].actions[0].id
    services.set("action", action_id, "bilan", "Bilan écrit avant le comité")
    snapshot = comite_snapshots.freeze(db, "Centrale", date.today())
    comite_snapshots.validate(db, "Centrale", snapshot.id)

    assert readmodel.read_actions(db.path, [action_id])[action_id].bilan == "Bilan écrit avant le comité"
    assert readmodel.journal_for_action(db.path, action_id)[0].new is not None
    assert isinstance(readmodel.meta_values(db.path, "catalogue_"), dict)
    readmodel.meta_value(db.path, "schema_version")
    readmodel.notes_for_actions(db.path, [action_id])
    assert [s.id for s in comite_snapshots.list_snapshots(db)] == [snapshot.id]
    assert comite_snapshots.validation_history(db, snapshot.id)[0].startswith("validé le ")
    assert comite_snapshots.load_state(db, snapshot.id)["fiches"]
    comite_state.state_at(db.path, datetime.now() - timedelta(days=1))
    assert timeline.read_timeline_plans(db.path)
    sql = " ".join(statement for driver in format_driver for statement in driver.statements)
    assert "%s" in sql   # the parameterised reads went through the fake driver (the test can fail)
