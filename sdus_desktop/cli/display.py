"""How the CLI shows a value: one line per item, whatever the value holds.

A bilan or a note typed on several lines would break a listing (the next line starting at column 0, the rest of
the item after it): each line break is shown as « ⏎ » instead, so that one item stays one line (and `grep` finds
it whole). The value itself is not changed: only its display.
"""

from __future__ import annotations

import re

LINE_BREAK_MARK = " ⏎ "
_BREAKS = re.compile(r"\s*(?:\r\n|[\r\n\u2028\u2029\v\f\x85])\s*")


def one_line(text: object) -> str:
    """`text` on one line: every line break shown as « ⏎ » (spaces around it collapsed)."""
    return _BREAKS.sub(LINE_BREAK_MARK, str(text))


def print_lines(lines: list[str]) -> None:
    """Print each line of a listing on one line (one_line)."""
    print("\n".join(one_line(line) for line in lines))
