"""Helpers for tests: byte-level snapshots of a database file, first actions of a plan."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def db_fingerprint(path: Path) -> str:
    """Digest of every row of every table: equal means nothing was written (WAL-safe)."""
    connection = sqlite3.connect(str(path))
    try:
        digest = hashlib.sha256()
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            digest.update(table.encode())
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        connection.close()
