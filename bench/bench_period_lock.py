"""Bench: the period lock's cost on an edit, on 1 400 fiches (the catalogue × 10) with values and étapes done.

Floor measured in the same run: the same edit (a value of a period still open) with no validated comité — what
every edit costs anyway. Printed: absolute times and the ratios.
- saisie, comité validé (verrous en cache): an edit once the locks are known (the usual case);
- première saisie après validation: the locks computed from the frozen state (once per comité and base);
- aperçu d'import, comité validé: not measured here (bench_workbook measures imports; the lock adds one lookup
  per changed cell).
Usage: python bench/bench_period_lock.py [--scale 10] [--repeat 7]
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
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_SECONDS = 0.25   # an edit must feel instant


def fill(path: Path) -> None:
    """Values for 2023–2025 on every indicator, half the étapes done in 2025."""
    connection = sqlite3.connect(str(path))
    with connection:
        for period in ("2023", "2024", "2025"):
            connection.execute("INSERT OR IGNORE INTO indicator_value (indicator_id, period, value, comment) "
                               "SELECT id, ?, '10', '' FROM indicator", (period,))
        connection.execute("UPDATE step SET status = 'realisee', actual_start = '2025-01-10', "
                           "actual_end = '2025-06-01' WHERE id % 2 = 0")
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
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from bench.synthetic import make_synthetic_db
    from sdus_desktop.store import period_locks
    from sdus_desktop.store.comite_snapshots import freeze, validate
    from sdus_desktop.store.database import Database
    from sdus_desktop.store.services import Services

    work = Path(tempfile.mkdtemp(prefix="sdus-bench-lock-"))
    try:
        path = make_synthetic_db(work / "bench.sqlite", args.scale)
        fill(path)
        db = Database.open(path)
        connection = sqlite3.connect(str(path))
        fiches = connection.execute("SELECT count(*) FROM action").fetchone()[0]
        indicator = connection.execute("SELECT max(id) FROM indicator").fetchone()[0]
        connection.close()
        services = Services(db, "bench")
        values = iter(range(1, 10_000))

        def edit() -> None:
            services.set("value", f"{indicator}:2026", "value", str(next(values)))

        edit()   # warm the imports and the file cache
        floor = median_time(edit, args.repeat)
        info = freeze(db, "bench", date(2026, 1, 15))
        validate(db, "bench", info.id)
        locks = len(period_locks.load_locks_for(db))

        def cold() -> None:
            period_locks.forget()
            edit()

        first = median_time(cold, args.repeat)
        warm = median_time(edit, args.repeat)
        db.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{fiches} fiches, {locks} cellules verrouillées par le comité validé (médiane de {args.repeat} essais)")
    print(f"  plancher (même saisie, aucun comité validé) : {floor * 1000:7.1f} ms")
    for label, seconds in (("saisie, verrous en cache", warm), ("première saisie après validation", first)):
        verdict = "OK" if seconds < GOAL_SECONDS else "TROP LENT"
        print(f"  {label:34s}: {seconds * 1000:7.1f} ms  ({seconds / floor:5.1f} × le plancher)  "
              f"objectif < {GOAL_SECONDS * 1000:.0f} ms : {verdict}")
    return 0 if max(warm, first) < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
