"""Collection campaigns, read and written: what went out, what came back (applied or refused), import history.

Returns are linked to the workbooks sent by export id (the hidden `_sdus` sheet carries it): applied returns
are `import_record` rows, refused ones `import_refusal` rows (written with the error report, only for a workbook
a campaign sent: any other refused file leaves the base untouched), pending
conflicts are `conflict` rows whose origin names the export. Nothing here edits fiches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sdus_desktop.core.text import fold
from sdus_desktop.store.campaign_models import Campaign, CampaignItem, ImportRefusal
from sdus_desktop.store.changes import EditError
from sdus_desktop.store.database import Database
from sdus_desktop.store.models import Action, Conflict, ImportRecord, Plan

# Per référent, after sending: one of these (with the dates and counts alongside).
MISSING = "manquant"       # sent, nothing came back
REFUSED = "refusé"         # the latest return was refused (error report beside the file)
RECEIVED = "reçu"          # applied, conflicts still to decide (or the import was undone)
INTEGRATED = "intégré"     # applied, nothing left to decide
STATUS_LABELS = {MISSING: "Manquant", REFUSED: "Refusé", RECEIVED: "Reçu, à arbitrer", INTEGRATED: "Intégré"}


@dataclass(frozen=True)
class SentWorkbook:
    referent: str
    file_name: str
    export_id: str
    fiches: int


@dataclass(frozen=True)
class ReferentFollowUp:
    referent: str
    file_name: str              # the latest workbook sent to them
    export_id: str
    sent_at: datetime
    sends: int                  # 2 or more: re-sent
    status: str                 # MISSING, REFUSED, RECEIVED, INTEGRATED
    returned_at: datetime | None
    returned_file: str
    applied: int                # changes applied by their returns
    conflicts_pending: int
    refusal: str                # why the latest return was refused
    report_path: str            # its error report

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class CampaignFollowUp:
    id: int
    name: str
    plan_code: str
    folder: str
    created_at: datetime
    created_by: str
    rows: list[ReferentFollowUp]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def missing(self) -> list[ReferentFollowUp]:
        return [row for row in self.rows if row.status in (MISSING, REFUSED)]

    def reminder_text(self) -> str:
        """A text to paste in a message: who still has to send their workbook back (refused ones included)."""
        late = self.missing
        if not late:
            return f"Collecte « {self.name} » : tous les classeurs envoyés sont revenus."
        lines = [f"Collecte « {self.name} » (envoi du {self.created_at:%d/%m/%Y}) — classeurs à renvoyer :"]
        for row in late:
            why = f" — classeur reçu mais refusé ({row.refusal}) : merci de le corriger" if row.status == REFUSED else ""
            lines.append(f"- {row.referent} : {row.file_name}{why}")
        return "\n".join(lines)


@dataclass(frozen=True)
class ImportRow:
    """One line of the import history: an applied import or a refused return."""

    at: datetime
    file_name: str
    user: str            # who imported ("" for a refusal: nothing was imported)
    author: str          # the référent the workbook names
    export_id: str
    campaign: str        # the campaign that sent it, if any
    applied: int
    conflicts: int
    conflicts_pending: int
    state: str           # "appliqué", "annulé le …", "refusé : …"
    report_path: str = ""


# -- writing ---------------------------------------------------------------------------------------
def record_campaign(db: Database, name: str, plan_code: str | None, folder: str, user: str,
                    sent: Sequence[SentWorkbook], campaign_id: int | None = None) -> int:
    """Record a new campaign and what went out (one transaction); with `campaign_id`, add re-sent workbooks."""
    now = datetime.now().replace(microsecond=0)
    with db.transaction() as session:
        if campaign_id is None:
            campaign = Campaign(name=name, plan_code=(plan_code or "").upper(), folder=folder, created_at=now,
                                created_by=user)
            session.add(campaign)
            session.flush()
        else:
            found = session.get(Campaign, campaign_id)
            if found is None:
                raise EditError("", f"collecte n° {campaign_id} introuvable")
            campaign = found
        for item in sent:
            session.add(CampaignItem(campaign_id=campaign.id, referent=item.referent, file_name=item.file_name,
                                     export_id=item.export_id, sent_at=now, sent_by=user, fiches=item.fiches))
        return campaign.id


def record_refusal(db: Database, file_name: str, export_id: str, reason: str, report_path: str) -> bool:
    """Note the refusal of a workbook sent by a campaign, for its follow-up (the fiches are untouched). Any other
    refused file leaves the base exactly as it was (its report file says why); so does a read-only base."""
    if db.read_only is not None or not export_id:
        return False
    with db.reading() as session:
        if session.scalar(select(CampaignItem.id).where(CampaignItem.export_id == export_id)) is None:
            return False
    with db.transaction() as session:
        session.add(ImportRefusal(at=datetime.now().replace(microsecond=0), file_name=file_name,
                                  export_id=export_id, reason=reason, report_path=report_path))
    return True


# -- reading ---------------------------------------------------------------------------------------
def referents_of(db: Database, plan_code: str | None = None) -> list[str]:
    """Every référent named on a fiche (of the plan), sorted as people read names."""
    with db.reading() as session:
        query = select(Action).where(Action.archived.is_(False))
        if plan_code:
            query = query.join(Plan, Plan.id == Action.plan_id).where(Plan.code == plan_code.upper())
        names = {person.name for action in session.scalars(query) for person in action.referents}
    return sorted(names, key=fold)


def fiches_by_number(db: Database, numbers: Sequence[int], plan_code: str | None = None) -> list[int]:
    """Ids of the fiches numbered `numbers` (in the plan). EditError naming an unknown or ambiguous number."""
    with db.reading() as session:
        query = select(Action.number, Action.id, Plan.code).join(Plan, Plan.id == Action.plan_id).where(
            Action.archived.is_(False), Action.number.in_(list(numbers)))
        if plan_code:
            query = query.where(Plan.code == plan_code.upper())
        found: dict[int, list[tuple[int, str]]] = {}
        for number, action_id, code in session.execute(query):
            found.setdefault(number, []).append((action_id, code))
    where = f" dans le plan {plan_code.upper()}" if plan_code else ""
    ids = []
    for number in dict.fromkeys(numbers):
        matches = found.get(number, [])
        if not matches:
            raise EditError(f"fiche {number}", f"aucune fiche n° {number}{where}")
        if len(matches) > 1:
            plans = " et ".join(code for _, code in matches)
            raise EditError(f"fiche {number}", f"le n° {number} existe dans {plans} : précisez le plan (--plan)")
        ids.append(matches[0][0])
    return ids


def fiches_of_pilote(db: Database, organisation: str, plan_code: str | None = None) -> list[int]:
    """Ids of the fiches piloted by `organisation` (« Conseil départemental » also matches « Conseil
    départemental (DGASOS et DGAST) »; case and accents ignored). EditError listing the pilotes when none."""
    wanted = fold(organisation)
    found: list[int] = []
    known: set[str] = set()
    with db.reading() as session:
        query = select(Action, Plan.code).join(Plan, Plan.id == Action.plan_id).where(Action.archived.is_(False))
        if plan_code:
            query = query.where(Plan.code == plan_code.upper())
        for action, _code in session.execute(query.order_by(Plan.id, Action.number)):
            known.update(action.pilotage)
            if any(fold(p) == wanted or fold(p).startswith(wanted + " (") for p in action.pilotage):
                found.append(action.id)
    if not found:
        raise EditError("pilote", f"aucune fiche pilotée par « {organisation} » (pilotes connus : "
                                  f"{', '.join(sorted(known, key=fold)) or 'aucun'})")
    return found


def campaigns(db: Database) -> list[tuple[int, str, datetime]]:
    """(id, name, created_at), newest first."""
    with db.reading() as session:
        return [(c.id, c.name, c.created_at) for c in session.scalars(select(Campaign).order_by(Campaign.id.desc()))]


def follow_up(db: Database, campaign_id: int | None = None) -> CampaignFollowUp:
    """The suivi of a campaign (the latest when None). EditError when there is none."""
    with db.reading() as session:
        query = select(Campaign).order_by(Campaign.id.desc())
        campaign = session.get(Campaign, campaign_id) if campaign_id else session.scalars(query).first()
        if campaign is None:
            raise EditError("", f"collecte n° {campaign_id} introuvable" if campaign_id else
                            "aucune collecte préparée (« Outils › Préparer la collecte… » ou « sdus collecte creer »)")
        by_referent: dict[str, list[CampaignItem]] = {}
        for item in campaign.items:
            by_referent.setdefault(item.referent, []).append(item)
        rows = [_row(session, items) for items in by_referent.values()]
        rows.sort(key=lambda row: fold(row.referent))
        return CampaignFollowUp(campaign.id, campaign.name, campaign.plan_code, campaign.folder,
                                campaign.created_at, campaign.created_by, rows)


def _row(session: Session, items: list[CampaignItem]) -> ReferentFollowUp:
    export_ids = [item.export_id for item in items]
    latest = items[-1]
    imports = list(session.scalars(select(ImportRecord).where(ImportRecord.export_id.in_(export_ids))))
    refusals = list(session.scalars(select(ImportRefusal).where(ImportRefusal.export_id.in_(export_ids))))
    pending = sum(_pending(session, export_id) for export_id in export_ids)
    events: list[tuple[datetime, int, ImportRecord | ImportRefusal]] = (
        [(r.at, r.id, r) for r in imports] + [(r.at, r.id, r) for r in refusals])
    applied = sum(r.applied for r in imports if not r.undone_at)

    def row(status: str, at: datetime | None = None, file_name: str = "", refusal: str = "",
            report: str = "") -> ReferentFollowUp:
        return ReferentFollowUp(latest.referent, latest.file_name, latest.export_id, latest.sent_at, len(items),
                                status, at, file_name, applied, pending, refusal, report)

    if not events:
        return row(MISSING)
    at, _, last = max(events, key=lambda event: (event[0], isinstance(event[2], ImportRecord), event[1]))
    if isinstance(last, ImportRefusal):
        return row(REFUSED, at, last.file_name, last.reason, last.report_path)
    return row(RECEIVED if pending or last.undone_at else INTEGRATED, at, last.file_name)


def _pending(session: Session, export_id: str) -> int:
    return session.scalar(select(func.count(Conflict.id)).where(
        Conflict.origin.like(f"import % (export {export_id})"), Conflict.resolved_at.is_(None))) or 0


def import_history(db: Database) -> list[ImportRow]:
    """Every import and every refused return of a campaign, newest first, with its campaign when it had one."""
    with db.reading() as session:
        names = dict(session.execute(
            select(CampaignItem.export_id, Campaign.name).join(Campaign, Campaign.id == CampaignItem.campaign_id)).all())
        pending = dict(session.execute(
            select(Conflict.origin, func.count(Conflict.id)).where(Conflict.resolved_at.is_(None))
            .group_by(Conflict.origin)).all())
        rows = []
        for record in session.scalars(select(ImportRecord)):
            state = f"annulé le {record.undone_at:%d/%m/%Y}" if record.undone_at else "appliqué"
            origin = f"import {record.file_name} (export {record.export_id})"
            rows.append(ImportRow(record.at, record.file_name, record.user, record.author, record.export_id,
                                  names.get(record.export_id, ""), record.applied, record.conflicts,
                                  pending.get(origin, 0), state))
        for refusal in session.scalars(select(ImportRefusal)):
            rows.append(ImportRow(refusal.at, refusal.file_name, "", "", refusal.export_id,
                                  names.get(refusal.export_id, ""), 0, 0, 0, f"refusé : {refusal.reason}",
                                  refusal.report_path))
    rows.sort(key=lambda row: row.at, reverse=True)
    return rows
