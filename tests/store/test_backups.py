"""Issue 9, defects 3–5: backups written whole or not at all, never of a damaged base, restorable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sdus_desktop.store import backup as backup_module
from sdus_desktop.store.backup import (
    KEEP_BACKUPS,
    BackupError,
    backup_database,
    latest_verified,
    list_backups,
    quick_check,
    restore_backup,
)
from sdus_desktop.store.database import Database
from sdus_desktop.store.locations import backups_dir
from sdus_desktop.store.migrations import DatabaseError
from tests.support.dbtools import db_fingerprint


def damage(path: Path) -> None:
    """Overwrite pages in the middle of the file (the header stays: the file still opens)."""
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page * 3, min(len(data), page * 40), page):
        data[start:start + 200] = b"\xde\xad" * 100
    path.write_bytes(bytes(data))


def _checkpoint(path: Path) -> None:
    connection = sqlite3.connect(str(path))
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def test_a_backup_is_verified_and_listed_with_its_reason(db_path):
    copy = backup_database(db_path, "avant-import")
    assert quick_check(copy) is None
    [info] = list_backups(db_path)
    assert info.path == copy and info.reason_text == "avant un import" and info.size > 0 and info.verified()
    assert latest_verified(db_path) == info


def test_a_failed_copy_leaves_no_file_under_a_backup_name(db_path, monkeypatch):
    def failing(self, target, **kwargs):
        Path(target_path[0]).write_bytes(b"\0" * 100)   # what a full disk leaves half-written
        raise sqlite3.OperationalError("database or disk is full")

    target_path: list[str] = []
    real_connect = sqlite3.connect

    class Connection:
        def __init__(self, inner):
            self.inner = inner

        def backup(self, destination, **kwargs):
            failing(self, destination)

        def __getattr__(self, name):
            return getattr(self.inner, name)

    def connect(path, *args, **kwargs):
        target_path.append(path) if ".partiel-" in str(path) else None
        inner = real_connect(path, *args, **kwargs)
        return inner if ".partiel-" in str(path) else Connection(inner)

    monkeypatch.setattr(backup_module.sqlite3, "connect", connect)
    with pytest.raises(sqlite3.OperationalError):
        backup_database(db_path, "avant-import-lot")
    monkeypatch.undo()
    assert list(backups_dir(db_path).iterdir()) == []


def test_a_partial_file_left_by_a_kill_is_never_listed_and_is_cleaned(db_path):
    folder = backups_dir(db_path)
    folder.mkdir()
    (folder / f".partiel-{db_path.stem}_2026-01-01_000000_000000_avant-import.sqlite").write_bytes(b"x" * 10)
    assert list_backups(db_path) == []
    backup_database(db_path, "manuelle")
    assert [p.name.startswith(".partiel-") for p in folder.iterdir()] == [False]


def test_a_damaged_database_is_never_backed_up_and_good_copies_stay(db_path):
    good = backup_database(db_path, "avant-import")
    _checkpoint(db_path)
    damage(db_path)
    assert quick_check(db_path) is not None
    for _ in range(KEEP_BACKUPS + 3):
        with pytest.raises(BackupError, match="endommagée"):
            backup_database(db_path, "avant-import")
    assert [info.path for info in list_backups(db_path)] == [good] and good.exists()


def test_pruning_never_removes_the_copy_just_made(db_path):
    for _ in range(KEEP_BACKUPS + 2):
        newest = backup_database(db_path, "fermeture")
    assert newest.exists() and len(list_backups(db_path)) == KEEP_BACKUPS


def test_a_zero_byte_database_is_refused_never_reseeded(tmp_path):
    path = tmp_path / "vide.sqlite"
    path.write_bytes(b"")
    with pytest.raises(DatabaseError, match=r"est vide \(0 octet\)"):
        Database.open(path)
    assert path.stat().st_size == 0


def test_restore_brings_back_the_copy_and_keeps_the_state_it_replaces(db, db_path, services):
    services.set("action", 1, "bilan", "avant")
    copy = backup_database(db_path, "manuelle")
    services.set("action", 1, "bilan", "après")
    expected = db_fingerprint(copy)
    kept = restore_backup(db_path, copy)
    assert kept is not None and "avant-restauration" in kept.name
    assert db_fingerprint(db_path) == expected
    assert "après" in [row[0] for row in sqlite3.connect(str(kept)).execute("SELECT bilan FROM action WHERE id=1")]


def test_restoring_over_a_damaged_database_moves_it_aside(db_path):
    copy = backup_database(db_path, "manuelle")
    _checkpoint(db_path)
    damage(db_path)
    damaged_bytes = db_path.read_bytes()
    kept = restore_backup(db_path, copy)
    assert kept is not None and "endommagee" in kept.name and kept.read_bytes() == damaged_bytes
    assert quick_check(db_path) is None and db_fingerprint(db_path) == db_fingerprint(copy)


def test_an_unreadable_backup_is_not_restored(db_path):
    copy = backup_database(db_path, "manuelle")
    copy.write_bytes(b"pas une base" * 50)
    before = db_fingerprint(db_path)
    with pytest.raises(BackupError, match="illisible"):
        restore_backup(db_path, copy)
    assert db_fingerprint(db_path) == before


def test_another_programs_database_is_not_restored(db_path, tmp_path):
    import sqlite3

    other = tmp_path / "autre.sqlite"
    with sqlite3.connect(other) as connection:   # sound SQLite, but not a base of this application
        connection.execute("CREATE TABLE t (x)")
        connection.execute("INSERT INTO t VALUES (1)")
    connection.close()
    before = db_fingerprint(db_path)
    with pytest.raises(BackupError, match=r"« autre.sqlite » n'est pas une sauvegarde de SDUS Desktop .*alembic_version"):
        restore_backup(db_path, other)
    assert db_fingerprint(db_path) == before
