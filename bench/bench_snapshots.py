"""Bench: « Figer l'état pour le comité » and comparing two comités, on 1 400 fiches (the catalogue × 10).

Floor measured in the same run: reading the same rows (fiches, étapes, indicateurs, valeurs) with plain sqlite3
into tuples — what any snapshot must at least do. Printed: absolute times (goal < 1 s each) and the ratios.
- figer: store.comite_snapshots.freeze (read, build the state, compress, insert one row);
- comparer deux comités: load both snapshots and compare them fiche by fiche (core.comite_compare);
- comparer un comité et maintenant: load one snapshot, read the current state, compare.
Usage: python bench/bench_snapshots.py [--scale 10] [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_SECONDS = 1.0


def plain_read(path: Path) -> int:
    """The floor: the same rows, as tuples, with plain sqlite3."""
    connection = sqlite3.connect(str(path))
    try:
        rows = 0
        for sql in ("SELECT id, plan_id, axe_id, number, title, status, avancement, bilan FROM action",
                    "SELECT id, action_id, number, label, calendrier, planned_start, planned_end, actual_end, "
                    "status FROM step",
                    "SELECT id, action_id, number, label, kind, target FROM indicator",
                    "SELECT indicator_id, period, value FROM indicator_value"):
            rows += len(connection.execute(sql).fetchall())
        return rows
    finally:
        connection.close()


def edit_between(path: Path) -> None:
    """A comité's worth of changes on the copy: statuses, steps done, values."""
    connection = sqlite3.connect(str(path))
    with connection:
        connection.execute("UPDATE action SET status = 'en_cours', avancement = 40 WHERE id % 4 = 0")
        connection.execute("UPDATE step SET status = 'realisee', actual_end = '2026-02-01' WHERE id % 5 = 0")
        connection.execute("UPDATE indicator_value SET value = '99' WHERE id % 3 = 0")
    connection.close()


def median_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from bench.synthetic import make_synthetic_db
    from sdus_desktop.core.comite_compare import compare
    from sdus_desktop.store.comite_snapshots import freeze, load_state
    from sdus_desktop.store.comite_state import current_state
    from sdus_desktop.store.database import Database

    work = Path(tempfile.mkdtemp(prefix="sdus-bench-snapshots-"))
    try:
        path = make_synthetic_db(work / "bench.sqlite", args.scale)
        db = Database.open(path)
        fiches = sqlite3.connect(str(path)).execute("SELECT count(*) FROM action").fetchone()[0]
        plain_read(path)  # warm the file cache and the imports before timing anything
        first = freeze(db, "bench", date(2026, 1, 1))
        floor = median_time(lambda: plain_read(path), args.repeat)
        days = iter(range(1, 1000))
        freeze_time = median_time(lambda: freeze(db, "bench", date(2026, 1, 1) + timedelta(days=next(days))),
                                  args.repeat)
        edit_between(path)
        second = freeze(db, "bench", date(2027, 1, 1))
        changed = len(compare(load_state(db, first.id), load_state(db, second.id)).fiches)
        two = median_time(lambda: compare(load_state(db, first.id), load_state(db, second.id)), args.repeat)
        now = median_time(lambda: compare(load_state(db, first.id), current_state(path, date.today())),
                          args.repeat)
        db.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{fiches} fiches, {changed} fiches changées entre les deux comités (médiane de {args.repeat} essais)")
    print(f"  plancher (lecture sqlite3 des mêmes lignes) : {floor * 1000:7.1f} ms")
    for label, seconds in (("figer l'état", freeze_time), ("comparer deux comités", two),
                           ("comparer un comité et maintenant", now)):
        verdict = "OK" if seconds < GOAL_SECONDS else "TROP LENT"
        print(f"  {label:34s}: {seconds * 1000:7.1f} ms  ({seconds / floor:5.1f} × le plancher)  "
              f"objectif < {GOAL_SECONDS:.0f} s : {verdict}")
    return 0 if max(freeze_time, two, now) < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
