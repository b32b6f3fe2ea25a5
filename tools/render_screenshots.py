"""Render the README screenshots (docs/screenshots/*.png) at 1366×768 from the real seeded catalogue.

A fresh copy of the seed database is made in a temporary folder; a few statuses, step dates and
indicator values are filled in through the services (as a référent would), so the pictures show a
plan being followed. "Today" is fixed to 15/06/2022 (in the middle of both plans) so the late
markers are meaningful.

    python tools/render_screenshots.py [--out docs/screenshots]
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

TODAY = date(2022, 6, 15)
SIZE = (1366, 768)


def fill_some_follow_up(window) -> int:  # type: ignore[no-untyped-def]
    """Statuses, dates and values a référent would have typed; returns the fiche to show."""
    catalogue = window.catalogue
    sdus = catalogue.plan_actions(catalogue.plan("SDUS"))
    sdsf = catalogue.plan_actions(catalogue.plan("SDSF"))
    services = window.services
    for index, action in enumerate(sdus[:40] + sdsf[:30]):
        status = ("realisee", "en_cours", "en_cours", "reportee", "non_demarree", "realisee")[index % 6]
        services.set("action", action.id, "status", status)
        services.set("action", action.id, "avancement", {"realisee": 100, "en_cours": 50}.get(status, 0))
    shown = sdus[1]
    services.set("action", shown.id, "referents", ["Élodie Martin", "Jean Roux"])
    services.set("action", shown.id, "bilan",
                 "Guide des démarches réalisé avec les CMS ; diffusion aux mairies prévue à l'automne.")
    if shown.steps:
        first = shown.steps[0]
        services.set("step", first.id, "actual_start", "14/01/2020")
        services.set("step", first.id, "actual_end", "30/06/2020")
        services.set("step", first.id, "status", "Réalisée")
        services.set("step", first.id, "comment", "Fait avec les partenaires du territoire")
    if len(shown.steps) > 1:
        services.set("step", shown.steps[1].id, "status", "En cours")
        services.set("step", shown.steps[1].id, "actual_start", "01/09/2020")
    for indicator in shown.indicators:
        sample = {"nombre": ("12", "18"), "pourcentage": ("35", "52"), "oui_non": ("non", "oui")}
        values = sample.get(indicator.kind, ("en cours", "réalisé"))
        services.set("value", f"{indicator.id}:2020", "value", values[0])
        services.set("value", f"{indicator.id}:2021", "value", values[1])
    if shown.indicators:
        services.set("value", f"{shown.indicators[0].id}:2021", "comment", "chiffre du rapport d'activité")
    window.refresh_views(window.services.set("action", shown.id, "avancement", 60), reload_all=True)
    return shown.id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    arguments = parser.parse_args(argv)
    out: Path = arguments.out
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from sdus_desktop.store.database import Database
    from sdus_desktop.ui import application as sdus_app

    application = sdus_app.create_application(["sdus-desktop"])
    from sdus_desktop.ui.common.dialogs import FirstRunDialog, SettingsDialog
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(Path(folder) / "sdus.sqlite")
        settings = Settings(QSettings(str(Path(folder) / "reglages.ini"), QSettings.IniFormat))
        settings.set_value("user_name", "Élodie Martin")
        settings.set_value("referent_name", "Élodie Martin")
        window = MainWindow(db, settings, today=lambda: TODAY)
        window.resize(*SIZE)
        window.show()
        action_id = fill_some_follow_up(window)
        window.undo_stack.clear()
        window.navigation.tree.expandToDepth(1)
        window.open_action(action_id)
        application.processEvents()

        def save(name: str, widget=None) -> None:  # type: ignore[no-untyped-def]
            application.processEvents()
            target = widget or window
            path = out / f"{name}.png"
            target.grab().save(str(path))
            print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}")

        tabs = window.fiche_view.tabs
        for index, name in enumerate(("fiche", "suivi", "etapes", "indicateurs", "historique")):
            tabs.setCurrentIndex(index)
            save(f"main-{index + 1}-{name}")
        tabs.setCurrentIndex(0)
        window.navigation.search.setText("mobilité")
        save("main-recherche")
        window.navigation.search.clear()
        window.show_dashboard()
        save("tableau-de-bord")
        window.show_fiche()

        dialog = SettingsDialog(settings, window)
        dialog.show()
        save("parametres", dialog)
        dialog.close()
        first_run = FirstRunDialog(Settings(QSettings(str(Path(folder) / "neuf.ini"), QSettings.IniFormat)), window)
        first_run.show()
        save("premier-lancement", first_run)
        first_run.close()
        window.close()
        db.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
