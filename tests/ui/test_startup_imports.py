"""Start-up shows a usable window without SQLAlchemy; the write side loads on the first edit or the warm-up.

Runs the application path of bench/bench_startup.py in a fresh interpreter (this test process has long
imported SQLAlchemy) on an existing seeded database.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

APP = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from sdus_desktop.ui import application as sdus_app
application = sdus_app.create_application(["sdus-desktop"])
from sdus_desktop.ui import main_window
from sdus_desktop.ui.common.settings import Settings
db = sdus_app.open_database(Path(sys.argv[1]))
settings = Settings(QSettings(sys.argv[2], QSettings.IniFormat))
settings.set_value("user_name", "Marie Dupont")
window = main_window.MainWindow(db, settings)
window.show()
application.processEvents()

# usable as soon as shown: tree, search, fiche view — and still no SQLAlchemy
assert len(window.selected_action_ids()) == 140
window.navigation.search.setText("charte")
application.processEvents()
found = window.selected_action_ids()
assert 0 < len(found) < 140, found
window.open_action(found[0])
assert window.fiche_view.tabs.isEnabled() and window.fiche_view.title.text()
window.fiche_view.tabs.setCurrentWidget(window.fiche_view.history)
assert "sqlalchemy" not in sys.modules, "SQLAlchemy imported before the first edit"
print("shown-without-sqlalchemy")

if sys.argv[3] == "warm-up":
    QTest.qWait(main_window.WARM_UP_DELAY_MS + 300)
    assert "sqlalchemy" in sys.modules and window._services is not None, "no warm-up after show"
    print("warmed-up")

action_id = found[0]
changeset = window.services.set("action", action_id, "status", "en_cours")
window.refresh_views(changeset)
assert [(c.field, c.new) for c in changeset.changes] == [("status", "en_cours")]
assert window.catalogue.actions[action_id].status == "en_cours"
assert window.editor.set("action", action_id, "bilan", "Premier bilan")
assert window.catalogue.actions[action_id].bilan == "Premier bilan"
assert window.fiche_view.history.model.rowCount() == 2
window.undo_stack.undo()
assert window.catalogue.actions[action_id].bilan == ""
print("edited")
"""


@pytest.mark.parametrize("when", ["first-edit", "warm-up"])
def test_window_is_shown_without_sqlalchemy_and_edits_work(db_path: Path, tmp_path: Path, when: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-c", APP, str(db_path), str(tmp_path / "reglages.ini"), when],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert result.returncode == 0, result.stderr
    expected = ["shown-without-sqlalchemy", *(["warmed-up"] if when == "warm-up" else []), "edited"]
    assert result.stdout.split() == expected
