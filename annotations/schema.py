"""The project database's schema as numbered migrations, applied in order to an empty or older file.

Never edit a migration that has shipped: add the next number instead.
"""

from __future__ import annotations

import re
import sqlite3

from sqlite_utils import Database, Migrations

migrations = Migrations("factmark")

_STATUSES = "'new', 'in_review', 'reviewed'"  # 0014 adds 'adjudicated'
_SPAN_STATUSES = "'suggested', 'accepted', 'corrected', 'rejected', 'added'"


@migrations(name="0001_initial")
def _m0001_initial(db: Database) -> None:
    db.executescript(
        f"""
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            title TEXT,
            text TEXT NOT NULL,
            published TEXT,
            outlet TEXT,
            url TEXT,
            status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ({_STATUSES})),
            content_hash TEXT NOT NULL,
            source_path TEXT,
            meta TEXT,
            imported_at TEXT NOT NULL,
            updated_at TEXT
        );
        CREATE INDEX articles_content_hash ON articles(content_hash);
        CREATE INDEX articles_status ON articles(status);

        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            text TEXT NOT NULL,
            origin TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ({_SPAN_STATUSES})),
            confidence REAL,
            note TEXT,
            value REAL,
            low REAL,
            high REAL,
            qualifier TEXT,
            unit TEXT,
            counted TEXT,
            kind TEXT,
            verdict TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT,
            CHECK ("end" > start)
        );
        CREATE INDEX spans_article ON spans(article_id, start);
        CREATE INDEX spans_status_label ON spans(status, label);

        -- The store's central promise: a span quotes its article exactly.
        -- substr() counts characters, so offsets are code points as everywhere in the core.
        CREATE TRIGGER spans_quote_article_insert BEFORE INSERT ON spans
        WHEN NEW.text IS NOT (SELECT substr(a.text, NEW.start + 1, NEW."end" - NEW.start)
                              FROM articles a WHERE a.id = NEW.article_id)
          OR NEW."end" > (SELECT length(a.text) FROM articles a WHERE a.id = NEW.article_id)
        BEGIN SELECT RAISE(ABORT, 'span text is not article.text[start:end]'); END;

        CREATE TRIGGER spans_quote_article_update BEFORE UPDATE OF start, "end", text ON spans
        WHEN NEW.text IS NOT (SELECT substr(a.text, NEW.start + 1, NEW."end" - NEW.start)
                              FROM articles a WHERE a.id = NEW.article_id)
          OR NEW."end" > (SELECT length(a.text) FROM articles a WHERE a.id = NEW.article_id)
        BEGIN SELECT RAISE(ABORT, 'span text is not article.text[start:end]'); END;

        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            outlet TEXT,
            published TEXT,
            accessed TEXT,
            created_at TEXT NOT NULL
        );

        CREATE TABLE span_sources (
            id INTEGER PRIMARY KEY,
            span_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            stance TEXT NOT NULL CHECK (stance IN ('supports', 'contradicts', 'context')),
            excerpt TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (span_id, source_id)
        );
        CREATE INDEX span_sources_source ON span_sources(source_id);

        CREATE TABLE reviewers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            op_id INTEGER NOT NULL,
            at TEXT NOT NULL,
            reviewer_id INTEGER REFERENCES reviewers(id),
            op TEXT NOT NULL,
            tbl TEXT,
            row_id TEXT,
            article_id TEXT,
            span_id INTEGER,
            before TEXT,
            after TEXT
        );
        CREATE INDEX events_op ON events(op_id);
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX events_reviewer_at ON events(reviewer_id, at);

        -- Search as you type needs words and prefixes, not phrases or ranking: detail=none and
        -- columnsize=0 make the index about three times cheaper to build than the default.
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid',
            detail=none, columnsize=0, tokenize='unicode61 remove_diacritics 2'
        );
        -- Bulk imports set fts_bulk.active inside their transaction and index the whole batch
        -- with one INSERT ... SELECT, which is several times faster than row by row.
        CREATE TABLE fts_bulk (active INTEGER NOT NULL);
        INSERT INTO fts_bulk VALUES (0);
        CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles
        WHEN (SELECT active FROM fts_bulk) = 0 BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """
    )


# Row ids are never reused: a deleted maximum id given to a new row would let an undo or redo
# write over someone else's row. AUTOINCREMENT needs the tables rebuilt; ids are kept. Foreign
# keys are off during the rebuild (dropping `spans` would otherwise cascade to its links), so this
# migration runs outside sqlite-utils' transaction and takes its own.
_REBUILT = {
    "sources": """CREATE TABLE sources (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            outlet TEXT,
            published TEXT,
            accessed TEXT,
            created_at TEXT NOT NULL
        )""",
    "spans": f"""CREATE TABLE spans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            text TEXT NOT NULL,
            origin TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ({_SPAN_STATUSES})),
            confidence REAL,
            note TEXT,
            value REAL,
            low REAL,
            high REAL,
            qualifier TEXT,
            unit TEXT,
            counted TEXT,
            kind TEXT,
            verdict TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT,
            CHECK ("end" > start)
        )""",
    "span_sources": """CREATE TABLE span_sources (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            span_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            stance TEXT NOT NULL CHECK (stance IN ('supports', 'contradicts', 'context')),
            excerpt TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (span_id, source_id)
        )""",
    "events": """CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            op_id INTEGER NOT NULL,
            at TEXT NOT NULL,
            reviewer_id INTEGER REFERENCES reviewers(id),
            op TEXT NOT NULL,
            tbl TEXT,
            row_id TEXT,
            article_id TEXT,
            span_id INTEGER,
            before TEXT,
            after TEXT
        )""",
}

# A span quotes its article exactly, and an article's text cannot change under its spans. Only the
# store's own text-changing operations (import --update, undo of one) set text_guard.active inside
# their transaction, move the spans with the text, check every span and clear it again.
_QUOTE_GUARD = """
    CREATE TABLE IF NOT EXISTS text_guard (active INTEGER NOT NULL);
    INSERT INTO text_guard SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM text_guard);
    CREATE INDEX spans_article ON spans(article_id, start);
    CREATE INDEX spans_status_label ON spans(status, label);
    CREATE INDEX span_sources_source ON span_sources(source_id);
    CREATE INDEX events_op ON events(op_id);
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_reviewer_at ON events(reviewer_id, at);
    CREATE INDEX events_row ON events(tbl, row_id);

    CREATE TRIGGER spans_quote_article_insert BEFORE INSERT ON spans
    WHEN (SELECT active FROM text_guard) = 0 AND (
         NEW.text IS NOT (SELECT substr(a.text, NEW.start + 1, NEW."end" - NEW.start)
                          FROM articles a WHERE a.id = NEW.article_id)
      OR NEW."end" > (SELECT length(a.text) FROM articles a WHERE a.id = NEW.article_id))
    BEGIN SELECT RAISE(ABORT, 'span text is not article.text[start:end]'); END;

    CREATE TRIGGER spans_quote_article_update BEFORE UPDATE OF start, "end", text ON spans
    WHEN (SELECT active FROM text_guard) = 0 AND (
         NEW.text IS NOT (SELECT substr(a.text, NEW.start + 1, NEW."end" - NEW.start)
                          FROM articles a WHERE a.id = NEW.article_id)
      OR NEW."end" > (SELECT length(a.text) FROM articles a WHERE a.id = NEW.article_id))
    BEGIN SELECT RAISE(ABORT, 'span text is not article.text[start:end]'); END;

    CREATE TRIGGER articles_text_keeps_spans BEFORE UPDATE OF text ON articles
    WHEN (SELECT active FROM text_guard) = 0 AND EXISTS (
        SELECT 1 FROM spans s WHERE s.article_id = NEW.id
          AND (s."end" > length(NEW.text)
               OR substr(NEW.text, s.start + 1, s."end" - s.start) IS NOT s.text))
    BEGIN SELECT RAISE(ABORT, 'the new text leaves a span not quoting its article'); END;
"""


@migrations(name="0002_stable_ids_and_text_guard", transactional=False)
def _m0002_stable_ids(db: Database) -> None:
    c = db.conn
    spans_sql = c.execute("SELECT sql FROM sqlite_master WHERE name = 'spans'").fetchone()[0]
    if "AUTOINCREMENT" in spans_sql:  # rebuilt already; only the record was missing
        return
    c.execute("PRAGMA foreign_keys = OFF")
    try:
        c.execute("BEGIN IMMEDIATE")
        try:
            for table, create in _REBUILT.items():
                c.execute(create.replace(f"CREATE TABLE {table} (", f"CREATE TABLE {table}_new ("))
                c.execute(f"INSERT INTO {table}_new SELECT * FROM {table}")
                c.execute(f"DROP TABLE {table}")
                c.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
            for statement in _statements(_QUOTE_GUARD):
                c.execute(statement)
            bad = c.execute("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise RuntimeError(f"foreign keys broken by the rebuild: {bad[:5]}")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
    finally:
        c.execute("PRAGMA foreign_keys = ON")


@migrations(name="0003_noted_spans")
def _m0003_noted_spans(db: Database) -> None:
    # The article search also looks in reviewers' notes: few spans have one, and this partial
    # index holds only those, so the search never scans every span.
    db.execute("CREATE INDEX IF NOT EXISTS spans_noted ON spans(article_id) WHERE note IS NOT NULL")


def _statements(script: str) -> list[str]:
    """The complete SQL statements of `script`, in order (triggers hold `;` inside them)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return out


# A random RFC 4122 version-4 UUID, made by SQLite itself, so every way a span row comes to be
# (an import, an added span, a revert restoring a deleted one from an old event) gets one.
_UUID4 = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)"
    " || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)"
    " || '-' || hex(randomblob(6)))"
)


@migrations(name="0004_span_uuid")
def _m0004_span_uuid(db: Database) -> None:
    """Each span's stable name across projects and exports: a UUID, given to existing rows here
    and to every new row on insert (unless the row brings one, as a JSONL re-import does).
    Unique, so one name never stands for two spans; row ids stay the local key."""
    db.executescript(
        f"""
        ALTER TABLE spans ADD COLUMN uuid TEXT;
        UPDATE spans SET uuid = {_UUID4} WHERE uuid IS NULL;
        CREATE UNIQUE INDEX spans_uuid ON spans(uuid);
        CREATE TRIGGER spans_uuid_on_insert AFTER INSERT ON spans WHEN NEW.uuid IS NULL BEGIN
            UPDATE spans SET uuid = {_UUID4} WHERE id = NEW.id;
        END;
        CREATE TRIGGER spans_uuid_kept BEFORE UPDATE OF uuid ON spans
        WHEN OLD.uuid IS NOT NULL AND NEW.uuid IS NOT OLD.uuid BEGIN
            SELECT RAISE(ABORT, 'a span keeps its uuid');
        END;
        """
    )


@migrations(name="0005_project_settings")
def _m0005_project_settings(db: Database) -> None:
    """Per-project choices a command remembers (the ClaimReview author and review URL)."""
    db.executescript(
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT, updated_at TEXT NOT NULL);"
    )


# Datasette finds a table's full-text index by the `content="articles"` in its CREATE VIRTUAL
# TABLE statement (double quotes: the form sqlite-utils writes); 0001 wrote content='articles',
# so `datasette project.db` ignored ?_search=. The index is made again in the detected form.
FTS_DETAIL = "full"  # phrase queries need positions; what it costs is in README ("Datasette")


def articles_fts_sql(detail: str | None = None) -> str:
    detail = detail or FTS_DETAIL
    return f"""CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content="articles", content_rowid="rowid",
            detail={detail}, columnsize=0, tokenize='unicode61 remove_diacritics 2'
        )"""


@migrations(name="0006_articles_fts_datasette")
def _m0006_articles_fts_datasette(db: Database) -> None:
    db.execute("DROP TABLE articles_fts")
    db.execute(articles_fts_sql())
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


# ---------------------------------------------------------------------- review layers
# Each reviewer's own decision on a span: their layer. The span row stays the current (final)
# view every other feature reads. A decision is keyed by the span's anchor — its article and the
# offsets and label it was created with — so layers from copies of the project line up on merge
# (row ids differ between copies, anchors do not). Today's decisions back-fill the layer of the
# reviewer who made them, from the last change each reviewer logged on each span.
# The figure columns repeat those of 0001's spans on purpose: a migration is frozen text, so it
# never shares a definition a later change could edit.
_LAYERS = """
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        anchor_start INTEGER NOT NULL,
        anchor_end INTEGER NOT NULL,
        anchor_label TEXT NOT NULL,
        span_id INTEGER,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT,
        value REAL,
        low REAL,
        high REAL,
        qualifier TEXT,
        unit TEXT,
        counted TEXT,
        kind TEXT,
        verdict TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (article_id, reviewer, anchor_start, anchor_end, anchor_label)
    );
    CREATE INDEX decisions_span ON decisions(span_id);
    CREATE INDEX decisions_reviewer ON decisions(reviewer, article_id);
"""
_LAYER_COLUMNS = (
    "start", "end", "label", "text", "status", "note",
    "value", "low", "high", "qualifier", "unit", "counted", "kind", "verdict",
)  # fmt: skip
_BACKFILL = f"""
    INSERT OR IGNORE INTO decisions (article_id, reviewer, anchor_start, anchor_end, anchor_label,
        span_id, {", ".join(f'"{c}"' for c in _LAYER_COLUMNS)}, updated_at)
    SELECT json_extract(after, '$.article_id'), name,
        json_extract(anchor, '$.start'), json_extract(anchor, '$.end'),
        json_extract(anchor, '$.label'),
        (SELECT s.id FROM spans s WHERE s.id = last.span_id),
        {", ".join(f"json_extract(after, '$.{c}')" for c in _LAYER_COLUMNS)}, at
    FROM (
        SELECT e.span_id, r.name, e.after, e.at,
            coalesce((SELECT i.after FROM events i WHERE i.tbl = 'spans' AND i.row_id = e.row_id
                      AND i.before IS NULL ORDER BY i.id LIMIT 1), e.after) AS anchor,
            row_number() OVER (PARTITION BY e.row_id, e.reviewer_id ORDER BY e.id DESC) AS n
        FROM events e JOIN reviewers r ON r.id = e.reviewer_id
        WHERE e.tbl = 'spans' AND e.op NOT IN ('import', 'rehighlight', 'update_text')
    ) AS last
    WHERE n = 1 AND after IS NOT NULL
"""


@migrations(name="0010_review_layers")
def _m0010_review_layers(db: Database) -> None:
    for statement in _statements(_LAYERS):
        db.conn.execute(statement)
    db.conn.execute(_BACKFILL)


# ---------------------------------------------------------------------- assignments
# Which reviewer is to review which article (`factmark assign`): a reviewer's queue. Keyed by
# article and reviewer name (names, like layers, are the same in every copy of a project).
@migrations(name="0011_assignments")
def _m0011_assignments(db: Database) -> None:
    db.conn.execute(
        "CREATE TABLE assignments (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " article_id TEXT NOT NULL, reviewer TEXT NOT NULL, assigned_at TEXT NOT NULL,"
        " UNIQUE (article_id, reviewer))"
    )
    db.conn.execute("CREATE INDEX assignments_reviewer ON assignments(reviewer, article_id)")


# ---------------------------------------------------------------------- article body
# Where each article's body lies in its text (importers/body.py): [body_start, body_end) less the
# furniture ranges inside it, a JSON list of [start, end] pairs. NULL bounds (every article of an
# older project): the whole text is the body.
@migrations(name="0012_article_body")
def _m0012_article_body(db: Database) -> None:
    for column in ("body_start INTEGER", "body_end INTEGER", "body_furniture TEXT"):
        db.conn.execute(f"ALTER TABLE articles ADD COLUMN {column}")


# ---------------------------------------------------------------------- claims
# A claim groups figures of any number of articles that state the same quantity (issue 16). A
# figure belongs to at most one claim; its membership is a suggestion until a reviewer confirms
# it. A claim carries its own verdict, note and sources, which a reviewer may apply to its
# figures. Members and source links go with their span or claim (the store logs each deletion
# first, so undo brings them back).
_CLAIMS = """
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT,
        kind TEXT NOT NULL,
        unit TEXT,
        counted TEXT,
        subjects TEXT,
        status TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'confirmed')),
        verdict TEXT NOT NULL DEFAULT 'unverified',
        note TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT
    );
    CREATE TABLE claim_members (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        span_id INTEGER NOT NULL UNIQUE REFERENCES spans(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'confirmed')),
        similarity REAL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX claim_members_claim ON claim_members(claim_id);
    CREATE TABLE claim_sources (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        stance TEXT NOT NULL CHECK (stance IN ('supports', 'contradicts', 'context')),
        excerpt TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (claim_id, source_id)
    );
    CREATE INDEX claim_sources_source ON claim_sources(source_id);
"""


@migrations(name="0013_claims")
def _m0013_claims(db: Database) -> None:
    for statement in _statements(_CLAIMS):
        db.conn.execute(statement)


# ---------------------------------------------------------------------- adjudication
# An article whose every difference between reviewers is settled is `adjudicated`. The status
# CHECK of `articles` is part of the table, so SQLite needs the table rebuilt: made again from its
# current statement (whatever columns later migrations added), rows copied with their rowids (the
# full-text index points at them), then its indexes and triggers made again as they were. Foreign
# keys are off meanwhile (dropping `articles` would cascade to every span), so this runs outside
# sqlite-utils' transaction and takes its own (the steps of 0002, repeated on purpose: a migration
# is frozen text and shares no code a later change could edit). `adjudications` records which difference was
# settled and how, keyed like a layer decision by the article and the anchor of the difference's
# earliest span (the same in every copy of the project).
_OLD_STATUS_CHECK = "CHECK (status IN ('new', 'in_review', 'reviewed'))"
_NEW_STATUS_CHECK = "CHECK (status IN ('new', 'in_review', 'reviewed', 'adjudicated'))"
_ADJUDICATIONS = """
    CREATE TABLE adjudications (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL,
        anchor_start INTEGER NOT NULL,
        anchor_end INTEGER NOT NULL,
        anchor_label TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('agreed', 'taken', 'edited', 'rejected')),
        taken_from TEXT,
        adjudicator TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (article_id, anchor_start, anchor_end, anchor_label)
    )
"""


@migrations(name="0014_adjudicated", transactional=False)
def _m0014_adjudicated(db: Database) -> None:
    c = db.conn
    c.execute("PRAGMA foreign_keys = OFF")
    try:
        c.execute("BEGIN IMMEDIATE")
        try:
            _rebuild_articles_for_adjudicated(c)
            if not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'adjudications'").fetchone():
                c.execute(_ADJUDICATIONS)
            bad = c.execute("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise RuntimeError(f"foreign keys broken by the rebuild: {bad[:5]}")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
    finally:
        c.execute("PRAGMA foreign_keys = ON")


def _rebuild_articles_for_adjudicated(c: sqlite3.Connection) -> None:
    create = c.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'articles'")
    create = create.fetchone()[0]
    if _NEW_STATUS_CHECK in create:  # rebuilt already; only the record was missing
        return
    if _OLD_STATUS_CHECK not in create:
        raise RuntimeError("the articles table has no status check this migration knows")
    kept = c.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'articles' AND type IN ('index', 'trigger')"
        " AND sql IS NOT NULL ORDER BY type, name"
    ).fetchall()
    cols = ", ".join(f'"{r[1]}"' for r in c.execute("PRAGMA table_info(articles)"))
    new = create.replace(_OLD_STATUS_CHECK, _NEW_STATUS_CHECK)
    c.execute(re.sub(r"^CREATE TABLE\s+\"?articles\"?", "CREATE TABLE articles_new", new))
    c.execute(f"INSERT INTO articles_new (rowid, {cols}) SELECT rowid, {cols} FROM articles")
    # Renaming checks every trigger and view naming `articles` (those on spans do): with the
    # legacy rules the rename neither rewrites nor checks them, and they name `articles` again.
    c.execute("PRAGMA legacy_alter_table = ON")
    try:
        c.execute("DROP TABLE articles")
        c.execute("ALTER TABLE articles_new RENAME TO articles")
    finally:
        c.execute("PRAGMA legacy_alter_table = OFF")
    for (sql,) in kept:
        c.execute(sql)
