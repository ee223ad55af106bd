"""A project made before claims existed opens, keeps its data and takes claims."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from annotations.claims.model import SuggestedClaim
from annotations.schema import migrations
from annotations.store import Store

TEXTS = {"a": "Some 1,400 people were killed in Gaza.", "b": "At least 1,400 died in Gaza."}


def test_a_project_from_before_claims_opens_with_its_articles_and_spans(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    migrations.apply(Database(conn), stop_before="0013_claims")
    for aid, text in TEXTS.items():
        conn.execute(
            "INSERT INTO articles(id, title, text, published, status, content_hash, imported_at)"
            " VALUES (?, ?, ?, '2023-10-10', 'new', ?, '2023-10-10T00:00:00')",
            (aid, aid, text, aid),
        )
        end = text.index("1,400") + 5
        conn.execute(
            'INSERT INTO spans(article_id, start, "end", label, text, origin, status, value,'
            " qualifier, kind, verdict, created_at) VALUES (?, 0, ?, 'FIGURE', ?, 'rules',"
            " 'accepted', 1400, 'exact', 'count', 'supported', '2023-10-10T00:00:00')",
            (aid, end, text[:end]),
        )
    conn.commit()
    conn.close()

    store = Store(path, reviewer="ana")
    assert [s.text for a in TEXTS for s in store.spans(a)] == ["Some 1,400", "At least 1,400"]
    assert [s.figure.verdict for a in TEXTS for s in store.spans(a)] == ["supported"] * 2
    assert store.claims() == []
    ids = [s.id for a in TEXTS for s in store.spans(a)]
    store.save_suggestions([SuggestedClaim("count", None, "deaths", ["gaza"],
                                           [(ids[0], 1.0), (ids[1], 0.9)])])  # fmt: skip
    assert [len(c.members) for c in store.claims()] == [2]
    store.close()
