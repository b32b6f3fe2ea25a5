"""Open a definition workbook safely: .xlsx directly, .ods converted by LibreOffice.

openpyxl does not read OpenDocument spreadsheets (it refuses .ods as an unsupported format). Offices
that save in .ods have LibreOffice installed, so an .ods is converted to .xlsx in a temporary folder
by LibreOffice itself in headless mode (a private profile, so that an open LibreOffice window is not
disturbed), then read like any .xlsx. Without LibreOffice the file is refused with a French message
saying how to save it as .xlsx. No extra Python dependency is shipped for a rarely used path.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sdus_desktop.core.oserrors import describe_os_error
from sdus_desktop.exchange import plan_layout as L
from sdus_desktop.exchange.safety import MAX_FILE_BYTES, MAX_RATIO, RATIO_FLOOR_BYTES, WorkbookRefused

CONVERT_TIMEOUT_S = 120
_WINDOWS_PATHS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                  r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")


@dataclass
class OpenedWorkbook:
    sheets: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    _workbook: Any = None
    _temporary: Path | None = None

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)


def find_libreoffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        return next((p for p in _WINDOWS_PATHS if Path(p).exists()), None)
    return None


def open_definition_workbook(path: Path) -> OpenedWorkbook:
    from sdus_desktop.exchange.safety import check_workbook_file

    opened = OpenedWorkbook()
    name = path.name
    try:
        if path.suffix.lower() == ".ods":
            _check_ods(path)
            opened._temporary = Path(tempfile.mkdtemp(prefix="sdus-ods-"))
            path = convert_ods(path, opened._temporary)
        check_workbook_file(path)
    except WorkbookRefused as refusal:
        opened.close()
        return OpenedWorkbook(error=str(refusal))
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # noqa: BLE001 - a damaged file, whatever openpyxl raises
        opened.close()
        return OpenedWorkbook(error=f"« {name} » : classeur illisible ({error.__class__.__name__}).")
    opened._workbook = workbook
    missing = [sheet for sheet in L.DATA_SHEETS if sheet not in workbook.sheetnames]
    if missing == list(L.DATA_SHEETS) or L.SHEET_PLAN in missing:
        opened.close()
        return OpenedWorkbook(error=f"« {name} » n'est pas une définition de plan (feuille « {L.SHEET_PLAN} » "
                                    "absente). Repartez du modèle : « sdus plan template » ou Plans… › Modèle vide.")
    if missing:
        opened.close()
        return OpenedWorkbook(error=f"« {name} » : feuille(s) absente(s) : " + ", ".join(f"« {m} »" for m in missing)
                                    + ". Repartez du modèle (sdus plan template).")
    opened.sheets = {sheet: workbook[sheet] for sheet in L.DATA_SHEETS}
    try:
        with zipfile.ZipFile(path) as archive:
            for sheet in opened.sheets.values():
                sheet.formula_cells = formula_cells(archive.read(sheet._worksheet_path))
    except (KeyError, zipfile.BadZipFile, OSError, AttributeError):
        opened.close()
        return OpenedWorkbook(error=f"« {name} » : classeur illisible (feuille introuvable dans l'archive).")
    return opened


_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def formula_cells(xml: bytes) -> set[tuple[int, int]]:
    """(row, column) of every cell holding a formula (<f>), found in the raw sheet XML: formulas are rare, so
    looking for them apart lets the values be read without openpyxl's cell objects."""
    found: set[tuple[int, int]] = set()
    for match in _FORMULA.finditer(xml):
        start = xml.rfind(b"<c", 0, match.start())
        while start >= 0 and not re.match(rb"<(?:\w+:)?c\b", xml[start:start + 4]):
            start = xml.rfind(b"<c", 0, start)
        ref = _CELL_REF.match(xml, start) if start >= 0 else None
        if ref is None:
            continue
        letters, row = ref.group(1).decode(), int(ref.group(2))
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - 64
        found.add((row, column))
    return found


def _check_ods(path: Path) -> None:
    """Size and zip-bomb checks before LibreOffice opens the file."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise WorkbookRefused(f"« {name} » est trop volumineux ({size // (1024 * 1024)} Mo).")
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            mimetype = archive.read("mimetype") if "mimetype" in archive.namelist() else b""
    except FileNotFoundError:
        raise WorkbookRefused(f"« {name} » : fichier introuvable.") from None
    except (zipfile.BadZipFile, EOFError):
        raise WorkbookRefused(f"« {name} » n'est pas un classeur OpenDocument (.ods) lisible.") from None
    except OSError as error:
        raise WorkbookRefused(describe_os_error(error, path, writing=False) + ".") from None
    if b"opendocument.spreadsheet" not in mimetype:
        raise WorkbookRefused(f"« {name} » n'est pas un classeur OpenDocument (.ods).")
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise WorkbookRefused(f"« {name} » : contenu anormalement compressé — fichier refusé par sécurité.")


def convert_ods(path: Path, folder: Path) -> Path:
    """Convert an .ods to .xlsx in `folder` with LibreOffice; returns the .xlsx path."""
    soffice = find_libreoffice()
    if soffice is None:
        raise WorkbookRefused(
            f"« {path.name} » est au format .ods et LibreOffice n'a pas été trouvé sur ce poste pour le lire. "
            "Ouvrez-le dans LibreOffice et enregistrez-le au format « Classeur Excel 2007-365 (.xlsx) », "
            "puis importez le fichier .xlsx.")
    source = folder / "definition.ods"
    shutil.copyfile(path, source)
    profile = (folder / "profil").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "xlsx", "--outdir", str(folder), str(source)]
    try:
        subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False,
                       env={**os.environ, "HOME": str(folder)})
    except (OSError, subprocess.TimeoutExpired) as error:
        raise WorkbookRefused(f"« {path.name} » : la conversion par LibreOffice a échoué ({error.__class__.__name__})."
                              " Enregistrez-le au format .xlsx depuis LibreOffice.") from None
    converted = folder / "definition.xlsx"
    if not converted.exists():
        raise WorkbookRefused(f"« {path.name} » : LibreOffice n'a pas pu le convertir. Enregistrez-le au format "
                              ".xlsx depuis LibreOffice.")
    return converted
