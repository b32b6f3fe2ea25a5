from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from sdus_desktop.ui import application as app
from sdus_desktop.ui.common.dialogs import FirstRunDialog, SettingsDialog
from tests.ui.helpers import unnamed_widgets


def test_db_argument_wins_over_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SDUS_DB", str(tmp_path / "env.sqlite"))
    assert app.database_path(app.parse_arguments([])) == tmp_path / "env.sqlite"
    chosen = app.parse_arguments(["--db", str(tmp_path / "arg.sqlite"), "-style", "fusion"])
    assert app.database_path(chosen) == tmp_path / "arg.sqlite"


def test_unreadable_database_is_explained_in_french(tmp_path: Path, shown) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "cassee.sqlite"
    broken.write_bytes(b"ceci n'est pas une base" * 100)
    assert app.open_database(broken) is None
    title, text = shown.shown[-1]
    assert title == "Base de données inutilisable"
    assert "cassee.sqlite" in text and "sauvegarde" in text


def test_french_translation_and_icon(qapp) -> None:  # type: ignore[no-untyped-def]
    translators = app.install_translations(qapp)
    assert translators and isinstance(translators[0], QTranslator)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    icon = app.application_icon()
    assert not icon.isNull()
    assert not icon.pixmap(64, 64).isNull()
    for translator in translators:
        QApplication.removeTranslator(translator)


def test_first_run_dialog_stores_the_name(settings, qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstRunDialog(settings)
    qtbot.addWidget(dialog)
    dialog.name.setText("")
    dialog.accept()
    assert shown.shown[-1][0] == "Nom manquant"
    assert not settings.is_set("user_name")
    dialog.name.setText("Élodie Martin")
    dialog.referent.setText("Élodie Martin")
    dialog.accept()
    assert settings.value("user_name") == "Élodie Martin"
    assert settings.value("referent_name") == "Élodie Martin"


def test_first_run_is_skipped_once_the_name_is_known(db, settings, qtbot) -> None:  # type: ignore[no-untyped-def]
    settings.set_value("user_name", "Jean Roux")
    window = app.build_window(db, settings)
    qtbot.addWidget(window)
    assert window.windowTitle() == "SDUS Desktop"
    assert window.services.user == "Jean Roux"


def test_settings_dialog_writes_every_field(settings, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.editors["user_name"].setText("Marie Dupont")
    dialog.editors["mode"].setCurrentIndex(dialog.editors["mode"].findData("central"))
    dialog.editors["stale_days"].setValue(45)
    dialog.accept()
    assert settings.value("user_name") == "Marie Dupont"
    assert settings.central_mode
    assert settings.value("stale_days") == 45


def test_geometry_and_splitter_are_restored(window, db, settings, qtbot) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.main_window import MainWindow

    window.resize(700, 500)
    window.splitter.setSizes([300, 700])
    sizes = window.splitter.sizes()
    window.close()
    again = MainWindow(db, settings)
    qtbot.addWidget(again)
    assert again.size().height() == 500  # (offscreen screen is 800 px wide: the width is clamped)
    assert again.splitter.sizes()[0] == sizes[0]


def test_every_interactive_widget_has_an_accessible_name(window) -> None:  # type: ignore[no-untyped-def]
    window.open_action(next(iter(window.catalogue.actions)))
    assert unnamed_widgets(window) == []


def test_unexpected_errors_are_shown_in_french(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sqlite3
    import sys

    from sdus_desktop.ui.common import messages

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "error", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app.report_unexpected_errors()
    sys.excepthook(sqlite3.OperationalError, sqlite3.OperationalError("database is locked"), None)
    sys.excepthook(RuntimeError, RuntimeError("panne"), None)
    assert shown[0][0] == "Base de données indisponible" and shown[0][1].startswith("La base est en cours")
    assert shown[1][0] == "Erreur inattendue" and "panne" in shown[1][1]
