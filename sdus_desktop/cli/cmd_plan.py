"""sdus plan template|export|import|suivant — plan definitions (structure and texts, never follow-up data)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sdus_desktop.cli.errors import CliError
from sdus_desktop.cli.parser import EXIT_BAD_INPUT, FrenchArgumentParser
from sdus_desktop.core.plan_states import CHOICES_TEXT, CLOS, parse_state, unknown_state

MASS_ARCHIVE_FLAG = "--archiver-tout"
HELP = "définitions de plans : modèle vide, export, import (nouveau plan ou avenant), plan suivant"


def configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="plan_command", metavar="ACTION", parser_class=FrenchArgumentParser)
    actions.required = True
    template = actions.add_parser("template", help="écrit une définition de plan vide (.xlsx)",
                                  description="Écrit une définition de plan vide, avec son mode d'emploi.")
    template.add_argument("out", metavar="SORTIE.xlsx", type=Path)
    export = actions.add_parser("export", help="écrit la définition d'un plan existant (.xlsx)",
                                description="Écrit la structure et les textes d'un plan, sans données de suivi.")
    export.add_argument("out", metavar="SORTIE.xlsx", type=Path)
    export.add_argument("--plan", metavar="CODE", required=True, help="code du plan (SDUS, SDSF…)")
    imported = actions.add_parser("import", help="crée un plan ou applique un avenant (.xlsx ou .ods)",
                                  description="Crée le plan s'il n'existe pas, sinon applique l'avenant ; le suivi "
                                              "n'est jamais modifié. Une sauvegarde vérifiée est faite d'abord.")
    imported.add_argument("file", metavar="FICHIER", type=Path, help="définition .xlsx ou .ods")
    imported.add_argument("--dry-run", "--essai", dest="dry_run", action="store_true",
                          help="montre les changements sans rien écrire")
    imported.add_argument(MASS_ARCHIVE_FLAG, dest="allow_mass_archive", action="store_true",
                          help="confirme un avenant qui archive plus de la moitié des fiches du plan (ou toutes) ; "
                               "sans elle, un tel avenant est refusé")
    following = actions.add_parser("suivant", help="prépare le plan suivant d'un plan (structure dupliquée)",
                                   description="Crée le plan NOUVEAU_CODE avec la structure (orientations, axes) "
                                               "du plan --plan, lié à lui ; avec --fiches-en-cours, ses fiches non "
                                               "terminées sont reprises (textes, étapes, indicateurs, sans suivi).")
    following.add_argument("new_code", metavar="NOUVEAU_CODE")
    following.add_argument("--plan", metavar="CODE", required=True)
    following.add_argument("--debut", type=int, required=True, metavar="ANNÉE")
    following.add_argument("--fin", type=int, required=True, metavar="ANNÉE")
    following.add_argument("--titre", metavar="INTITULÉ", help="intitulé du nouveau plan (sinon celui du plan)")
    following.add_argument("--fiches-en-cours", dest="unfinished", action="store_true",
                           help="reprend les fiches non réalisées et non abandonnées")
    state = actions.add_parser("etat", help="clôt ou rouvre un plan",
                               description="Un plan clos quitte l'arborescence et le tableau de bord par défaut ; "
                                           "il reste consultable, imprimable et exportable.")
    state.add_argument("code", metavar="CODE")
    state.add_argument("state", metavar="ÉTAT", help=f"{CHOICES_TEXT} (« en-cours » est lu aussi)")
    catalogue = actions.add_parser("catalogue", help="applique la nouvelle version du catalogue livré",
                                   description="Applique aux plans SDUS et SDSF de la base la version du catalogue "
                                               "livrée avec l'application (structure et textes ; le suivi n'est "
                                               "pas modifié).")
    catalogue.add_argument("--dry-run", "--essai", dest="dry_run", action="store_true",
                           help="montre les changements sans rien écrire")


def run(ctx) -> int:
    command = ctx.args.plan_command
    if command == "template":
        from sdus_desktop.exchange.plan_workbook import write_definition

        out = _xlsx(ctx.args.out)
        write_definition(None, out)
        print(f"Définition de plan vide écrite : {out}")
        return 0
    db = ctx.open_db()
    try:
        if command == "export":
            return _export(ctx, db)
        if command == "suivant":
            return _following(ctx, db)
        if command == "etat":
            return _state(ctx, db)
        if command == "catalogue":
            return _catalogue(ctx, db)
        return _import(ctx, db)
    finally:
        db.close()


def _xlsx(out: Path) -> Path:
    if out.suffix.lower() != ".xlsx":
        raise CliError(f"« {out.name} » : le fichier de sortie doit se terminer par .xlsx")
    return out


def _export(ctx, db) -> int:
    from sdus_desktop.exchange.plan_lifecycle import definition_of
    from sdus_desktop.exchange.plan_workbook import DefinitionTooLong, write_definition

    out = _xlsx(ctx.args.out)
    definition = definition_of(db, ctx.args.plan)
    if definition is None:
        raise CliError(f"plan « {ctx.args.plan} » introuvable")
    try:
        write_definition(definition, out)
    except DefinitionTooLong as error:
        raise CliError(str(error)) from None
    print(f"Définition du plan {definition.plan.code} écrite : {out} — {len(definition.fiches)} fiche(s), "
          f"{definition.etape_count} étape(s)")
    return 0


def _import(ctx, db) -> int:
    from sdus_desktop.ops.plans import import_plan_file

    result = import_plan_file(ctx.services(db), ctx.args.file, dry_run=ctx.args.dry_run,
                              allow_mass_archive=ctx.args.allow_mass_archive).value
    lines = result.report_lines()
    if result.needs_confirmation or (ctx.args.dry_run and result.warning and not ctx.args.allow_mass_archive):
        lines.append(f"Si c'est voulu, relancez avec {MASS_ARCHIVE_FLAG} pour confirmer l'archivage.")
    if result.ok and result.changed:
        lines.append("Essai : rien n'a été écrit." if ctx.args.dry_run else "Appliqué.")
        if result.backup is not None:
            lines.append(f"Sauvegarde avant changement : {result.backup}")
    print("\n".join(lines))
    return 0 if result.ok else EXIT_BAD_INPUT


def _following(ctx, db) -> int:
    from sdus_desktop.ops.plans import prepare_following_plan

    result = prepare_following_plan(ctx.services(db), ctx.args.plan, ctx.args.new_code, ctx.args.debut, ctx.args.fin,
                                    title=ctx.args.titre, carry_unfinished=ctx.args.unfinished).value
    print("\n".join(result.report_lines()))
    return 0 if result.ok else EXIT_BAD_INPUT


def _state(ctx, db) -> int:
    from sdus_desktop.ops.plans import set_plan_state

    state = parse_state(ctx.args.state)
    if state is None:
        raise CliError(unknown_state(ctx.args.state))
    result = set_plan_state(ctx.services(db), ctx.args.code, state).value
    if result.errors:
        raise CliError("; ".join(result.errors))
    verb = "clos" if state == CLOS else "rouvert"
    print(f"Plan {result.plan_code} {verb}." if result.changed else f"Plan {result.plan_code} : déjà {verb}.")
    return 0


def _catalogue(ctx, db) -> int:
    from sdus_desktop.exchange.plan_release import pending_releases, preview_release
    from sdus_desktop.ops.plans import apply_catalogue_release

    releases = pending_releases(db)
    if not releases:
        print("Le catalogue de la base est à jour.")
        return 0
    failed = False
    for release in releases:
        preview_release(db, release)
        print(release.summary())
        print("\n".join(f"  {line}" for line in release.lines + release.errors))
        failed = failed or bool(release.errors)
        if not ctx.args.dry_run and not release.errors:
            done = apply_catalogue_release(ctx.services(db), release)
            outcome, backup = done.value, done.backup
            if outcome.errors:
                failed = True
                print("  Refusé : " + "; ".join(outcome.errors))
            elif backup is not None:
                print(f"  Appliqué. Sauvegarde avant changement : {backup}")
            else:
                print("  Version enregistrée.")
    if ctx.args.dry_run:
        print("Essai : rien n'a été écrit.")
    return EXIT_BAD_INPUT if failed else 0
