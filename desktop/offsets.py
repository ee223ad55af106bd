"""The one place where the view meets the core: Qt counts UTF-16 units, the core code points.

Characters outside the Basic Multilingual Plane (most emoji) are one code point but two UTF-16
units; everything else (Hebrew, Arabic, accented Latin) is one of each.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Converts offsets into one text between code points (core) and UTF-16 units (Qt)."""

    def __init__(self, text: str):
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        # Where each astral character starts, counted in UTF-16 units.
        self._astral_qt = [cp + i for i, cp in enumerate(self._astral)]
        self.length = len(text) + len(self._astral)

    def to_qt(self, cp: int) -> int:
        return cp + bisect_left(self._astral, cp) if self._astral else cp

    def to_core(self, qt: int) -> int:
        """A Qt position as a code point; a position inside a surrogate pair snaps to its start."""
        return qt - bisect_right(self._astral_qt, qt - 1) if self._astral else qt
