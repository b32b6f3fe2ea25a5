"""What the application checks around a session: the base is sound (else offer the latest verified backup),
one writer at a time (else offer read-only), a network drive is said once, a verified backup at close."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdus_desktop.store.engine import DriverError
from sdus_desktop.ui.common import messages

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget

LOCK_REFRESH_MS = 60_000


def check_integrity(path: Path) -> bool:
    """quick_check before opening. A damaged base: French message and the offer to restore the latest verified
    backup (the damaged file is moved aside, never overwritten). False when the application must stop."""
    from sdus_desktop.store.backup import BackupError, latest_verified, quick_check, restore_backup

    if not path.is_file() or path.stat().st_size == 0:
        return True   # created, or refused by Database.open with its own message
    try:
        damage = quick_check(path)
    except DriverError:
        return True   # busy or not openable: Database.open says why
    if damage is None:
        return True
    title = "Base de données endommagée"
    latest = latest_verified(path)
    if latest is None:
        messages.error(None, title, f"La base « {path} » est endommagée ({damage}) et aucune sauvegarde vérifiée "
                                    "n'a été trouvée dans le dossier « sauvegardes ». Le fichier n'a pas été modifié : "
                                    "prévenez l'équipe centrale.")
        return False
    question = (f"La base « {path} » est endommagée ({damage}).\n\nRestaurer la dernière sauvegarde vérifiée, faite le "
                f"{latest.made_at:%d/%m/%Y à %H:%M} ({latest.reason_text}) ?\n\nLe fichier endommagé est gardé à côté "
                "sous un autre nom ; les modifications faites après cette sauvegarde sont à ressaisir.")
    if not messages.confirm(None, title, question):
        return False
    try:
        kept = restore_backup(path, latest.path)
    except (BackupError, OSError, DriverError) as error:
        messages.error(None, title, f"La restauration a échoué ({error}). Le fichier n'a pas été modifié.")
        return False
    messages.information(None, title, f"Sauvegarde du {latest.made_at:%d/%m/%Y à %H:%M} restaurée."
                         + (f"\nLe fichier endommagé est conservé : {kept}" if kept else ""))
    return True


def take_writer_lock(db: Any) -> tuple[bool, Any]:
    """(go on, lock). Another instance holds the base: say who and offer read-only; no lock then."""
    from sdus_desktop.store.lock import LockHeld, acquire

    try:
        return True, acquire(db.path)
    except LockHeld as held:
        question = (f"{str(held)[0].upper()}{str(held)[1:]}\n\nOuvrir la base en lecture seule ? Vous pourrez "
                    "consulter et imprimer, mais pas modifier.")
        if not messages.confirm(None, "Base déjà ouverte", question):
            return False, None
        db.read_only = f"ouverte en écriture par {held.holder.describe()}"
        return True, None
    except OSError as error:   # a read-only folder: reading still works
        from sdus_desktop.core.oserrors import describe_os_error

        db.read_only = describe_os_error(error, db.path.parent)
        messages.warn(None, "Base en lecture seule", f"La base s'ouvre en lecture seule : {db.read_only}.")
        return True, None


def network_notice(db: Any, settings: Any) -> None:
    """A base on a network drive: told once (per base), with the reason."""
    from sdus_desktop.store.engine import is_network_path

    key = f"avis_reseau/{str(db.path).replace('/', '|').replace(chr(92), '|')}"
    if not is_network_path(db.path) or settings.qsettings.value(key):
        return
    messages.information(None, "Base sur un lecteur réseau",
                         f"La base « {db.path} » est sur un lecteur réseau. SDUS Desktop y utilise le journal "
                         "classique de SQLite plutôt que le mode WAL, qui ne fonctionne pas sur un partage réseau : "
                         "les enregistrements peuvent être un peu plus lents, et une seule personne à la fois peut "
                         "modifier la base. Si possible, gardez la base sur le disque de l'ordinateur.")
    settings.qsettings.setValue(key, True)
    settings.qsettings.sync()


def mark_read_only(window: MainWindowWidget) -> None:
    """Say in the title bar and the status bar that nothing can be saved in this session, and why."""
    if window.db.read_only is None:
        return
    window.setWindowTitle(f"{window.windowTitle()} — lecture seule")
    window.show_status(f"Base en lecture seule ({window.db.read_only}) : consultation et impressions seulement.")


def keep_lock_alive(window: MainWindowWidget, lock: Any) -> Any:
    """Refresh the lock every minute (another host then knows this instance is alive)."""
    from PySide6.QtCore import QTimer

    timer = QTimer(window)
    timer.setInterval(LOCK_REFRESH_MS)
    timer.timeout.connect(lock.refresh)
    timer.start()
    return timer


def at_exit(db: Any, lock: Any) -> None:
    """A verified backup at close (when this instance was the writer), then the lock released."""
    try:
        if lock is not None and db.read_only is None:
            db.backup("fermeture")
    except Exception as error:  # noqa: BLE001 - never block closing; the reason goes to stderr
        print(f"sauvegarde de fermeture impossible : {error}", file=sys.stderr)
    finally:
        if lock is not None:
            lock.release()
