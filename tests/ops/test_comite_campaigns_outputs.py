"""Comité snapshots, collection campaigns and written files as operations."""

from __future__ import annotations

from datetime import date

import pytest

from sdus_desktop.exchange.campaign import CampaignError
from sdus_desktop.ops import campaigns, comite, outputs
from sdus_desktop.store import campaigns as store_campaigns
from sdus_desktop.store.comite_snapshots import SnapshotError, list_snapshots
from sdus_desktop.store.services import Services


def test_freezing_a_comite_flags_snapshots_and_refuses_a_second_time(db, services: Services) -> None:
    done = comite.freeze_comite(services, date(2026, 6, 15), "SDUS")
    assert done.snapshots and done.flags == {"snapshots"} and not done.changeset
    assert done.value.fiche_count > 0 and [s.id for s in list_snapshots(db)] == [done.value.id]
    with pytest.raises(SnapshotError, match="déjà figé"):
        comite.freeze_comite(services, date(2026, 6, 15), "sdus")


def test_a_campaign_is_prepared_then_one_workbook_sent_again(db, services: Services, tmp_path) -> None:
    with pytest.raises(CampaignError, match="aucun référent"):
        campaigns.prepare_campaign(services, tmp_path, "SDUS")
    services.assign_referent("Anne Arnal", store_campaigns.fiches_by_number(db, [1, 2], "SDUS"))
    prepared = campaigns.prepare_campaign(services, tmp_path, "SDUS", "Collecte de juin")
    assert prepared.campaign and [p.name for p in prepared.value.files] == [
        f"Collecte SDUS - Anne Arnal - {date.today().isoformat()}.xlsx"]
    again = campaigns.resend_workbook(services, prepared.value.campaign_id, "Anne Arnal")
    assert again.campaign and again.value.exists() and "(renvoi 2)" in again.value.name


def test_written_files_change_no_view(db, tmp_path) -> None:
    exported = outputs.export_referent_workbook(db, tmp_path / "classeur.xlsx", plan_code="SDUS", fiches=[1])
    assert not exported and exported.value.path.exists()
    workbook = outputs.write_comite_workbook(db, tmp_path / "comite.xlsx", "SDSF")
    assert not workbook and workbook.value.exists()
    printed = outputs.print_fiches(db, tmp_path / "fiche.pdf", "SDUS", [1])
    assert not printed and printed.value == 1 and (tmp_path / "fiche.pdf").exists()
    dossier = outputs.write_dossier(db, tmp_path / "dossier.pdf", "SDUS", fiches=[1, 2])
    assert not dossier and dossier.value == 2 and (tmp_path / "dossier.pdf").exists()


def test_validating_a_comite_and_withdrawing_it_flag_snapshots(db, services: Services) -> None:
    frozen = comite.freeze_comite(services, date(2026, 1, 15)).value
    done = comite.validate_comite(services, frozen.id, date(2026, 1, 20))
    assert done.flags == {"snapshots"} and not done.undoable
    assert done.value.validated_on == date(2026, 1, 20) and list_snapshots(db)[0].validated_by == services.user
    with pytest.raises(SnapshotError):
        comite.validate_comite(services, frozen.id)   # already validated
    withdrawn = comite.withdraw_validation(services, frozen.id)
    assert withdrawn.flags == {"snapshots"} and list_snapshots(db)[0].validated_on is None
