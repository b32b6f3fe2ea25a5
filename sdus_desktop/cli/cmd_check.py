"""sdus check — PRAGMA integrity_check of the database (and of its latest backup)."""

from __future__ import annotations

import argparse

HELP = "vérifie l'intégrité de la base (integrity_check) ; code 1 si elle est endommagée"


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def run(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.store.backup import latest_verified, quick_check

    if not ctx.db_path.exists():
        raise CliError(f"base introuvable : {ctx.db_path}")
    damage = quick_check(ctx.db_path, full=True)
    latest = latest_verified(ctx.db_path)
    backup_line = (f"Dernière sauvegarde vérifiée : {latest.path} ({latest.made_at:%d/%m/%Y %H:%M})"
                   if latest else "Aucune sauvegarde vérifiée.")
    if damage is None:
        print(f"Base intacte : {ctx.db_path}\n{backup_line}")
        return 0
    raise CliError(f"la base « {ctx.db_path} » est endommagée ({damage}). Ne la modifiez plus ; restaurez la "
                   f"dernière sauvegarde vérifiée avec « sdus restore --derniere ». {backup_line}")
