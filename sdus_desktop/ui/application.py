"""`sdus-desktop`: start the application (French Qt, icon, database, first-run dialog, main window)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sdus_desktop import APP_NAME, ORG_NAME, __version__


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sdus-desktop", description=f"{APP_NAME} : suivi des schémas SDUS et SDSF.")
    parser.add_argument("--db", metavar="CHEMIN", help="fichier de base (sinon SDUS_DB, sinon dossier utilisateur)")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    known, _qt_arguments = parser.parse_known_args(argv)
    return known


def database_path(arguments: argparse.Namespace) -> Path:
    from sdus_desktop.store.locations import default_db_path

    return Path(arguments.db).expanduser() if arguments.db else default_db_path()


def install_translations(app) -> list:  # type: ignore[no-untyped-def]
    """French texts for Qt's own buttons and dialogs (Oui/Non, Annuler, calendar…)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translators = []
    for name in ("qtbase_fr", "qt_fr"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            translators.append(translator)
            break
    return translators


def application_icon():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QIcon

    from sdus_desktop.store.locations import resources_dir

    return QIcon(str(resources_dir() / "sdus.svg"))


def create_application(argv: list[str]):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:  # 125 %, 150 % Windows scaling and 4K screens: exact factors
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(application_icon())
    install_translations(app)
    return app


def open_database(path: Path):  # type: ignore[no-untyped-def]
    """The Database, or None after telling the user (in French) why it cannot be opened."""
    from sdus_desktop.store.database import Database
    from sdus_desktop.store.migrations import DatabaseError
    from sdus_desktop.ui.common import messages

    try:
        return Database.open(path)
    except DatabaseError as error:
        messages.error(None, "Base de données inutilisable", str(error))
    except OSError as error:
        messages.error(None, "Base de données inaccessible",
                       f"Impossible d'ouvrir ou de créer « {path} » ({error.strerror or error}).\n\n"
                       "Vérifiez que le dossier existe et que vous avez le droit d'y écrire, ou indiquez un autre "
                       "fichier avec --db.")
    return None


def build_window(db, settings):  # type: ignore[no-untyped-def]
    """First-run dialog if needed, then the main window (not shown). None when the user cancels."""
    from sdus_desktop.ui.common.dialogs import FirstRunDialog
    from sdus_desktop.ui.main_window import MainWindow

    if not settings.is_set("user_name") and not FirstRunDialog(settings).exec():
        return None
    return MainWindow(db, settings)


def report_unexpected_errors() -> None:
    """An unexpected error shows a French message (the details still go to stderr) instead of vanishing."""
    import traceback

    def hook(kind, error, trace) -> None:  # type: ignore[no-untyped-def]
        traceback.print_exception(kind, error, trace)
        from sdus_desktop.store.errors import describe_database_error
        from sdus_desktop.ui.common import messages

        known = describe_database_error(error)
        if known:
            messages.error(None, "Base de données indisponible", known[0].upper() + known[1:] + ".")
            return
        messages.error(None, "Erreur inattendue",
                       f"Une erreur inattendue s'est produite : {error}\n\nVos saisies précédentes sont enregistrées. "
                       "Si le problème se reproduit, notez ce que vous faisiez et prévenez l'équipe centrale.")

    sys.excepthook = hook


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    arguments = parse_arguments(argv[1:])
    app = create_application(argv)
    report_unexpected_errors()
    from sdus_desktop.ui.common import startup_checks
    from sdus_desktop.ui.common.settings import Settings

    path = database_path(arguments)
    if not startup_checks.check_integrity(path):
        return 2
    db = open_database(path)
    if db is None:
        return 2
    go_on, lock = startup_checks.take_writer_lock(db)
    window = build_window(db, Settings()) if go_on else None
    if window is None:
        startup_checks.at_exit(db, lock)
        db.close()
        return 0
    startup_checks.network_notice(db, window.settings)
    startup_checks.mark_read_only(window)
    if lock is not None:
        startup_checks.keep_lock_alive(window, lock)
    window.show()
    try:
        return app.exec()
    finally:
        startup_checks.at_exit(db, lock)
        db.close()


if __name__ == "__main__":
    sys.exit(main())
