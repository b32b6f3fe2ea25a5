"""Build tests/data/sdus_rev0001.sqlite: a database at schema revision 0001 holding user data.

Used by tests/store/test_migrations.py to prove that upgrading keeps every row. Regenerate only when a
new "old version" fixture is wanted: python tools/make_old_database.py
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from sdus_desktop.store.engine import make_engine  # noqa: E402
from sdus_desktop.store.locations import migrations_dir  # noqa: E402
from sdus_desktop.store.seed import seed_all  # noqa: E402

OUT = REPO / "tests" / "data" / "sdus_rev0001.sqlite"


def main() -> None:
    OUT.unlink(missing_ok=True)
    engine = make_engine(OUT, foreign_keys=False)
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with Session(engine) as session, session.begin():
        seed_all(session)
    engine.dispose()
    connection = sqlite3.connect(OUT)
    with connection:
        connection.execute("INSERT INTO meta(key, value) VALUES ('database_id', 'ancienne-base-0001')")
        connection.execute("UPDATE action SET status='en_cours', avancement=40, bilan='Bilan 2020' WHERE number=1")
        connection.execute("UPDATE step SET actual_end='2020-06-30', status='realisee' WHERE id=1")
        connection.execute("INSERT INTO indicator_value(indicator_id, period, value, comment) VALUES (1, '2020', '3', '')")
        connection.execute(
            "INSERT INTO journal(at, user, origin, entity, entity_key, action_id, field, old, new) "
            "VALUES ('2020-07-01 10:00:00', 'Ancien Utilisateur', 'saisie', 'action', '1', 1, 'status', "
            "'\"non_demarree\"', '\"en_cours\"')"
        )
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.execute("VACUUM")
    connection.close()
    print(f"écrit : {OUT} ({OUT.stat().st_size // 1024} Kio)")


if __name__ == "__main__":
    main()
