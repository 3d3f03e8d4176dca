"""rebuild_versions: runs of identical text become versions, twins by digest share their text."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlite_utils import Database

from crawler.items import FetchItem
from crawler.wayback import CdxRecord, parse_cdx
from store.save import save_captures, save_fetch, save_policy, save_text
from store.schema import open_db
from store.versions import rebuild_all_versions, rebuild_versions

FIXTURES = Path(__file__).parent / "fixtures" / "store"
IA = "https://web.archive.org"
POLICY_URL = "https://example.com/privacy"


@dataclass(frozen=True)
class Text:
    """The shape of extract.markdown.Extraction, which save_text reads."""

    markdown: str
    title: str | None
    language: str | None
    word_count: int
    text_hash: str
    extractor: str


def fixture_text(key: str) -> Text:
    data = json.loads((FIXTURES / "policy-texts.json").read_text())[key]
    markdown = data["markdown"]
    return Text(
        markdown=markdown,
        title=data["title"],
        language=data["language"],
        word_count=len(markdown.split()),
        text_hash=hashlib.sha256(markdown.encode()).hexdigest(),
        extractor="test",
    )


def cdx_records() -> list[CdxRecord]:
    """Five captures whose texts go A, A, B, B, A."""
    path = FIXTURES / "example-com-aabba.cdx"
    return parse_cdx(path.read_text(), str(path)).records


def fetch(
    db: Database, policy_id: int, record: CdxRecord, outcome: str = "ok", text: str | None = None
) -> int:
    url = f"{IA}/web/{record.timestamp}id_/{record.original}"
    item = FetchItem(POLICY_URL, record.timestamp, record.original, record.digest, IA, url, outcome)
    fetch_id = save_fetch(db, policy_id, item, None)
    if text is not None:
        save_text(db, fetch_id, fixture_text(text))
    return fetch_id


def hash_of(key: str) -> str:
    return fixture_text(key).text_hash


@pytest.fixture
def db() -> Database:
    return open_db(":memory:")


@pytest.fixture
def aabba(db: Database) -> int:
    """The fixture policy with every capture listed and fetched ok."""
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    save_captures(db, policy_id, IA, records)
    for record, text in zip(records, "AABBA", strict=True):
        fetch(db, policy_id, record, text=text)
    return policy_id


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
    fetch(db, policy_id, records[0], text="A")
    fetch(db, policy_id, records[1], outcome="no_memento")  # failed
    fetch(db, policy_id, records[2], outcome="ok")  # ok, but nothing extracted
    # records[3] never fetched
    fetch(db, policy_id, records[4], text="A")
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
    fetch(db, policy_id, record, text="A")
    fetch(db, policy_id, record, text="B")  # say, re-extracted with a better extractor
    fetch(db, policy_id, record, outcome="network_error")  # a later failure takes nothing away
    rebuild_versions(db, policy_id)
    (only,) = versions(db, policy_id)
    assert only["text_hash"] == hash_of("B")


def test_capture_with_same_digest_shares_text(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    twin = records[0]._replace(timestamp="20190301000000")  # same bytes as the first capture
    save_captures(db, policy_id, IA, [*records, twin])
    fetch(db, policy_id, records[0], text="A")
    fetch(db, policy_id, twin, outcome="rate_limited")  # its own fetch failed
    fetch(db, policy_id, records[2], text="B")
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
    fetch(db, policy_id, records[0], text="A")
    assert rebuild_versions(db, policy_id) == 1
    assert versions(db, policy_id)[0]["capture_count"] == 1


def test_first_capture_without_own_fetch_gets_a_built_memento_url(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    pywb = "http://127.0.0.1:8080/sample"
    record = cdx_records()[0]
    twin = record._replace(timestamp="20180101000000")
    save_captures(db, policy_id, pywb, [twin])
    save_captures(db, policy_id, IA, [record])
    fetch(db, policy_id, record, text="A")
    rebuild_versions(db, policy_id)
    (only,) = versions(db, policy_id)
    assert only["first_seen"] == "20180101000000"
    assert only["memento_url"] == f"{pywb}/20180101000000id_/{POLICY_URL}"


def test_same_timestamp_with_different_texts_gets_distinct_ids(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    record = cdx_records()[0]
    http = record._replace(original="http://example.com/privacy", digest="OTHER")
    save_captures(db, policy_id, IA, [record, http])
    fetch(db, policy_id, record, text="A")
    fetch(db, policy_id, http, text="B")
    assert rebuild_versions(db, policy_id) == 2
    assert [row["id"] for row in versions(db, policy_id)] == [
        f"{policy_id}:20190101000000",
        f"{policy_id}:20190101000000-2",
    ]


def test_rebuild_removes_stale_versions(db: Database, aabba: int) -> None:
    rebuild_versions(db, aabba)
    # The B captures turn out to carry text A after all (say, a fixed extractor).
    for record in cdx_records()[2:4]:
        fetch(db, aabba, record, text="A")
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
    url = f"{IA}/web/{record.timestamp}id_/{record.original}"
    fetch_id = save_fetch(
        db,
        other,
        FetchItem(record.original, record.timestamp, record.original, "ORG", IA, url, "ok"),
        None,
    )
    save_text(db, fetch_id, fixture_text("B"))
    assert rebuild_all_versions(db) == 4
    assert db.table("versions").count == 4
    assert rebuild_all_versions(db) == 4
