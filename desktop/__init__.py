"""The review window (PySide6) over the `annotations` core.

Importing this package first works around a PySide6 6.12 bug on Python 3.11: each call of a Qt
method that returns nothing drops one reference to None, and after a few thousand calls (one
ordinary article repaint) CPython aborts with "none_dealloc: deallocating None". Python 3.12
made None immortal by giving it a huge reference count; `_shield_none` does the same here (for
None, True and False), and only when a probe shows the bug.
"""

from __future__ import annotations

import sys


def _shield_none() -> bool:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QPoint

    p = QPoint()
    before = sys.getrefcount(None)
    for _ in range(10):
        p.setX(1)
    if sys.getrefcount(None) >= before:
        return False
    import ctypes

    # ob_refcnt is the first field of every object in a release build of CPython. True and False
    # get the same treatment: a benchmark session aborted once with "bool_dealloc" too.
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 48
    return True


NONE_SHIELDED = _shield_none()
