"""Start-up to an interactive main window with both plans, against a bare PySide6 window (same run).

Each measurement is a fresh process (interpreter start, imports, window shown, events processed),
repeated and reduced to the median. Goal: ratio ≤ 3×.

    python bench/bench_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOAL = 3.0

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("fenêtre vide"))
window.resize(1366, 768)
window.show()
app.processEvents()
"""

APP = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from sdus_desktop.ui import application as sdus_app
application = sdus_app.create_application(["sdus-desktop"])
from sdus_desktop.ui.main_window import MainWindow
from sdus_desktop.ui.common.settings import Settings
db = sdus_app.open_database(Path(sys.argv[1]))
settings = Settings(QSettings(sys.argv[2], QSettings.IniFormat))
settings.set_value("user_name", "bench")
window = MainWindow(db, settings)
window.resize(1366, 768)
window.show()
application.processEvents()
assert len(window.selected_action_ids()) == 140
"""


def timed(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), PYTHONPATH=str(REPO))
    # As installed (the frozen application ships compiled modules): bytecode cached by the warm-up run, even
    # where the shell sets PYTHONDONTWRITEBYTECODE — else every run would compile the application's sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    sys.path.insert(0, str(REPO))
    from sdus_desktop.store.database import Database

    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "sdus.sqlite"
        Database.open(db_path).close()  # created and seeded beforehand: start-up opens an existing base
        ini = str(Path(folder) / "reglages.ini")
        timed(BARE)  # warm the file cache for both
        timed(APP, str(db_path), ini)
        bare = statistics.median(timed(BARE) for _ in range(runs))
        app = statistics.median(timed(APP, str(db_path), ini) for _ in range(runs))
    ratio = app / bare
    print(f"fenêtre PySide6 vide : {bare * 1000:.0f} ms (médiane de {runs})")
    print(f"SDUS Desktop (2 plans, 140 fiches) : {app * 1000:.0f} ms")
    print(f"ratio : {ratio:.2f}× (objectif ≤ {GOAL:.0f}×) — {'OK' if ratio <= GOAL else 'AU-DESSUS'}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
