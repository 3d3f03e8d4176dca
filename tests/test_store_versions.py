"""rebuild_versions: runs of equal text become versions, twins by digest share their text,
non-policies are skipped, rotating lines are set aside, and each change is sized and labelled."""

from __future__ import annotations

import pytest
from sqlite_utils import Database
from store_fixtures import (
    IA,
    POLICY_URL,
    PYWB,
    SOFT_404,
    Verdict,
    cdx_records,
    crawl,
    extraction,
    fetch,
    fixture_text,
    key_of,
)

from crawler.wayback import CdxRecord
from extract.normalize import NORMALIZER_VERSION
from store import versions as versions_module
from store.save import save_captures, save_policy
from store.versions import (
    ChangePoint,
    change_points,
    rebuild_all_versions,
    rebuild_versions,
    reextraction_origin,
    refresh_normalized_hashes,
)

pytest_plugins = ["store_fixtures"]  # the `db` fixture


def hash_of(key: str) -> str:
    return key_of(fixture_text(key))


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


def captures_of(db: Database, count: int) -> tuple[int, list[CdxRecord]]:
    """A policy with `count` listed captures, a month apart, each with its own digest."""
    policy_id = save_policy(db, "example.com", POLICY_URL)
    base = cdx_records()[0]
    records = [
        base._replace(timestamp=f"{2010 + n // 12}{n % 12 + 1:02d}01000000", digest=f"D{n}")
        for n in range(count)
    ]
    save_captures(db, policy_id, IA, records)
    return policy_id, records


SOFT_404_PAGE = extraction("# Not found\n\nSorry, this page cannot be found.")


def spans(db: Database, policy_id: int) -> list[tuple[object, ...]]:
    return [
        (row["first_seen"], row["last_seen"], row["capture_count"])
        for row in versions(db, policy_id)
    ]


def test_non_policy_captures_neither_split_nor_extend_a_version(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    save_captures(db, policy_id, IA, records)
    for record, text in zip(records, "AXABX", strict=True):
        if text == "X":
            fetch(db, policy_id, record, text=SOFT_404_PAGE, verdict=SOFT_404)
        else:
            fetch(db, policy_id, record, text=fixture_text(text), verdict=Verdict(True))
    assert rebuild_versions(db, policy_id) == 2
    assert spans(db, policy_id) == [
        ("20190101000000", "20200101000000", 2),
        ("20200315080000", "20200315080000", 1),
    ]
    # Still visible: the capture view carries the verdict.
    reasons = [row["policy_reason"] for row in db.query("SELECT * FROM capture_status")]
    assert reasons == ["policy", "soft_404", "policy", "policy", "soft_404"]


def test_a_twin_of_a_non_policy_capture_is_skipped_too(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()
    twin = records[1]._replace(timestamp="20190901000000")
    save_captures(db, policy_id, IA, [records[0], records[1], twin])
    fetch(db, policy_id, records[0], text=fixture_text("A"), verdict=Verdict(True))
    fetch(db, policy_id, records[1], text=SOFT_404_PAGE, verdict=SOFT_404)
    assert rebuild_versions(db, policy_id) == 1
    assert spans(db, policy_id) == [("20190101000000", "20190101000000", 1)]


def test_a_policy_after_non_policies_starts_at_seq_1(db: Database) -> None:
    policy_id = save_policy(db, "example.com", POLICY_URL)
    records = cdx_records()[:2]
    save_captures(db, policy_id, IA, records)
    fetch(db, policy_id, records[0], text=SOFT_404_PAGE, verdict=SOFT_404)
    fetch(db, policy_id, records[1], text=fixture_text("A"), verdict=Verdict(True))
    rebuild_versions(db, policy_id)
    (only,) = versions(db, policy_id)
    assert (only["seq"], only["first_seen"], only["change_origin"]) == (1, "20190601120000", None)


def test_texts_that_differ_only_in_a_session_id_are_one_version(db: Database) -> None:
    policy_id, records = captures_of(db, 2)
    first = extraction("We keep logs.\n\n[Your account](/account?PHPSESSID=3e9b0f5d21c84a7f)")
    second = extraction("We keep logs.\n\n[Your account](/account?PHPSESSID=a17c44e09bd2f386)")
    fetch(db, policy_id, records[0], text=first)
    fetch(db, policy_id, records[1], text=second)
    assert rebuild_versions(db, policy_id) == 1
    (only,) = versions(db, policy_id)
    # Both raw texts are kept; the version shows the first capture's.
    assert db.table("texts").count == 2
    assert only["text_hash"] == key_of(first)
    assert only["normalized_hash"] == first.text_hash == second.text_hash
    assert only["capture_count"] == 2


POLICY_2018 = """# Privacy Policy

Last updated: May 1, 2018

We collect your name and email address when you order from us.

We use your address only to deliver your order and to send receipts."""


def test_each_change_records_the_words_added_and_removed(db: Database) -> None:
    new_date = POLICY_2018.replace("May 1, 2018", "June 12, 2019")
    one_more = new_date + "\n\nWe keep receipts for seven years."
    rewrite = "# Privacy Notice\n\nWe collect nothing at all and we set no cookies."
    policy_id, records = captures_of(db, 5)
    for record, markdown in zip(
        records, [POLICY_2018, POLICY_2018, new_date, one_more, rewrite], strict=True
    ):
        fetch(db, policy_id, record, text=extraction(markdown))
    assert rebuild_versions(db, policy_id) == 4
    sizes = [(row["words_added"], row["words_removed"]) for row in versions(db, policy_id)]
    assert sizes == [(None, None), (3, 3), (6, 0), (8, 34)]


def test_a_date_catching_up_with_a_recorded_change_is_not_a_new_version(db: Database) -> None:
    # The text changed by the capture of 2010-02-01; a month later the page's date caught up,
    # naming a day before that capture.
    changed = POLICY_2018.replace("send receipts", "send receipts and delivery news")
    caught_up = changed.replace("May 1, 2018", "January 15, 2010")
    policy_id, records = captures_of(db, 3)
    for record, markdown in zip(records, [POLICY_2018, changed, caught_up], strict=True):
        fetch(db, policy_id, record, text=extraction(markdown))
    assert rebuild_versions(db, policy_id) == 2
    assert [row["capture_count"] for row in versions(db, policy_id)] == [1, 2]


def test_a_new_date_after_the_version_began_is_a_new_version(db: Database) -> None:
    later = POLICY_2018.replace("May 1, 2018", "June 12, 2030")
    policy_id, records = captures_of(db, 2)
    for record, markdown in zip(records, [POLICY_2018, later], strict=True):
        fetch(db, policy_id, record, text=extraction(markdown))
    assert rebuild_versions(db, policy_id) == 2


def test_link_targets_are_not_counted_as_changed_words(db: Database) -> None:
    policy_id, records = captures_of(db, 2)
    fetch(db, policy_id, records[0], text=extraction("Write to [us](https://a.example/contact)."))
    fetch(db, policy_id, records[1], text=extraction("Write to [us](https://b.example/help)."))
    assert rebuild_versions(db, policy_id) == 2
    assert (
        versions(db, policy_id)[1]["words_added"],
        versions(db, policy_id)[1]["words_removed"],
    ) == (0, 0)


TIPS = ["Tip: pack a rain jacket.", "Tip: try our new trail shoes!", "Tip: members ship free."]
POLICY_BODY = [
    "# Privacy",
    "Last updated: 2 March 2015",
    "We collect your email address to send order updates.",
    "We never sell personal data to anyone.",
]


def policy_with(tip: str, *, date: str = "2 March 2015", extra: str | None = None) -> str:
    body = [line.replace("2 March 2015", date) for line in POLICY_BODY]
    if extra is not None:
        body.append(extra)
    return "\n\n".join([*body, tip])


def test_rotating_tips_are_set_aside_but_real_changes_stay(db: Database) -> None:
    extra = "We delete inactive accounts after two years."
    texts = [
        policy_with(TIPS[0]),
        policy_with(TIPS[1]),
        policy_with(TIPS[2]),
        policy_with(TIPS[0]),
        policy_with(TIPS[1], extra=extra),  # one added sentence: a change
        policy_with(TIPS[2], extra=extra),
        policy_with(TIPS[0], date="9 May 2016", extra=extra),  # a new date: a change
        policy_with(TIPS[1], date="9 May 2016", extra=extra),
    ]
    policy_id, records = captures_of(db, len(texts))
    for record, markdown in zip(records, texts, strict=True):
        fetch(db, policy_id, record, text=extraction(markdown))
    assert rebuild_versions(db, policy_id) == 3
    rows = versions(db, policy_id)
    assert [row["capture_count"] for row in rows] == [4, 2, 2]
    # The tips are not counted as changed words either.
    assert [(row["words_added"], row["words_removed"]) for row in rows[1:]] == [(7, 0), (3, 3)]
    changes = db.conn.total_changes
    assert rebuild_versions(db, policy_id) == 3
    assert db.conn.total_changes == changes


def test_a_sentence_dropped_and_restored_is_not_mistaken_for_rotation(db: Database) -> None:
    extra = "We delete inactive accounts after two years."
    present = [False, False, True, True, False, False, True, True]
    texts = [
        policy_with(TIPS[n % 3], extra=extra if there else None) for n, there in enumerate(present)
    ]
    policy_id, records = captures_of(db, len(texts))
    for record, markdown in zip(records, texts, strict=True):
        fetch(db, policy_id, record, text=extraction(markdown))
    assert rebuild_versions(db, policy_id) == 4
    assert [row["capture_count"] for row in versions(db, policy_id)] == [2, 2, 2, 2]


def test_change_points_keep_their_origin_and_new_ones_get_the_rebuilds(
    db: Database, aabba: int
) -> None:
    from store.save import start_reextraction

    rebuild_versions(db, aabba)
    assert [row["change_origin"] for row in versions(db, aabba)] == [None, "crawl", "crawl"]
    capture_ids = [row["id"] for row in db.table("captures").rows_where(order_by="timestamp")]
    before = change_points(db)
    assert set(before) == {(aabba, capture_ids[2]), (aabba, capture_ids[4])}
    # A better extractor finds that the second capture already had text B.
    run_id = start_reextraction(db, extractor="policyarchive-extract 2", classifier="test")
    fetch(db, aabba, cdx_records()[1], text=fixture_text("B"))
    origin = reextraction_origin(run_id, "policyarchive-extract 2")
    assert rebuild_versions(db, aabba, origin) == 3
    rows = versions(db, aabba)
    assert [(row["first_seen"], row["change_origin"], row["reextraction_id"]) for row in rows] == [
        ("20190101000000", None, None),
        ("20190601120000", "reextraction policyarchive-extract 2", run_id),
        ("20210101000000", "crawl", None),
    ]
    after = change_points(db)
    assert after.keys() - before.keys() == {(aabba, capture_ids[1])}
    assert before.keys() - after.keys() == {(aabba, capture_ids[2])}
    assert after[(aabba, capture_ids[1])] == ChangePoint(
        aabba, capture_ids[1], "20190601120000", f"{aabba}:20190601120000"
    )


def test_texts_from_an_older_normalizer_are_renormalized_before_comparing(
    db: Database,
) -> None:
    policy_id, records = captures_of(db, 2)
    before = extraction("We keep logs.\n\nWrite to us.")
    after = extraction("We keep logs.\n\nWrite  to us.")
    fetch(db, policy_id, records[0], text=before)
    # Saved by the rules of an older release, which hashed the text another way.
    db.execute("UPDATE texts SET normalized_hash = 'old rules', normalizer = '1'")
    fetch(db, policy_id, records[1], text=after)
    assert rebuild_versions(db, policy_id) == 1
    assert {row["normalizer"] for row in db.table("texts").rows} == {NORMALIZER_VERSION}
    assert {row["normalized_hash"] for row in db.table("texts").rows} == {before.text_hash}


def test_refresh_normalized_hashes_only_touches_stale_texts(db: Database, aabba: int) -> None:
    assert refresh_normalized_hashes(db, aabba) == 0
    db.execute("UPDATE texts SET normalized_hash = 'old rules', normalizer = '1'")
    other = save_policy(db, "example.org", "https://example.org/privacy")
    assert refresh_normalized_hashes(db, other) == 0
    assert refresh_normalized_hashes(db, aabba) == 2
    stored = {row["hash"]: row["normalized_hash"] for row in db.table("texts").rows}
    assert stored == {hash_of(key): fixture_text(key).text_hash for key in "AB"}
    assert refresh_normalized_hashes(db, aabba) == 0


def test_a_rebuild_reuses_the_change_sizes_it_stored(
    db: Database, aabba: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuild_versions(db, aabba)
    sizes = [(row["words_added"], row["words_removed"]) for row in versions(db, aabba)]
    assert sizes == [(None, None), (12, 7), (7, 12)]

    def no_diff(*args: object) -> tuple[int, int]:
        raise AssertionError("the texts were diffed again")

    monkeypatch.setattr(versions_module, "word_changes", no_diff)
    assert rebuild_versions(db, aabba) == 3
