"""The window survives a long session of Qt calls (PySide6 6.12 on Python 3.11 drops None refs)."""

from __future__ import annotations

import subprocess
import sys


def test_a_million_void_qt_calls_do_not_abort_the_interpreter():
    code = (
        "import desktop\n"
        "from PySide6.QtCore import QPoint\n"
        "p = QPoint()\n"
        "for _ in range(1_000_000): p.setX(1)\n"
        "print('alive')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.strip() == "alive"
