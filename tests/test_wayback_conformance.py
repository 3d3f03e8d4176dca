"""The client against recorded web.archive.org traffic, replayed on loopback.

Each test asks exactly what the recorded client asked (same CDX parameters, same memento URLs)
and checks what the real archive answered: timestamps, URLs and counts read off the cassettes.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from itertools import islice

import pytest
from recordings import RecordingServer

from crawler.client import WaybackClient
from crawler.exceptions import (
    ArchiveHTTPError,
    BlockedSiteError,
    MementoOutsideWindowError,
    NoMementoError,
    RedirectLoopError,
)
from crawler.wayback import CdxQuery, format_timestamp

pytest_plugins = ["recordings"]
# Everything here reads the recordings in ../shared/realdata.
pytestmark = pytest.mark.realdata

USER_AGENT = "policyarchive-tests (+https://example.org/policyarchive)"


def every_row(url: str, **options: object) -> CdxQuery:
    """The EDGI client's query: no filter or collapse, resume keys and resolved revisits on."""
    defaults: dict[str, object] = {
        "filters": (),
        "collapse": None,
        "resolve_revisits": True,
        "show_resume_key": True,
    }
    return CdxQuery(url, **{**defaults, **options})  # type: ignore[arg-type]


@pytest.fixture
def client(recording_server: RecordingServer) -> WaybackClient:
    return WaybackClient(
        recording_server.archive, USER_AGENT, timeout=10, cdx_interval=0, memento_interval=0
    )


def cdx_calls(server: RecordingServer) -> list[str]:
    return [seen.target for seen in server.requests if seen.target.startswith("/cdx/")]


# --- CDX search -------------------------------------------------------------------------------


def test_search_follows_all_fifteen_pages_without_repeating_rows(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    query = every_row("cnn.com", from_="20010410000000", to="20010510000000", limit=25)
    records = list(client.search(query))

    calls = cdx_calls(recording_server)
    assert len(calls) == 15
    assert all(seen.status == 200 for seen in recording_server.requests)
    # Page 2 is asked for with the key page 1 ended with, sent back exactly as received.
    assert "resumeKey=com%252Ccnn%2529%252F%2B2001041400593%253A" in calls[1]
    # 14 pages of 25 rows; the archive lists each capture 2 to 4 times.
    assert len(records) == 96
    assert len({(r.timestamp, r.original, r.digest) for r in records}) == 96
    assert records[0].timestamp == "20010410213930"
    assert records[-1].timestamp == "20010509235544"
    assert [r.timestamp for r in records] == sorted(r.timestamp for r in records)
    assert Counter((r.statuscode, r.original) for r in records) == {
        (200, "http://www.cnn.com:80/"): 71,
        (302, "http://cnn.com:80/"): 25,
    }


def test_search_drops_identical_rows_of_one_capture(client: WaybackClient) -> None:
    query = every_row("nasa.gov", from_="19961001000000", to="19970201000000", limit=1000)
    records = list(client.search(query))
    # The archive sent this one row three times.
    assert len(records) == 1
    record = records[0]
    assert record.urlkey == "gov,nasa)/"
    assert record.timestamp == "19961231235847"
    assert record.original == "http://www.nasa.gov:80/"
    assert record.mimetype == "text/html"
    assert record.statuscode == 200
    assert record.digest == "MGIGF4GRGGF5GKV6VNCBAXOE3OR5BTZC"
    assert record.length == 1811


def test_search_does_not_repeat_results_and_keeps_revisits(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    query = every_row("energystar.gov/", from_="20200612000000", to="20200613000000", limit=1000)
    records = list(client.search(query))

    # No resume key came back, so one call was enough.
    assert len(cdx_calls(recording_server)) == 1
    assert len(records) == 15
    assert len({r.timestamp for r in records}) == 15
    revisits = [r for r in records if r.is_revisit]
    assert [r.timestamp for r in revisits] == ["20200612014014", "20200612061552", "20200612101422"]
    assert all(r.statuscode is None and r.mimetype == "warc/revisit" for r in revisits)
    # A revisit points at an earlier payload by digest: the 200 captures of the same page.
    full = {r.digest for r in records if r.statuscode == 200}
    assert {r.digest for r in revisits} == {"DBA3N454ZRZ42QEBER5QRT332DJTTLR5"} <= full
    assert [r.length for r in revisits] == [606, 605, 607]


def test_search_over_three_pages_of_a_thousand(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    query = every_row("dw.com", from_="20191001000000", to="20200301000000", limit=1000)
    records = list(client.search(query))
    assert len(cdx_calls(recording_server)) == 3
    # 2245 rows; 40 repeat a capture already listed, some with a length one byte off.
    assert len(records) == 2205
    assert sum(r.is_revisit for r in records) == 47
    assert records[0].timestamp == "20191001012455"
    assert records[-1].timestamp == "20200229222023"
    assert {r.mimetype for r in records} == {"warc/revisit", "text/html", "text/plain", "unk"}


def test_search_with_filter_is_lazy_about_the_next_page(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    query = every_row(
        "nasa.gov/",
        match_type="prefix",
        from_="20220101000000",
        to="20220201000000",
        limit=10,
        filters=("statuscode:404",),
    )
    records = list(islice(client.search(query), 10))
    assert len(records) == 10
    assert {r.statuscode for r in records} == {404}
    assert records[0].original == "http://www.nasa.gov/%20mission_pages/mars/news/marsmethane.html"
    # The page ended with a resume key, but nothing asked for an eleventh row yet.
    assert len(cdx_calls(recording_server)) == 1


def test_search_with_two_filters(client: WaybackClient, recording_server: RecordingServer) -> None:
    query = every_row(
        "nasa.gov/",
        match_type="prefix",
        from_="20220101000000",
        to="20220201000000",
        limit=10,
        filters=("statuscode:404", "urlkey:.*feature.*"),
    )
    records = list(client.search(query))
    assert len(records) == 6
    assert all(r.statuscode == 404 and "feature" in r.urlkey for r in records)
    assert records[-1].timestamp == "20220113133259"
    assert len(cdx_calls(recording_server)) == 1


def test_search_without_filters_on_the_same_prefix(client: WaybackClient) -> None:
    query = every_row(
        "nasa.gov/", match_type="prefix", from_="20220101000000", to="20220201000000", limit=10
    )
    records = list(islice(client.search(query), 10))
    assert [r.statuscode for r in records] == [200, 301, 200, 200, 200, 301, 301, 301, 200, 200]
    assert records[1].original == "http://www.nasa.gov/"


def test_search_raises_for_blocked_urls(client: WaybackClient) -> None:
    query = every_row(
        "https://nationalpost.com/health", from_="20191001000000", to="20191002000000", limit=1000
    )
    with pytest.raises(BlockedSiteError) as caught:
        list(client.search(query))
    assert caught.value.url == "https://nationalpost.com/health"
    assert "AdministrativeAccessControlException" in caught.value.reason


def test_search_takes_only_the_first_page_it_needs(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    # The recording stopped after one page of each query; a lazy search needs no more.
    first = list(
        islice(client.search(every_row("nasa.gov", from_="19961231235847", limit=1000)), 3)
    )
    later = next(client.search(every_row("nasa.gov", from_="19970101045847", limit=1000)))
    assert [r.timestamp for r in first] == ["19961231235847", "19970605230559", "19970711094601"]
    assert later.timestamp == "19970605230559"
    assert len(cdx_calls(recording_server)) == 2


def test_search_fails_loudly_when_a_page_is_missing(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    # The filtered search has a resume key whose page was never recorded: 599 from the replay.
    query = every_row(
        "nasa.gov/",
        match_type="prefix",
        from_="20220101000000",
        to="20220201000000",
        limit=10,
        filters=("statuscode:404",),
    )
    with pytest.raises(ArchiveHTTPError) as caught:
        list(client.search(query))
    assert caught.value.status == 599
    assert "resumeKey" in caught.value.url


def test_search_reads_json_output(client: WaybackClient) -> None:
    # cdx_toolkit asked for output=json and page=0, and no resume keys.
    query = CdxQuery(
        "commoncrawl.org/*",
        filters=(),
        collapse=None,
        limit=10,
        output="json",
        page=0,
        show_resume_key=False,
    )
    records = list(client.search(query))
    assert len(records) == 10
    assert records[0].urlkey == "org,commoncrawl)/"
    assert records[0].timestamp == "20080328041443"
    assert records[0].original == "http://www.commoncrawl.org:80/"
    assert records[0].digest == "YEIPJFLNQ4IJ3HP4YBDJBWGJL4MTEJ42"
    assert records[0].length == 1704


def test_search_reads_a_one_row_json_answer(client: WaybackClient) -> None:
    query = CdxQuery(
        "example.com",
        filters=(),
        collapse=None,
        limit=1,
        output="json",
        page=0,
        show_resume_key=False,
    )
    (record,) = client.search(query)
    assert record.timestamp == "20020120142510"
    assert record.original == "http://example.com:80/"
    assert record.statuscode == 200
    assert record.length == 1792


# --- mementos ---------------------------------------------------------------------------------


def test_get_memento_reads_capture_time_from_memento_datetime(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    memento = client.get_memento("https://www.fws.gov/birds/", "20171124151315")
    assert memento.timestamp == "20171124151315"
    assert memento.original == "https://www.fws.gov/birds/"
    assert (
        memento.url
        == f"{recording_server.base_url}/web/20171124151315id_/https://www.fws.gov/birds/"
    )
    assert memento.status == 200
    assert memento.history == ()
    assert len(memento.content) == 122756
    assert b"Migratory Bird Program | Conserving America's Birds" in memento.content
    assert memento.headers["x-archive-src"].startswith("archiveteam_archivebot_go_20171125060002/")
    # The Link header's archive URLs were pointed at the replay server.
    assert f"<{recording_server.base_url}/web/timemap/link/" in memento.headers["link"]


def test_get_memento_from_a_non_utc_datetime(client: WaybackClient) -> None:
    from datetime import datetime, timezone

    eastern = timezone(timedelta(hours=-5))
    timestamp = format_timestamp(datetime(2017, 11, 24, 10, 13, 15, tzinfo=eastern))
    assert timestamp == "20171124151315"
    assert client.get_memento("https://www.fws.gov/birds/", timestamp).status == 200


def test_get_memento_keeps_the_url_it_asked_for(client: WaybackClient) -> None:
    memento = client.get_memento("http://fws.gov/", "20171124143728")
    assert memento.original == "http://fws.gov/"
    assert memento.timestamp == "20171124143728"
    assert memento.content.startswith(b"\xef\xbb\xbf<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("asked", "hours_away"),
    [("20171124000000", 15), ("20171124151310", 0)],
)
def test_get_memento_follows_archive_redirects_inside_the_window(
    client: WaybackClient, recording_server: RecordingServer, asked: str, hours_away: int
) -> None:
    memento = client.get_memento("https://www.fws.gov/birds/", asked)
    assert memento.timestamp == "20171124151315"
    assert memento.history == (
        f"{recording_server.base_url}/web/{asked}id_/https://www.fws.gov/birds/",
    )
    assert int(memento.timestamp[8:10]) - int(asked[8:10]) == hours_away


def test_get_memento_refuses_archive_redirects_outside_the_window(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    with pytest.raises(MementoOutsideWindowError) as caught:
        client.get_memento("https://www.fws.gov/birds/", "20171101000000")
    assert caught.value.target == "20171101000000"
    assert caught.value.found == "20171124151315"
    # Refused from the redirect itself: the far capture was never fetched.
    assert len(recording_server.requests) == 1


def test_get_memento_accepts_the_same_redirect_with_a_wider_window(
    recording_server: RecordingServer,
) -> None:
    client = WaybackClient(
        recording_server.archive,
        USER_AGENT,
        window=timedelta(days=24),
        cdx_interval=0,
        memento_interval=0,
    )
    memento = client.get_memento("https://www.fws.gov/birds/", "20171101000000")
    assert memento.timestamp == "20171124151315"
    assert len(memento.history) == 1


def test_get_memento_refuses_a_capture_that_only_plays_back_six_days_away(
    client: WaybackClient,
) -> None:
    with pytest.raises(MementoOutsideWindowError) as caught:
        client.get_memento("https://www.fws.gov/birds/", "20150509080314")
    assert caught.value.found == "20150503090125"


def test_get_memento_follows_historical_redirect_chains(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    memento = client.get_memento("http://epa.gov/climatechange", "20200201020357")
    base = recording_server.base_url
    assert memento.history == (
        f"{base}/web/20200201020357id_/http://epa.gov/climatechange",
        f"{base}/web/20200201023757id_/https://www.epa.gov/climatechange",
        f"{base}/web/20200201023757id_/https://www.epa.gov/sites/production/files/signpost/cc.html",
    )
    assert memento.original == "https://www.epa.gov/sites/production/files/signpost/cc.html"
    assert memento.timestamp == "20200201024405"
    assert memento.status == 200
    assert len(memento.content) == 13031


def test_get_memento_follows_a_301_then_a_302(client: WaybackClient) -> None:
    memento = client.get_memento(
        "https://www.epa.gov/ghgreporting/san5779-factsheet", "20180808094144"
    )
    assert memento.original == (
        "https://www.epa.gov/ghgreporting/"
        "proposed-rule-fact-sheet-greenhouse-gas-reporting-program-addition-global-warming"
    )
    assert memento.timestamp == "20180808104500"
    assert memento.status == 200
    assert len(memento.history) == 2


def test_get_memento_follows_path_based_redirects_to_an_archived_404(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    # The archived 301's Location is a bare path: /web/20201027215555id_/https://...
    memento = client.get_memento(
        "https://www.whitehouse.gov/administration/eop/ostp/about/student/faqs", "20201027215555"
    )
    assert memento.history[1] == (
        f"{recording_server.base_url}/web/20201027215555id_/"
        "https://www.whitehouse.gov/ostp/about/student/faqs"
    )
    assert memento.original == "https://www.whitehouse.gov/ostp/about/student/faqs"
    assert memento.timestamp == "20201027220743"
    # An archived 404 has Memento-Datetime: it is a capture, not "no memento".
    assert memento.status == 404


def test_get_memento_follows_schemeless_redirects(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    # The archived 301's Location is //web.archive.org/web/20201102232816id_/https://...
    memento = client.get_memento(
        "https://www.census.gov/geography/gss-initiative.html", "20201102232816"
    )
    assert memento.history == (
        f"{recording_server.base_url}/web/20201102232816id_/"
        "https://www.census.gov/geography/gss-initiative.html",
        f"{recording_server.base_url}/web/20201102232816id_/https://www.census.gov/geo/gssi/",
    )
    assert memento.original == "https://www.census.gov/geo/gssi/"
    assert memento.timestamp == "20201102233026"
    assert memento.status == 404


def test_get_memento_detects_a_redirect_loop(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    start = "https://link.springer.com/article/10.1007/s00382-012-1331-2"
    with pytest.raises(RedirectLoopError) as caught:
        client.get_memento(start, "20200925075402")
    assert caught.value.url == f"{recording_server.base_url}/web/20200925075402id_/{start}"
    # article -> login at :02 -> login at :11 -> article at :11 -> article at :02 again.
    assert len(caught.value.chain) == 4
    assert len(recording_server.requests) == 4


def test_get_memento_raises_for_a_blocked_site(client: WaybackClient) -> None:
    # The archive answers 200 with its "excluded" page and no Memento-Datetime.
    with pytest.raises(BlockedSiteError) as caught:
        client.get_memento("https://nationalpost.com/health/", "20170929002712")
    assert caught.value.url.endswith("/web/20170929002712id_/https://nationalpost.com/health/")
    assert "excluded" in caught.value.reason


def test_get_memento_raises_when_there_is_no_memento(client: WaybackClient) -> None:
    with pytest.raises(NoMementoError) as caught:
        client.get_memento("https://this-is-not-real-url.whatever/", "20170929002712")
    assert caught.value.url.endswith(
        "/web/20170929002712id_/https://this-is-not-real-url.whatever/"
    )


def test_get_memento_returns_an_archived_429_as_a_capture(
    client: WaybackClient, recording_server: RecordingServer
) -> None:
    memento = client.get_memento("http://www.reddit.com/r/PokemonGiveaway", "20150129034904")
    assert memento.status == 429
    assert memento.timestamp == "20150129034904"
    assert memento.headers["x-archive-orig-retry-after"] == "6"
    assert b"please wait 6 second(s) and try again." in memento.content
    # Reddit's 429 from 2015 says nothing about the archive: the client is not paused.
    assert client.get_memento("https://www.fws.gov/birds/", "20171124151315").status == 200


def test_get_memento_reads_a_percent_encoded_memento_from_cdx_toolkit(
    client: WaybackClient,
) -> None:
    # cdx_toolkit asked for /web/20080328041443id_/http%3A//www.commoncrawl.org%3A80/.
    memento = client.get_memento("http://www.commoncrawl.org:80/", "20080328041443")
    assert memento.timestamp == "20080328041443"
    assert b"<title>CommonCrawl - About</title>" in memento.content


def test_get_memento_of_the_tutorial_capture(client: WaybackClient) -> None:
    memento = client.get_memento("http://www.nasa.gov/", "19961231235847")
    assert memento.timestamp == "19961231235847"
    assert memento.status == 200
