"""sdus restore FICHIER — put a backup back as the database (the current state is backed up first)."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "restaure une sauvegarde (l'état actuel est sauvegardé avant ; une base endommagée est mise de côté)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FICHIER", nargs="?", help="la sauvegarde à restaurer (voir « sdus backup --liste »)")
    parser.add_argument("--derniere", action="store_true", help="restaure la dernière sauvegarde vérifiée")


def run(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.core.oserrors import describe_os_error
    from sdus_desktop.store.backup import BackupError, latest_verified, restore_backup
    from sdus_desktop.store.engine import DriverError
    from sdus_desktop.store.errors import describe_database_error

    if ctx.args.derniere:
        latest = latest_verified(ctx.db_path)
        if latest is None:
            raise CliError("aucune sauvegarde vérifiée à restaurer dans le dossier « sauvegardes ».")
        source = latest.path
    elif ctx.args.file:
        source = Path(ctx.args.file)
        if not source.is_file():
            raise CliError(f"sauvegarde introuvable : {source}")
    else:
        raise CliError("indiquez la sauvegarde à restaurer (FICHIER) ou --derniere.")
    ctx.take_lock()
    try:
        kept = restore_backup(ctx.db_path, source)
    except BackupError as error:
        raise CliError(f"{error} La base n'a pas été modifiée.") from None
    except OSError as error:
        raise CliError(f"restauration impossible : {describe_os_error(error)}. La base n'a pas été modifiée.") from None
    except DriverError as error:
        raise CliError(f"restauration impossible : {describe_database_error(error) or error}. "
                       "La base n'a pas été modifiée.") from None
    print(f"Sauvegarde restaurée : {source}")
    if kept is not None:
        print(f"L'état remplacé est conservé dans : {kept}")
    return 0
