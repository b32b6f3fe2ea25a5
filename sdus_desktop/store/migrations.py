"""Bring a database file to the current schema: backup first, foreign keys OFF, check, commit.

Batch migrations on SQLite copy tables; with foreign_keys ON the copy cascades deletes into child
rows. So migrations run on a connection opened with foreign keys OFF, in one transaction, and
`PRAGMA foreign_key_check` must be clean before commit. A database written by a newer version of
the application (unknown revision) is refused.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sdus_desktop.store.backup import BackupError, backup_database
from sdus_desktop.store.locations import backups_dir, migrations_dir


class DatabaseError(Exception):
    """A database the application cannot use; the message is French and says what to do."""


@dataclass(frozen=True)
class MigrationReport:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def current_revision(db_path: Path) -> str | None:
    """Revision recorded in the file, read with plain sqlite3 (keeps Alembic off the start-up path).
    A zero-byte file is refused: it is a database lost (interrupted copy), never one to create afresh."""
    if not db_path.exists():
        return None
    if db_path.stat().st_size == 0:
        raise DatabaseError(
            f"Le fichier « {db_path} » est vide (0 octet) : ce n'est pas une base utilisable (copie interrompue ?). "
            "Il n'a pas été modifié. Restaurez la dernière sauvegarde (Fichier › Sauvegardes… ou « sdus restore ») "
            "ou indiquez un autre fichier.")
    from sdus_desktop.store.engine import file_uri, read_only_folder, sqlite_target

    target, uri = sqlite_target(db_path)
    if not uri:
        target, uri = file_uri(db_path, "mode=ro"), True
    try:
        connection = sqlite3.connect(target, uri=uri)
        try:
            has_table = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_table:
                tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()
                if tables and tables[0]:
                    raise DatabaseError(
                        f"Le fichier « {db_path} » n'est pas une base SDUS Desktop. "
                        "Choisissez un autre fichier ou indiquez un nouveau nom de fichier."
                    )
                return None
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        from sdus_desktop.store.errors import describe_database_error

        known = describe_database_error(error)
        if known and "endommagée" not in known and "lisible" not in known:   # busy, read-only, disk: not damage
            raise DatabaseError(f"La base « {db_path} » ne peut pas être ouverte : {known}.") from None
        if "unable to open" in str(error) and not read_only_folder(db_path) and not os.access(db_path, os.R_OK):
            raise DatabaseError(f"La base « {db_path} » ne peut pas être lue : vérifiez vos droits sur le fichier "
                                "et son dossier.") from None
        raise DatabaseError(
            f"Le fichier « {db_path} » n'est pas une base de données lisible ({error}). "
            "Restaurez une sauvegarde (dossier « sauvegardes » à côté du fichier) ou choisissez un autre fichier."
        ) from None


def upgrade_database(db_path: Path) -> MigrationReport | None:
    """Create or upgrade the schema. Returns None when already current."""
    before = current_revision(db_path)
    known = _known_revisions()
    head = max(known)
    if before == head:
        return None
    if before is not None and before not in known:
        raise DatabaseError(
            f"La base « {db_path} » a été écrite par une version plus récente de SDUS Desktop "
            f"(révision {before}). Installez la dernière version de l'application pour l'ouvrir."
        )
    backup = _backup_before_migration(db_path, before) if before is not None else None
    _run_alembic(db_path)
    return MigrationReport(before, head, backup)


def _backup_before_migration(db_path: Path, before: str) -> Path:
    """A verified copy before the schema changes; the migration does not run without it."""
    from sdus_desktop.core.oserrors import describe_os_error
    from sdus_desktop.store.errors import describe_database_error

    try:
        return backup_database(db_path, f"avant-migration-{before}")
    except BackupError as error:
        detail = str(error)
    except OSError as error:
        detail = describe_os_error(error, backups_dir(db_path))
    except sqlite3.Error as error:
        detail = describe_database_error(error) or str(error)
    raise DatabaseError(f"La base « {db_path} » doit être mise à jour, mais la sauvegarde préalable a échoué "
                        f"({detail}). Rien n'a été modifié.")


def _known_revisions() -> set[str]:
    """Revision ids from the file names ("0002_imports_and_conflicts.py"): sequential, so max() is head."""
    return {path.name.split("_", 1)[0] for path in (migrations_dir() / "versions").glob("[0-9]*_*.py")}


def _run_alembic(db_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from sdus_desktop.store.engine import make_engine

    db_path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(db_path, foreign_keys=False)
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    try:
        with engine.connect() as connection, connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise DatabaseError(
                    f"La mise à jour de la base « {db_path} » a été annulée : {len(problems)} "
                    "référence(s) incohérente(s). La base n'a pas été modifiée ; contactez l'équipe centrale."
                )
    finally:
        engine.dispose()
