"""Progress for a lead: per reviewer, articles assigned and done, decisions made, and pace
(decisions per hour of active time), read from the assignments and the audit log.

A decision is one change a review operation made to the reviewer's layer (a span accepted, then
corrected, counts twice). Active time is the sum of the gaps between a reviewer's consecutive
operations, leaving out gaps longer than `IDLE` (a break, or the night). Events merged in from a
reviewer's copy count like their own: they keep reviewer, time and rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from annotations.store import Store

IDLE = 10 * 60  # seconds: a longer gap between two operations is a break, not work
MIN_ACTIVE = 60  # seconds of work before a pace means anything (a burst of keys is not an hour)
NOT_REVIEW = ("import", "rehighlight", "update_text", "merge", "assign", "set_setting", "revert")

_OPERATIONS = f"""
    SELECT r.name, e.op_id, min(e.at),
        sum(coalesce(e.tbl = 'decisions',
                     json_extract(coalesce(e.after, e.before), '$.anchor_label') IS NOT NULL))
    FROM events e JOIN reviewers r ON r.id = e.reviewer_id
    WHERE e.op NOT IN ({", ".join("?" for _ in NOT_REVIEW)})
    GROUP BY r.name, e.op_id ORDER BY r.name, min(e.at)
"""


def reviewer_progress(store: Store) -> dict[str, dict[str, Any]]:
    """{reviewer: {assigned, done, decisions, active_hours, pace}} for everyone with an
    assignment or a review operation; pace is None under a minute of active time."""
    ops: dict[str, list[tuple[datetime, int]]] = {}
    for name, _op, at, decided in store.conn.execute(_OPERATIONS, NOT_REVIEW):
        ops.setdefault(name, []).append((datetime.fromisoformat(at), decided or 0))
    assigned = store.assignment_counts()
    report = {}
    for name in sorted(set(ops) | set(assigned)):
        done = store.done_by(name)
        queue = store.queue(name) if name in assigned else []
        seen = ops.get(name, [])
        decisions = sum(d for _, d in seen)
        seconds = active_seconds([t for t, _ in seen])
        report[name] = {
            "assigned": assigned.get(name, 0),
            "done": sum(a in done for a in queue) if queue else len(done),
            "decisions": decisions,
            "active_hours": round(seconds / 3600, 2),
            "pace": round(decisions / (seconds / 3600), 1) if seconds >= MIN_ACTIVE else None,
        }
    return report


def active_seconds(times: list[datetime]) -> float:
    """The sum of the gaps of at most `IDLE` seconds between consecutive times."""
    times = sorted(times)
    gaps = ((b - a).total_seconds() for a, b in zip(times, times[1:], strict=False))
    return sum(g for g in gaps if g <= IDLE)


def progress_lines(report: dict[str, dict[str, Any]]) -> list[str]:
    lines = []
    for name, p in report.items():
        pace = "no pace yet" if p["pace"] is None else f"{p['pace']:g} per hour"
        lines.append(
            f"progress {name}: {p['done']} of {p['assigned']} assigned articles done, "
            f"{p['decisions']} decisions, {pace} over {p['active_hours']:g} h active"
        )
    return lines
