"""sdus collecte — prepare a collection (one workbook per référent) and follow who sent theirs back."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "prépare une collecte (un classeur par référent) et suit les retours"


def configure(parser: argparse.ArgumentParser) -> None:
    from sdus_desktop.cli.parser import FrenchArgumentParser

    actions = parser.add_subparsers(dest="collecte_action", metavar="ACTION", parser_class=FrenchArgumentParser)
    actions.required = True
    create = actions.add_parser("creer", help="écrit un classeur par référent dans DOSSIER et enregistre l'envoi")
    create.add_argument("folder", metavar="DOSSIER", type=Path, help="dossier où écrire les classeurs")
    create.add_argument("--plan", metavar="CODE", help="SDUS ou SDSF (sinon tous les plans)")
    create.add_argument("--nom", metavar="NOM", dest="name", help="nom de la collecte (sinon « Collecte PLAN MM/AAAA »)")
    follow = actions.add_parser("suivi", help="qui a renvoyé son classeur : reçu, refusé, intégré, manquant")
    follow.add_argument("campaign", metavar="ID", type=int, nargs="?", help="numéro de la collecte (sinon la dernière)")
    follow.add_argument("--relance", action="store_true", help="affiche seulement le texte de relance")
    resend = actions.add_parser("renvoyer", help="écrit un classeur à jour pour un référent de la collecte")
    resend.add_argument("name", metavar="NOM", help="le référent")
    resend.add_argument("campaign", metavar="ID", type=int, nargs="?", help="numéro de la collecte (sinon la dernière)")


def run(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.exchange.campaign import CampaignError
    from sdus_desktop.ops.campaigns import prepare_campaign, resend_workbook
    from sdus_desktop.store import campaigns
    from sdus_desktop.store.services import EditError

    action = ctx.args.collecte_action
    db = ctx.open_db(write=action != "suivi")
    try:
        if action == "creer":
            ctx.args.folder.mkdir(parents=True, exist_ok=True)
            prepared = prepare_campaign(ctx.services(db), ctx.args.folder, ctx.args.plan, ctx.args.name).value
            print(f"Collecte n° {prepared.campaign_id} : {len(prepared.files)} classeur(s) écrit(s) dans "
                  f"{prepared.folder}")
            for item in prepared.sent:
                print(f"  {item.referent} : {item.file_name} ({item.fiches} fiche(s), export {item.export_id})")
            return 0
        campaign = campaigns.follow_up(db, ctx.args.campaign)
        if action == "renvoyer":
            path = resend_workbook(ctx.services(db), campaign.id, ctx.args.name).value
            print(f"Classeur renvoyé à {ctx.args.name} : {path}")
            return 0
    except (CampaignError, EditError) as error:
        raise CliError(str(error)) from None
    finally:
        db.close()
    if ctx.args.relance:
        print(campaign.reminder_text())
        return 0
    print(f"Collecte n° {campaign.id} « {campaign.name} », préparée le {campaign.created_at:%d/%m/%Y} par "
          f"{campaign.created_by} — dossier {campaign.folder}")
    counts = ", ".join(f"{campaigns.STATUS_LABELS[s].lower()} : {campaign.count(s)}" for s in campaigns.STATUS_LABELS)
    print(f"{len(campaign.rows)} référent(s) — {counts}")
    for row in campaign.rows:
        back = f", retour le {row.returned_at:%d/%m/%Y} ({row.returned_file})" if row.returned_at else ""
        detail = (f" — {row.refusal} ; rapport : {row.report_path}" if row.refusal else
                  f" — {row.applied} modification(s), {row.conflicts_pending} conflit(s) à arbitrer"
                  if row.returned_at else "")
        again = f" (envoyé {row.sends} fois)" if row.sends > 1 else ""
        print(f"  {row.status_label:<17} {row.referent} : {row.file_name}, envoyé le {row.sent_at:%d/%m/%Y}{again}"
              f"{back}{detail}")
    if campaign.missing:
        print()
        print(campaign.reminder_text())
    return 0
