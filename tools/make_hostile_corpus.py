"""Generate the hostile-input corpus for the workbook import from a valid exported workbook.

    python tools/make_hostile_corpus.py VALIDE.xlsx DOSSIER

Each case is a file that import must refuse (whole file) or reject (cell errors) with a French message
containing `expected`, leaving the database untouched. Used by tests/exchange/test_hostile_corpus.py,
which builds the corpus in a temporary folder from a workbook exported from the test database.
"""

from __future__ import annotations

import os
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

HIDDEN = "_sdus"


@dataclass(frozen=True)
class Case:
    name: str              # file name in the corpus
    expected: str          # fragment of the French message
    whole_file: bool       # True: refused before reading cells; False: cell errors listed
    expected_plan: str | None = None


def _copy(valid: Path, target: Path) -> None:
    shutil.copyfile(valid, target)


def _edit(valid: Path, target: Path, change: Callable) -> None:  # type: ignore[type-arg]
    workbook = load_workbook(valid)
    change(workbook)
    workbook.save(target)


def _rehash(workbook) -> None:  # type: ignore[no-untyped-def]
    """Recompute the hidden sheet's checksum after a deliberate edit (as a forger would)."""
    from sdus_desktop.exchange.workbook_layout import FIRST_BASE_ROW, META_KEYS, checksum

    sheet = workbook[HIDDEN]
    meta = {sheet.cell(i + 1, 1).value: sheet.cell(i + 1, 2).value or "" for i in range(len(META_KEYS))}
    pairs = [(str(sheet.cell(r, 1).value), sheet.cell(r, 2).value)
             for r in range(FIRST_BASE_ROW, sheet.max_row + 1) if sheet.cell(r, 1).value]
    sheet.cell(META_KEYS.index("checksum") + 1, 2).value = checksum(meta, pairs)


def _set_meta(key: str, value: str, rehash: bool = True) -> Callable:  # type: ignore[type-arg]
    from sdus_desktop.exchange.workbook_layout import META_KEYS

    def change(workbook) -> None:  # type: ignore[no-untyped-def]
        workbook[HIDDEN].cell(META_KEYS.index(key) + 1, 2).value = value
        if rehash:
            _rehash(workbook)
    return change


def _damage_base(workbook) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.exchange.workbook_layout import FIRST_BASE_ROW

    cell = workbook[HIDDEN].cell(FIRST_BASE_ROW, 2)
    cell.value = cell.value.replace("non_demarree", "realisee")


def _zip(target: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> None:
    with zipfile.ZipFile(target, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _with_member(valid: Path, target: Path, name: str, data: bytes, compression: int) -> None:
    with zipfile.ZipFile(valid) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, source.read(item.filename))
        out.writestr(zipfile.ZipInfo(name), data, compress_type=compression)


def _cells(changes: dict[str, dict[str, object]]) -> Callable:  # type: ignore[type-arg]
    def change(workbook) -> None:  # type: ignore[no-untyped-def]
        for sheet, cells in changes.items():
            for ref, value in cells.items():
                workbook[sheet][ref] = value
    return change


def _duplicate_row(workbook) -> None:  # type: ignore[no-untyped-def]
    sheet = workbook["Fiches"]
    last = sheet.max_row + 1
    for column in range(1, sheet.max_column + 1):
        sheet.cell(last, column).value = sheet.cell(2, column).value


def build(valid: Path, out: Path) -> list[Case]:
    """Write every case into `out`; returns the cases with the message each must produce."""
    out.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(name: str, expected: str, make: Callable[[Path], None], whole: bool = True,
            plan: str | None = None) -> None:
        make(out / name)
        cases.append(Case(name, expected, whole, plan))

    add("texte.csv", "format .csv non pris en charge", lambda t: t.write_text("fiche;statut\n1;En cours\n"))
    add("ancien.xls", "format .xls non pris en charge", lambda t: t.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 60))
    add("xls-renomme.xlsx", "ancien classeur Excel (.xls) renommé",
        lambda t: t.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000)))
    add("octets-aleatoires.xlsx", "n'est pas un classeur Excel (.xlsx)", lambda t: t.write_bytes(os.urandom(5000)))
    add("vide.xlsx", "n'est pas un classeur Excel (.xlsx)", lambda t: t.write_bytes(b""))
    add("macros.xlsm", "classeur avec macros (.xlsm) refusé", lambda t: _copy(valid, t))
    add("macros-renomme.xlsx", "contient des macros",
        lambda t: _with_member(valid, t, "xl/vbaProject.bin", b"\0" * 512, zipfile.ZIP_STORED))
    add("zip-tronque.xlsx", "archive endommagée", lambda t: t.write_bytes(valid.read_bytes()[:3000]))
    add("zip-sans-classeur.xlsx", "il y manque le classeur",
        lambda t: _zip(t, {"[Content_Types].xml": b"<Types/>", "docProps/app.xml": b"<x/>"}))
    add("bombe-zip.xlsx", "bombe zip", lambda t: _with_member(
        valid, t, "xl/media/bombe.bin", b"\0" * (64 * 1024 * 1024), zipfile.ZIP_DEFLATED))
    add("trop-gros.xlsx", "trop volumineux", lambda t: _with_member(
        valid, t, "xl/media/photo.bin", os.urandom(26 * 1024 * 1024), zipfile.ZIP_STORED))
    add("pas-sdus.xlsx", "n'a pas été produit par SDUS Desktop", lambda t: _edit(
        valid, t, lambda wb: wb.remove(wb[HIDDEN])))
    add("autre-format.xlsx", "format « autre-chose »", lambda t: _edit(valid, t, _set_meta("format", "autre-chose")))
    add("autre-base.xlsx", "exporté depuis une autre base", lambda t: _edit(
        valid, t, _set_meta("database_id", "0123456789abcdef0123456789abcdef")))
    add("version-future.xlsx", "version plus récente de SDUS Desktop", lambda t: _edit(
        valid, t, _set_meta("version", "99")))
    add("cachee-modifiee.xlsx", "est endommagée (contenu modifié)", lambda t: _edit(valid, t, _damage_base))
    add("cachee-id-modifie.xlsx", "est endommagée (contenu modifié)", lambda t: _edit(
        valid, t, _set_meta("export_id", "falsifie", rehash=False)))
    add("feuille-renommee.xlsx", "la feuille « Étapes » a été supprimée ou renommée", lambda t: _edit(
        valid, t, lambda wb: setattr(wb["Étapes"], "title", "Etapes2")))
    add("colonne-renommee.xlsx", "colonne(s) Fin réelle introuvable(s)", lambda t: _edit(
        valid, t, _cells({"Étapes": {"J1": "Fin"}})))
    add("autre-plan.xlsx", "pas le plan SDSF", lambda t: _copy(valid, t), plan="SDSF")
    # Cell errors: the file is read, every error is listed with its place, nothing is applied.
    add("date-impossible.xlsx", "Étapes!H2 : date invalide « 31/02/2020 » (ce jour n'existe pas)",
        lambda t: _edit(valid, t, _cells({"Étapes": {"H2": "31/02/2020"}})), whole=False)
    add("statut-inconnu.xlsx", "Fiches!E2 : statut inconnu « presque fini »",
        lambda t: _edit(valid, t, _cells({"Fiches": {"E2": "presque fini"}})), whole=False)
    add("texte-dans-nombre.xlsx", "Indicateurs!I2 : « beaucoup » n'est pas un nombre",
        lambda t: _edit(valid, t, _cells({"Indicateurs": {"I2": "beaucoup"}})), whole=False)
    add("formule.xlsx", "Fiches!H2 : formule interdite dans une cellule à remplir « =1+1 »",
        lambda t: _edit(valid, t, _cells({"Fiches": {"H2": "=1+1"}})), whole=False)
    add("avancement-hors-bornes.xlsx", "Fiches!F2 : avancement invalide « 150 »",
        lambda t: _edit(valid, t, _cells({"Fiches": {"F2": 150}})), whole=False)
    add("ligne-en-double.xlsx", "ligne en double", lambda t: _edit(valid, t, _duplicate_row), whole=False)
    add("reference-inconnue.xlsx", "référence de ligne inconnue « F99999 »",
        lambda t: _edit(valid, t, _cells({"Fiches": {"A2": "F99999"}})), whole=False)
    add("dates-inversees.xlsx", "Étapes!J2 : la date de fin 01/01/2020 est antérieure à la date de début",
        lambda t: _edit(valid, t, _cells({"Étapes": {"I2": "15/03/2021", "J2": "01/01/2020"}})), whole=False)
    return cases


def add_out_of_scope_row(valid: Path, target: Path, plan: str, fiche: int) -> None:
    """A new "Indicateurs" row for a fiche the workbook does not cover (used with a scoped export)."""
    def change(workbook) -> None:  # type: ignore[no-untyped-def]
        sheet = workbook["Indicateurs"]
        row = next(r for r in range(2, sheet.max_row + 2) if not sheet.cell(r, 1).value and not sheet.cell(r, 3).value)
        for column, value in ((2, plan), (3, fiche), (4, 1), (7, "2022"), (9, 5)):
            sheet.cell(row, column).value = value
    _edit(valid, target, change)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    for case in build(Path(argv[0]), Path(argv[1])):
        print(f"{case.name:32} {case.expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
