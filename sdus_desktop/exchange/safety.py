"""Checks made on a returned file before any spreadsheet parser sees it.

defusedxml protects the XML parsers, but not against a zip bomb: the archive's directory is read
with zipfile first (sizes and compression ratios), and anything that is not a plain .xlsx workbook
(macros, legacy .xls, CSV, random bytes) is refused with a French message.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from sdus_desktop.core.oserrors import describe_os_error

MAX_FILE_BYTES = 25 * 1024 * 1024          # a référent workbook is a few hundred kilobytes
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_RATIO = 120                              # shared strings compress ~10–30×; bombs ~1000×
RATIO_FLOOR_BYTES = 1024 * 1024              # small members may compress as much as they like

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MACRO_MARKERS = ("macroEnabled", "vbaProject")


class WorkbookRefused(Exception):
    """The file cannot be imported; the message (French) says why and what to do."""


def check_workbook_file(path: Path) -> None:
    """Raise WorkbookRefused unless `path` looks like a safe, plain .xlsx archive (or cannot be read)."""
    path = Path(path)
    try:
        _check_file(path)
    except OSError as error:  # no rights, locked on a network share…
        raise WorkbookRefused(describe_os_error(error, path, writing=False) + ".") from None


def _check_file(path: Path) -> None:
    name = path.name
    if not path.is_file():
        raise WorkbookRefused(f"« {name} » : fichier introuvable.")
    suffix = path.suffix.lower()
    if suffix == ".xlsm":
        raise WorkbookRefused(
            f"« {name} » : classeur avec macros (.xlsm) refusé. Enregistrez-le au format « Classeur Excel (.xlsx) ».")
    if suffix in (".xls", ".ods", ".csv"):
        raise WorkbookRefused(
            f"« {name} » : format {suffix} non pris en charge. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le "
            "au format « Classeur Excel (.xlsx) ».")
    if suffix != ".xlsx":
        raise WorkbookRefused(f"« {name} » n'est pas un classeur .xlsx : seuls les classeurs exportés par "
                              "SDUS Desktop peuvent être importés.")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise WorkbookRefused(f"« {name} » est trop volumineux ({size // (1024 * 1024)} Mo ; maximum "
                              f"{MAX_FILE_BYTES // (1024 * 1024)} Mo) : ce n'est pas un classeur de suivi.")
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(_OLE_MAGIC):
        raise WorkbookRefused(f"« {name} » est un ancien classeur Excel (.xls) renommé. Enregistrez-le au format "
                              "« Classeur Excel (.xlsx) ».")
    if not head.startswith(b"PK"):
        raise WorkbookRefused(f"« {name} » n'est pas un classeur Excel (.xlsx) : le fichier est illisible ou "
                              "d'un autre type.")
    _check_archive(path)


def _check_archive(path: Path) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, EOFError, KeyError) as error:
        raise WorkbookRefused(f"« {name} » : archive endommagée ou incomplète ({error}).") from None
    except OSError as error:  # unreadable (rights, locked on a share): not a damaged archive
        raise WorkbookRefused(describe_os_error(error, path, writing=False) + ".") from None
    if len(members) > MAX_MEMBERS:
        raise WorkbookRefused(f"« {name} » : archive anormale ({len(members)} éléments) ; fichier refusé.")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise WorkbookRefused(
                f"« {name} » : contenu anormalement compressé ({member.filename}, "
                f"{member.file_size // max(member.compress_size, 1)}×) — fichier refusé par sécurité (bombe zip ?).")
    if total > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookRefused(f"« {name} » : contenu décompressé trop volumineux ({total // (1024 * 1024)} Mo) — "
                              "fichier refusé par sécurité.")
    if "xl/workbook.xml" not in names or not content_types:
        raise WorkbookRefused(f"« {name} » n'est pas un classeur Excel (.xlsx) : il y manque le classeur lui-même "
                              "(xl/workbook.xml).")
    text = content_types.decode("utf-8", "replace")
    if any(marker in text for marker in _MACRO_MARKERS) or any("vbaProject" in n for n in names):
        raise WorkbookRefused(f"« {name} » contient des macros : enregistrez-le au format « Classeur Excel (.xlsx) » "
                              "sans macros avant de l'importer.")
