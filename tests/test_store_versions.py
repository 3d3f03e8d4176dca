"""rebuild_versions: runs of identical text become versions, twins by digest share their text."""

from __future__ import annotations

import pytest
from sqlite_utils import Database
from store_fixtures import IA, POLICY_URL, PYWB, cdx_records, crawl, fetch, fixture_text

from crawler.wayback import CdxRecord
from store.save import save_captures, save_policy
from store.versions import rebuild_all_versions, rebuild_versions

pytest_plugins = ["store_fixtures"]  # the `db` fixture


def hash_of(key: str) -> str:
    return fixture_text(key).text_hash


@pytest.fixture
def aabba(db: Database) -> int:
    """The fixture policy with every capture listed and fetched ok."""
    return crawl(db, "example.com", POLICY_URL, IA, cdx_records(), "AABBA")


def versions(db: Database, policy_id: int) -> list[dict[str, object]]:
    return list(db.table("versions").rows_where("policy_id = ?", [policy_id], order_by="seq"))


def test_aabba_gives_three_versions(db: Database, aabba: int) -> None:
    assert rebuild_versions(db, aabba) == 3
    rows = versions(db, aabba)
    capture_ids = {
        row["timestamp"]: row["id"] for row in db.table("captures").rows_where(order_by="id")
    }
    assert [
        (row["seq"], row["text_hash"], row["first_seen"], row["last_seen"], row["capture_count"])
        for row in rows
    ] == [
        (1, hash_of("A"), "20190101000000", "20190601120000", 2),
        (2, hash_of("B"), "20200101000000", "20200315080000", 2),
        (3, hash_of("A"), "20210101000000", "20210101000000", 1),
    ]
    assert [row["id"] for row in rows] == [
        f"{aabba}:20190101000000",
        f"{aabba}:20200101000000",
        f"{aabba}:20210101000000",
    ]
    assert rows[0]["first_capture_id"] == capture_ids["20190101000000"]
    assert rows[0]["last_capture_id"] == capture_ids["20190601120000"]
    assert rows[0]["memento_url"] == f"{IA}/web/20190101000000id_/{POLICY_URL}"


def test_rebuild_twice_changes_nothing(db: Database, aabba: int) -> None:
    rebuild_versions(db, aabba)
    before = versions(db, aabba)
    changes = db.conn.total_changes
    assert rebuild_versions(db, aabba) == 3
    assert db.conn.total_changes == changes
    assert versions(db, aabba) == before


def test_captures_without_text_are_skipped(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    save_captures(db, policy_id, IA, records)
    fetch(db, policy_id, records[0], text=fixture_text("A"))
    fetch(db, policy_id, records[1], outcome="no_memento")  # failed
    fetch(db, policy_id, records[2], outcome="ok")  # ok, but nothing extracted
    # records[3] never fetched
    fetch(db, policy_id, records[4], text=fixture_text("A"))
    assert rebuild_versions(db, policy_id) == 1
    (only,) = versions(db, policy_id)
    assert (only["first_seen"], only["last_seen"], only["capture_count"]) == (
        "20190101000000",
        "20210101000000",
        2,
    )


def test_latest_ok_fetch_decides_the_text(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    record = cdx_records()[0]
    fetch(db, policy_id, record, text=fixture_text("A"))
    fetch(
        db, policy_id, record, text=fixture_text("B")
    )  # say, re-extracted with a better extractor
    fetch(db, policy_id, record, outcome="network_error")  # a later failure takes nothing away
    rebuild_versions(db, policy_id)
    (only,) = versions(db, policy_id)
    assert only["text_hash"] == hash_of("B")


def test_capture_with_same_digest_shares_text(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    twin = records[0]._replace(timestamp="20190301000000")  # same bytes as the first capture
    save_captures(db, policy_id, IA, [*records, twin])
    fetch(db, policy_id, records[0], text=fixture_text("A"))
    fetch(db, policy_id, twin, outcome="rate_limited")  # its own fetch failed
    fetch(db, policy_id, records[2], text=fixture_text("B"))
    assert rebuild_versions(db, policy_id) == 2
    first, second = versions(db, policy_id)
    assert (first["first_seen"], first["last_seen"], first["capture_count"]) == (
        "20190101000000",
        "20190301000000",
        2,
    )
    assert second["first_seen"] == "20200101000000"


def test_unknown_digests_are_not_shared(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = [
        record._replace(digest="-") for record in cdx_records()[:2]
    ]  # revisit rows without a digest
    save_captures(db, policy_id, IA, records)
    fetch(db, policy_id, records[0], text=fixture_text("A"))
    assert rebuild_versions(db, policy_id) == 1
    assert versions(db, policy_id)[0]["capture_count"] == 1


def test_first_capture_without_own_fetch_gets_a_built_memento_url(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    record = cdx_records()[0]
    twin = record._replace(timestamp="20180101000000")
    save_captures(db, policy_id, PYWB, [twin])
    save_captures(db, policy_id, IA, [record])
    fetch(db, policy_id, record, text=fixture_text("A"))
    rebuild_versions(db, policy_id)
    (only,) = versions(db, policy_id)
    assert only["first_seen"] == "20180101000000"
    assert only["memento_url"] == f"{PYWB}/20180101000000id_/{POLICY_URL}"


def test_same_timestamp_with_different_texts_gets_distinct_ids(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    record = cdx_records()[0]
    http = record._replace(original="http://example.com/privacy", digest="OTHER")
    save_captures(db, policy_id, IA, [record, http])
    fetch(db, policy_id, record, text=fixture_text("A"))
    fetch(db, policy_id, http, text=fixture_text("B"))
    assert rebuild_versions(db, policy_id) == 2
    assert [row["id"] for row in versions(db, policy_id)] == [
        f"{policy_id}:20190101000000",
        f"{policy_id}:20190101000000-2",
    ]


def test_rebuild_removes_stale_versions(db: Database, aabba: int) -> None:
    rebuild_versions(db, aabba)
    # The B captures turn out to carry text A after all (say, a fixed extractor).
    for record in cdx_records()[2:4]:
        fetch(db, aabba, record, text=fixture_text("A"))
    assert rebuild_versions(db, aabba) == 1
    (only,) = versions(db, aabba)
    assert (only["id"], only["capture_count"]) == (f"{aabba}:20190101000000", 5)
    assert db.table("versions").count == 1


def test_rebuild_all_versions(db: Database, aabba: int) -> None:
    other = save_policy(db, "example.org", "https://example.org/privacy")
    record = CdxRecord(
        "org,example)/privacy",
        "20220101000000",
        "https://example.org/privacy",
        "text/html",
        200,
        "ORG",
        10,
    )
    save_captures(db, other, IA, [record])
    fetch(db, other, record, text=fixture_text("B"), policy_url=record.original)
    assert rebuild_all_versions(db) == 4
    assert db.table("versions").count == 4
    assert rebuild_all_versions(db) == 4
