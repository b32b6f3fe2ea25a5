"""sdus comite figer|comparer|liste|valider — freeze the state for a comité de suivi, compare two comités (or one and
now), mark a frozen comité validated (its past values locked: core.period_lock) or withdraw that validation."""

from __future__ import annotations

import argparse
from datetime import date

HELP = ("fige l'état pour un comité de suivi, compare deux comités (ou un comité et maintenant), liste les comités, "
        "valide un comité (verrouille ses valeurs passées)")


def configure(parser: argparse.ArgumentParser) -> None:
    from sdus_desktop.cli.parser import FrenchArgumentParser

    actions = parser.add_subparsers(dest="comite_action", metavar="ACTION", parser_class=FrenchArgumentParser)
    actions.required = True
    freeze = actions.add_parser("figer", help="fige l'état actuel pour le comité du JJ/MM/AAAA (lecture seule)")
    freeze.add_argument("--date", metavar="JJ/MM/AAAA", required=True, help="date du comité de suivi")
    freeze.add_argument("--plan", metavar="CODE", help="SDUS ou SDSF (par défaut : les deux)")
    compare = actions.add_parser(
        "comparer", help="ce qui a changé, fiche par fiche, entre deux comités figés (ou un comité et maintenant)")
    compare.add_argument("a", nargs="?", metavar="A", help="comité de départ : numéro ou date (défaut : le dernier)")
    compare.add_argument("b", nargs="?", metavar="B", help="comité d'arrivée : numéro ou date (défaut : maintenant)")
    compare.add_argument("--plan", metavar="CODE", help="SDUS ou SDSF (par défaut : les deux)")
    actions.add_parser("liste", help="liste les comités figés")
    validate = actions.add_parser(
        "valider", help="le comité a validé cet état figé : les valeurs arrêtées à sa date sont verrouillées")
    validate.add_argument("comite", metavar="N", help="comité figé : numéro ou date (voir « sdus comite liste »)")
    validate.add_argument("--le", metavar="JJ/MM/AAAA", help="date de la validation (par défaut : celle du comité)")
    validate.add_argument("--retirer", action="store_true", help="retire la validation : les valeurs redeviennent "
                                                                 "modifiables (le retrait est conservé)")


def run(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.store.comite_snapshots import SnapshotError

    db = ctx.open_db()
    try:
        action = ctx.args.comite_action
        if action == "figer":
            return _freeze(ctx, db)
        if action == "comparer":
            return _compare(ctx, db)
        if action == "valider":
            return _validate(ctx, db)
        return _list(db)
    except SnapshotError as error:
        raise CliError(str(error)) from None
    finally:
        db.close()


def _freeze(ctx, db) -> int:
    from sdus_desktop.cli.cmd_export import _check_plan
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.core.validation import parse_date
    from sdus_desktop.ops.comite import freeze_comite

    try:
        comite = parse_date(ctx.args.date)
    except ValueError as error:
        raise CliError(f"--date : {error}") from None
    if comite is None:
        raise CliError("--date : indiquez la date du comité (JJ/MM/AAAA)")
    _check_plan(db, ctx.args.plan)
    info = freeze_comite(ctx.services(db), comite, ctx.args.plan).value
    print(f"État figé pour le {info.label} : {info.fiche_count} fiche(s), n° {info.id}.")
    return 0


def _compare(ctx, db) -> int:
    from sdus_desktop.core.comite_compare import compare
    from sdus_desktop.store.comite_snapshots import SnapshotError, find, last_snapshot, load_state, restrict
    from sdus_desktop.store.comite_state import current_state

    plan = ctx.args.plan.upper() if ctx.args.plan else None
    start = find(db, ctx.args.a) if ctx.args.a else last_snapshot(db, plan)
    if start is None:
        raise SnapshotError("aucun comité figé : figez d'abord l'état avec « sdus comite figer --date JJ/MM/AAAA »")
    before = restrict(load_state(db, start.id), plan)
    if ctx.args.b:
        end = find(db, ctx.args.b)
        after, end_label = restrict(load_state(db, end.id), plan), f"au {end.label}"
    else:
        after, end_label = current_state(db.path, date.today(), plan), "à maintenant"
    comparison = compare(before, after)
    print(f"Du {start.label} {end_label} : {comparison.summary()}")
    for fiche in comparison.fiches:
        print(f"\n{fiche.plan} {fiche.number} — {fiche.title}")
        for line in (fiche.status_text(), fiche.avancement_text() and f"avancement {fiche.avancement_text()}",
                     *(step.text() for step in fiche.steps), *(value.text() for value in fiche.values),
                     fiche.bilan is not None and f"nouveau bilan : {' '.join(fiche.bilan.split())}",
                     fiche.new_fiche and "nouvelle fiche"):
            if line:
                print(f"  {line}")
    return 0


def _list(db) -> int:
    from sdus_desktop.store.comite_snapshots import list_snapshots

    snapshots = list_snapshots(db)
    if not snapshots:
        print("Aucun comité figé (« sdus comite figer --date JJ/MM/AAAA »).")
    for info in snapshots:
        print(info.text())
    return 0


def _validate(ctx, db) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.core.validation import parse_date
    from sdus_desktop.ops.comite import validate_comite, withdraw_validation
    from sdus_desktop.store.comite_snapshots import drift, drift_text, find

    info = find(db, ctx.args.comite)
    if ctx.args.retirer:
        if ctx.args.le:
            raise CliError("--le et --retirer ne vont pas ensemble : le retrait est daté du moment où il est fait")
        withdraw_validation(ctx.services(db), info.id)
        print(f"Validation du {info.label} retirée : ses valeurs sont de nouveau modifiables.")
        return 0
    try:
        validated_on = parse_date(ctx.args.le) if ctx.args.le else None
    except ValueError as error:
        raise CliError(f"--le : {error}") from None
    changed = drift(db, info.id)
    done = validate_comite(ctx.services(db), info.id, validated_on).value
    print(f"{done.label[0].upper()}{done.label[1:]} {done.validation_text} (valeurs des périodes terminées au "
          f"{info.comite_date:%d/%m/%Y}, dates réelles et étapes terminées à cette date).")
    if changed:
        print(drift_text(changed, shown=len(changed)))
    return 0
