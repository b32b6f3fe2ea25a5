"""Open (create, migrate, seed) a database file and hand out transactional sessions."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sdus_desktop.store.engine import make_engine
from sdus_desktop.store.migrations import MigrationReport, upgrade_database
from sdus_desktop.store.models import Meta, Plan


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = make_engine(path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.migration: MigrationReport | None = None

    @classmethod
    def open(cls, path: Path, *, seed: bool = True) -> Database:
        """Create or upgrade the file, then seed both schémas on first use (never over user data)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        migration = upgrade_database(path)
        db = cls(path)
        db.migration = migration
        with db.transaction() as session:
            if session.get(Meta, "database_id") is None:
                session.add(Meta(key="database_id", value=uuid.uuid4().hex))
                session.add(Meta(key="created_at", value=datetime.now().isoformat(timespec="seconds")))
            if seed and not session.scalar(select(func.count()).select_from(Plan)):
                from sdus_desktop.store.seed import seed_all

                seed_all(session)
        return db

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, rollback on any exception."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries; objects stay usable after it closes (expire_on_commit=False)."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.close()

    def meta(self, key: str) -> str | None:
        with self.reading() as session:
            row = session.get(Meta, key)
            return row.value if row else None

    @property
    def database_id(self) -> str:
        value = self.meta("database_id")
        assert value is not None
        return value

    def backup(self, reason: str) -> Path:
        from sdus_desktop.store.backup import backup_database

        return backup_database(self.path, reason)

    def close(self) -> None:
        self.engine.dispose()
