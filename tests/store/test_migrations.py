"""Schema upgrades keep every row, back up first, and refuse what they cannot handle."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from sdus_desktop.store import locations, migrations
from sdus_desktop.store.database import Database
from sdus_desktop.store.migrations import DatabaseError, current_revision

OLD_DB = Path(__file__).resolve().parents[1] / "data" / "sdus_rev0001.sqlite"
HEAD = max(migrations._known_revisions())  # the newest revision shipped


def counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("plan", "orientation", "axe", "action", "step", "indicator", "indicator_value", "journal")}
    finally:
        connection.close()


def test_upgrade_from_stored_revision_0001_keeps_all_rows(tmp_path: Path) -> None:
    path = tmp_path / "ancienne.sqlite"
    shutil.copyfile(OLD_DB, path)
    before = counts(path)
    assert current_revision(path) == "0001"
    db = Database.open(path)
    try:
        assert db.migration is not None
        assert (db.migration.from_revision, db.migration.to_revision) == ("0001", HEAD)
        assert db.migration.backup is not None and db.migration.backup.exists()
        assert counts(db.migration.backup) == before
        assert db.database_id == "ancienne-base-0001"
    finally:
        db.close()
    assert counts(path) == before
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"conflict", "import_record"} <= tables
        assert connection.execute("SELECT actual_end, status FROM step WHERE id=1").fetchone() == ("2020-06-30", "realisee")
    finally:
        connection.close()
    assert current_revision(path) == HEAD
    reopened = Database.open(path)
    assert reopened.migration is None
    reopened.close()


def test_batch_migration_with_table_copy_keeps_child_rows(tmp_path: Path, db_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A migration that rebuilds the parent table `action` must not cascade-delete steps (foreign keys OFF)."""
    scripts = tmp_path / "migrations"
    shutil.copytree(locations.migrations_dir(), scripts)
    following = f"{int(HEAD) + 1:04d}"
    (scripts / "versions" / f"{following}_rebuild_action.py").write_text(
        f'"""rebuild action"""\nfrom alembic import op\n\nrevision = "{following}"\ndown_revision = "{HEAD}"\n'
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"
        '    with op.batch_alter_table("action", recreate="always") as batch:\n'
        '        batch.alter_column("bilan", existing_type=None, nullable=False)\n'
    )
    monkeypatch.setattr(migrations, "migrations_dir", lambda: scripts)
    before = counts(db_path)
    report = migrations.upgrade_database(db_path)
    assert report is not None and report.to_revision == following
    assert counts(db_path) == before


def test_database_from_newer_version_is_refused(db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num='0099'")
    connection.close()
    with pytest.raises(DatabaseError, match="version plus récente de SDUS Desktop"):
        Database.open(db_path)


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "texte.sqlite"
    path.write_bytes(b"ceci n'est pas une base" * 100)
    with pytest.raises(DatabaseError, match="n'est pas une base de données lisible"):
        Database.open(path)
    other = tmp_path / "autre.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE clients(id INTEGER)")
    connection.close()
    with pytest.raises(DatabaseError, match="n'est pas une base SDUS Desktop"):
        Database.open(other)


def test_fresh_database_is_seeded_once(tmp_path: Path) -> None:
    path = tmp_path / "neuve.sqlite"
    db = Database.open(path)
    first_id = db.database_id
    db.close()
    again = Database.open(path)
    assert again.database_id == first_id
    assert counts(path)["action"] == 74 + 66
    again.close()


def test_refused_migration_leaves_the_file_untouched(tmp_path: Path) -> None:
    """A revision-0001 database with an orphan step: the upgrade is refused and rolled back entirely."""
    path = tmp_path / "orpheline.sqlite"
    shutil.copyfile(OLD_DB, path)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("INSERT INTO step(action_id, number, label, calendrier, status, comment) "
                           "VALUES (99999, 1, 'orpheline', '', 'a_faire', '')")
    connection.close()
    with pytest.raises(DatabaseError, match="a été annulée"):
        Database.open(path)
    connection = sqlite3.connect(path)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "conflict" not in tables and "import_record" not in tables
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        connection.execute("DELETE FROM step WHERE action_id = 99999")
        connection.commit()
    finally:
        connection.close()
    db = Database.open(path)  # once the data is repaired, the upgrade goes through
    assert db.migration is not None and db.migration.to_revision == HEAD
    db.close()
