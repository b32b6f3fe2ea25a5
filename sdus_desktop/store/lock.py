"""One writer per database: a lock file beside it (« sdus.sqlite.verrou ») naming who holds it.

SQLite serialises single transactions, but two applications editing the same file all day would undo each
other's view of it. So the first instance to open a database for writing creates the lock file atomically
(O_EXCL) with its host, user and pid; a second instance is told who holds it and may open the database read-only
(GUI) or is refused (CLI writes). A lock is stale — and taken over — when its process is gone (same host) or
when it has not been refreshed for STALE_AFTER (another host that crashed: the holder refreshes it every
minute, see `refresh`).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

STALE_AFTER = 15 * 60   # seconds without refresh after which another host's lock is abandoned
SUFFIX = ".verrou"


@dataclass(frozen=True)
class Holder:
    host: str
    user: str
    pid: int
    since: str

    def describe(self) -> str:
        since = self.since
        with contextlib.suppress(ValueError):
            since = datetime.fromisoformat(self.since).strftime("%d/%m/%Y à %H:%M")
        return f"{self.user or 'un utilisateur inconnu'} sur le poste « {self.host} » (depuis le {since})"


class LockHeld(Exception):
    """Another instance writes to this database; `.holder` says who (French message)."""

    def __init__(self, db_path: Path, holder: Holder) -> None:
        super().__init__(f"la base « {db_path} » est déjà ouverte en écriture par {holder.describe()}. "
                         "Attendez qu'elle soit fermée, ou demandez à cette personne de fermer SDUS Desktop.")
        self.holder = holder


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def _me() -> Holder:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some service accounts
        user = ""
    return Holder(socket.gethostname(), user, os.getpid(), datetime.now().isoformat(timespec="seconds"))


class WriterLock:
    def __init__(self, db_path: Path, holder: Holder) -> None:
        self.db_path, self.holder, self.path = db_path, holder, lock_path(db_path)

    def refresh(self) -> None:
        """Tell other hosts we are alive (the GUI calls this every minute)."""
        with contextlib.suppress(OSError):
            os.utime(self.path)

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        current = read_holder(self.db_path)
        if current is not None and (current.host, current.pid) == (self.holder.host, self.holder.pid):
            with contextlib.suppress(OSError):
                self.path.unlink()

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def read_holder(db_path: Path) -> Holder | None:
    try:
        data = json.loads(lock_path(db_path).read_text(encoding="utf-8"))
        return Holder(str(data["host"]), str(data["user"]), int(data["pid"]), str(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return Holder("?", "", -1, "")   # unreadable (being written, damaged): judged by its age


def acquire(db_path: Path) -> WriterLock:
    """Take the writer lock of db_path or raise LockHeld (a stale lock is taken over)."""
    me = _me()
    path = lock_path(db_path)
    for _ in range(3):
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = read_holder(db_path)
            if holder is None:
                continue   # released meanwhile
            if not _stale(path, holder, me):
                raise LockHeld(db_path, holder) from None
            with contextlib.suppress(OSError):
                path.unlink()
            continue
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                json.dump({"host": me.host, "user": me.user, "pid": me.pid, "since": me.since}, stream)
        except OSError as error:   # disk full: no half-written lock left behind
            with contextlib.suppress(OSError):
                path.unlink()
            raise OSError(error.errno, error.strerror, str(path)) from None
        return WriterLock(db_path, me)
    holder = read_holder(db_path) or me
    raise LockHeld(db_path, holder)


def _stale(path: Path, holder: Holder, me: Holder) -> bool:
    if holder.host == me.host and holder.pid > 0:
        return holder.pid != me.pid and not process_alive(holder.pid)
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return True
    return age > STALE_AFTER


def process_alive(pid: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))  # type: ignore[attr-defined]
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
