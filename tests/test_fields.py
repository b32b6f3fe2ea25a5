"""Completeness of the field registry (core.fields): every declared field reaches every output it claims.

One SDUS fiche (and one SDSF fiche) gets a distinctive value in every editable field through one Services
call; then the JSON export, the référent workbook, the printed fiche, the search text, the suivi form and the
journal must each show it where the declaration says. A field declared but forgotten in one place fails here,
naming the place. docs/architecture.md gives the count of places a new field touches (PLACES below).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import inspect as sa_inspect

from sdus_desktop.core import fields as f
from sdus_desktop.core.field_values import format_field, parse
from sdus_desktop.core.text import fold
from sdus_desktop.exchange import workbook_layout as layout
from sdus_desktop.exchange.json_export import export_data
from sdus_desktop.exchange.normalize import canonical_cell, canonical_db
from sdus_desktop.exchange.workbook_scope import action_base, step_base, value_bases
from sdus_desktop.store import models, readmodel
from sdus_desktop.store.changes import Edit, EditError, value_key
from sdus_desktop.store.database import Database
from sdus_desktop.store.services import Services
from sdus_desktop.store.targets import target_key
from tests.exchange.helpers import export, row_of
from tests.reports.pdftools import flat_text

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 22)
PERIOD = "2021"

# The places a new field touches (docs/architecture.md, « Ajouter un champ »): the count is written there.
PLACES = (
    "sdus_desktop/core/fields.py — the declaration (label, kind, rights, outputs)",
    "sdus_desktop/store/models.py — the column",
    "db/migrations/versions/ — the migration",
    "sdus_desktop/store/readmodel_schema.py — regenerated (python -m sdus_desktop.store.readmodel_gen)",
    "sdus_desktop/exchange/workbook_layout.py — its place and width (and the format version), if a workbook field",
    "sdus_desktop/exchange/workbook_export.py — its cell, if it is a workbook field",
    "sdus_desktop/exchange/workbook_readme.py — its line of the Lisez-moi sheet (not checked here)",
    "sdus_desktop/reports/fiche_flowables.py — its row, if it is printed",
    "sdus_desktop/ui/fiche/ — its widget (tab_suivi.py, tab_document.py, steps or indicators model)",
    "tests/ — a test of what the field is for",
)

# Columns of the models that are not user fields (keys, order, bookkeeping): anything else must be declared.
NOT_FIELDS = {
    # archived: structure state set by a plan avenant (exchange/plan_avenant), not a field anyone edits.
    "action": {"id", "plan_id", "axe_id", "number", "label", "updated_at", "updated_by", "archived"},
    "step": {"id", "action_id", "archived"},
    "indicator": {"id", "action_id", "number", "archived"},
    "value": {"id", "indicator_id", "period"},
    # created_at/by: bookkeeping; removed: a withdrawn note (Services.remove_note), not a value anyone types.
    "note": {"id", "action_id", "created_at", "created_by", "removed"},
    "target": {"id", "indicator_id", "year"},
}
# Declared texts left out of the navigation search on purpose (every other text or list field must be searched).
NOT_SEARCHED = {("value", "comment")}   # a value's comment: per period, not what a fiche is about
# The workbook column headers: import finds columns by these texts, so they are part of the format (VERSION).
HEADERS = {
    "Fiches": ["Statut", "Avancement (%)", "Référent(s)", "Commentaire / bilan"],
    "Étapes": ["Début prévu", "Fin prévue", "Début réel", "Fin réelle", "État", "Commentaire"],
    "Indicateurs": ["Valeur", "Commentaire"],
}
MODELS = {"action": models.Action, "step": models.Step, "indicator": models.Indicator,
          "value": models.IndicatorValue, "note": models.Note,
          "target": models.IndicatorTarget}

# A distinctive stored value per kind ({n} makes texts unique per field).
SAMPLES: dict[str, Any] = {
    f.TEXT: "Zq{n}w", f.LIST: ["Zq{n}w"], f.ACTION_STATUS: "reportee", f.STEP_STATUS: "abandonnee",
    f.PERCENT: 37, f.INDICATOR_KIND: "texte", f.INDICATOR_VALUE: "Zq{n}w", f.COMITE: 3, f.TARGET_VALUE: 4321.5,
}
# The kind of indicator each entity's samples are typed for (a target needs a number or a percentage).
SAMPLE_KIND = {"target": "nombre"}
DATES = {"planned_start": date(2031, 1, 13), "planned_end": date(2032, 2, 27),
         "actual_start": date(2031, 3, 5), "actual_end": date(2032, 4, 9), "note_date": date(2031, 5, 6)}


def _sample(spec: f.Field, number: int) -> Any:
    if spec.kind == f.DATE:
        return DATES[spec.name]
    sample = SAMPLES[spec.kind]
    if isinstance(sample, str):
        return sample.format(n=number)
    if isinstance(sample, list):
        return [item.format(n=number) for item in sample]
    return sample


def _find(db: Database, plan: str, number: int) -> readmodel.Action:
    for found in readmodel.load_plans(db.path):
        if found.code == plan:
            return next(a for o in found.orientations for axe in o.axes for a in axe.actions if a.number == number)
    raise AssertionError(plan)


def _fill(db: Database, plan: str, number: int) -> dict[tuple[str, str], Any]:
    """Every editable field of the fiche (and of its first étape, indicateur and value) set in one call."""
    action = _find(db, plan, number)
    keys = {"action": str(action.id)}
    if action.steps:
        keys["step"] = str(action.steps[0].id)
    if action.indicators:
        keys["indicator"] = str(action.indicators[0].id)
        keys["value"] = value_key(action.indicators[0].id, PERIOD)
    if len(action.indicators) > 1:  # targets go to a numeric indicator (the first one becomes « texte »)
        numeric = action.indicators[1]
        Services(db, "Marie Dupont").set("indicator", numeric.id, "kind", "nombre")
        keys["target"] = target_key(numeric.id, int(PERIOD))
    wanted: dict[tuple[str, str], Any] = {}
    edits = []
    for index, spec in enumerate(f.FIELDS):  # declaration order: the indicator's kind comes before its values
        if spec.entity in keys and spec.editable and plan in spec.plans:
            wanted[(spec.entity, spec.name)] = _sample(spec, index)
            edits.append(Edit(spec.entity, keys[spec.entity], spec.name, wanted[(spec.entity, spec.name)]))
    changes = Services(db, "Marie Dupont").apply(edits)
    assert {(c.entity, c.field) for c in changes.changes} == set(wanted)
    return wanted



@pytest.fixture
def filled(db: Database) -> dict[str, dict[tuple[str, str], Any]]:
    return {"SDUS": _fill(db, "SDUS", 12), "SDSF": _fill(db, "SDSF", 1)}


def test_every_declared_field_is_a_model_column_and_every_column_is_declared() -> None:
    for entity, model in MODELS.items():
        columns = {column.key for column in sa_inspect(model).columns}
        declared = {spec.name for spec in f.fields_of(entity)}
        relations = {rel.key for rel in sa_inspect(model).relationships if rel.secondary is not None}
        assert declared <= columns | relations, f"{entity}: declared but not in store/models.py"
        assert columns - NOT_FIELDS[entity] <= declared, f"{entity}: column not declared in core/fields.py"


def test_declarations_are_consistent() -> None:
    assert len({(spec.entity, spec.name) for spec in f.FIELDS}) == len(f.FIELDS)
    for spec in f.FIELDS:
        assert spec.label and spec.label == spec.label.strip() and spec.label[0].islower(), spec
        assert spec.edit in (f.REFERENT, f.CENTRAL, f.NEVER) and set(spec.plans) <= set(f.BOTH_PLANS), spec
        assert not (spec.workbook and spec.edit != f.REFERENT), f"{spec.name}: a workbook field is a suivi field"
        assert f.field_label(spec.entity, spec.name) == spec.label


def test_every_suivi_field_is_in_the_workbook_and_every_text_is_searched() -> None:
    suivi = [spec for spec in f.FIELDS if spec.edit == f.REFERENT]
    assert [spec.name for spec in suivi if not spec.workbook] == [], "core/fields.py: a suivi field without workbook"
    texts = {(spec.entity, spec.name) for spec in f.FIELDS if spec.kind in (f.TEXT, f.LIST)}
    searched = {(spec.entity, spec.name) for spec in f.FIELDS if spec.search}
    assert searched <= texts and texts >= NOT_SEARCHED
    assert texts - searched == NOT_SEARCHED, "core/fields.py: search=True, or NOT_SEARCHED here with the reason"


def test_json_export_has_every_declared_key(db: Database, filled) -> None:  # type: ignore[no-untyped-def]
    data = export_data(db)
    for plan in data["plans"]:
        number = 12 if plan["code"] == "SDUS" else 1
        action = next(a for o in plan["orientations"] for axe in o["axes"] for a in axe["actions"]
                      if a["number"] == number)
        rows = {"action": action, "step": action["steps"][0] if action["steps"] else None,
                "indicator": action["indicators"][0] if action["indicators"] else None}
        rows["value"] = next((v for v in rows["indicator"]["values"] if v["period"] == PERIOD), None) \
            if rows["indicator"] else None
        rows["target"] = next((t for i in action["indicators"] for t in i["targets"] if t["year"] == int(PERIOD)),
                              None)
        for spec in f.fields_of("action", where="json") + f.fields_of("step", where="json") \
                + f.fields_of("indicator", where="json") + f.fields_of("value", where="json") \
                + f.fields_of("target", where="json"):
            row = rows[spec.entity]
            if row is None:
                continue
            assert spec.name in row, f"JSON export (exchange/json_export.py) lacks {spec.entity}.{spec.name}"
            expected = filled[plan["code"]].get((spec.entity, spec.name))
            if expected is not None:
                stored = expected.isoformat() if isinstance(expected, date) else expected
                assert row[spec.name] == stored, f"JSON {spec.entity}.{spec.name}"


def test_json_export_has_every_declared_note_key(db: Database) -> None:
    action = _find(db, "SDUS", 12)
    Services(db, "Marie Dupont").add_note(action.id, "06/05/2031", "Zqnotew")
    data = export_data(db)
    sdus = next(plan for plan in data["plans"] if plan["code"] == "SDUS")
    exported = next(a for o in sdus["orientations"] for axe in o["axes"] for a in axe["actions"] if a["number"] == 12)
    [note] = exported["notes"]
    assert set(note) == {spec.name for spec in f.fields_of("note", where="json")}, "exchange/json_export.py: notes"
    assert (note["note_date"], note["author"], note["text"]) == ("2031-05-06", "Marie Dupont", "Zqnotew")


def test_workbook_has_a_column_and_a_base_for_every_workbook_field(db: Database, filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for sheet, entity in layout.SHEET_ENTITY.items():
        columns = {column.field for column in layout.SHEET_COLUMNS[sheet] if column.editable}
        declared = {spec.name for spec in f.fields_of(entity, where="workbook")}
        assert columns == declared, f"exchange/workbook_layout.py {sheet}: {columns ^ declared}"
        editable = [column for column in layout.SHEET_COLUMNS[sheet] if column.editable]
        for column in editable:   # header from the declaration (its label, or its `header`)
            spec = f.spec(entity, column.field or "")
            assert spec is not None and column.header == layout.field_header(spec), f"{sheet} {column.header}"
        assert [column.header for column in editable] == HEADERS[sheet], "workbook format: headers changed"
    action = _find(db, "SDUS", 12)
    plan = next(p for p in readmodel.load_plans(db.path) if p.code == "SDUS")
    assert set(action_base(action)) == {s.name for s in f.fields_of("action", where="workbook")}
    assert set(step_base(action.steps[0])) == {s.name for s in f.fields_of("step", where="workbook")}
    assert set(value_bases(plan, action.indicators[0])[0][1]) == {s.name for s in f.fields_of("value", where="workbook")}

    path = export(db, tmp_path, plan_code="SDUS", fiches=[12]).path
    workbook = load_workbook(path)
    refs = {"action": layout.row_ref("action", str(action.id)), "step": layout.row_ref("step", str(action.steps[0].id)),
            "value": layout.row_ref("value", value_key(action.indicators[0].id, PERIOD))}
    for sheet, entity in layout.SHEET_ENTITY.items():
        row = row_of(path, sheet, refs[entity])
        for index, column in enumerate(layout.SHEET_COLUMNS[sheet], start=1):
            if column.editable:
                assert column.field is not None
                cell = workbook[sheet].cell(row, index).value
                expected = canonical_db(entity, column.field, filled["SDUS"][(entity, column.field)])
                assert canonical_cell(entity, column.field, cell, "texte") == expected, f"{sheet} {column.header}"


def test_printed_fiche_shows_every_printed_field(db: Database, filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.reports.fiche_pdf import write_fiches

    for plan, number in (("SDUS", 12), ("SDSF", 1)):
        out = tmp_path / f"{plan}.pdf"
        write_fiches(db, out, plan, [number], today=TODAY)
        text = re.sub(r"\s+", "", flat_text(out))
        for (entity, name), value in filled[plan].items():
            spec = f.spec(entity, name)
            assert spec is not None
            if spec.pdf and plan in spec.plans:
                shown = format_field(entity, name, value, indicator_kind=SAMPLE_KIND.get(entity, "texte"))
                assert re.sub(r"\s+", "", shown) in text, f"reports/fiche_flowables.py: {plan} {entity}.{name}"


def test_search_text_holds_every_searchable_field(db: Database, filled) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.navigation.catalogue import search_text

    for plan, number in (("SDUS", 12), ("SDSF", 1)):
        haystack = search_text(_find(db, plan, number))
        for (entity, name), value in filled[plan].items():
            spec = f.spec(entity, name)
            assert spec is not None
            shown = fold(format_field(entity, name, value))
            if spec.search:
                assert shown in haystack, f"core/search.py: {entity}.{name}"
            elif spec.kind in (f.TEXT, f.LIST):
                assert shown not in haystack, f"{entity}.{name} is searched but not declared search=True"


def test_search_text_follows_the_declarations(db: Database, filled, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Declaring a field searchable is all it takes: the value comment, once flagged, is found."""
    from dataclasses import replace

    from sdus_desktop.ui.navigation.catalogue import search_text

    comment = fold(format_field("value", "comment", filled["SDUS"][("value", "comment")]))
    assert comment not in search_text(_find(db, "SDUS", 12))
    spec = f.spec("value", "comment")
    assert spec is not None
    monkeypatch.setitem(f.BY_ENTITY["value"], "comment", replace(spec, search=True))
    assert comment in search_text(_find(db, "SDUS", 12))


def test_suivi_form_has_a_widget_for_every_suivi_field(qapp) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.fiche.tab_suivi import SuiviTab

    tab = SuiviTab(None)  # type: ignore[arg-type]
    missing = [spec.name for spec in f.fields_of("action") if spec.edit == f.REFERENT and not hasattr(tab, spec.name)]
    assert missing == [], "ui/fiche/tab_suivi.py"


def test_journal_shows_every_field_in_words(db: Database, filled) -> None:  # type: ignore[no-untyped-def]
    action = _find(db, "SDUS", 12)
    entries = readmodel.journal_for_action(db.path, action.id)
    assert {(e.entity, e.field) for e in entries} == set(filled["SDUS"])
    for entry in entries:
        assert f.spec(entry.entity, entry.field) is not None, "journaled but not declared"
        value = filled["SDUS"][(entry.entity, entry.field)]
        shown = format_field(entry.entity, entry.field, value, indicator_kind=SAMPLE_KIND.get(entry.entity, "texte"))
        assert shown not in ("", "—") and "[" not in shown and "_" not in shown.replace("Zq", ""), shown


def test_parse_round_trips_the_formatted_value() -> None:
    """What the formatter shows, typed back, gives the same stored value (labels, dates, lists, percent)."""
    for index, spec in enumerate(f.FIELDS):
        if spec.editable:
            value = _sample(spec, index)
            kind = SAMPLE_KIND.get(spec.entity, "texte")
            shown = format_field(spec.entity, spec.name, value, indicator_kind=kind)
            typed = shown.replace(" ; ", "\n") if spec.kind == f.LIST else shown
            assert parse(spec, typed, kind) == value, spec.name


def test_fields_that_cannot_be_edited_are_refused(db: Database) -> None:
    action = _find(db, "SDUS", 12)
    step = action.steps[1]
    before = readmodel.journal_for_action(db.path, action.id)
    for spec in f.FIELDS:
        if not spec.editable:
            with pytest.raises(EditError, match="ne se modifie pas directement"):
                Services(db, "Marie Dupont").set(spec.entity, step.id, spec.name, 1)
    again = _find(db, "SDUS", 12)
    assert [s.number for s in again.steps] == [s.number for s in action.steps]
    assert len(readmodel.journal_for_action(db.path, action.id)) == len(before)


def test_architecture_page_gives_the_count_of_places() -> None:
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert f"**{len(PLACES)} places**" in page
    for place in PLACES:
        assert place.split(" — ")[0] in page, place
