"""Connection pragmas and the network-drive rule for WAL."""

from pathlib import Path

from sqlalchemy import text

from sdus_desktop.store import engine as engine_module
from sdus_desktop.store.backup import KEEP_BACKUPS, backup_database
from sdus_desktop.store.engine import is_network_path, make_engine

MOUNTS = """/dev/vda / ext4 rw 0 0
//serveur/partage /mnt/partage cifs rw 0 0
serveur:/export /srv/nfs nfs4 rw 0 0
"""


def pragmas(path: Path, **kwargs: bool) -> tuple[int, str, int]:
    engine = make_engine(path, **kwargs)
    with engine.connect() as connection:
        values = (
            connection.execute(text("PRAGMA foreign_keys")).scalar_one(),
            connection.execute(text("PRAGMA journal_mode")).scalar_one(),
            connection.execute(text("PRAGMA busy_timeout")).scalar_one(),
        )
    engine.dispose()
    return values


def test_local_file_uses_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    assert pragmas(tmp_path / "a.sqlite") == (1, "wal", 10_000)
    assert pragmas(tmp_path / "b.sqlite", foreign_keys=False)[0] == 0


def test_network_drive_uses_rollback_journal(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(engine_module, "is_network_path", lambda path: True)
    assert pragmas(tmp_path / "c.sqlite")[1] == "delete"


def test_network_path_detection() -> None:
    assert is_network_path(Path("//serveur/partage/sdus.sqlite"))
    assert engine_module._linux_mount_is_network(Path("/mnt/partage/sdus.sqlite"), MOUNTS)
    assert engine_module._linux_mount_is_network(Path("/srv/nfs/a/b.sqlite"), MOUNTS)
    assert not engine_module._linux_mount_is_network(Path("/home/marie/sdus.sqlite"), MOUNTS)
    assert not engine_module._linux_mount_is_network(Path("/mnt/partage2/x.sqlite"), MOUNTS)


def test_backups_are_consistent_copies_and_pruned(db_path: Path) -> None:
    copies = [backup_database(db_path, "essai") for _ in range(KEEP_BACKUPS + 2)]
    assert copies[-1].parent.name == "sauvegardes"
    assert len(list(copies[-1].parent.glob("*.sqlite"))) == KEEP_BACKUPS
    assert pragmas(copies[-1])[0] == 1


def test_pruning_keeps_each_kind_of_backup(db_path: Path) -> None:
    migration = backup_database(db_path, "avant-migration-0001")
    for _ in range(KEEP_BACKUPS + 5):
        backup_database(db_path, "avant-import")
    assert migration.exists()
    assert len(list(migration.parent.glob("*_avant-import.sqlite"))) == KEEP_BACKUPS


def test_units_of_work_take_the_write_lock_at_once(db) -> None:  # type: ignore[no-untyped-def]
    """BEGIN IMMEDIATE: another writer waits instead of both failing half-way; reads stay deferred."""
    import sqlite3

    from sdus_desktop.store.models import Meta

    other = sqlite3.connect(str(db.path), timeout=0, isolation_level=None)
    try:
        with db.reading() as session:
            session.get(Meta, "database_id")
            other.execute("BEGIN IMMEDIATE")  # a reader does not hold the write lock
            other.execute("ROLLBACK")
        with db.transaction() as session:
            session.get(Meta, "database_id")  # nothing written yet, but the lock is taken
            try:
                other.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                assert "locked" in str(error)
            else:
                raise AssertionError("the unit of work did not hold the write lock")
    finally:
        other.close()
