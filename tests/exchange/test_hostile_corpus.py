"""Every bad file is refused with a useful French message, and the database stays byte-for-byte unchanged."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from sdus_desktop.exchange import safety
from sdus_desktop.exchange.import_apply import import_workbook, report_path
from tests.exchange.helpers import export
from tests.support.dbtools import db_fingerprint

REPO = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location("make_hostile_corpus", REPO / "tools" / "make_hostile_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeded_template):
    """The corpus, generated once from a workbook exported from a copy of the seeded database."""
    from sdus_desktop.store.database import Database

    folder = tmp_path_factory.mktemp("corpus")
    shutil.copyfile(seeded_template, folder / "base.sqlite")  # same database id as every test database
    database = Database.open(folder / "base.sqlite")
    try:
        valid = export(database, folder, "valide.xlsx", plan_code="SDUS", fiches=[1, 2, 3]).path
    finally:
        database.close()
    generator = _generator()
    cases = generator.build(valid, folder / "hostiles")
    generator.add_out_of_scope_row(valid, folder / "hostiles" / "hors-perimetre.xlsx", "SDUS", 10)
    cases.append(generator.Case("hors-perimetre.xlsx", "la fiche 10 (SDUS) est hors du périmètre de ce classeur",
                                whole_file=False))
    return folder / "hostiles", cases


def test_corpus_covers_every_refusal(corpus):
    _, cases = corpus
    assert len(cases) == 29
    assert {case.whole_file for case in cases} == {True, False}


def test_every_hostile_file_is_refused_without_touching_the_database(corpus, db):
    folder, cases = corpus
    before = db_fingerprint(db.path)
    for case in cases:
        result = import_workbook(db, folder / case.name, "Testeur", expected_plan=case.expected_plan)
        messages = [result.preview.refused] if case.whole_file else result.preview.errors
        assert result.refused, case.name
        assert any(message and case.expected in message for message in messages), (case.name, messages)
        if case.whole_file:
            assert result.preview.errors == [] and result.preview.refused.startswith(f"« {case.name} »")
        assert result.applied == 0
        # a report only beside a workbook: never beside « texte.csv » (nor /etc/passwd)
        assert report_path(folder / case.name).exists() == case.name.endswith((".xlsx", ".xlsm")), case.name
        assert db_fingerprint(db.path) == before, case.name
    assert not (db.path.parent / "sauvegardes").exists()


def test_total_uncompressed_size_is_checked_before_parsing(tmp_path, monkeypatch):
    import zipfile

    path = tmp_path / "gros.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/a.bin", b"x" * 4096)
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED_BYTES", 4000)
    with pytest.raises(safety.WorkbookRefused, match="contenu décompressé trop volumineux"):
        safety.check_workbook_file(path)
