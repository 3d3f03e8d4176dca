"""The SQLite file's shape: migrations, foreign keys, views, indexes and full-text search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from store import schema
from store.schema import MIGRATIONS, ensure_db_shape, migrate, open_db

TABLES = {"sites", "policies", "captures", "fetches", "texts", "versions", "crawl_runs"}


def test_open_db_in_memory_creates_every_table_and_view() -> None:
    db = open_db(":memory:")
    assert set(db.table_names()) >= TABLES
    assert set(db.view_names()) >= {"policy_versions", "capture_status"}
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
