"""Open (create, migrate, seed) a database file and hand out transactional sessions.

Opening an existing, current database uses plain sqlite3 only: SQLAlchemy (the engine, the ORM) is
imported and set up on the first transaction() or reading(), so the window can show before it is loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sdus_desktop.store.engine import connect
from sdus_desktop.store.migrations import MigrationReport, upgrade_database

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.migration: MigrationReport | None = None
        self.read_only: str | None = None   # why writing is refused (another instance holds the lock), or None
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._write_sessions: sessionmaker[Session] | None = None

    @classmethod
    def open(cls, path: Path, *, seed: bool = True) -> Database:
        """Create or upgrade the file, then seed both schémas on first use (never over user data)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        migration = upgrade_database(path)
        db = cls(path)
        db.migration = migration
        from sdus_desktop.store.engine import why_read_only

        db.read_only = why_read_only(path)   # read-only folder or file, full disk: reading works, writing refused
        if migration is None and db._initialised(seed):
            return db  # the common case: an existing, current database — no SQLAlchemy needed
        import uuid

        from sqlalchemy import func, select

        from sdus_desktop.store.models import Meta, Plan

        with db.transaction() as session:
            if session.get(Meta, "database_id") is None:
                session.add(Meta(key="database_id", value=uuid.uuid4().hex))
                session.add(Meta(key="created_at", value=datetime.now().isoformat(timespec="seconds")))
            if seed and not session.scalar(select(func.count()).select_from(Plan)):
                from sdus_desktop.store.seed import seed_all

                seed_all(session)
        return db

    def _initialised(self, seed: bool) -> bool:
        """True when the file already has its database id and (if seeding is wanted) its plans."""
        with closing(connect(self.path)) as connection:
            has_id = connection.execute("SELECT 1 FROM meta WHERE key = 'database_id'").fetchone() is not None
            has_plans = connection.execute("SELECT 1 FROM plan LIMIT 1").fetchone() is not None
        return has_id and (has_plans or not seed)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy imported) on first use."""
        if self._engine is None:
            from sdus_desktop.store.engine import make_engine

            self._engine = make_engine(self.path)
        return self._engine

    def _session(self, *, write: bool = False) -> Session:
        if self._sessions is None or self._write_sessions is None:
            from sqlalchemy.orm import sessionmaker

            from sdus_desktop.store.engine import BEGIN_MODE_OPTION

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
            writer = self.engine.execution_options(**{BEGIN_MODE_OPTION: "IMMEDIATE"})
            self._write_sessions = sessionmaker(writer, expire_on_commit=False)
        return (self._write_sessions if write else self._sessions)()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work (BEGIN IMMEDIATE): commit on success, rollback on any exception."""
        if self.read_only is not None:
            from sdus_desktop.store.changes import EditError

            raise EditError("", f"base ouverte en lecture seule ({self.read_only}) : rien n'a été enregistré")
        session = self._session(write=True)
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries; objects stay usable after it closes (expire_on_commit=False)."""
        session = self._session()
        try:
            yield session
        finally:
            session.close()

    def meta(self, key: str) -> str | None:
        from sdus_desktop.store.readmodel import meta_value

        return meta_value(self.path, key)

    @property
    def database_id(self) -> str:
        value = self.meta("database_id")
        assert value is not None
        return value

    def backup(self, reason: str) -> Path:
        from sdus_desktop.store.backup import backup_database

        return backup_database(self.path, reason)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
