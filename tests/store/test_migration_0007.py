"""Migration 0007: comité validations in their own table (the frozen snapshots stay untouched, read-only)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

from sdus_desktop.store import period_locks
from sdus_desktop.store.comite_snapshots import freeze, list_snapshots, validate
from sdus_desktop.store.database import Database
from tests.store.test_migration_0006 import _downgrade


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_down_to_0006_and_up_again_keeps_the_snapshots(db_path: Path) -> None:
    db = Database.open(db_path)
    info = freeze(db, "Cheffe", date(2026, 3, 12), now=datetime(2026, 3, 12, 9, 0))
    validate(db, "Cheffe", info.id, now=datetime(2026, 3, 13, 9, 0))
    db.close()
    _downgrade(db_path, "0006")
    assert "comite_validation" not in _tables(db_path) and "comite_snapshot" in _tables(db_path)
    period_locks.forget()
    db = Database.open(db_path)   # upgraded again at opening, after a backup
    try:
        assert db.migration is not None and db.migration.from_revision == "0006"
        assert "comite_validation" in _tables(db_path)
        [again] = list_snapshots(db)
        assert again.id == info.id and again.validated_on is None   # validations are not invented
        assert period_locks.load_locks_for(db) == {}
        with closing(sqlite3.connect(db_path)) as connection:
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()
