"""The collection cycle: assign 6 référents, write their workbooks, take the returns back, follow them up."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from sdus_desktop.exchange.campaign import CampaignError, prepare, resend
from sdus_desktop.exchange.consolidate import import_many
from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.store import campaigns
from sdus_desktop.store.queries import load_action
from tests.exchange.helpers import edit_copy, row_of

REPO = Path(__file__).resolve().parents[2]
NAMES = ["Anne Arnal", "Bruno Bès", "Chloé Crozes", "Denis Durand", "Élise Estève", "Fanny Fabre"]


def _libreoffice():
    spec = importlib.util.spec_from_file_location("libreoffice_roundtrip", REPO / "tools" / "libreoffice_roundtrip.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _assign(db, services) -> dict[str, list[int]]:
    """Each référent gets two SDUS fiches; Bruno and Chloé share fiche 3 (their returns will conflict)."""
    fiches = {name: [2 * i + 1, 2 * i + 2] for i, name in enumerate(NAMES)}
    fiches["Chloé Crozes"].append(3)
    for name, numbers in fiches.items():
        services.assign_referent(name, campaigns.fiches_by_number(db, numbers, "SDUS"))
    return {name: campaigns.fiches_by_number(db, numbers, "SDUS") for name, numbers in fiches.items()}


def _fill(path: Path, target: Path, action_id: int, **cells) -> Path:
    row = row_of(path, "Fiches", f"F{action_id}")
    columns = {"status": "E", "avancement": "F", "bilan": "H"}
    return edit_copy(path, target, {"Fiches": {f"{columns[k]}{row}": v for k, v in cells.items()}})


def test_whole_collection_cycle(db, services, tmp_path):
    ids = _assign(db, services)
    out = tmp_path / "envoi"
    out.mkdir()
    prepared = prepare(db, out, "Cheffe de projet", "SDUS", "Comité de juin")
    files = {item.referent: out / item.file_name for item in prepared.sent}
    assert sorted(files) == sorted(NAMES) and all(path.exists() for path in files.values())
    assert {item.referent: item.fiches for item in prepared.sent}["Chloé Crozes"] == 3
    assert campaigns.follow_up(db).count(campaigns.MISSING) == 6

    back = tmp_path / "retours"
    back.mkdir()
    # Anne: a plain return.
    anne = _fill(files["Anne Arnal"], back / "anne.xlsx", ids["Anne Arnal"][0], avancement=40)
    # Bruno and Chloé both rewrite the bilan of fiche 3: the second one imported conflicts.
    shared = ids["Bruno Bès"][0]
    bruno = _fill(files["Bruno Bès"], back / "bruno.xlsx", shared, bilan="Réunion tenue en mai.")
    chloe = _fill(files["Chloé Crozes"], back / "chloe.xlsx", shared, bilan="Réunion reportée à juin.")
    # Élise: avancement 150 — refused, nothing applied, an error report beside the file.
    elise = _fill(files["Élise Estève"], back / "elise.xlsx", ids["Élise Estève"][0], avancement=150)
    assert import_workbook(db, anne, "Cheffe de projet").applied == 1
    assert import_workbook(db, bruno, "Cheffe de projet").applied == 1
    conflicting = import_workbook(db, chloe, "Cheffe de projet")
    assert conflicting.conflicts_queued == 1
    refused = import_many(db, [elise], "Cheffe de projet").results[0]
    assert refused.refused and refused.report is not None and refused.report.exists()
    # Denis: edited in LibreOffice, which re-saves the workbook its own way.
    denis = _fill(files["Denis Durand"], back / "denis.xlsx", ids["Denis Durand"][1], status="En cours")
    lo = _libreoffice()
    if lo.find_soffice() is not None:
        denis = lo.resave_with_libreoffice(denis, tmp_path / "lo")
    assert import_workbook(db, denis, "Cheffe de projet").applied == 1
    # Fanny: nothing came back.

    follow = campaigns.follow_up(db)
    status = {row.referent: row.status for row in follow.rows}
    assert status == {
        "Anne Arnal": campaigns.INTEGRATED, "Bruno Bès": campaigns.INTEGRATED,
        "Chloé Crozes": campaigns.RECEIVED, "Denis Durand": campaigns.INTEGRATED,
        "Élise Estève": campaigns.REFUSED, "Fanny Fabre": campaigns.MISSING,
    }
    rows = {row.referent: row for row in follow.rows}
    assert rows["Chloé Crozes"].conflicts_pending == 1
    assert rows["Élise Estève"].report_path == str(refused.report)
    assert rows["Élise Estève"].refusal.startswith("1 cellule(s) à corriger, dont : "), rows["Élise Estève"].refusal
    assert "150" in rows["Élise Estève"].refusal and "avancement" in rows["Élise Estève"].refusal.lower()
    reminder = follow.reminder_text()
    assert "Fanny Fabre" in reminder and "Élise Estève" in reminder and "Anne Arnal" not in reminder

    # A fresh workbook for Fanny, in one call: a new file, recorded, her status still « manquant ».
    again = resend(db, follow.id, "Fanny Fabre", "Cheffe de projet")
    assert again.exists() and again != files["Fanny Fabre"] and "renvoi 2" in again.name
    fanny = next(row for row in campaigns.follow_up(db).rows if row.referent == "Fanny Fabre")
    assert (fanny.sends, fanny.status, fanny.file_name) == (2, campaigns.MISSING, again.name)
    # Her return of the re-sent workbook links to the campaign too.
    late = _fill(again, back / "fanny.xlsx", ids["Fanny Fabre"][0], avancement=10)
    import_workbook(db, late, "Cheffe de projet")
    assert {r.referent: r.status for r in campaigns.follow_up(db).rows}["Fanny Fabre"] == campaigns.INTEGRATED

    history = campaigns.import_history(db)
    assert [row.file_name for row in history if row.state.startswith("refusé")] == ["elise.xlsx"]
    assert {row.campaign for row in history} == {"Comité de juin"}
    chloe_row = next(row for row in history if row.file_name == "chloe.xlsx")
    assert (chloe_row.conflicts, chloe_row.conflicts_pending, chloe_row.author) == (1, 1, "Chloé Crozes")
    if lo.find_soffice() is None:
        pytest.skip("LibreOffice (soffice) absent : le retour de Denis n'a pas été réenregistré par LibreOffice "
                    "(installez libreoffice-calc-nogui)")


def test_existing_files_are_never_overwritten(db, services, tmp_path):
    _assign(db, services)
    prepare(db, tmp_path, "moi", "SDUS")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(CampaignError, match="contient déjà"):
        prepare(db, tmp_path, "moi", "SDUS")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert len(campaigns.campaigns(db)) == 1


def test_no_referent_means_nothing_written(db, tmp_path):
    out = tmp_path / "vide"
    out.mkdir()
    with pytest.raises(CampaignError, match="aucun référent"):
        prepare(db, out, "moi", "SDSF")
    assert list(out.iterdir()) == []


def test_assignment_is_not_an_update(db, services):
    action_id = campaigns.fiches_by_number(db, [5], "SDUS")[0]
    changes = services.assign_referent("Marie Dupont", [action_id])
    assert len(changes) == 1
    with db.reading() as session:
        assert load_action(session, action_id).updated_at is None
    services.set("action", action_id, "avancement", 20)
    with db.reading() as session:
        assert load_action(session, action_id).updated_at is not None


def test_a_refused_file_outside_any_campaign_leaves_the_base_untouched(db, tmp_path):
    from tests.exchange.helpers import export
    from tests.support.dbtools import db_fingerprint

    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    row = row_of(summary.path, "Fiches", "F1")
    refused = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {f"F{row}": 150}})
    before = db_fingerprint(db.path)
    assert import_workbook(db, refused, "moi").refused
    assert db_fingerprint(db.path) == before
    assert campaigns.import_history(db) == []


def test_a_failure_half_way_leaves_no_workbook_and_no_campaign(db, services, tmp_path, monkeypatch):
    from sdus_desktop.exchange import campaign as module

    _assign(db, services)
    out = tmp_path / "envoi"
    out.mkdir()
    real = module.write_referent_workbook
    calls = {"n": 0}

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device", str(args[1]))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "write_referent_workbook", failing)
    with pytest.raises(CampaignError, match="Rien n'a été écrit"):
        prepare(db, out, "moi", "SDUS")
    assert list(out.iterdir()) == [] and campaigns.campaigns(db) == []


def test_resend_only_to_someone_of_the_campaign(db, services, tmp_path):
    _assign(db, services)
    (tmp_path / "x").mkdir()
    prepared = prepare(db, tmp_path / "envoi", "moi", "SDUS")
    with pytest.raises(CampaignError, match="n'a pas reçu de classeur"):
        resend(db, prepared.campaign_id, "Inconnu", "moi")
    first = resend(db, prepared.campaign_id, "Anne Arnal", "moi", tmp_path / "x")
    second = resend(db, prepared.campaign_id, "Anne Arnal", "moi", tmp_path / "x")
    assert "(renvoi 2)" in first.name and "(renvoi 3)" in second.name
    row = next(r for r in campaigns.follow_up(db, prepared.campaign_id).rows if r.referent == "Anne Arnal")
    assert (row.sends, row.file_name) == (3, second.name)


def test_a_referent_without_fiche_or_a_failed_record_leaves_nothing(db, services, tmp_path, monkeypatch):
    from sdus_desktop.exchange import campaign as module

    _assign(db, services)
    out = tmp_path / "envoi"
    out.mkdir()
    with pytest.raises(CampaignError, match="aucune fiche pour le référent « Personne »"):
        prepare(db, out, "moi", "SDUS", referents=["Anne Arnal", "Personne"])
    assert list(out.iterdir()) == []

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("base indisponible")

    prepared = prepare(db, tmp_path / "premier", "moi", "SDUS")
    monkeypatch.setattr(module.store, "record_campaign", broken)
    with pytest.raises(RuntimeError):
        prepare(db, out, "moi", "SDUS")
    assert list(out.iterdir()) == []
    with pytest.raises(RuntimeError):
        resend(db, prepared.campaign_id, "Anne Arnal", "moi")
    assert len(list((tmp_path / "premier").iterdir())) == len(NAMES)
