"""save_*: fixture CDX rows and fetch results pushed into the store, twice where it matters."""

from __future__ import annotations

import json

import pytest
from sqlite_utils import Database
from sqlite_utils.db import NotFoundError
from store_fixtures import (
    IA,
    POLICY_URL,
    PYWB,
    SOFT_404,
    Verdict,
    cdx_records,
    extraction,
    fetch_item,
    fixture_text,
    key_of,
)

from crawler.wayback import CdxRecord
from extract.normalize import NORMALIZER_VERSION
from store.save import (
    finish_reextraction,
    finish_run,
    save_captures,
    save_fetch,
    save_policy,
    save_text,
    save_verdict,
    start_reextraction,
    start_run,
)
from store.versions import ChangePoint

pytest_plugins = ["store_fixtures"]  # the `db` fixture


def test_save_policy_is_stable(db: Database) -> None:
    first = save_policy(db, "example.com", POLICY_URL)
    again = save_policy(db, "example.com", POLICY_URL)
    other = save_policy(db, "example.com", "https://example.com/cookies")
    assert first == again != other
    assert db.table("sites").count == 1
    assert db.table("policies").count == 2
    assert db.table("policies").get(first)["domain"] == "example.com"


def test_save_policy_again_writes_nothing(db: Database) -> None:
    save_policy(db, "example.com", POLICY_URL)
    sites, policies = list(db.table("sites").rows), list(db.table("policies").rows)
    changes = db.conn.total_changes
    save_policy(db, "example.com", POLICY_URL)
    assert db.conn.total_changes == changes
    assert (list(db.table("sites").rows), list(db.table("policies").rows)) == (sites, policies)


def test_save_policy_moves_policy_to_new_domain(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    assert save_policy(db, "example.org", POLICY_URL) == policy_id
    assert db.table("policies").get(policy_id)["domain"] == "example.org"
    assert db.table("sites").count == 2


def test_save_captures_twice_changes_nothing(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    first_run = start_run(db, spider="policies", strategy="all", archive=IA, args={})
    second_run = start_run(db, spider="policies", strategy="all", archive=IA, args={})
    records = cdx_records()
    assert save_captures(db, policy_id, IA, records, run_id=first_run) == 5
    rows = list(db.table("captures").rows)
    changes = db.conn.total_changes
    assert save_captures(db, policy_id, IA + "/", records, run_id=second_run) == 0
    assert db.conn.total_changes == changes
    assert list(db.table("captures").rows) == rows
    assert {row["first_run_id"] for row in rows} == {first_run}
    first = rows[0]
    assert first["urlkey"] == "com,example)/privacy"
    assert first["timestamp"] == "20190101000000"
    assert first["statuscode"] == 200
    assert first["length"] == 5120
    assert first["archive"] == IA


def test_save_captures_counts_only_new_rows(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    assert save_captures(db, policy_id, IA, records[:3]) == 3
    # A repeated row inside one batch is stored once.
    assert save_captures(db, policy_id, IA, [*records, records[-1]]) == 2
    assert db.table("captures").count == 5
    # The same capture in another archive is another capture.
    assert save_captures(db, policy_id, PYWB, records[:1]) == 1


def test_save_captures_keeps_dash_fields_as_null(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    revisit = CdxRecord(
        "com,example)/privacy",
        "20220101000000",
        POLICY_URL,
        "warc/revisit",
        None,
        "D5AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        None,
    )
    save_captures(db, policy_id, IA, [revisit])
    row = next(db.table("captures").rows)
    assert row["statuscode"] is None
    assert row["length"] is None


def test_save_fetch_records_every_attempt(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    run_id = start_run(db, spider="policies", strategy="all", archive=IA, args={})
    record = cdx_records()[0]
    save_captures(db, policy_id, IA, [record], run_id=run_id)
    failed_id = save_fetch(db, policy_id, fetch_item(record, "rate_limited"), run_id)
    ok_id = save_fetch(
        db,
        policy_id,
        fetch_item(
            record,
            warc_filename="crawl-00000.warc.gz",
            warc_offset=1234,
            warc_length=567,
            payload_digest="D1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            digest_match=True,
        ),
        run_id,
    )
    assert ok_id > failed_id
    assert db.table("captures").count == 1
    failed, ok = list(db.table("fetches").rows_where(order_by="id"))
    assert failed["outcome"] == "rate_limited"
    assert failed["error"].startswith("rate_limited")
    assert failed["hops"] == 0
    assert ok["outcome"] == "ok"
    assert ok["capture_id"] == failed["capture_id"]
    assert ok["run_id"] == run_id
    assert ok["hops"] == 1
    assert ok["http_status"] == 200
    assert ok["memento_url"] == f"{IA}/web/20190101000000id_/{POLICY_URL}"
    assert ok["final_url"] == POLICY_URL
    assert ok["memento_datetime"] == "20190101000000"
    assert (ok["warc_filename"], ok["warc_offset"], ok["warc_length"]) == (
        "crawl-00000.warc.gz",
        1234,
        567,
    )
    assert ok["payload_digest"] == "D1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    assert ok["digest_match"] == 1
    assert ok["text_hash"] is None
    assert ok["fetched_at"]


def test_save_fetch_adds_a_capture_never_listed(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    record = cdx_records()[2]
    moved = "https://example.com/legal/privacy"
    fetch_id = save_fetch(db, policy_id, fetch_item(record, final_url=moved), None)
    capture = next(db.table("captures").rows)
    assert capture["timestamp"] == record.timestamp
    assert capture["original"] == record.original
    assert capture["digest"] == record.digest
    assert (capture["urlkey"], capture["mimetype"]) == ("", "")
    assert capture["first_run_id"] is None
    assert db.table("fetches").get(fetch_id)["final_url"] == moved
    # Listing the capture afterwards finds it already stored.
    assert save_captures(db, policy_id, IA, [record]) == 0


def test_save_fetch_rejects_unknown_outcome(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    with pytest.raises(ValueError):
        save_fetch(db, policy_id, fetch_item(cdx_records()[0], "teapot"), None)
    assert db.table("captures").count == 0


def test_save_text_stores_each_text_once(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    first = save_fetch(db, policy_id, fetch_item(records[0]), None)
    second = save_fetch(db, policy_id, fetch_item(records[1]), None)
    text = fixture_text("A")
    assert save_text(db, first, text) == key_of(text)
    assert save_text(db, second, text) == key_of(text)
    changes = db.conn.total_changes
    assert save_text(db, second, text) == key_of(text)
    assert db.conn.total_changes == changes
    assert db.table("texts").count == 1
    stored = db.table("texts").get(key_of(text))
    assert stored["normalized_hash"] == text.text_hash
    assert stored["first_fetch_id"] == first
    assert stored["markdown"] == text.markdown
    assert stored["title"] == "Privacy Policy"
    assert stored["word_count"] == text.word_count
    assert stored["extractor"] == "test"
    hashes = {row["text_hash"] for row in db.table("fetches").rows}
    assert hashes == {key_of(text)}


def test_save_text_keeps_every_raw_markdown(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    first = save_fetch(db, policy_id, fetch_item(records[0]), None)
    second = save_fetch(db, policy_id, fetch_item(records[1]), None)
    plain = extraction("We keep logs.\n\nWrite to us.")
    spaced = extraction("We  keep logs.\n\n\nWrite to us.\u200b")
    assert plain.text_hash == spaced.text_hash
    save_text(db, first, plain)
    save_text(db, second, spaced)
    rows = {row["hash"]: row for row in db.table("texts").rows}
    assert set(rows) == {key_of(plain), key_of(spaced)}
    assert {row["normalized_hash"] for row in rows.values()} == {plain.text_hash}
    assert rows[key_of(spaced)]["markdown"] == spaced.markdown
    assert db.table("fetches").get(second)["text_hash"] == key_of(spaced)


def test_save_text_refreshes_a_stale_normalized_hash(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    fetch_id = save_fetch(db, policy_id, fetch_item(cdx_records()[0]), None)
    text = fixture_text("A")
    save_text(db, fetch_id, text)
    db.execute("UPDATE texts SET normalized_hash = 'older rules', normalizer = '1'")
    save_text(db, fetch_id, text)
    stored = db.table("texts").get(key_of(text))
    assert (stored["normalized_hash"], stored["normalizer"]) == (text.text_hash, NORMALIZER_VERSION)


def test_save_verdict_records_the_classifiers_word(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    fetch_id = save_fetch(db, policy_id, fetch_item(cdx_records()[0]), None)
    assert save_verdict(db, fetch_id, SOFT_404, "3") is True
    row = db.table("fetches").get(fetch_id)
    assert (row["is_policy"], row["policy_reason"], row["classifier"]) == (0, "soft_404", "3")
    assert row["policy_detail"] == SOFT_404.detail
    changes = db.conn.total_changes
    assert save_verdict(db, fetch_id, SOFT_404, "3") is False
    assert db.conn.total_changes == changes
    assert save_verdict(db, fetch_id, Verdict(True), "3") is True
    assert db.table("fetches").get(fetch_id)["is_policy"] == 1
    with pytest.raises(NotFoundError):
        save_verdict(db, 99, SOFT_404, "3")


def test_reextraction_runs_record_counts_and_change_points(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    save_captures(db, policy_id, IA, records)
    capture_ids = [row["id"] for row in db.table("captures").rows_where(order_by="timestamp")]
    run_id = start_reextraction(db, extractor="policyarchive-extract 2", classifier="3")
    run = db.table("reextractions").get(run_id)
    assert (run["extractor"], run["classifier"], run["finished_at"]) == (
        "policyarchive-extract 2",
        "3",
        None,
    )
    added = ChangePoint(policy_id, capture_ids[1], records[1].timestamp, f"{policy_id}:x")
    removed = ChangePoint(policy_id, capture_ids[2], records[2].timestamp, f"{policy_id}:y")
    finish_reextraction(
        db,
        run_id,
        fetches=5,
        changed=2,
        reclassified=1,
        missing_warcs=0,
        versions=3,
        added=[added],
        removed=[removed],
    )
    run = db.table("reextractions").get(run_id)
    assert run["finished_at"] >= run["started_at"]
    assert (run["fetches"], run["changed"], run["reclassified"], run["versions"]) == (5, 2, 1, 3)
    assert (run["changes_added"], run["changes_removed"]) == (1, 1)
    rows = list(db.table("reextraction_changes").rows_where(order_by="capture_id"))
    assert [(row["change"], row["capture_id"], row["version_id"]) for row in rows] == [
        ("added", capture_ids[1], f"{policy_id}:x"),
        ("removed", capture_ids[2], f"{policy_id}:y"),
    ]


def test_save_text_for_missing_fetch_fails(db: Database) -> None:
    with pytest.raises(NotFoundError):
        save_text(db, 99, fixture_text("A"))
    assert db.table("texts").count == 0


def test_runs_start_and_finish(db: Database) -> None:
    run_id = start_run(
        db, spider="policies", strategy="yearly", archive=IA + "/", args={"sites": "sites.csv"}
    )
    run = db.table("crawl_runs").get(run_id)
    assert run["status"] == "running"
    assert run["archive"] == IA
    assert json.loads(run["args"]) == {"sites": "sites.csv"}
    assert run["finished_at"] is None
    finish_run(
        db,
        run_id,
        status="finished",
        finish_reason="finished",
        captures_listed=5,
        captures_new=5,
        fetched=4,
        failed=1,
    )
    run = db.table("crawl_runs").get(run_id)
    assert run["status"] == "finished"
    assert run["finished_at"] >= run["started_at"]
    assert (run["captures_listed"], run["captures_new"], run["fetched"], run["failed"]) == (
        5,
        5,
        4,
        1,
    )


def test_finish_run_rejects_unknown_status(db: Database) -> None:
    run_id = start_run(db, spider="policies", strategy="all", archive=IA, args={})
    with pytest.raises(ValueError, match="done"):
        finish_run(
            db,
            run_id,
            status="done",
            finish_reason="finished",
            captures_listed=0,
            captures_new=0,
            fetched=0,
            failed=0,
        )
