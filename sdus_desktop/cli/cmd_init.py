"""sdus init — create the database and seed both schémas (never re-seeds over existing data)."""

from __future__ import annotations

import argparse

HELP = "crée la base et y charge les deux schémas (sans toucher une base existante)"


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def run(ctx) -> int:
    existed = ctx.db_path.exists()
    db = ctx.open_db(must_exist=False)
    try:
        if db.migration and db.migration.backup:
            print(f"Base mise à jour (sauvegarde : {db.migration.backup})")
        state = "déjà présente, inchangée" if existed else "créée"
        print(f"Base {state} : {db.path}")
    finally:
        db.close()
    return 0
