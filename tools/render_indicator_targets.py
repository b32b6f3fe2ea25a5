"""Targets per year, looked at: a database with targets and values on SDUS fiche 12 (and its axe), the printed
fiche and the comité dossier rendered to PNG pages, and (with --gui) the fiche's « Indicateurs » tab captured.

    python tools/render_indicator_targets.py [--out DOSSIER] [--gui]

PNGs go to /tmp/sdus-targets/ unless --out is given. Used by hand to look at the charts; the tests assert the text.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def add_axe_indicators(db: Any) -> int:
    """Fiche 12 and the first other fiche of its axe get « Nombre de personnes accompagnées » with values and
    targets per year; fiche 12 also a rate (« Taux de saisines traitées »). Returns fiche 12's id."""
    from sdus_desktop.store.queries import iter_actions, load_plans
    from sdus_desktop.store.services import Services

    services = Services(db, "Marie Dupont")
    with db.reading() as session:
        actions = {a.number: a for a in iter_actions(load_plans(session, "SDUS"))}
    twelve = actions[12]
    sibling = next(a for a in actions.values() if a.axe_id == twelve.axe_id and a.id != twelve.id)
    for action, values, goals in ((twelve, {2020: "8", 2021: "14", 2022: "22"}, {2020: "10", 2021: "15", 2022: "25",
                                                                              2023: "30"}),
                                  (sibling, {2021: "5", 2022: "9"}, {2021: "6", 2022: "10", 2023: "12"})):
        key = services.add_indicator(action.id, "Nombre de personnes accompagnées", "nombre",
                                     "30 en fin de schéma").changes[0].key
        for year, value in values.items():
            services.set("value", f"{key}:{year}", "value", value)
        for year, goal in goals.items():
            services.set_target(int(key), year, goal)
    rate = services.add_indicator(twelve.id, "Taux de saisines traitées", "pourcentage", "80 %").changes[0].key
    services.set("value", f"{rate}:2021", "value", "64")
    services.set("value", f"{rate}:2022", "value", "71,5")
    services.set_target(int(rate), 2022, "75")
    return twelve.id


def build(work: Path) -> tuple[Path, int]:
    """A seeded database where fiche 12 and another fiche of its axe have numeric indicators with targets."""
    sys.path.insert(0, str(REPO))
    from sdus_desktop.store.database import Database

    db = Database.open(work / "cibles.sqlite")
    twelve = add_axe_indicators(db)
    db.close()
    return work / "cibles.sqlite", twelve


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("/tmp/sdus-targets"))
    parser.add_argument("--gui", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from sdus_desktop.reports.dossier import write_dossier
    from sdus_desktop.reports.fiche_pdf import write_fiches
    from sdus_desktop.store.database import Database
    from tools.render_pdf_pages import render

    work = Path(tempfile.mkdtemp(prefix="sdus-targets-"))
    path, action_id = build(work)
    db = Database.open(path)
    fiche = work / "fiche12.pdf"
    write_fiches(db, fiche, "SDUS", [12], today=date(2023, 3, 1))
    print(*render(fiche, args.out, dpi=90), sep="\n")
    dossier = work / "dossier.pdf"
    write_dossier(db, dossier, "SDUS", today=date(2023, 3, 1))
    print(dossier)
    db.close()
    if args.gui:
        for size in ((1280, 800), (1024, 600)):
            print(capture_indicators_tab(path, action_id, size, args.out))


def capture_indicators_tab(path: Path, action_id: int, size: tuple[int, int], out: Path,
                           central: bool = True) -> Path:
    """The main window on the fiche's « Indicateurs » tab (the chart of indicator 3 shown), saved as a PNG."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from sdus_desktop.store.database import Database
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = Settings(QSettings(str(path.with_suffix(".ini")), QSettings.IniFormat))
    settings.set_value("user_name", "Marie Dupont")
    settings.set_value("mode", "central" if central else "referent")
    window = MainWindow(Database.open(path), settings)
    window.show()
    window.resize(*size)
    window.apply_settings()
    window.open_action(action_id)
    tab = window.fiche_view.indicators
    window.fiche_view.tabs.setCurrentWidget(tab)
    tab.table.setCurrentIndex(tab.model.index(2, 5))
    for _ in range(5):
        app.processEvents()
    out.mkdir(parents=True, exist_ok=True)
    shot = out / f"indicateurs-{size[0]}x{size[1]}.png"
    window.grab().save(str(shot))
    window.close()
    return shot

if __name__ == "__main__":
    main()
