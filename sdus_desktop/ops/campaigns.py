"""Collection campaigns: « Préparer la collecte » (one workbook per référent, all or nothing, recorded) and a
workbook sent again to one référent. CampaignError (French) when nothing could be written; Cancelled when
`progress` (per workbook, per fiche) says stop: then no workbook is left and no campaign recorded."""

from __future__ import annotations

from pathlib import Path

from sdus_desktop.core.progress import Progress
from sdus_desktop.exchange.campaign import PreparedCampaign, prepare, resend
from sdus_desktop.ops.changes import OpChangesWith
from sdus_desktop.store.services import Services


def prepare_campaign(services: Services, folder: Path, plan_code: str | None = None, name: str | None = None,
                     referents: list[str] | None = None,
                     progress: Progress | None = None) -> OpChangesWith[PreparedCampaign]:
    prepared = prepare(services.db, folder, services.user, plan_code, name, referents, progress)
    return OpChangesWith(value=prepared, campaign=True)


def resend_workbook(services: Services, campaign_id: int, referent: str,
                    folder: Path | None = None, progress: Progress | None = None) -> OpChangesWith[Path]:
    path = resend(services.db, campaign_id, referent, services.user, folder, progress)
    return OpChangesWith(value=path, campaign=True)
