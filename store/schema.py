"""The SQLite file's shape: named migrations for tables, and `ensure_db_shape` for views and FTS.

Tables change only through a new migration appended to MIGRATIONS. Views, the full-text index
and lookup indexes are derived, so `ensure_db_shape` recreates them whenever they differ.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

MIGRATIONS_TABLE = "_migrations"


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string, the format of every `*_at` column."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def markdown_hash(markdown: str) -> str:
    """SHA-256 (hex) of extracted Markdown exactly as extracted: the key of `texts`."""
    return hashlib.sha256(markdown.encode("utf-8")).hexdigest()


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) the database at `path`, or in memory for ":memory:".

    Enables WAL and foreign keys, applies pending migrations and ensures views and FTS.
    """
    if str(path) == ":memory:":
        db = Database(memory=True)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
        # WAL lets Datasette read the file while a crawl writes to it.
        db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    ensure_db_shape(db)
    return db


# --- migrations -------------------------------------------------------------------------------


def _initial(db: Database) -> None:
    db.create_table(
        "crawl_runs",
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "spider": str,
            "strategy": str,
            "archive": str,
            "args": str,
            "status": str,
            "finish_reason": str,
            "captures_listed": int,
            "captures_new": int,
            "fetched": int,
            "failed": int,
        },
        pk="id",
        not_null=["started_at", "status"],
    )
    db.create_table(
        "sites",
        {"domain": str, "added_at": str},
        pk="domain",
    )
    db.create_table(
        "policies",
        {"id": int, "domain": str, "url": str, "added_at": str},
        pk="id",
        foreign_keys=[("domain", "sites", "domain")],
        not_null=["domain", "url"],
    )
    db.table("policies").create_index(["url"], index_name="policies_url", unique=True)
    db.create_table(
        "captures",
        {
            "id": int,
            "policy_id": int,
            "archive": str,
            "urlkey": str,
            "timestamp": str,
            "original": str,
            "mimetype": str,
            "statuscode": int,
            "digest": str,
            "length": int,
            "first_run_id": int,
        },
        pk="id",
        foreign_keys=[("policy_id", "policies", "id"), ("first_run_id", "crawl_runs", "id")],
        not_null=["policy_id", "archive", "timestamp", "original"],
    )
    db.table("captures").create_index(
        ["policy_id", "archive", "timestamp", "original"], index_name="captures_key", unique=True
    )
    # texts and fetches point at each other; the second link is added once both exist.
    db.create_table(
        "texts",
        {
            "hash": str,
            "markdown": str,
            "title": str,
            "language": str,
            "word_count": int,
            "extractor": str,
            "first_fetch_id": int,
        },
        pk="hash",
    )
    db.create_table(
        "fetches",
        {
            "id": int,
            "capture_id": int,
            "run_id": int,
            "outcome": str,
            "http_status": int,
            "memento_url": str,
            "final_url": str,
            "memento_datetime": str,
            "hops": int,
            "warc_filename": str,
            "warc_offset": int,
            "warc_length": int,
            "payload_digest": str,
            "digest_match": int,
            "error": str,
            "fetched_at": str,
            "text_hash": str,
        },
        pk="id",
        foreign_keys=[
            ("capture_id", "captures", "id"),
            ("run_id", "crawl_runs", "id"),
            ("text_hash", "texts", "hash"),
        ],
        not_null=["capture_id", "outcome", "memento_url", "fetched_at"],
    )
    db.table("texts").add_foreign_key("first_fetch_id", "fetches", "id")
    db.create_table(
        "versions",
        {
            "id": str,
            "policy_id": int,
            "seq": int,
            "text_hash": str,
            "first_capture_id": int,
            "last_capture_id": int,
            "first_seen": str,
            "last_seen": str,
            "capture_count": int,
            "memento_url": str,
        },
        pk="id",
        foreign_keys=[
            ("policy_id", "policies", "id"),
            ("text_hash", "texts", "hash"),
            ("first_capture_id", "captures", "id"),
            ("last_capture_id", "captures", "id"),
        ],
        not_null=["policy_id", "seq", "text_hash", "first_seen", "last_seen"],
    )


def _raw_texts_verdicts_and_change_origins(db: Database) -> None:
    # Texts become one row per distinct raw Markdown: until now the key was the hash of the
    # normalized text, and later fetches with other Markdown kept only the first fetch's. Each
    # old row keeps its Markdown and is re-keyed by it; the old key becomes normalized_hash.
    db.table("texts").add_column("normalized_hash", str)
    # Which rules made normalized_hash; the rows so far had the first ones.
    db.table("texts").add_column("normalizer", str)
    db.execute("UPDATE texts SET normalizer = '1'")
    for column, kind in [
        ("is_policy", int),
        ("policy_reason", str),
        ("policy_detail", str),
        ("classifier", str),
    ]:
        db.table("fetches").add_column(column, kind)
    db.create_table(
        "reextractions",
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "extractor": str,
            "classifier": str,
            "fetches": int,
            "changed": int,
            "reclassified": int,
            "missing_warcs": int,
            "versions": int,
            "changes_added": int,
            "changes_removed": int,
        },
        pk="id",
        not_null=["started_at", "extractor"],
    )
    db.create_table(
        "reextraction_changes",
        {
            "reextraction_id": int,
            "policy_id": int,
            "capture_id": int,
            "change": str,
            "timestamp": str,
            "version_id": str,
        },
        pk=("reextraction_id", "policy_id", "capture_id"),
        foreign_keys=[
            ("reextraction_id", "reextractions", "id"),
            ("policy_id", "policies", "id"),
            ("capture_id", "captures", "id"),
        ],
        not_null=["change", "timestamp"],
    )
    versions = db.table("versions")
    for column, kind in [
        ("normalized_hash", str),
        ("words_added", int),
        ("words_removed", int),
        ("change_origin", str),
    ]:
        versions.add_column(column, kind)
    versions.add_column("reextraction_id", int, fk="reextractions", fk_col="id")
    # Every change point so far came from a crawl; sizes wait for the next rebuild.
    db.execute(
        "UPDATE versions SET normalized_hash = text_hash,"
        " change_origin = CASE WHEN seq > 1 THEN 'crawl' END"
    )
    _rekey_texts(db)


def _rekey_texts(db: Database) -> None:
    """Re-key texts by the hash of their Markdown, and fetches and versions with them."""
    db.execute("CREATE TEMP TABLE rekey (old TEXT PRIMARY KEY, new TEXT NOT NULL)")
    db.conn.executemany(
        "INSERT INTO rekey VALUES (?, ?)",
        (
            (old, markdown_hash(markdown or ""))
            for old, markdown in db.execute("SELECT hash, markdown FROM texts")
        ),
    )
    # Keys change in place, so the links from fetches and versions are checked at commit.
    db.execute("PRAGMA defer_foreign_keys = ON")
    # Two old rows with the same Markdown (saved under different normalizers) become one.
    db.execute(
        """
        DELETE FROM texts WHERE rowid NOT IN (
          SELECT min(t.rowid) FROM texts AS t JOIN rekey ON rekey.old = t.hash GROUP BY rekey.new
        )"""
    )
    db.execute("UPDATE texts SET normalized_hash = hash, hash = '~' || hash")
    db.execute("UPDATE texts SET hash = (SELECT new FROM rekey WHERE '~' || old = texts.hash)")
    for table in ("fetches", "versions"):
        db.execute(
            f"UPDATE {table} SET text_hash = (SELECT new FROM rekey WHERE old = {table}.text_hash)"
            " WHERE text_hash IS NOT NULL"
        )
    db.execute("DROP TABLE temp.rekey")


Migration = Callable[[Database], None]

# Append only: a migration's name is recorded once it has run, so never rename or reorder one.
MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_initial", _initial),
    ("0002_raw_texts_verdicts_and_change_origins", _raw_texts_verdicts_and_change_origins),
]


def migrate(db: Database) -> list[str]:
    """Apply the migrations this database has not seen yet, in order; return their names."""
    db.create_table(MIGRATIONS_TABLE, {"name": str, "applied_at": str}, pk="name", ignore=True)
    done = {row["name"] for row in db.table(MIGRATIONS_TABLE).rows}
    applied: list[str] = []
    for name, migration in MIGRATIONS:
        if name in done:
            continue
        # One transaction per migration, so a failure leaves no half-built schema behind.
        with db.atomic():
            migration(db)
            db.table(MIGRATIONS_TABLE).insert({"name": name, "applied_at": utc_now()})
        applied.append(name)
    return applied


# --- derived shape ----------------------------------------------------------------------------

# The latest attempt at a capture is the fetch row with the highest id: ids grow with each attempt,
# while fetched_at can tie within a second.
_LATEST_FETCH = "(SELECT max(f.id) FROM fetches AS f WHERE f.capture_id = captures.id)"
# The fetch whose text stands for a capture, as in store.versions: its latest ok one with a text.
_TEXT_FETCH = (
    "(SELECT max(f.id) FROM fetches AS f"
    " WHERE f.capture_id = captures.id AND f.outcome = 'ok' AND f.text_hash IS NOT NULL)"
)

VIEWS: dict[str, str] = {
    "policy_versions": """
SELECT
  sites.domain AS domain,
  policies.url AS policy_url,
  versions.seq AS seq,
  versions.first_seen AS first_seen,
  versions.last_seen AS last_seen,
  versions.capture_count AS capture_count,
  texts.title AS title,
  texts.word_count AS word_count,
  versions.words_added AS words_added,
  versions.words_removed AS words_removed,
  versions.change_origin AS change_origin,
  texts.language AS language,
  versions.memento_url AS memento_url,
  versions.id AS version_id,
  versions.text_hash AS text_hash,
  versions.normalized_hash AS normalized_hash
FROM versions
JOIN policies ON policies.id = versions.policy_id
JOIN sites ON sites.domain = policies.domain
JOIN texts ON texts.hash = versions.text_hash
ORDER BY sites.domain, policies.url, versions.seq""".strip(),
    "capture_status": f"""
SELECT
  captures.id AS capture_id,
  policies.domain AS domain,
  policies.url AS policy_url,
  captures.archive AS archive,
  captures.timestamp AS timestamp,
  captures.original AS original,
  captures.digest AS digest,
  (SELECT count(*) FROM fetches AS f WHERE f.capture_id = captures.id) AS attempts,
  latest.outcome AS outcome,
  latest.error AS error,
  latest.memento_url AS memento_url,
  latest.fetched_at AS fetched_at,
  latest.text_hash AS text_hash,
  text_fetch.is_policy AS is_policy,
  text_fetch.policy_reason AS policy_reason,
  text_fetch.policy_detail AS policy_detail
FROM captures
JOIN policies ON policies.id = captures.policy_id
LEFT JOIN fetches AS latest ON latest.id = {_LATEST_FETCH}
LEFT JOIN fetches AS text_fetch ON text_fetch.id = {_TEXT_FETCH}
ORDER BY policies.domain, policies.url, captures.timestamp, captures.id""".strip(),
    # Pages the classifier turned away, with the reason, for checking its verdicts by eye.
    "non_policy_captures": f"""
SELECT
  captures.id AS capture_id,
  policies.domain AS domain,
  policies.url AS policy_url,
  captures.timestamp AS timestamp,
  captures.original AS original,
  text_fetch.final_url AS final_url,
  text_fetch.policy_reason AS policy_reason,
  text_fetch.policy_detail AS policy_detail,
  texts.title AS title,
  texts.word_count AS word_count,
  text_fetch.memento_url AS memento_url,
  text_fetch.classifier AS classifier,
  text_fetch.text_hash AS text_hash
FROM captures
JOIN policies ON policies.id = captures.policy_id
JOIN fetches AS text_fetch ON text_fetch.id = {_TEXT_FETCH}
JOIN texts ON texts.hash = text_fetch.text_hash
WHERE text_fetch.is_policy = 0
ORDER BY policies.domain, policies.url, captures.timestamp, captures.id""".strip(),
}

# (table, columns, index name): lookups made by save_*, rebuild_versions and the views.
INDEXES: list[tuple[str, list[str], str]] = [
    ("policies", ["domain"], "policies_domain"),
    ("captures", ["policy_id", "timestamp"], "captures_policy_timestamp"),
    ("captures", ["digest"], "captures_digest"),
    ("fetches", ["capture_id"], "fetches_capture"),
    ("fetches", ["run_id"], "fetches_run"),
    ("fetches", ["text_hash"], "fetches_text_hash"),
    ("texts", ["normalized_hash"], "texts_normalized_hash"),
    ("versions", ["policy_id", "seq"], "versions_policy_seq"),
]


def ensure_db_shape(db: Database) -> None:
    """Create or refresh the full-text index on texts, the views and the lookup indexes.

    Safe to run any number of times: anything already in the wanted shape is left alone.
    """
    db.table("texts").enable_fts(
        ["title", "markdown"], create_triggers=True, tokenize="porter", replace=True
    )
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)
    for table, columns, index_name in INDEXES:
        db.table(table).create_index(columns, index_name=index_name, if_not_exists=True)
