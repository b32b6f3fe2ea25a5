"""Consistent copies of the database with SQLite's online backup API (safe while it is open)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sdus_desktop.store.locations import backups_dir

KEEP_BACKUPS = 30


def backup_database(db_path: Path, reason: str) -> Path:
    """Copy db_path into its backups folder; returns the copy's path. Keeps the newest KEEP_BACKUPS per reason."""
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S_%f")
    safe_reason = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in reason)[:40]
    target = folder / f"{db_path.stem}_{stamp}_{safe_reason}.sqlite"
    source = sqlite3.connect(str(db_path))
    try:
        destination = sqlite3.connect(str(target))
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    _prune(folder, db_path.stem, safe_reason)
    return target


def _prune(folder: Path, stem: str, reason: str) -> None:
    """Keep the newest KEEP_BACKUPS copies of each kind: many imports never push out a pre-migration copy."""
    copies = sorted(folder.glob(f"{stem}_*_{reason}.sqlite"))
    for old in copies[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
