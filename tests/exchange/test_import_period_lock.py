"""A returned workbook cannot change a value a validated comité locked: refused with its place, the rest of the
batch imported as usual; sending back the locked value itself is no change."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sdus_desktop.exchange import workbook_layout as L
from sdus_desktop.exchange.consolidate import import_many
from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.exchange.import_plan import prepare_import
from sdus_desktop.store.changes import Edit
from sdus_desktop.store.comite_snapshots import freeze, validate
from sdus_desktop.store.queries import load_action
from tests.exchange.helpers import edit_copy, export, row_of
from tests.support.dbtools import db_fingerprint

REASON = "valeur arrêtée par le comité du 12/03/2026 (validé)"


@pytest.fixture
def locked(db, services, tmp_path):  # type: ignore[no-untyped-def]
    """Fiche 1: indicateur 1 worth 40 in 2025, étape 2 done on 15/03/2025; exported, then the comité of
    12/03/2026 frozen and validated; the workbook and the ids of the locked cells."""
    with db.reading() as session:
        action = load_action(session, 1)
        indicator, step = action.indicators[0].id, action.steps[1].id
    services.apply([Edit("value", f"{indicator}:2025", "value", "40"),
                    Edit("step", str(step), "actual_end", "15/03/2025"), Edit("step", str(step), "status", "Réalisée")])
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    info = freeze(db, "Marie Dupont", date(2026, 3, 12), "SDUS", now=datetime(2026, 3, 12, 9, 0))
    validate(db, "Paul Martin", info.id, now=datetime(2026, 3, 13, 9, 0))
    value_row = row_of(summary.path, L.SHEET_VALUES, L.row_ref("value", f"{indicator}:2025"))
    step_row = row_of(summary.path, L.SHEET_STEPS, L.row_ref("step", str(step)))
    return summary.path, value_row, step_row


def test_a_locked_value_changed_in_a_workbook_is_refused_with_its_place(db, locked, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source, value_row, step_row = locked
    edited = edit_copy(source, tmp_path / "retour-jeanne.xlsx", {
        "Fiches": {"H2": "Bilan nouveau"},                      # open: would be imported without the refusals
        "Indicateurs": {f"I{value_row}": "45"},
        "Étapes": {f"J{step_row}": "20/03/2025", f"K{step_row}": "en cours"},
    })
    before = db_fingerprint(db.path)
    preview = prepare_import(db, edited)
    assert not preview.ok
    assert (
        f"« retour-jeanne.xlsx » Indicateurs!I{value_row} · fiche 1 · indicateur 1 · 2025 · valeur : 45 au lieu de "
        f"40 — {REASON}. Remettez 40 dans cette cellule pour importer le reste du classeur ; si la valeur arrêtée "
        "est fausse, l'équipe centrale la corrige sur la fiche (mode « Équipe centrale »).") in preview.errors
    places = sorted(error.split(" · ")[0] for error in preview.errors)
    assert places == sorted([f"« retour-jeanne.xlsx » Indicateurs!I{value_row}",
                             f"« retour-jeanne.xlsx » Étapes!J{step_row}", f"« retour-jeanne.xlsx » Étapes!K{step_row}"])
    assert any("étape 2 · fin réelle : 20/03/2025 au lieu de 15/03/2025" in e for e in preview.errors)
    assert any("étape 2 · état : En cours au lieu de Réalisée" in e for e in preview.errors), preview.errors
    assert [c.field for c in preview.changes] == ["bilan"]   # the open cell is shown, not applied (file refused)
    result = import_workbook(db, edited, "Équipe centrale")
    assert result.applied == 0 and result.report is not None
    assert REASON in result.report.read_text(encoding="utf-8")
    assert db_fingerprint(db.path) == before
    with db.reading() as session:
        action = load_action(session, 1)
        assert action.indicators[0].values[-1].value == "40" and action.steps[1].status == "realisee"


def test_sending_back_the_locked_values_is_no_refusal(db, locked, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source, value_row, step_row = locked
    edited = edit_copy(source, tmp_path / "retour.xlsx", {
        "Fiches": {"H2": "Bilan nouveau"}, "Indicateurs": {f"I{value_row}": "40,0"},
        "Étapes": {f"J{step_row}": "15/03/2025", f"K{step_row}": "Réalisée"}})
    result = import_workbook(db, edited, "Équipe centrale")
    assert result.preview.ok and result.applied == 1
    with db.reading() as session:
        assert load_action(session, 1).bilan == "Bilan nouveau"


def test_in_a_batch_the_refused_workbook_imports_nothing_and_the_others_are_imported(db, locked, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source, value_row, _ = locked
    bad = edit_copy(source, tmp_path / "a-refuse.xlsx", {"Fiches": {"H2": "Bilan A"},
                                                          "Indicateurs": {f"I{value_row}": "41"}})
    good = export(db, tmp_path, "b.xlsx", plan_code="SDUS", fiches=[2]).path
    good = edit_copy(good, tmp_path / "b-retour.xlsx", {"Fiches": {"H2": "Bilan B"}})
    batch = import_many(db, [bad, good], "Équipe centrale")
    by_name = {r.preview.file_name: r for r in batch.results}
    assert not by_name["a-refuse.xlsx"].preview.ok and by_name["a-refuse.xlsx"].applied == 0
    assert any(REASON in e for e in by_name["a-refuse.xlsx"].preview.errors)
    assert by_name["b-retour.xlsx"].applied == 1
    with db.reading() as session:
        assert load_action(session, 1).bilan != "Bilan A" and load_action(session, 2).bilan == "Bilan B"


def test_a_validation_between_the_preview_and_the_write_refuses_at_the_write(db, locked, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.exchange.import_apply import apply_preview
    from sdus_desktop.store.comite_snapshots import list_snapshots, withdraw

    source, value_row, _ = locked
    [info] = list_snapshots(db)
    withdraw(db, "Paul Martin", info.id)
    edited = edit_copy(source, tmp_path / "retour.xlsx", {"Indicateurs": {f"I{value_row}": "45"}})
    preview = prepare_import(db, edited)
    assert preview.ok and len(preview.changes) == 1   # not locked while the validation is withdrawn
    validate(db, "Paul Martin", info.id)
    result = apply_preview(db, preview, "Équipe centrale", {})
    assert result.applied == 0 and any(REASON in e for e in result.preview.errors)
    with db.reading() as session:
        assert load_action(session, 1).indicators[0].values[-1].value == "40"


def test_an_import_whose_values_a_comite_validated_since_cannot_be_undone(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.exchange.import_undo import UndoImportError, list_imports, undo_import

    with db.reading() as session:
        indicator = load_action(session, 1).indicators[0].id
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    row = row_of(summary.path, L.SHEET_VALUES, L.row_ref("value", f"{indicator}:2019"))
    result = import_workbook(db, edit_copy(summary.path, tmp_path / "retour.xlsx", {"Indicateurs": {f"I{row}": "12"}}),
                             "Équipe centrale")
    assert result.applied == 1
    info = freeze(db, "Marie Dupont", date(2020, 1, 15))
    validate(db, "Paul Martin", info.id)
    before = db_fingerprint(db.path)
    [record] = list_imports(db)
    with pytest.raises(UndoImportError) as refused:
        undo_import(db, "Équipe centrale", record.id)
    assert str(refused.value).startswith(f"l'import n° {record.id} ne peut plus être annulé : fiche 1 · "
                                         "indicateur 1 · 2019 · valeur — valeur arrêtée par le comité du 15/01/2020")
    assert db_fingerprint(db.path) == before
