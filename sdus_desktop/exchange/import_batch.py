"""Import one workbook or many as a whole: one simulation, one transaction, the same result whatever the order.

The preview of a batch simulates the whole batch against the database as it is: a cell that two workbooks
changed to different values is a conflict in each of them (never "the last file wins"), the same edit sent
twice is applied once. Applying takes the write lock first (BEGIN IMMEDIATE), then re-plans every file against
the database inside that transaction — an edit saved between the preview and « Appliquer » becomes a conflict,
never an overwrite — and re-checks that no file was imported meanwhile (the same file imported twice at once
is applied once). Each workbook is applied in its own savepoint: a workbook refused at that stage leaves the
others applied.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdus_desktop.core.progress import Progress, check
from sdus_desktop.exchange.import_history import CellKey, seen_values
from sdus_desktop.exchange.import_locks import refuse_locked
from sdus_desktop.exchange.import_notes import plan_notes
from sdus_desktop.exchange.import_plan import current_state, imported_at, plan_import, read_import
from sdus_desktop.exchange.import_preview import CellChange, CellConflict, ImportPreview
from sdus_desktop.store import conflicts_store, imports
from sdus_desktop.store.changes import ChangeSet, EditError, encode
from sdus_desktop.store.database import Database
from sdus_desktop.store.period_locks import load_locks, validated_comites
from sdus_desktop.store.services import Services
from sdus_desktop.store.session import lock_for_writing, savepoint

if TYPE_CHECKING:
    from sdus_desktop.store.session import Session

KEEP_MINE = "mine"       # keep the database value
TAKE_THEIRS = "theirs"   # take the workbook value
Decisions = Mapping[CellKey, str]


@dataclass
class FileOutcome:
    preview: ImportPreview          # the plan actually applied (re-made inside the write transaction)
    changeset: ChangeSet
    conflicts_queued: int = 0
    record_id: int | None = None


def prepare_batch(db: Database, paths: Sequence[Path], expected_plan: str | None = None,
                  progress: Progress | None = None) -> list[ImportPreview]:
    """Previews of importing all `paths` together (nothing written); refusals in preview.refused.
    progress(done, total) returning False raises core.progress.Cancelled."""
    total = len(paths) + 1   # each file read, then the batch planned
    read = []
    for done, path in enumerate(paths):
        check(progress, done, total)
        read.append(read_import(db, Path(path), expected_plan))
    check(progress, len(paths), total)
    with db.reading() as session:
        return plan_batch(db, session, read)


def plan_batch(db: Database, session: Session, read: list[ImportPreview]) -> list[ImportPreview]:
    """Plan every readable workbook against the database now, then reconcile them with each other."""
    state = current_state(db)
    locks = load_locks(session)   # values validated comités locked: a workbook changing one is refused there
    seen_cache: dict[str, dict[CellKey, list[Any]]] = {}
    planned: list[ImportPreview] = []
    first_of: dict[str, str] = {}
    for preview in read:
        if preview.content is None:
            planned.append(preview)
            continue
        if preview.sha256 in first_of:   # the same bytes twice in one batch: applied once
            twin = ImportPreview(preview.path, preview.sha256, export_id=preview.export_id,
                                 scope_text=preview.scope_text, content=preview.content)
            twin.already_imported_at = datetime.now().replace(microsecond=0)
            twin.notices.append(f"même contenu que « {first_of[preview.sha256]} » dans ce lot : importé une fois")
            planned.append(twin)
            continue
        first_of[preview.sha256] = preview.file_name
        if preview.export_id not in seen_cache:
            seen_cache[preview.export_id] = seen_values(session, preview.export_id)
        planned.append(refuse_locked(plan_import(preview, state, seen_cache[preview.export_id],
                                                 imported_at(session, preview.sha256)), locks))
    plan_notes(db, planned, state, validated_comites(session))   # « Notes de suivi »: new notes added, existing ones never rewritten
    reconcile(planned)
    return planned


def reconcile(previews: list[ImportPreview]) -> None:
    """Make the plans of a batch independent of file order: per cell, the edits of every workbook together.

    One value wanted (whatever the number of files): applied once. Different values: each workbook that
    would have applied its value gets a conflict instead, with a note naming the other workbooks."""
    live = [p for p in previews if p.ok and p.already_imported_at is None]
    by_cell: dict[CellKey, list[tuple[ImportPreview, str, Any]]] = {}
    for preview in live:
        for change in preview.changes:
            by_cell.setdefault(_key(change), []).append((preview, "apply", change))
        for change in preview.agreed:
            by_cell.setdefault(_key(change), []).append((preview, "agreed", change))
        for conflict in preview.conflicts:
            by_cell.setdefault(_key(conflict.change), []).append((preview, "conflict", conflict))
    for cell, entries in by_cell.items():
        if len({id(p) for p, _, _ in entries}) < 2:
            continue
        wanted = {encode(_change(item).new) for _, _, item in entries}
        applying = [(p, item) for p, kind, item in entries if kind == "apply"]
        if len(wanted) == 1:
            if applying:   # applied by the first file; for the others it is then already there
                keep = applying[0][1]
                for preview, kind, item in entries:
                    if item is keep:
                        continue
                    if kind == "apply":
                        preview.changes.remove(item)
                    elif kind == "conflict":
                        preview.conflicts.remove(item)
            else:          # the same open conflict from several files: queued once
                _drop_duplicate_conflicts(entries)
            continue
        names = sorted({p.file_name for p, _, _ in entries})
        for preview, change in applying:
            preview.changes.remove(change)
            preview.conflicts.append(CellConflict(change, change.old, change.action_id))
            others = ", ".join(f"« {name} »" for name in names if name != preview.file_name)
            preview.notices.append(f"{change.where} · {change.field_label} : modifié autrement dans {others} "
                                   "(même lot) — mis en conflit à arbitrer")
        _drop_duplicate_conflicts([(p, "conflict", c) for p in live for c in p.conflicts if _key(c.change) == cell])


def _drop_duplicate_conflicts(entries: list[tuple[ImportPreview, str, Any]]) -> None:
    kept: set[str | None] = set()
    for preview, kind, item in entries:
        if kind != "conflict":
            continue
        value = encode(item.change.new)
        if value in kept:
            preview.conflicts.remove(item)
        kept.add(value)


def _change(item: CellChange | CellConflict) -> CellChange:
    return item.change if isinstance(item, CellConflict) else item


def _key(change: CellChange) -> CellKey:
    return (change.entity, change.key, change.field)


def author_of(preview: ImportPreview) -> str:
    """Who made the edits of a workbook: the name typed in it, else the référent it was exported for."""
    if preview.content is None:
        return ""
    return preview.content.filled_by or preview.content.scope.referent or ""


def apply_batch(
    db: Database, previews: Sequence[ImportPreview], user: str,
    decisions: Sequence[Decisions] | None = None, progress: Progress | None = None,
) -> list[FileOutcome]:
    """Write the importable previews in one transaction (the caller has taken the backup).

    Returns one FileOutcome per importable preview, in order; refused ones are left out. progress(done, total)
    returning False (checked before each file and before commit) rolls everything back and raises Cancelled."""
    indexes = [i for i, p in enumerate(previews) if p.ok and p.already_imported_at is None]
    if not indexes:
        return []
    chosen = [dict(decisions[i]) if decisions is not None else {} for i in range(len(previews))]
    outcomes: list[FileOutcome] = []
    now = datetime.now().replace(microsecond=0)
    services = Services(db, user)
    with db.transaction() as session:
        lock_for_writing(session)   # BEGIN IMMEDIATE now: from here on nobody else writes until we commit
        fresh = plan_batch(db, session, [previews[i] for i in indexes])
        for done, (index, plan) in enumerate(zip(indexes, fresh, strict=True)):
            check(progress, done, len(indexes))
            _note_drift(previews[index], plan)
            if not plan.ok or plan.already_imported_at is not None:
                outcomes.append(FileOutcome(plan, ChangeSet()))
                continue
            try:
                with savepoint(session):
                    outcomes.append(_apply_one(session, services, plan, chosen[index], user, now))
            except EditError as error:
                plan.errors.append(f"{error} (rien n'a été importé de ce classeur)")
                outcomes.append(FileOutcome(plan, ChangeSet()))
        check(progress, len(indexes), len(indexes))   # a cancel here rolls the whole batch back
    return outcomes


def _note_drift(before: ImportPreview, now: ImportPreview) -> None:
    """Tell when the database changed between the preview and the write (the fresh plan is what is applied)."""
    shown = {(_key(c), encode(c.new)) for c in before.changes}
    applied = {(_key(c), encode(c.new)) for c in now.changes}
    if shown != applied or len(before.conflicts) != len(now.conflicts):
        now.notices.append("la base a été modifiée depuis l'aperçu : l'import a été refait sur la base à jour "
                           f"({len(now.changes)} modification(s), {len(now.conflicts)} conflit(s))")


def _apply_one(session: Session, services: Services, plan: ImportPreview, decisions: Decisions, user: str,
               now: datetime) -> FileOutcome:
    author = author_of(plan)
    record = imports.add_import_record(session, at=now, user=user, file_name=plan.file_name, sha256=plan.sha256,
                                       export_id=plan.export_id, author=author)
    edits = [change.edit() for change in plan.changes]
    edits += [c.change.edit() for c in plan.conflicts if decisions.get(c.decision_key) == TAKE_THEIRS]
    changeset = services.apply_in(session, edits, plan.origin, author=author, import_id=record.id)
    queued = 0
    for conflict in plan.conflicts:
        choice = decisions.get(conflict.decision_key)
        decided = choice in (KEEP_MINE, TAKE_THEIRS)
        change = conflict.change
        if not decided and _already_queued(session, change):
            continue   # a re-saved copy whose conflict is still open: not queued twice
        queued += not decided
        conflicts_store.queue_conflict(
            session, created_at=now, origin=plan.origin, entity=change.entity, key=change.key,
            action_id=conflict.action_id, field=change.field, base=encode(conflict.base),
            mine=encode(change.old), theirs=encode(change.new),
            resolution=choice if decided else None, resolved_by=user if decided else None,
        )
    record.applied, record.conflicts = len(changeset), queued
    return FileOutcome(plan, changeset, queued, record.id)


def _already_queued(session: Session, change: CellChange) -> bool:
    return conflicts_store.is_queued(session, change.entity, change.key, change.field, encode(change.new))
