"""Verified copies of the database (SQLite's online backup API), listed, pruned and restored.

A copy is written under a temporary name (".partiel-…", never listed), checked with PRAGMA quick_check,
then renamed: a file under a final name in `sauvegardes/` is always a complete, readable database. A failed
or interrupted copy leaves nothing behind (or a ".partiel-…" file that the next backup removes). A database
that fails quick_check is never copied (its damage would push good copies out), and pruning never removes
the newest copy. Restoring first backs up the current state (or, if it is damaged, moves it aside under
another name: a damaged file is never overwritten), then copies the chosen backup in through the same API.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sdus_desktop.store.locations import backups_dir

KEEP_BACKUPS = 30
PARTIAL_PREFIX = ".partiel-"
_NAME = re.compile(r"^(?P<stem>.+)_(?P<stamp>\d{4}-\d{2}-\d{2}_\d{6}_\d{6})_(?P<reason>[A-Za-z0-9_-]*)\.sqlite$")

REASONS = {
    "avant-import": "avant un import", "avant-import-lot": "avant un import de plusieurs classeurs",
    "fermeture": "à la fermeture", "manuelle": "sauvegarde manuelle", "avant-restauration": "avant une restauration",
    "avant-changement-plan": "avant un changement de plan", "avant-plan": "avant un changement de plan",
    "avant-catalogue": "avant une nouvelle version du catalogue", "avant-annulation-import": "avant l'annulation d'un import",
}


_NOT_DAMAGE = ("unable to open", "locked", "busy", "readonly", "read-only", "disk i/o")


class BackupError(Exception):
    """A backup or a restore that could not be made; the message is French and says what to do."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    reason: str
    size: int

    @property
    def reason_text(self) -> str:
        if self.reason.startswith("avant-migration"):
            return "avant une mise à jour de l'application"
        return REASONS.get(self.reason, self.reason)

    def verified(self) -> bool:
        return quick_check(self.path) is None


def quick_check(path: Path, *, full: bool = False) -> str | None:
    """None when the file is a sound SQLite database, else what SQLite says is wrong (integrity_check if full)."""
    if not path.is_file() or path.stat().st_size == 0:
        return "fichier absent ou vide"
    from sdus_desktop.store.engine import sqlite_target

    target, uri = sqlite_target(path)
    try:
        connection = sqlite3.connect(target, uri=uri, timeout=10)
        try:
            connection.execute("PRAGMA query_only = ON")
            rows = connection.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        if any(word in str(error).lower() for word in _NOT_DAMAGE):
            raise   # the file could not be opened or is busy: that says nothing about its content
        return str(error)
    problems = [str(row[0]) for row in rows if row and row[0] != "ok"]
    return "; ".join(problems[:5]) if problems else None


def backup_database(db_path: Path, reason: str) -> Path:
    """A verified copy of db_path in its backups folder; returns its path. Keeps KEEP_BACKUPS per reason.

    Raises BackupError when the database itself fails quick_check; OSError / sqlite3.Error when the copy
    cannot be written (disk full, no rights) — nothing is left behind then."""
    damage = quick_check(db_path)
    if damage is not None:
        raise BackupError(f"la base « {db_path} » est endommagée ({damage}) : elle n'est pas copiée dans les "
                          "sauvegardes, pour ne pas remplacer les bonnes copies. Restaurez la dernière sauvegarde "
                          "vérifiée (menu Fichier › Sauvegardes… ou « sdus restore »).")
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_partials(folder)
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S_%f")
    safe_reason = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in reason)[:40]
    target = folder / f"{db_path.stem}_{stamp}_{safe_reason}.sqlite"
    copy_verified(db_path, target)
    _prune(folder, db_path.stem, safe_reason, keep=target)
    return target


def copy_verified(source_path: Path, target: Path) -> None:
    """Copy a database to `target` through a temporary name and quick_check; the target appears whole or not."""
    partial = target.with_name(PARTIAL_PREFIX + target.name)
    try:
        from sdus_desktop.store.engine import sqlite_target

        target_uri, uri = sqlite_target(source_path)
        source = sqlite3.connect(target_uri, uri=uri, timeout=10)
        try:
            destination = sqlite3.connect(str(partial))
            try:
                source.backup(destination)
                destination.execute("PRAGMA journal_mode = DELETE")   # one self-contained file
            finally:
                destination.close()
        finally:
            source.close()
        damage = quick_check(partial)
        if damage is not None:
            raise BackupError(f"la copie écrite dans « {target.parent} » ne se relit pas ({damage}) : vérifiez le "
                              "disque, puis recommencez.")
        with open(partial, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The copies of this database, newest first (partial files are not copies)."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{db_path.stem}_*.sqlite"):
        match = _NAME.match(path.name)
        if match is None or match["stem"] != db_path.stem:
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        found.append(BackupInfo(path, datetime.strptime(match["stamp"], "%Y-%m-%d_%H%M%S_%f"), match["reason"], size))
    return sorted(found, key=lambda info: info.made_at, reverse=True)


def latest_verified(db_path: Path) -> BackupInfo | None:
    return next((info for info in list_backups(db_path) if info.verified()), None)


# Tables without which a sound SQLite file is not a base of this application (another program's database).
SDUS_TABLES = ("alembic_version", "plan", "orientation", "axe", "action", "journal")


def missing_tables(path: Path) -> list[str]:
    """The tables of an SDUS Desktop base the (sound) SQLite file at `path` lacks: [] for one of ours."""
    from sdus_desktop.store.engine import sqlite_target

    target, uri = sqlite_target(path)
    connection = sqlite3.connect(target, uri=uri, timeout=10)
    try:
        present = {str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        connection.close()
    return [table for table in SDUS_TABLES if table not in present]


def restore_backup(db_path: Path, backup: Path) -> Path | None:
    """Put `backup` back as the database. Returns the copy of the state replaced (a backup, or the damaged
    file moved aside). The caller makes sure nobody else writes to the database meanwhile (store.lock).
    A damaged file, or a sound SQLite file that is not a base of this application, is refused first."""
    damage = quick_check(backup)
    if damage is not None:
        raise BackupError(f"la sauvegarde « {backup.name} » est illisible ({damage}) : choisissez-en une autre.")
    missing = missing_tables(backup)
    if missing:
        raise BackupError(f"« {backup.name} » n'est pas une sauvegarde de SDUS Desktop (c'est une base SQLite d'un "
                          f"autre programme : il lui manque {', '.join(missing)}) : choisissez une sauvegarde du "
                          "dossier « sauvegardes ».")
    kept: Path | None = None
    if db_path.exists() and quick_check(db_path) is None:
        kept = backup_database(db_path, "avant-restauration")
        source = sqlite3.connect(str(backup), timeout=10)
        try:
            destination = sqlite3.connect(str(db_path), timeout=10)
            try:
                source.backup(destination)   # one write transaction: all the pages or none
            finally:
                destination.close()
        finally:
            source.close()
        return kept
    if not db_path.exists():
        copy_verified(backup, db_path)
        return None
    # Damaged (or empty): its bytes are kept under another name (a hard link, else a copy) with its journal
    # files, then the verified copy replaces it in one rename — the base path never goes missing.
    ready = db_path.with_name(PARTIAL_PREFIX + db_path.name)
    copy_verified(backup, ready)
    kept = db_path.with_name(f"{db_path.stem}_endommagee_{datetime.now():%Y-%m-%d_%H%M%S}{db_path.suffix}")
    try:
        try:
            os.link(db_path, kept)
        except OSError:
            shutil.copy2(db_path, kept)
        for suffix in ("-wal", "-shm", "-journal"):
            sidecar = Path(str(db_path) + suffix)
            if sidecar.exists():
                os.replace(sidecar, Path(str(kept) + suffix))
        os.replace(ready, db_path)
    except BaseException:
        with contextlib.suppress(OSError):
            ready.unlink(missing_ok=True)
        raise
    return kept


def _remove_partials(folder: Path) -> None:
    for partial in folder.glob(PARTIAL_PREFIX + "*"):
        with contextlib.suppress(OSError):
            partial.unlink()


def _prune(folder: Path, stem: str, reason: str, keep: Path) -> None:
    """Keep the newest KEEP_BACKUPS copies of each kind (many imports never push out a pre-migration copy);
    the copy just made is never removed."""
    copies = sorted(folder.glob(f"{stem}_*_{reason}.sqlite"))
    for old in copies[:-KEEP_BACKUPS]:
        if old != keep:
            old.unlink(missing_ok=True)
