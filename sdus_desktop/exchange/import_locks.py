"""Imports and the period lock: a workbook cell changing a value a validated comité locked is refused, with its
place (file, sheet, cell, fiche, étape / indicateur, période, field) and what to do (core.period_lock).

Called once per planned workbook (import_batch.plan_batch), before the batch is reconciled: the refusal is an
error of that workbook, so the existing rule applies — a workbook with an error imports nothing, the other
workbooks of the batch are imported. A cell that sends back the value the base holds is no change, never refused.
"""

from __future__ import annotations

from sdus_desktop.core.period_lock import CellKey, Lock
from sdus_desktop.exchange.import_preview import CellChange, ImportPreview


def refuse_locked(preview: ImportPreview, locks: dict[CellKey, Lock]) -> ImportPreview:
    """Turn the changes and conflicts of `preview` that touch a locked cell into errors with their place."""
    if not locks:
        return preview
    for change in list(preview.changes):
        lock = locks.get((change.entity, change.key, change.field))
        if lock is not None:
            preview.changes.remove(change)
            preview.errors.append(refusal_text(preview, change, lock))
    for conflict in list(preview.conflicts):
        change = conflict.change
        lock = locks.get((change.entity, change.key, change.field))
        if lock is not None:
            preview.conflicts.remove(conflict)
            preview.errors.append(refusal_text(preview, change, lock))
    return preview


def refusal_text(preview: ImportPreview, change: CellChange, lock: Lock) -> str:
    """« retour.xlsx » Indicateurs!F12 · fiche 12 · indicateur 2 · 2025 · valeur : 45 au lieu de 40 — …"""
    kept = change.show(change.old) or "vide"
    return (f"« {preview.file_name} » {change.place} · {change.where} · {change.field_label} : "
            f"{change.show(change.new) or 'vide'} au lieu de {kept} — {lock.reason()}. Remettez {kept} dans cette "
            "cellule pour importer le reste du classeur ; si la valeur arrêtée est fausse, l'équipe centrale la "
            "corrige sur la fiche (mode « Équipe centrale »).")
