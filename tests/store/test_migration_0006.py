"""Migration 0006: an old base whose référent assignments moved « dernière mise à jour » gets it back from the journal."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from alembic import command
from alembic.config import Config

from sdus_desktop.store.database import Database
from sdus_desktop.store.engine import make_engine
from sdus_desktop.store.migrations import migrations_dir


def _downgrade(path: Path, revision: str) -> None:
    engine = make_engine(path, foreign_keys=False)
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    try:
        with engine.connect() as connection, connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()


def test_assignments_no_longer_count_as_updates(db_path: Path) -> None:
    db = Database.open(db_path)
    from sdus_desktop.store.services import Services

    services = Services(db, "Cheffe")
    services.set("action", 1, "avancement", 30)            # a report: the fiche's last update
    services.set("action", 2, "referents", "Paul Roux")     # an assignment only
    services.set("action", 3, "bilan", "Bilan")
    services.set("action", 3, "referents", "Paul Roux")
    db.close()
    _downgrade(db_path, "0004")
    with closing(sqlite3.connect(db_path)) as connection, connection:
        reported = connection.execute("SELECT updated_at FROM action WHERE id = 1").fetchone()[0]
        # what the code before this revision did: the assignment stamped fiches 2 and 3
        connection.execute("UPDATE action SET updated_at = '2030-01-01 10:00:00.000000', updated_by = 'Cheffe' "
                           "WHERE id IN (2, 3)")
        connection.execute("UPDATE action SET updated_at = '2019-05-05 09:00:00.000000', updated_by = 'Ancien' "
                           "WHERE id = 4")   # no journal: left as it is
    Database.open(db_path).close()
    with closing(sqlite3.connect(db_path)) as connection:
        rows = dict((i, (at, by)) for i, at, by in connection.execute(
            "SELECT id, updated_at, updated_by FROM action WHERE id IN (1, 2, 3, 4)"))
        bilan_at = connection.execute("SELECT at FROM journal WHERE action_id = 3 AND field = 'bilan'").fetchone()[0]
    assert rows[1] == (reported, "Cheffe")
    assert rows[2] == (None, "")
    assert rows[3] == (bilan_at, "Cheffe")
    assert rows[4] == ("2019-05-05 09:00:00.000000", "Ancien")
