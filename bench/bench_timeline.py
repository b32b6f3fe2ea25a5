"""Bench: opening « Calendrier des étapes » for both plans × 10 (1 400 fiches, about 5 000 étapes). Goal: < 1 s.

Measured: the dialog built (read with plain sqlite3, Gantt data, Qt model, tree set up) and painted once.
Floor in the same run: reading the same rows with plain sqlite3 into tuples. Absolute times and the ratio are
printed; the A3 PDF of the same calendar is timed too (for information).
    python bench/bench_timeline.py [--scale 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
GOAL_SECONDS = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from bench.bench_snapshots import plain_read
    from bench.synthetic import make_synthetic_db
    from sdus_desktop.reports.timeline_pdf import write_timeline_pdf
    from sdus_desktop.store.database import Database
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.dashboard.timeline_view import TimelineDialog
    from sdus_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="sdus-bench-timeline-"))
    try:
        path = make_synthetic_db(work / "bench.sqlite", args.scale)
        db = Database.open(path)
        settings = Settings(QSettings(str(work / "settings.ini"), QSettings.IniFormat))
        settings.set_value("user_name", "bench")
        window = MainWindow(db, settings)
        window.show()
        app.processEvents()
        plain_read(path)
        floor = statistics.median(_timed(lambda: plain_read(path)) for _ in range(args.repeat))
        opened: list[float] = []
        fiches = steps = 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            dialog = TimelineDialog(window, "")  # both plans
            dialog.show()
            dialog.grab()  # one full paint
            opened.append(time.perf_counter() - start)
            fiches = dialog.timeline.fiche_count
            steps = sum(len(f.steps) for g in dialog.timeline.groups for f in g.fiches)
            dialog.close()
            dialog.deleteLater()
            app.processEvents()
        pdf = _timed(lambda: write_timeline_pdf(db, work / "calendrier.pdf", "SDUS"))
        window.close()
        db.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = statistics.median(opened)
    print(f"{fiches} fiches, {steps} étapes (médiane de {args.repeat} ouvertures)")
    print(f"  plancher (lecture sqlite3 des mêmes lignes) : {floor * 1000:7.1f} ms")
    verdict = "OK" if seconds < GOAL_SECONDS else "TROP LENT"
    print(f"  ouvrir le calendrier (les deux plans)        : {seconds * 1000:7.1f} ms  ({seconds / floor:5.1f} × le "
          f"plancher)  objectif < {GOAL_SECONDS:.0f} s : {verdict}")
    print(f"  PDF A3 du calendrier SDUS × {args.scale} (pour information) : {pdf * 1000:7.1f} ms")
    return 0 if seconds < GOAL_SECONDS else 1


def _timed(run: object) -> float:
    start = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
