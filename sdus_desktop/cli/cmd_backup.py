"""sdus backup — a verified copy of the database now (SQLite backup API), listed with the others."""

from __future__ import annotations

import argparse

HELP = "fait une sauvegarde vérifiée de la base, ou liste les sauvegardes (--liste)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--liste", action="store_true", help="liste les sauvegardes (date, motif, taille, état)")


def run(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.core.oserrors import describe_os_error
    from sdus_desktop.store.backup import BackupError, backup_database, list_backups
    from sdus_desktop.store.engine import DriverError
    from sdus_desktop.store.errors import describe_database_error
    from sdus_desktop.store.locations import backups_dir

    if not ctx.db_path.exists():
        raise CliError(f"base introuvable : {ctx.db_path} (créez-la avec « sdus init »)")
    if ctx.args.liste:
        backups = list_backups(ctx.db_path)
        if not backups:
            print(f"Aucune sauvegarde dans « {backups_dir(ctx.db_path)} ».")
        for info in backups:
            state = "vérifiée" if info.verified() else "ILLISIBLE"
            print(f"{info.made_at:%d/%m/%Y %H:%M:%S}  {info.reason_text:<40}  {info.size / 1e6:6.1f} Mo  {state}  "
                  f"{info.path}")
        return 0
    try:
        path = backup_database(ctx.db_path, "manuelle")
    except BackupError as error:
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"sauvegarde impossible : {describe_os_error(error, backups_dir(ctx.db_path))}") from None
    except DriverError as error:
        raise CliError(f"sauvegarde impossible : {describe_database_error(error) or error}") from None
    print(f"Sauvegarde vérifiée écrite : {path}")
    return 0
