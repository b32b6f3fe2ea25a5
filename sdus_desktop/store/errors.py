"""Database errors a user can meet (file busy, disk full, read-only, damaged), told in French with what to do.

Works on sqlite3 errors and on SQLAlchemy's wrappers (their `.orig`), without importing SQLAlchemy.
"""

from __future__ import annotations

import sqlite3

_KNOWN = (
    ("locked", "la base est en cours d'écriture par un autre poste ou programme : attendez un instant puis "
               "recommencez (votre dernière action n'a pas été enregistrée)"),
    ("busy", "la base est en cours d'écriture par un autre poste ou programme : attendez un instant puis "
             "recommencez (votre dernière action n'a pas été enregistrée)"),
    ("readonly", "la base est en lecture seule : vérifiez vos droits sur le fichier ou son dossier"),
    ("read-only", "la base est en lecture seule : vérifiez vos droits sur le fichier ou son dossier"),
    ("disk is full", "le disque est plein : libérez de la place, puis recommencez"),
    ("disk i/o error", "le disque ou le réseau n'a pas répondu : vérifiez la connexion au lecteur, puis recommencez"),
    ("malformed", "la base est endommagée : restaurez la dernière sauvegarde (dossier « sauvegardes » à côté "
                  "du fichier) et prévenez l'équipe centrale"),
    ("not a database", "le fichier n'est pas une base SDUS Desktop lisible : restaurez la dernière sauvegarde"),
)


def describe_database_error(error: BaseException) -> str | None:
    """A French explanation for a known SQLite failure, or None when the error is something else."""
    original = getattr(error, "orig", None) or error
    if not isinstance(original, sqlite3.Error):
        return None
    text = str(original).lower()
    for marker, explanation in _KNOWN:
        if marker in text:
            return explanation
    return None
