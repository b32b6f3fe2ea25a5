"""Fiche selection and search on a 10× synthetic catalogue (1 400 fiches). Goal: < 50 ms each.

Times are medians over many selections/searches, printed with the ratio to the goal and to a floor
measured in the same run (one full repaint of the main window).

    python bench/bench_ui.py [--scale 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
GOAL_MS = 50.0
QUERIES = ("mobilite", "handicap", "logement", "charte partenaires", "enfance", "zzz introuvable", "CMS", "ars")


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    scale = parser.parse_args().scale
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from bench.synthetic import make_synthetic_db
    from sdus_desktop.store.database import Database
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = make_synthetic_db(Path(folder) / "synthetique.sqlite", scale)
        db = Database.open(path)
        settings = Settings(QSettings(str(Path(folder) / "reglages.ini"), QSettings.IniFormat))
        settings.set_value("user_name", "bench")
        start = time.perf_counter()
        window = MainWindow(db, settings)
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        built = time.perf_counter() - start
        ids = window.selected_action_ids()
        assert len(ids) == 140 * scale, len(ids)

        def select(action_id: int) -> float:
            t = time.perf_counter()
            window.open_action(action_id)
            app.processEvents()
            return time.perf_counter() - t

        def repaint() -> float:
            t = time.perf_counter()
            window.repaint()
            app.processEvents()
            return time.perf_counter() - t

        floor = median_ms([repaint() for _ in range(30)])
        sample = ids[:: max(1, len(ids) // 60)]
        selection = median_ms([select(action_id) for action_id in sample])
        worst_selection = max(select(action_id) for action_id in sample) * 1000

        def search(text: str) -> float:
            t = time.perf_counter()
            window.navigation.search.setText(text)
            app.processEvents()
            return time.perf_counter() - t

        searches = []
        for query in QUERIES:
            for prefix in range(1, len(query) + 1):  # as typed, letter by letter
                searches.append(search(query[:prefix]))
            searches.append(search(""))
        search_ms = median_ms(searches)
        worst_search = max(searches) * 1000
        window.close()
        db.close()
    print(f"catalogue synthétique : {140 * scale} fiches ; fenêtre construite en {built * 1000:.0f} ms")
    print(f"plancher (un rafraîchissement complet de la fenêtre) : {floor:.1f} ms")
    print(f"sélection d'une fiche : médiane {selection:.1f} ms, pire {worst_selection:.1f} ms "
          f"(objectif < {GOAL_MS:.0f} ms, ratio {selection / GOAL_MS:.2f} ; {selection / max(floor, 0.01):.1f}× le plancher)")
    print(f"recherche (frappe lettre par lettre) : médiane {search_ms:.1f} ms, pire {worst_search:.1f} ms "
          f"(objectif < {GOAL_MS:.0f} ms, ratio {search_ms / GOAL_MS:.2f} ; {search_ms / max(floor, 0.01):.1f}× le plancher)")
    ok = selection < GOAL_MS and search_ms < GOAL_MS
    print("OK" if ok else "AU-DESSUS DE L'OBJECTIF")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
