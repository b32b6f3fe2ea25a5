import sqlite3

import pytest

from sdus_desktop.store.errors import describe_database_error


@pytest.mark.parametrize(
    ("message", "expected"),
    [("database is locked", "autre poste"), ("attempt to write a readonly database", "lecture seule"),
     ("database or disk is full", "disque est plein"), ("database disk image is malformed", "endommagée")],
)
def test_known_sqlite_failures_are_explained(message: str, expected: str) -> None:
    assert expected in (describe_database_error(sqlite3.OperationalError(message)) or "")


def test_wrapped_errors_and_unknown_ones(db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    with pytest.raises(OperationalError) as caught, db.reading() as session:
        session.execute(text("SELECT * FROM table_absente"))
    assert describe_database_error(caught.value) is None  # a defect, not a user situation
    wrapped = OperationalError("UPDATE …", {}, sqlite3.OperationalError("database is locked"))
    assert "attendez un instant" in (describe_database_error(wrapped) or "")
    assert describe_database_error(ValueError("x")) is None
