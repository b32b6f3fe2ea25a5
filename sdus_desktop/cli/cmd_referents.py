"""sdus referents — who is référent of which fiche; `assigner NOM` names a référent on many fiches at once."""

from __future__ import annotations

import argparse

HELP = "liste les référents, ou en désigne un sur plusieurs fiches (par numéro ou par pilote)"


def configure(parser: argparse.ArgumentParser) -> None:
    from sdus_desktop.cli.parser import FrenchArgumentParser

    actions = parser.add_subparsers(dest="referents_action", metavar="ACTION", parser_class=FrenchArgumentParser)
    listing = actions.add_parser("liste", help="les référents désignés et leur nombre de fiches")
    listing.add_argument("--plan", metavar="CODE", help="SDUS ou SDSF (sinon tous les plans)")
    assign = actions.add_parser("assigner", help="désigne NOM comme référent des fiches choisies (sans retirer "
                                                 "les référents déjà désignés)")
    assign.add_argument("name", metavar="NOM", help="nom du référent, tel qu'il figurera sur les fiches")
    which = assign.add_mutually_exclusive_group(required=True)
    which.add_argument("--fiche", metavar="N", type=int, nargs="+", help="numéros des fiches")
    which.add_argument("--pilote", metavar="ORG", help="toutes les fiches pilotées par cette organisation")
    assign.add_argument("--plan", metavar="CODE", help="SDUS ou SDSF (obligatoire si un numéro existe dans les deux)")


def run(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.ops.edits import assign_referent
    from sdus_desktop.store import campaigns
    from sdus_desktop.store.services import ORIGIN_CLI, EditError

    action = ctx.args.referents_action or "liste"
    db = ctx.open_db(write=action == "assigner")
    try:
        if action == "liste":
            return _list(db, getattr(ctx.args, "plan", None))
        services = ctx.services(db)
        try:
            # The name first: « sdus referents assigner "" --fiche 1 » is an empty name, not a missing plan.
            name = services.check_person_name(ctx.args.name)
            if ctx.args.fiche:
                ids = campaigns.fiches_by_number(db, ctx.args.fiche, ctx.args.plan)
            else:
                ids = campaigns.fiches_of_pilote(db, ctx.args.pilote, ctx.args.plan)
            changes = assign_referent(services, name, ids, ORIGIN_CLI).changeset
        except EditError as error:
            raise CliError(f"{error}. Rien n'a été modifié.") from None
    finally:
        db.close()
    kept = len(ids) - len(changes)
    name = changes.changes[0].new[-1] if changes else name
    print(f"« {name} » désigné(e) référent(e) de {len(changes)} fiche(s)"
          + (f" ({kept} l'avaient déjà)" if kept else "") + ". Ce n'est pas une mise à jour des fiches.")
    return 0


def _list(db, plan_code: str | None) -> int:
    from sdus_desktop.store import readmodel

    counts: dict[str, list[str]] = {}
    for plan in readmodel.load_plans(db.path):
        if plan_code and plan.code != plan_code.upper():
            continue
        for orientation in plan.orientations:
            for axe in orientation.axes:
                for action in axe.actions:
                    for person in action.referents:
                        counts.setdefault(person.name, []).append(f"{plan.code} {action.number}")
    if not counts:
        print("Aucun référent désigné. Désignez-en avec « sdus referents assigner NOM --fiche N… ».")
        return 0
    for name in sorted(counts, key=str.casefold):
        print(f"{name} : {len(counts[name])} fiche(s) — {', '.join(counts[name])}")
    return 0
