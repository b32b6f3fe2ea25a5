"""File-system errors in the users' words (French), with what to do."""

from __future__ import annotations

import errno
from pathlib import Path

_REASONS = {
    errno.ENOENT: "le dossier ou le fichier n'existe pas : vérifiez le chemin",
    errno.EACCES: "accès refusé : le fichier est peut-être ouvert dans Excel ou LibreOffice, ou vous n'avez pas "
                  "le droit d'écrire dans ce dossier ; fermez-le ou choisissez un autre dossier",
    errno.EPERM: "opération non permise : choisissez un autre dossier",
    errno.EEXIST: "un fichier porte déjà ce nom à la place d'un dossier : choisissez un autre chemin",
    errno.ENOTDIR: "une partie du chemin n'est pas un dossier : choisissez un autre chemin",
    errno.EISDIR: "c'est un dossier, pas un fichier : indiquez un nom de fichier",
    errno.ENOSPC: "le disque est plein : libérez de la place ou choisissez un autre disque",
    errno.EROFS: "le support est en lecture seule : choisissez un autre dossier",
    errno.EBUSY: "le fichier est utilisé par un autre programme : fermez-le puis recommencez",
    errno.ENAMETOOLONG: "le chemin est trop long : choisissez un dossier plus proche de la racine",
}


def describe_os_error(error: OSError, path: Path | str | None = None, *, writing: bool = True) -> str:
    """« impossible d'écrire « x.xlsx » : accès refusé : … » — never an English strerror alone."""
    target = Path(path or error.filename or "")
    verb = "d'écrire" if writing else "de lire"
    reason = _REASONS.get(error.errno or 0)
    if reason is None:
        winerror = getattr(error, "winerror", None)
        reason = ("le fichier est utilisé par un autre programme : fermez-le puis recommencez"
                  if winerror in (32, 33) else f"erreur du système ({error.strerror or error.__class__.__name__})")
    return f"impossible {verb} « {target} » : {reason}"
