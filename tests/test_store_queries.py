"""Queries: the state an incremental crawl starts from, failures, summaries and timelines."""

from __future__ import annotations

from sqlite_utils import Database
from store_fixtures import IA, POLICY_URL, PYWB, SOFT_404, Verdict, cdx_records, extraction, fetch

from store.queries import (
    CaptureMark,
    PolicyState,
    Summary,
    failed_captures,
    last_run_id,
    policy_state,
    summary,
    timeline,
)
from store.save import finish_run, save_captures, save_policy, start_run
from store.versions import rebuild_versions

pytest_plugins = ["store_fixtures"]  # the `db` fixture


def test_unknown_policy_has_empty_state(db: Database) -> None:
    assert policy_state(db, POLICY_URL, IA) == PolicyState(None, None, [], set())


def test_policy_state_for_an_incremental_crawl(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    twin = records[0]._replace(timestamp="20190301000000")  # same bytes as records[0]
    save_captures(db, policy_id, IA, [*records, twin])
    fetch(db, policy_id, records[0], text=extraction("first"))
    fetch(db, policy_id, records[1], outcome="rate_limited")
    fetch(db, policy_id, records[2], text=extraction("second"))
    fetch(db, policy_id, records[3], text=extraction("second"))
    fetch(db, policy_id, records[3], outcome="network_error")  # a later retry failed
    # records[4] was never fetched; twin was never fetched but has records[0]'s bytes

    state = policy_state(db, POLICY_URL, IA + "/")
    assert state.policy_id == policy_id
    assert state.last_timestamp == "20210101000000"
    assert [record.timestamp for record in state.captures] == [
        "20190101000000",
        "20190301000000",
        "20190601120000",
        "20200101000000",
        "20200315080000",
        "20210101000000",
    ]
    assert state.captures[0] == records[0]
    assert state.fetched == {
        "20190101000000",
        "20190301000000",
        "20200101000000",
        "20200315080000",
    }


def test_policy_state_is_per_archive(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    save_captures(db, policy_id, IA, records[:2])
    save_captures(db, policy_id, PYWB, records[2:])
    assert policy_state(db, POLICY_URL, IA).last_timestamp == "20190601120000"
    assert len(policy_state(db, POLICY_URL, PYWB).captures) == 3
    empty = policy_state(db, POLICY_URL, "https://other.example/archive")
    assert (empty.policy_id, empty.last_timestamp, empty.captures) == (policy_id, None, [])


def test_failed_captures_lists_latest_failures(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    save_captures(db, policy_id, IA, records)
    fetch(db, policy_id, records[0], outcome="blocked")
    fetch(db, policy_id, records[1], outcome="rate_limited")
    fetch(db, policy_id, records[1], text=extraction("recovered"))  # retried fine
    fetch(db, policy_id, records[2], outcome="rate_limited")
    fetch(db, policy_id, records[2], outcome="no_memento")
    failed = failed_captures(db)
    assert [(f.timestamp, f.outcome, f.attempts) for f in failed] == [
        ("20190101000000", "blocked", 1),
        ("20200101000000", "no_memento", 2),
    ]
    assert failed[1].error == f"no_memento: {IA}/web/20200101000000id_/{POLICY_URL}"
    assert failed[1].domain == "example.com"
    assert failed[1].policy_url == POLICY_URL
    assert failed[1].archive == IA


def test_summary_counts_all_or_one_run(db: Database) -> None:
    assert summary(db) == Summary(0, 0, 0, 0, 0, 0)
    assert last_run_id(db) is None
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    first_run = start_run(db, spider="policies", strategy="all", archive=IA, args={})
    save_captures(db, policy_id, IA, records, run_id=first_run)
    fetch(db, policy_id, records[0], run_id=first_run, text=extraction("one"))
    fetch(db, policy_id, records[1], outcome="rate_limited", run_id=first_run)
    finish_run(
        db,
        first_run,
        status="finished",
        finish_reason="finished",
        captures_listed=5,
        captures_new=5,
        fetched=2,
        failed=1,
    )
    second_run = start_run(db, spider="policies", strategy="all", archive=IA, args={})
    fetch(db, policy_id, records[1], run_id=second_run, text=extraction("one"))
    fetch(db, policy_id, records[2], outcome="blocked", run_id=second_run)
    rebuild_versions(db, policy_id)

    assert last_run_id(db) == second_run
    assert summary(db) == Summary(sites=1, policies=1, captures=5, fetched=4, versions=1, failed=1)
    assert summary(db, first_run).fetched == 2
    assert summary(db, second_run).fetched == 2


def test_timeline(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    save_policy(db, "example.org", "https://example.org/privacy")
    records = cdx_records()
    save_captures(db, policy_id, IA, records[:3])
    fetch(db, policy_id, records[0], text=extraction("one"))
    fetch(db, policy_id, records[1], outcome="blocked")
    rebuild_versions(db, policy_id)

    com, org = timeline(db)
    assert (com.domain, org.domain) == ("example.com", "example.org")
    assert org.policies[0].url == "https://example.org/privacy"
    assert org.policies[0].versions == [] and org.policies[0].captures == []
    (policy,) = com.policies
    assert (policy.policy_id, policy.url) == (policy_id, POLICY_URL)
    (version,) = policy.versions
    assert (version.seq, version.first_seen, version.last_seen, version.capture_count) == (
        1,
        "20190101000000",
        "20190101000000",
        1,
    )
    assert (version.title, version.word_count) == ("Privacy", 1)
    assert policy.captures == [
        CaptureMark("20190101000000", "ok"),
        CaptureMark("20190601120000", "blocked"),
        CaptureMark("20200101000000", None),
    ]


def test_non_policy_captures_are_counted_and_marked_but_make_no_version(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()[:3]
    save_captures(db, policy_id, IA, records)
    fetch(db, policy_id, records[0], text=extraction("one"), verdict=Verdict(True))
    fetch(db, policy_id, records[1], text=extraction("Not found"), verdict=SOFT_404)
    fetch(db, policy_id, records[2], text=extraction("one"))  # not classified yet
    rebuild_versions(db, policy_id)

    counts = summary(db)
    assert (counts.versions, counts.non_policy, counts.failed) == (1, 1, 0)
    (site,) = timeline(db)
    assert [mark.is_policy for mark in site.policies[0].captures] == [True, False, None]
    (row,) = db.query("SELECT * FROM non_policy_captures")
    assert (row["timestamp"], row["policy_reason"], row["policy_detail"]) == (
        "20190601120000",
        "soft_404",
        SOFT_404.detail,
    )
    assert (row["domain"], row["word_count"], row["classifier"]) == ("example.com", 2, "test")
