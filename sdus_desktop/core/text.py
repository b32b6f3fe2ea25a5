"""Text helpers: accent- and case-insensitive folding for search and matching."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_combining(match: re.Match[str]) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def fold(text: str) -> str:
    """Lower-case, accents removed, ligatures expanded, whitespace collapsed."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = text.replace("’", "'")
    if not text.isascii():  # only non-ASCII characters can be combining marks (fold runs on every fiche)
        text = _NON_ASCII.sub(_drop_combining, unicodedata.normalize("NFKD", text))
    return _SPACES.sub(" ", text).strip().casefold()


def matches_all_words(query: str, haystack_folded: str) -> bool:
    """True when every word of the query occurs in the (already folded) haystack."""
    return all(word in haystack_folded for word in fold(query).split())
