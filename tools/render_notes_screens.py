"""Render the fiche's « Notes de suivi » tab (and its Historique) to PNG at 1024×600 and 1366×768, with notes by
two authors, one tied to a frozen comité.

    python tools/render_notes_screens.py [--out /tmp/notes-screens]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "notes-screens")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from sdus_desktop.store import readmodel
    from sdus_desktop.store.comite_snapshots import freeze
    from sdus_desktop.store.database import Database
    from sdus_desktop.store.services import Services
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="sdus-notes-"))
    db = Database.open(folder / "base.sqlite")
    action_id = next(a.id for p in readmodel.load_plans(db.path) if p.code == "SDUS" for o in p.orientations
                     for x in o.axes for a in x.actions if a.number == 12)
    comite = freeze(db, "Équipe centrale", date(2026, 6, 1))
    Services(db, "Anne Arnal").add_note(action_id, "15/01/2026", "Réunion partenariale à Mende : les CMS et la "
                                        "CAF s'accordent sur un guichet unique ; reste à fixer le calendrier.")
    Services(db, "Équipe centrale").add_note(action_id, "02/06/2026", "Présentée au comité : priorité confirmée.",
                                              comite.id)
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.IniFormat))
    settings.set_value("user_name", "Équipe centrale")
    window = MainWindow(db, settings)
    window.open_action(action_id)
    for width, height in ((1024, 600), (1366, 768)):
        window.resize(width, height)
        window.show()
        for name, tab in (("notes", window.fiche_view.notes), ("historique", window.fiche_view.history)):
            window._show_tab(tab)
            app.processEvents()
            window.grab().save(str(args.out / f"{name}-{width}.png"))
    window.close()
    db.close()
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
