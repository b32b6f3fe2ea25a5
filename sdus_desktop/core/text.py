"""Text helpers: accent- and case-insensitive folding for search and matching."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, accents removed, ligatures expanded, whitespace collapsed."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = text.replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().casefold()


def matches_all_words(query: str, haystack_folded: str) -> bool:
    """True when every word of the query occurs in the (already folded) haystack."""
    return all(word in haystack_folded for word in fold(query).split())
