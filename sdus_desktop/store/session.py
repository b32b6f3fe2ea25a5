"""The unit of work the layers above receive from `Database.transaction()` / `reading()`, and its controls.

`exchange` and `reports` never import SQLAlchemy: they name the session type from here (for annotations) and
take the write lock or a savepoint through these functions.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

__all__ = ["IntegrityError", "Session", "flush", "lock_for_writing", "savepoint"]   # IntegrityError: a broken constraint


def lock_for_writing(session: Session) -> None:
    """Start the transaction now (BEGIN IMMEDIATE on a write session): nobody else writes until it ends."""
    session.connection()


@contextmanager
def savepoint(session: Session) -> Iterator[None]:
    """A nested transaction: an exception inside rolls back only what was done inside, then propagates."""
    with session.begin_nested():
        yield


def flush(session: Session) -> None:
    """Send pending changes (new rows get their ids) without committing."""
    session.flush()

