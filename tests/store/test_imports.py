"""store.imports: import records, what earlier imports of an export did, the journal of one import."""

from __future__ import annotations

from datetime import datetime

from sdus_desktop.store import conflicts_store, imports
from sdus_desktop.store.changes import Edit, encode
from sdus_desktop.store.services import Services

AT = datetime(2026, 3, 2, 10, 0)


def _record(db, name="retour.xlsx", sha="abc", export_id="e1", author="Marie", at=AT):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        record = imports.add_import_record(session, at=at, user="central", file_name=name, sha256=sha,
                                           export_id=export_id, author=author)
        assert record.id is not None and record.applied == 0 and record.conflicts == 0
        return record.id


def test_records_are_listed_newest_first_and_found_by_sha_until_undone(db):
    first = _record(db, sha="aaa")
    second = _record(db, name="autre.xlsx", sha="bbb", at=datetime(2026, 3, 3, 9, 0))
    with db.reading() as session:
        assert [r.id for r in imports.latest_imports(session)] == [second, first]
        assert [r.id for r in imports.latest_imports(session, limit=1)] == [second]
        assert imports.imported_at(session, "aaa") == AT
        assert imports.imported_at(session, "zzz") is None
        assert imports.import_record(session, first).file_name == "retour.xlsx"
        assert imports.import_record(session, 9999) is None
    with db.transaction() as session:
        imports.import_record(session, first).undone_at = AT
    with db.reading() as session:
        assert imports.imported_at(session, "aaa") is None


def test_seen_cells_are_the_applied_and_decided_values_of_one_export_oldest_first(db):
    record_id = _record(db)
    origin = imports.import_origin("retour.xlsx", "e1")
    services = Services(db, "central")
    with db.transaction() as session:
        services.apply_in(session, [Edit("action", "1", "avancement", 40)], origin, import_id=record_id)
        services.apply_in(session, [Edit("action", "2", "avancement", 10)], "saisie")   # not an import
    with db.transaction() as session:
        for resolution, theirs in (("theirs", "Texte"), ("annule", "Retiré")):
            conflicts_store.queue_conflict(session, created_at=datetime(2030, 1, 1), origin=origin, entity="action",
                                           key="1", action_id=1, field="bilan", base=encode(""),
                                           mine=encode("x"), theirs=encode(theirs), resolution=resolution,
                                           resolved_by="central")
    with db.reading() as session:
        assert imports.seen_cells(session, "e1") == [("action", "1", "avancement", 40),
                                                     ("action", "1", "bilan", "Texte")]
        assert imports.seen_cells(session, "autre") == [] and imports.seen_cells(session, "") == []
        assert [e.field for e in imports.journal_of_import(session, record_id)] == ["avancement"]
        assert imports.author_of_origin(session, origin) == "Marie"
        assert imports.author_of_origin(session, "import inconnu.xlsx (export e9)") is None
    with db.transaction() as session:   # an undone import is not seen any more
        imports.import_record(session, record_id).undone_at = AT
    with db.reading() as session:
        assert imports.seen_cells(session, "e1") == [("action", "1", "bilan", "Texte")]
