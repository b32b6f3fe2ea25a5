"""A synthetic catalogue N times the real one, for benchmarks: `make_synthetic_db(path, scale=10) -> Path`.

The seeded database is created at `path`, then every action (with its étapes, indicateurs, values and
référents) is copied scale-1 times into the same axes, numbered n + k·1000. Ids are shifted by k·10⁶,
so the copies are cheap INSERT … SELECT statements.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ID_SHIFT = 1_000_000
NUMBER_SHIFT = 1000
# table → (columns shifted by ID_SHIFT, column shifted by NUMBER_SHIFT)
TABLES = (
    ("action", ("id",), "number"),
    ("step", ("id", "action_id"), None),
    ("indicator", ("id", "action_id"), None),
    ("indicator_value", ("id", "indicator_id"), None),
    ("action_referent", ("action_id",), None),
)


def make_synthetic_db(path: Path, scale: int = 10) -> Path:
    from sdus_desktop.store.database import Database

    path = Path(path)
    if path.exists():
        path.unlink()
    Database.open(path).close()
    connection = sqlite3.connect(str(path))
    try:
        with connection:
            for table, shifted, numbered in TABLES:
                columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
                for k in range(1, scale):
                    select = []
                    for column in columns:
                        if column in shifted:
                            select.append(f'"{column}" + {k * ID_SHIFT}')
                        elif column == numbered:
                            select.append(f'"{column}" + {k * NUMBER_SHIFT}')
                        else:
                            select.append(f'"{column}"')
                    names = ", ".join(f'"{c}"' for c in columns)
                    connection.execute(
                        f'INSERT INTO "{table}" ({names}) SELECT {", ".join(select)} FROM "{table}" '
                        f'WHERE "{shifted[0]}" < {ID_SHIFT}'
                    )
    finally:
        connection.close()
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "synthetique.sqlite")
    made = make_synthetic_db(target, int(sys.argv[2]) if len(sys.argv) > 2 else 10)
    with sqlite3.connect(str(made)) as check:
        count = check.execute("SELECT count(*) FROM action").fetchone()[0]
    print(f"{made} : {count} fiches")
