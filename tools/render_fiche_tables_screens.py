"""Render the fiche's Étapes and Indicateurs tabs at 1024×600 (the smallest laptops) and 1366×768.

The same seeded catalogue and follow-up as tools/render_screenshots.py (today fixed to 15/06/2022); the
window is sized like a maximised one, the tree panel at its default width. Writes
docs/screenshots/main-3-etapes*.png and main-4-indicateurs*.png (the 1366×768 ones without suffix, as in the README).

    python tools/render_fiche_tables_screens.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SIZES = {"": (1366, 768), "-1024x600": (1024, 600)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    arguments = parser.parse_args(argv)
    out: Path = arguments.out
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings

    from sdus_desktop.store.database import Database
    from sdus_desktop.ui import application as sdus_app
    from tools.render_screenshots import TODAY, fill_some_follow_up

    application = sdus_app.create_application(["sdus-desktop"])
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(Path(folder) / "sdus.sqlite")
        settings = Settings(QSettings(str(Path(folder) / "reglages.ini"), QSettings.IniFormat))
        settings.set_value("user_name", "Élodie Martin")
        settings.set_value("referent_name", "Élodie Martin")
        window = MainWindow(db, settings, today=lambda: TODAY)
        for suffix, size in SIZES.items():
            window.show()
            window.resize(*size)   # after show: the stored geometry is fitted to the (offscreen) screen at show
            if suffix == "":
                action_id = fill_some_follow_up(window)
                window.undo_stack.clear()
                window.navigation.tree.expandToDepth(1)
                window.open_action(action_id)
            tabs = window.fiche_view.tabs
            for name, widget in (("main-3-etapes", window.fiche_view.steps),
                                 ("main-4-indicateurs", window.fiche_view.indicators)):
                tabs.setCurrentWidget(widget)
                application.processEvents()
                path = out / f"{name}{suffix}.png"
                window.grab().save(str(path))
                print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
