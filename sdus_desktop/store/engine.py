"""SQLite connections with the project's pragmas: the SQLAlchemy engine, and plain sqlite3 for reads.

foreign_keys ON, busy_timeout, WAL on local disks only (WAL does not work on network drives,
where offices do put files: there the rollback journal is used). SQLAlchemy is imported only when an
engine is made, so that start-up (plain sqlite3 reads, see store.readmodel) does not pay for it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

BUSY_TIMEOUT_MS = 10_000
DISK_FULL_BYTES = 256 * 1024   # below this, a base is opened read-only (SQLite needs room for its WAL index)
BEGIN_MODE_OPTION = "sdus_begin"  # execution option: "" (deferred, reads) or "IMMEDIATE" (units of work)
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "fuse.sshfs", "afs", "ncpfs", "davfs", "fuse.davfs2"}


def make_engine(db_path: Path, *, foreign_keys: bool = True) -> Engine:
    """Engine for the database file; foreign_keys=False only for the migrations runner."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    # The driver's own transaction handling is switched off (isolation_level=None) and SQLAlchemy emits
    # BEGIN itself (the pysqlite recipe of the SQLAlchemy docs): otherwise sqlite3 never opens a transaction
    # before DDL, and a refused migration would leave half of its tables behind.
    target, uri = sqlite_target(db_path)
    engine = create_engine(
        f"sqlite:///{target}{'&uri=true' if uri else ''}", poolclass=NullPool, future=True,
        connect_args={"isolation_level": None},
    )
    journal_mode = journal_mode_for(db_path)

    @event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        set_pragmas(dbapi_connection, foreign_keys=foreign_keys, journal_mode=journal_mode)

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # Write transactions take the write lock at once (BEGIN IMMEDIATE): a read-then-write unit of work
        # then waits (busy_timeout) for another writer instead of failing half-way with "database is locked".
        mode = connection.get_execution_options().get(BEGIN_MODE_OPTION, "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def read_only_folder(db_path: Path) -> bool:
    """True when the base exists in a folder this session cannot write to (read-only share, medium or rights)."""
    return db_path.exists() and not os.access(db_path.parent, os.W_OK)


def read_only_file(db_path: Path) -> bool:
    """True when the base file itself cannot be written (read-only attribute, rights, immutable flag, read-only
    mount) in a folder that can: SQLite then opens it read-only by itself and can still make its WAL index."""
    return db_path.exists() and not read_only_folder(db_path) and not os.access(db_path, os.W_OK)


def disk_full(db_path: Path) -> bool:
    """True when the disk of an existing base has no room left (SQLite could not even create its WAL index)."""
    import shutil

    try:
        return db_path.exists() and shutil.disk_usage(db_path.parent).free < DISK_FULL_BYTES
    except OSError:
        return False


def why_read_only(db_path: Path) -> str | None:
    """Why this base can only be read here (French), or None."""
    if read_only_folder(db_path):
        return f"le dossier « {db_path.parent} » est en lecture seule ou vous n'avez pas le droit d'y écrire"
    if read_only_file(db_path):
        return (f"le fichier « {db_path.name} » est en lecture seule : retirez l'attribut lecture seule "
                "(Propriétés du fichier) ou demandez le droit d'y écrire")
    if disk_full(db_path):
        return f"le disque de « {db_path.parent} » est plein : libérez de la place pour pouvoir enregistrer"
    return None


def sqlite_target(db_path: Path) -> tuple[str, bool]:
    """What to hand to SQLite: the path, or — in a read-only folder, where SQLite cannot create the WAL index
    and would call an intact base « unable to open » — an immutable read-only URI (nobody can write there)."""
    if read_only_folder(db_path) or disk_full(db_path):
        return file_uri(db_path, "immutable=1"), True
    return str(db_path), False


def file_uri(db_path: Path, query: str) -> str:
    """An SQLite URI of the file (file:///C:/… on Windows), percent-encoded, with its query (e.g. "mode=ro").
    pathlib's as_uri rather than urllib.request.pathname2url: that module pulls http and email into start-up."""
    return f"{db_path.resolve().as_uri()}?{query}"


# What the driver raises when the base cannot be read or written (the GUI catches it without naming SQLite).
DriverError = sqlite3.Error

# The driver's parameter marker, for the plain SQL the read side writes (store.readmodel, comite_*, timeline):
# "?" for sqlite3, "%s" for a server driver — switching driver changes connect() and this line, not the SQL.
PARAM = {"qmark": "?", "format": "%s", "pyformat": "%s"}[sqlite3.paramstyle]


def params(count: int) -> str:
    """`count` parameter markers, comma-separated (an IN list)."""
    return ", ".join([PARAM] * count)


def connect(db_path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the same pragmas as the engine's (used for reads at start-up)."""
    target, uri = sqlite_target(db_path)
    connection = sqlite3.connect(target, uri=uri, timeout=BUSY_TIMEOUT_MS / 1000)
    set_pragmas(connection, foreign_keys=True, journal_mode=journal_mode_for(db_path))
    return connection


def journal_mode_for(db_path: Path) -> str:
    return "DELETE" if is_network_path(db_path) else "WAL"


def set_pragmas(connection: sqlite3.Connection, *, foreign_keys: bool, journal_mode: str) -> None:
    # Executed outside any transaction: PRAGMA foreign_keys is a no-op inside one.
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    cursor.execute(f"PRAGMA journal_mode = {journal_mode}")
    cursor.execute("PRAGMA synchronous = NORMAL" if journal_mode == "WAL" else "PRAGMA synchronous = FULL")
    cursor.close()


def is_network_path(path: Path) -> bool:
    """True for a UNC path, a mapped network drive on Windows, or a network filesystem on Linux."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(path)
    return _linux_mount_is_network(path)


def _windows_drive_is_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = Path(path).resolve().drive
    if not drive:
        return False
    DRIVE_REMOTE = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)  # type: ignore[attr-defined]


def _linux_mount_is_network(path: Path, mounts_table: str | None = None) -> bool:
    """Filesystem type of the longest mount point containing path, from /proc/mounts."""
    if mounts_table is None:
        try:
            mounts_table = Path("/proc/mounts").read_text()
        except OSError:
            return False
    mounts = mounts_table.splitlines()
    target = str(Path(path).resolve())
    best, best_fs = "", ""
    for line in mounts:
        parts = line.split()
        inside = len(parts) >= 3 and (target == parts[1] or target.startswith(parts[1].rstrip("/") + "/"))
        if inside and len(parts[1]) > len(best):
            best, best_fs = parts[1], parts[2]
    return best_fs in _NETWORK_FS
