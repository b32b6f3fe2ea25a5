"""« Préparer la collecte »: one référent workbook per référent, written in one action, recorded as a campaign.

Each workbook is the ordinary référent export (exchange.workbook_export) scoped to the référent's fiches. Files
are named by référent; an existing file is never overwritten. Either every workbook is written and the
campaign recorded, or nothing is left behind (the files written so far are removed): on an error, and on a
cancel (`progress`, told per workbook and per fiche, says stop: core.progress.Cancelled).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sdus_desktop.core.oserrors import describe_os_error
from sdus_desktop.core.progress import Progress, check, part
from sdus_desktop.exchange.workbook_export import write_referent_workbook
from sdus_desktop.exchange.workbook_scope import ScopeError
from sdus_desktop.store import campaigns as store
from sdus_desktop.store.database import Database

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')   # not allowed in a Windows file name


class CampaignError(ValueError):
    """The campaign could not be prepared; nothing was written or recorded (French message)."""


@dataclass(frozen=True)
class PreparedCampaign:
    campaign_id: int
    folder: Path
    files: list[Path]
    sent: list[store.SentWorkbook]


def file_name_for(referent: str, plan_code: str | None, day: date, attempt: int = 1) -> str:
    """« Collecte SDUS - Marie Dupont - 2026-11-30.xlsx » (characters Windows refuses replaced by « _ »)."""
    safe = _FORBIDDEN.sub("_", referent).strip(" .") or "référent"
    suffix = f" (renvoi {attempt})" if attempt > 1 else ""
    return f"Collecte {(plan_code or 'SDUS-SDSF').upper()} - {safe[:80]} - {day.isoformat()}{suffix}.xlsx"


def default_name(plan_code: str | None, day: date) -> str:
    return f"Collecte {plan_code.upper() if plan_code else 'SDUS et SDSF'} {day:%m/%Y}"


def prepare(db: Database, folder: Path, user: str, plan_code: str | None = None, name: str | None = None,
            referents: list[str] | None = None, progress: Progress | None = None) -> PreparedCampaign:
    """Write one workbook per référent (all référents of the plan when `referents` is None) into `folder`."""
    day = date.today()
    wanted = referents if referents is not None else store.referents_of(db, plan_code)
    if not wanted:
        raise CampaignError("aucun référent n'est désigné sur les fiches" + (f" du plan {plan_code.upper()}"
                            if plan_code else "") + " : assignez d'abord les référents (Outils › Préparer la "
                            "collecte…, ou « sdus referents assigner »). Rien n'a été écrit.")
    folder = Path(folder)
    targets = [(referent, folder / file_name_for(referent, plan_code, day)) for referent in wanted]
    clashes = [path.name for _, path in targets if path.exists()]
    if clashes:
        raise CampaignError(f"le dossier « {folder} » contient déjà {', '.join(clashes)} : choisissez un autre "
                            "dossier (ou déplacez ces fichiers). Rien n'a été écrit.")
    files, sent = _write(db, targets, plan_code, user, progress)
    try:
        campaign_id = store.record_campaign(db, name or default_name(plan_code, day), plan_code, str(folder), user,
                                            sent)
    except BaseException:
        _remove(files)
        raise
    return PreparedCampaign(campaign_id, folder, files, sent)


def resend(db: Database, campaign_id: int, referent: str, user: str, folder: Path | None = None,
           progress: Progress | None = None) -> Path:
    """Write a fresh workbook for one référent of the campaign (its current data) and record it as sent."""
    campaign = store.follow_up(db, campaign_id)
    if referent not in {row.referent for row in campaign.rows}:
        raise CampaignError(f"« {referent} » n'a pas reçu de classeur dans la collecte « {campaign.name} »")
    target_folder = Path(folder or campaign.folder)
    attempt = next(row.sends for row in campaign.rows if row.referent == referent) + 1
    target = target_folder / file_name_for(referent, campaign.plan_code or None, date.today(), attempt)
    while target.exists():
        attempt += 1
        target = target_folder / file_name_for(referent, campaign.plan_code or None, date.today(), attempt)
    files, sent = _write(db, [(referent, target)], campaign.plan_code or None, user, progress)
    try:
        store.record_campaign(db, campaign.name, campaign.plan_code, str(target_folder), user, sent, campaign_id)
    except BaseException:
        _remove(files)
        raise
    return target


def _write(db: Database, targets: list[tuple[str, Path]], plan_code: str | None, user: str,
           progress: Progress | None) -> tuple[list[Path], list[store.SentWorkbook]]:
    files: list[Path] = []
    sent: list[store.SentWorkbook] = []
    try:
        for index, (referent, path) in enumerate(targets):
            summary = write_referent_workbook(db, path, plan_code=plan_code, referent=referent, user=user,
                                              progress=part(progress, index, len(targets)))
            files.append(path)
            sent.append(store.SentWorkbook(referent, path.name, summary.export_id, summary.actions))
        check(progress, len(targets), len(targets))   # a cancel during the last save: removed, not recorded
    except ScopeError as error:
        _remove(files)
        raise CampaignError(f"{error}. Rien n'a été écrit.") from None
    except OSError as error:
        _remove(files)
        raise CampaignError(f"{describe_os_error(error, path.parent)}. Rien n'a été écrit.") from None
    except BaseException:
        _remove(files)
        raise
    return files, sent


def _remove(files: list[Path]) -> None:
    for path in files:
        with contextlib.suppress(OSError):
            path.unlink()
