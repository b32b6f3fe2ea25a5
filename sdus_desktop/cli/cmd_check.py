"""sdus check — PRAGMA integrity_check of the database (and of its latest backup); then what to correct: names
of référents, numbers an older version stored that are not numbers (« Infinity », « NaN »), each with its place."""

from __future__ import annotations

import argparse

HELP = ("vérifie l'intégrité de la base (integrity_check) ; code 1 si elle est endommagée ; signale les noms "
        "de référents et les nombres à corriger")


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
        _report_names(ctx)
        _report_numbers(ctx)
        return 0
    raise CliError(f"la base « {ctx.db_path} » est endommagée ({damage}). Ne la modifiez plus ; restaurez la "
                   f"dernière sauvegarde vérifiée avec « sdus restore --derniere ». {backup_line}")


def _report_names(ctx) -> None:
    """Référents recorded before the rule of core.people (no « , » nor « ; » in a name): each with its fiches
    and what to do. Not damage: the exit status stays 0."""
    from sdus_desktop.core.people import name_problem
    from sdus_desktop.store import readmodel

    db = ctx.open_db()
    try:
        fiches: dict[str, list[str]] = {}
        for plan in readmodel.load_plans(db.path):
            for orientation in plan.orientations:
                for axe in orientation.axes:
                    for action in axe.actions:
                        for person in action.referents:
                            fiches.setdefault(person.name, []).append(f"{plan.code} {action.number}")
    finally:
        db.close()
    wrong = {name: where for name, where in fiches.items() if name_problem(name) is not None}
    if not wrong:
        return
    print(f"{len(wrong)} nom(s) de référent à corriger (un nom ne contient ni « , » ni « ; », qui séparent les noms "
          "d'une liste) :")
    for name, where in sorted(wrong.items()):
        print(f"  fiche(s) {', '.join(where)} : {name_problem(name)} — dans l'onglet Suivi de chaque fiche, "
              "champ Référent(s)")


def _report_numbers(ctx) -> None:
    """Values and targets an older version stored that are not numbers (« Infinity »), each with its place and
    what to do. Not damage either: they are shown as stored and never block a PDF; the exit status stays 0."""
    from sdus_desktop.store.number_check import invalid_numbers

    db = ctx.open_db()
    try:
        invalid = invalid_numbers(db)
    finally:
        db.close()
    if invalid:
        print(f"{len(invalid)} nombre(s) à corriger (enregistrés par une version précédente) :")
        for line in invalid:
            print(f"  {line}")
