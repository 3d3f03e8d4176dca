"""What the real pywb 2.10 does with our archives: the behaviour the spider is built on.

One small fictional archive is built and served for the whole module. Each test pins one fact
about pywb's CDX API or its `id_` replay; where pywb differs from the Wayback Machine, the test
says so.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pywb_server import cdx_rows, cdx_timestamps, fetch, requires_pywb

from crawler.warcfile import sha1_base32
from replay.collection import build_collection
from replay.pywb import PywbServer
from replay.warcs import ArchivedResponse, write_warc

pytestmark = [pytest.mark.pywb, requires_pywb]

OLD = "http://www.shop.example/privacy"
NEW = "https://www.shop.example/legal/privacy"
GONE = "http://www.shop.example/legal/cookies"
NEVER = "http://www.shop.example/never-archived"
SLASHED = "http://www.shop.example/terms/"

V1 = "<html><head><meta charset='utf-8'></head><body>Privacy \u2013 v1</body></html>".encode()
V2 = b"<html><body><h1>Privacy policy</h1><p>Version two.</p></body></html>"
V3 = b"<html><body><h1>Privacy policy</h1><p>Version three.</p></body></html>"
MOVED = b"<html><body>Moved</body></html>"

CAPTURES = [
    ArchivedResponse(
        OLD,
        "20100101120000",
        200,
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Server", "Apache/2.2.3"),
            ("Date", "Fri, 01 Jan 2010 12:00:00 GMT"),
        ],
        V1,
    ),
    # Byte-identical to the first, so it has the same digest.
    ArchivedResponse(OLD, "20100601120000", 200, [], V1),
    ArchivedResponse(OLD, "20120101120000", 301, [("Location", NEW)], MOVED),
    # Crawled five seconds after the redirect, as the Wayback Machine does.
    ArchivedResponse(NEW, "20120101120005", 200, [], V2),
    ArchivedResponse(NEW, "20150101000000", 200, [], V3),
    ArchivedResponse(GONE, "20130101000000", 404, [], b"not here"),
    ArchivedResponse(SLASHED, "20110101000000", 200, [], b"terms"),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("pywb")
    warc = write_warc(CAPTURES, tmp_path_factory.mktemp("warcs") / "shop.warc.gz")
    build_collection(root, "shop", [warc])
    with PywbServer(root) as server:
        yield server.archive_url("shop")


def memento(archive: str, timestamp: str, url: str, mode: str = "id_") -> str:
    return f"{archive}/{timestamp}{mode}/{url}"


# --- CDX API ------------------------------------------------------------------------------------


def test_cdx_text_output_has_the_wayback_machines_seven_fields(archive: str) -> None:
    rows = cdx_rows(archive, OLD)
    assert [row[:6] for row in rows] == [
        ["example,shop)/privacy", "20100101120000", OLD, "text/html", "200", sha1_base32(V1)],
        ["example,shop)/privacy", "20100601120000", OLD, "text/html", "200", sha1_base32(V1)],
        ["example,shop)/privacy", "20120101120000", OLD, "text/html", "301", sha1_base32(MOVED)],
    ]
    # `length` is the size of the gzipped WARC record, not of the payload.
    assert all(row[6].isdigit() and int(row[6]) > len(V1) for row in rows)


def test_cdx_ignores_collapse(archive: str) -> None:
    timestamps = cdx_timestamps(archive, OLD, ("collapse", "digest"))
    assert timestamps == ["20100101120000", "20100601120000", "20120101120000"]


def test_cdx_filter_regex_needs_a_tilde(archive: str) -> None:
    site = [("matchType", "prefix")]
    everything = cdx_timestamps(archive, "http://www.shop.example/", *site)
    assert len(everything) == 7
    ok = cdx_rows(archive, "http://www.shop.example/", *site, ("filter", "~status:[23].."))
    assert sorted(row[4] for row in ok) == ["200", "200", "200", "200", "200", "301"]
    not_4xx = cdx_rows(archive, "http://www.shop.example/", *site, ("filter", "!~status:4.."))
    assert len(not_4xx) == 6
    # Without `~` the value is a substring to look for, and `=` asks for equality.
    contains = cdx_rows(archive, "http://www.shop.example/", *site, ("filter", "status:30"))
    assert [row[4] for row in contains] == ["301"]
    equals = cdx_rows(archive, OLD, ("filter", "=status:200"))
    assert [row[4] for row in equals] == ["200", "200"]
    # IA's field names work in pywb filters too.
    assert cdx_rows(archive, OLD, ("filter", "=statuscode:301"))[0][1] == "20120101120000"


def test_cdx_filter_that_matches_nothing_returns_every_row_unless_fuzzy_is_off(
    archive: str,
) -> None:
    # When a query finds nothing, pywb retries it as a "fuzzy" query without the filters. So a
    # 2xx/3xx filter on a URL that only has a 404 gives back the 404. allowFuzzy=false stops it.
    assert cdx_timestamps(archive, GONE, ("filter", "~status:[23]..")) == ["20130101000000"]
    no_fuzzy = ("allowFuzzy", "false")
    assert cdx_timestamps(archive, GONE, ("filter", "~status:[23].."), no_fuzzy) == []
    # The Wayback Machine's syntax without `~` is a substring test that matches nothing here.
    assert cdx_timestamps(archive, NEW, ("filter", "status:[23]..")) == [
        "20120101120005",
        "20150101000000",
    ]
    assert cdx_timestamps(archive, NEW, ("filter", "status:[23].."), no_fuzzy) == []


def test_cdx_from_and_to_are_inclusive_and_pad_partial_timestamps(archive: str) -> None:
    assert cdx_timestamps(archive, OLD, ("from", "2011")) == ["20120101120000"]
    assert cdx_timestamps(archive, OLD, ("to", "2010")) == ["20100101120000", "20100601120000"]
    exact = [("from", "20100601120000"), ("to", "20100601120000")]
    assert cdx_timestamps(archive, OLD, *exact) == ["20100601120000"]
    assert cdx_timestamps(archive, OLD, ("limit", "1")) == ["20100101120000"]


def test_cdx_matches_across_scheme_www_and_trailing_slash(archive: str) -> None:
    expected = cdx_rows(archive, OLD)
    for variant in ("https://shop.example/privacy", "www.shop.example/privacy/"):
        assert cdx_rows(archive, variant) == expected
    # The `url` field is what was archived, whatever spelling was asked for.
    assert {row[2] for row in cdx_rows(archive, "http://shop.example/legal/privacy")} == {NEW}


def test_cdx_for_unknown_url_or_collection_is_an_empty_200(archive: str) -> None:
    assert cdx_rows(archive, NEVER) == []
    reply = fetch(archive.rsplit("/", 1)[0] + "/no-such-collection/cdx?url=" + OLD)
    assert (reply.status, reply.body) == (200, b"")


# --- id_ replay ---------------------------------------------------------------------------------


def test_id_replay_of_a_200_returns_the_archived_bytes_with_memento_headers(archive: str) -> None:
    reply = fetch(memento(archive, "20100101120000", OLD))
    assert reply.status == 200
    assert reply.body == V1
    assert reply.header("Content-Type") == "text/html; charset=utf-8"
    assert reply.header("Content-Length") == str(len(V1))
    assert reply.header("Memento-Datetime") == "Fri, 01 Jan 2010 12:00:00 GMT"
    assert (reply.header("Link") or "").startswith(f'<{OLD}>; rel="original"')
    # Other archived headers come back renamed, so they cannot act on the client.
    assert reply.header("X-Archive-Orig-Server") == "Apache/2.2.3"
    assert reply.header("X-Archive-Orig-Date") == "Fri, 01 Jan 2010 12:00:00 GMT"
    assert reply.header("Server") is None


def test_id_replay_of_other_spellings_of_the_url_answers_directly(archive: str) -> None:
    reply = fetch(memento(archive, "20120101120005", "http://shop.example/legal/privacy"))
    assert (reply.status, reply.body) == (200, V2)
    assert (reply.header("Link") or "").startswith(f'<{NEW}>; rel="original"')


def test_missing_trailing_slash_redirects_307_to_the_archived_spelling(archive: str) -> None:
    # Same timestamp, different URL: a 307 does not always mean "another capture time".
    reply = fetch(memento(archive, "20110101000000", SLASHED.rstrip("/")))
    assert reply.status == 307
    assert reply.header("Location") == memento(archive, "20110101000000", SLASHED)


def test_inexact_timestamp_redirects_307_to_the_nearest_capture(archive: str) -> None:
    # 2011-03-01 is 9 months after the 2010-06-01 capture and 10 months before the 2012 one.
    reply = fetch(memento(archive, "20110301000000", OLD))
    assert reply.status == 307  # the Wayback Machine sends 302
    assert reply.header("Location") == memento(archive, "20100601120000", OLD)
    assert reply.header("Memento-Datetime") is None
    assert reply.header("Link") == f'<{OLD}>; rel="original"'
    assert reply.body == b""
    later = fetch(memento(archive, "20111001000000", OLD))
    assert later.header("Location") == memento(archive, "20120101120000", OLD)


def test_redirect_target_may_be_later_or_outside_the_captures_range(archive: str) -> None:
    seconds_early = fetch(memento(archive, "20120101120000", NEW))
    assert seconds_early.status == 307
    assert seconds_early.header("Location") == memento(archive, "20120101120005", NEW)
    before_first = fetch(memento(archive, "19900101000000", OLD))
    assert before_first.header("Location") == memento(archive, "20100101120000", OLD)
    after_last = fetch(memento(archive, "20300101000000", NEW))
    assert after_last.header("Location") == memento(archive, "20150101000000", NEW)


def test_partial_timestamp_means_the_end_of_that_period(archive: str) -> None:
    # "2011" is read as 2011-12-31 23:59:59, so the 2012 capture is nearest.
    reply = fetch(memento(archive, "2011", OLD))
    assert reply.header("Location") == memento(archive, "20120101120000", OLD)


def test_no_timestamp_is_a_timegate_to_the_latest_capture(archive: str) -> None:
    reply = fetch(f"{archive}/id_/{OLD}")
    assert reply.status == 307
    assert reply.header("Location") == memento(archive, "20120101120000", OLD)


def test_archived_301_replays_as_301_with_the_live_location(archive: str) -> None:
    reply = fetch(memento(archive, "20120101120000", OLD))
    assert reply.status == 301
    # id_ mode leaves the Location as archived: the live URL, which a crawler must map back
    # into the archive and never fetch. The Wayback Machine rewrites it into the archive.
    assert reply.header("Location") == NEW
    assert reply.header("Memento-Datetime") == "Sun, 01 Jan 2012 12:00:00 GMT"
    assert reply.body == MOVED
    rewritten = fetch(memento(archive, "20120101120000", OLD, mode=""))
    assert rewritten.status == 301
    assert rewritten.header("Location") == memento(archive, "20120101120000", NEW, mode="")


def test_archived_404_keeps_its_status_and_is_a_memento(archive: str) -> None:
    reply = fetch(memento(archive, "20130101000000", GONE))
    assert reply.status == 404
    assert reply.header("Memento-Datetime") == "Tue, 01 Jan 2013 00:00:00 GMT"
    assert reply.body == b"not here"


def test_url_with_no_capture_is_a_404_without_memento_headers(archive: str) -> None:
    for timestamp in ("20120101120000", "2012"):
        reply = fetch(memento(archive, timestamp, NEVER))
        assert reply.status == 404
        assert reply.header("Memento-Datetime") is None
        assert reply.header("Link") is None
        assert (reply.header("Content-Type") or "").startswith("text/html")
        assert b"URL Not Found" in reply.body
    unknown_collection = archive.rsplit("/", 1)[0] + "/no-such-collection"
    assert fetch(memento(unknown_collection, "20100101120000", OLD)).status == 404
