"""sdus init — create the database and seed both schémas (never re-seeds over existing data)."""

from __future__ import annotations

import argparse

HELP = "crée la base et y charge les deux schémas (sans toucher une base existante)"


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def run(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.store.backup import quick_check

    existed = ctx.db_path.exists()
    if existed and ctx.db_path.stat().st_size and (damage := quick_check(ctx.db_path)) is not None:
        raise CliError(f"la base « {ctx.db_path} » existe mais est endommagée ({damage}) : elle n'a pas été modifiée. "
                       "Restaurez la dernière sauvegarde vérifiée (« sdus restore --derniere »).")
    db = ctx.open_db(must_exist=False, write=True)
    try:
        if db.migration and db.migration.backup:
            print(f"Base mise à jour (sauvegarde : {db.migration.backup})")
        state = "déjà présente, inchangée" if existed else "créée"
        print(f"Base {state} : {db.path}")
    finally:
        db.close()
    return 0
