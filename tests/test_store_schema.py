"""The SQLite file's shape: migrations, foreign keys, views, indexes and full-text search."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from extract.normalize import text_hash
from store import schema
from store.schema import MIGRATIONS, ensure_db_shape, markdown_hash, migrate, open_db
from store.versions import rebuild_versions

TABLES = {
    "sites",
    "policies",
    "captures",
    "fetches",
    "texts",
    "versions",
    "crawl_runs",
    "reextractions",
    "reextraction_changes",
}


def test_open_db_in_memory_creates_every_table_and_view() -> None:
    db = open_db(":memory:")
    assert set(db.table_names()) >= TABLES
    assert set(db.view_names()) >= {"policy_versions", "capture_status", "non_policy_captures"}
    assert db.table("texts").detect_fts() == "texts_fts"


def test_open_db_file_creates_parent_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "policies.db"
    db = open_db(path)
    assert path.exists()
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_are_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "policies.db"
    db = Database(path)
    assert migrate(db) == [name for name, _ in MIGRATIONS]
    assert migrate(db) == []
    db.close()
    reopened = open_db(path)
    assert migrate(reopened) == []
    recorded = [row["name"] for row in reopened.table("_migrations").rows]
    assert recorded == [name for name, _ in MIGRATIONS]


def test_new_migration_runs_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    db = Database(memory=True)
    migrate(db)

    def add_note(db: Database) -> None:
        db.table("sites").add_column("note", str)

    monkeypatch.setattr(schema, "MIGRATIONS", [*MIGRATIONS, ("0099_site_note", add_note)])
    assert migrate(db) == ["0099_site_note"]
    assert "note" in db.table("sites").columns_dict
    assert migrate(db) == []


def test_failed_migration_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    db = Database(memory=True)
    migrate(db)

    def broken(db: Database) -> None:
        db.create_table("half_done", {"id": int}, pk="id")
        raise RuntimeError("boom")

    monkeypatch.setattr(schema, "MIGRATIONS", [*MIGRATIONS, ("0099_broken", broken)])
    with pytest.raises(RuntimeError):
        migrate(db)
    assert "half_done" not in db.table_names()
    assert db.table("_migrations").count == len(MIGRATIONS)


def test_ensure_db_shape_is_idempotent() -> None:
    db = open_db(":memory:")
    before = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    ensure_db_shape(db)
    ensure_db_shape(db)
    after = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    assert after == before


def test_foreign_keys_are_declared_for_datasette_labels() -> None:
    db = open_db(":memory:")
    links = {
        (fk.table, fk.column, fk.other_table, fk.other_column)
        for table in TABLES
        for fk in db.table(table).foreign_keys
    }
    assert links == {
        ("policies", "domain", "sites", "domain"),
        ("captures", "policy_id", "policies", "id"),
        ("captures", "first_run_id", "crawl_runs", "id"),
        ("fetches", "capture_id", "captures", "id"),
        ("fetches", "run_id", "crawl_runs", "id"),
        ("fetches", "text_hash", "texts", "hash"),
        ("texts", "first_fetch_id", "fetches", "id"),
        ("versions", "policy_id", "policies", "id"),
        ("versions", "text_hash", "texts", "hash"),
        ("versions", "first_capture_id", "captures", "id"),
        ("versions", "last_capture_id", "captures", "id"),
        ("versions", "reextraction_id", "reextractions", "id"),
        ("reextraction_changes", "reextraction_id", "reextractions", "id"),
        ("reextraction_changes", "policy_id", "policies", "id"),
        ("reextraction_changes", "capture_id", "captures", "id"),
    }


def test_foreign_keys_are_enforced() -> None:
    db = open_db(":memory:")
    with pytest.raises(sqlite3.IntegrityError):
        db.table("policies").insert({"domain": "nowhere.example", "url": "https://x.example/"})


def test_unique_capture_key() -> None:
    db = open_db(":memory:")
    db.table("sites").insert({"domain": "example.com"})
    db.table("policies").insert({"id": 1, "domain": "example.com", "url": "https://example.com/p"})
    capture = {
        "policy_id": 1,
        "archive": "https://web.archive.org",
        "timestamp": "20200101000000",
        "original": "https://example.com/p",
    }
    db.table("captures").insert(capture)
    with pytest.raises(sqlite3.IntegrityError):
        db.table("captures").insert(capture)


def test_full_text_search_finds_a_word() -> None:
    db = open_db(":memory:")
    db.table("texts").insert_all(
        [
            {
                "hash": "a" * 64,
                "title": "Privacy Policy",
                "markdown": "We use cookies.",
                "word_count": 3,
            },
            {"hash": "b" * 64, "title": "Terms", "markdown": "Be nice to others.", "word_count": 4},
        ]
    )
    found = list(db.table("texts").search("cookie"))  # porter stemming: cookie matches cookies
    assert [row["hash"] for row in found] == ["a" * 64]
    # Rows added after the index was built are found too (the triggers keep it current).
    db.table("texts").insert(
        {"hash": "c" * 64, "title": "Cookie Notice", "markdown": "Cookies again.", "word_count": 2}
    )
    assert {row["hash"] for row in db.table("texts").search("cookies")} == {"a" * 64, "c" * 64}


# --- upgrading a database written before texts kept every raw Markdown ------------------------

PLAIN = "# Privacy\n\nWe keep logs."
SPACED = "# Privacy\n\nWe  keep logs.\n"  # the same text to a reader
REWRITE = "# Privacy\n\nWe keep no logs at all."


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def database_at_0001(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file with migration 0001 only, holding what a crawl then stored: texts keyed by the
    hash of their normalized text, three fetches and two versions."""
    db = Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", MIGRATIONS[:1])
        assert migrate(db) == ["0001_initial"]
    db.table("texts").enable_fts(["title", "markdown"], create_triggers=True, tokenize="porter")
    db.table("sites").insert({"domain": "example.com", "added_at": "2024-01-01T00:00:00+00:00"})
    db.table("policies").insert({"id": 1, "domain": "example.com", "url": "https://example.com/p"})
    stamps = ["20190101000000", "20190601000000", "20200101000000"]
    for n, stamp in enumerate(stamps, 1):
        db.table("captures").insert(
            {
                "id": n,
                "policy_id": 1,
                "archive": "https://web.archive.org",
                "timestamp": stamp,
                "original": "https://example.com/p",
                "digest": f"D{n}",
            }
        )
        db.table("fetches").insert(
            {
                "id": n,
                "capture_id": n,
                "outcome": "ok",
                "fetched_at": "2024-01-01T00:00:00+00:00",
                "memento_url": f"https://web.archive.org/web/{stamp}id_/https://example.com/p",
            }
        )
    # 0001 keyed texts by the normalized text and kept only the first fetch's Markdown.
    kept, rewritten = sha256("# Privacy We keep logs."), sha256("# Privacy We keep no logs at all.")
    for key, markdown, fetch_id in [(kept, PLAIN, 1), (rewritten, REWRITE, 3)]:
        db.table("texts").insert(
            {
                "hash": key,
                "markdown": markdown,
                "title": "Privacy",
                "language": "en",
                "word_count": 4,
                "extractor": "old",
                "first_fetch_id": fetch_id,
            }
        )
    for fetch_id, key in [(1, kept), (2, kept), (3, rewritten)]:
        db.table("fetches").update(fetch_id, {"text_hash": key})
    for seq, (key, first, last) in enumerate([(kept, 1, 2), (rewritten, 3, 3)], 1):
        db.table("versions").insert(
            {
                "id": f"1:{stamps[first - 1]}",
                "policy_id": 1,
                "seq": seq,
                "text_hash": key,
                "first_capture_id": first,
                "last_capture_id": last,
                "first_seen": stamps[first - 1],
                "last_seen": stamps[last - 1],
                "capture_count": last - first + 1,
                "memento_url": "m",
            }
        )
    db.close()


def test_migration_0002_upgrades_a_0001_database_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "policies.db"
    database_at_0001(path, monkeypatch)
    db = open_db(path)
    assert [row["name"] for row in db.table("_migrations").rows] == [name for name, _ in MIGRATIONS]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    texts = {row["hash"]: row for row in db.table("texts").rows}
    assert set(texts) == {markdown_hash(PLAIN), markdown_hash(REWRITE)}
    assert texts[markdown_hash(PLAIN)]["normalized_hash"] == sha256("# Privacy We keep logs.")
    assert texts[markdown_hash(PLAIN)]["first_fetch_id"] == 1
    assert texts[markdown_hash(PLAIN)]["normalizer"] == "1"
    # Fetch 2's own Markdown was never kept; it points at the text it was filed under.
    assert [row["text_hash"] for row in db.table("fetches").rows_where(order_by="id")] == [
        markdown_hash(PLAIN),
        markdown_hash(PLAIN),
        markdown_hash(REWRITE),
    ]
    assert [row["is_policy"] for row in db.table("fetches").rows] == [None, None, None]
    rows = list(db.table("versions").rows_where(order_by="seq"))
    assert [(row["text_hash"], row["normalized_hash"], row["change_origin"]) for row in rows] == [
        (markdown_hash(PLAIN), sha256("# Privacy We keep logs."), None),
        (markdown_hash(REWRITE), sha256("# Privacy We keep no logs at all."), "crawl"),
    ]
    # The full-text index followed the new keys.
    found = db.execute(
        "SELECT texts.hash FROM texts_fts JOIN texts ON texts.rowid = texts_fts.rowid"
        " WHERE texts_fts MATCH 'logs' ORDER BY texts.hash"
    ).fetchall()
    assert [key for (key,) in found] == sorted(texts)
    # A rebuild re-normalizes with today's rules, keeps every version and its origin, and fills
    # in the size of the change.
    assert rebuild_versions(db, 1) == 2
    assert db.table("texts").get(markdown_hash(PLAIN))["normalized_hash"] == text_hash(PLAIN)
    rebuilt = list(db.table("versions").rows_where(order_by="seq"))
    assert [row["id"] for row in rebuilt] == [row["id"] for row in rows]
    assert [row["text_hash"] for row in rebuilt] == [row["text_hash"] for row in rows]
    assert (
        rebuilt[1]["words_added"],
        rebuilt[1]["words_removed"],
        rebuilt[1]["change_origin"],
    ) == (
        3,
        0,
        "crawl",
    )


def test_migration_0002_merges_old_texts_with_the_same_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "policies.db"
    database_at_0001(path, monkeypatch)
    # Say an older normalizer filed the same Markdown under two keys.
    db = Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    with db.atomic():
        db.execute("PRAGMA defer_foreign_keys = ON")
        db.execute("UPDATE texts SET markdown = ? WHERE first_fetch_id = 3", [PLAIN])
    db.close()
    db = open_db(path)
    assert [row["hash"] for row in db.table("texts").rows] == [markdown_hash(PLAIN)]
    assert {row["text_hash"] for row in db.table("fetches").rows} == {markdown_hash(PLAIN)}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
