"""Project settings: choices a command remembers for the next time (the ClaimReview author),
kept in the project file so they travel with it. Setting one is an operation like any other."""

from __future__ import annotations

from annotations.model import Change
from annotations.store.journal import Journal
from annotations.store.rows import now


class Settings(Journal):
    """Reading and setting project settings; mixed into `Store`."""

    def setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str | None) -> Change:
        """Remember `value` under `key` (None forgets it); one operation, logged, undoable."""
        change = Change(op="set_setting")
        with self.transaction():
            op_id = self._next_op_id()
            if self.setting(key) != value:
                row = None if value is None else {"key": key, "value": value, "updated_at": now()}
                self._edit(change, op_id, "settings", key, row)
        change.op_id = op_id
        return change
