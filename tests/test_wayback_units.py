"""The pure parts of crawler.wayback: archives, URLs, CDX parameters and parsing, timestamps,
memento readings and redirect trails. Recorded responses are read in place, with no server."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from recordings import CDX_TOOLKIT, Recorded, cassette

from crawler.exceptions import (
    ArchiveConfigError,
    BlockedSiteError,
    MementoOutsideWindowError,
    MementoPlaybackError,
    NoMementoError,
    RateLimitError,
    TooManyRedirectsError,
    UnexpectedResponseFormat,
)
from crawler.wayback import (
    DEFAULT_RETRY_AFTER,
    Archive,
    Arrived,
    CdxQuery,
    Dialect,
    Failed,
    FetchOutcome,
    Follow,
    MementoKind,
    MementoReading,
    MementoTrail,
    MementoUrl,
    Mode,
    parse_cdx,
    parse_timestamp,
    read_memento,
    timestamp_from_http_date,
)

# Many tests here read the recordings in ../shared/realdata.
pytestmark = pytest.mark.realdata

IA = Archive.from_url("https://web.archive.org")
PYWB = Archive.from_url("http://127.0.0.1:8080/sample")


def recorded(name: str, index: int = 0) -> Recorded:
    return cassette(name)[index]


def read(name: str, index: int = 0, archive: Archive = IA) -> MementoReading:
    """What read_memento makes of one recorded web.archive.org answer."""
    answer = recorded(name, index)
    return read_memento(archive, answer.uri, answer.status, answer.header_map, answer.body)


# --- archives ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "dialect", "base", "kind"),
    [
        ("https://web.archive.org", "auto", "https://web.archive.org", Dialect.IA),
        ("https://web.archive.org/", "auto", "https://web.archive.org", Dialect.IA),
        ("https://web.archive.org/web/", "auto", "https://web.archive.org", Dialect.IA),
        (" http://127.0.0.1:8080/sample/ ", "auto", "http://127.0.0.1:8080/sample", Dialect.PYWB),
        ("http://127.0.0.1:8080", "pywb", "http://127.0.0.1:8080", Dialect.PYWB),
        ("http://127.0.0.1:8080/wayback", "ia", "http://127.0.0.1:8080/wayback", Dialect.IA),
        ("https://web.archive.org", Dialect.IA, "https://web.archive.org", Dialect.IA),
    ],
)
def test_archive_from_url(url: str, dialect: str, base: str, kind: Dialect) -> None:
    archive = Archive.from_url(url, dialect)
    assert archive.base_url == base
    assert archive.dialect is kind


@pytest.mark.parametrize(
    ("url", "dialect", "complaint"),
    [
        ("web.archive.org", "auto", "is not an http(s) URL"),
        ("ftp://web.archive.org", "auto", "is not an http(s) URL"),
        ("https://", "auto", "is not an http(s) URL"),
        ("", "auto", "is not an http(s) URL"),
        ("https://web.archive.org", "wayback", "dialect 'wayback' is unknown"),
    ],
)
def test_archive_from_url_rejects_bad_input(url: str, dialect: str, complaint: str) -> None:
    with pytest.raises(ArchiveConfigError, match=complaint.replace("(", r"\(").replace(")", r"\)")):
        Archive.from_url(url, dialect)


def test_endpoints_of_both_dialects() -> None:
    assert IA.cdx_endpoint == "https://web.archive.org/cdx/search/cdx"
    assert IA.memento_prefix == "https://web.archive.org/web/"
    assert PYWB.cdx_endpoint == "http://127.0.0.1:8080/sample/cdx"
    assert PYWB.memento_prefix == "http://127.0.0.1:8080/sample/"


# --- memento URLs -----------------------------------------------------------------------------

ORIGINALS = [
    "https://www.fws.gov/birds/",
    "http://www.nasa.gov:80/",
    "https://idp.springer.com/authorize?response_type=cookie&client_id=springerlink"
    "&redirect_uri=https://link.springer.com/article/10.1007/s00382-012-1331-2",
    "https://www.nasa.gov/%E2%80%A2/",
]


@pytest.mark.parametrize("archive", [IA, PYWB], ids=["ia", "pywb"])
@pytest.mark.parametrize("original", ORIGINALS)
@pytest.mark.parametrize("mode", [Mode.original, Mode.view])
def test_memento_url_round_trip(archive: Archive, original: str, mode: Mode) -> None:
    url = archive.memento_url("20200925075402", original, mode)
    assert archive.parse_memento_url(url) == MementoUrl("20200925075402", mode.value, original)


def test_memento_url_spelling() -> None:
    assert IA.memento_url("20171124151315", "https://www.fws.gov/birds/") == (
        "https://web.archive.org/web/20171124151315id_/https://www.fws.gov/birds/"
    )
    assert PYWB.memento_url("2017", "http://example.com/", Mode.view) == (
        "http://127.0.0.1:8080/sample/2017/http://example.com/"
    )


@pytest.mark.parametrize(
    "url",
    [
        # path only, as in the archived 301 of test_get_memento_with_path_based_redirects
        "/web/20201027215555id_/https://www.whitehouse.gov/ostp/about/student/faqs",
        # schemeless, as in test_get_memento_with_schemeless_redirects
        "//web.archive.org/web/20201027215555id_/https://www.whitehouse.gov/ostp/about/student/faqs",
        # another scheme, and a host in capitals
        "http://WEB.archive.org/web/20201027215555id_/https://www.whitehouse.gov/ostp/about/student/faqs",
        # the scheme's slashes collapsed
        "https://web.archive.org/web/20201027215555id_/https:/www.whitehouse.gov/ostp/about/student/faqs",
    ],
)
def test_parse_memento_url_accepts_the_forms_the_archive_sends(url: str) -> None:
    assert IA.parse_memento_url(url) == MementoUrl(
        "20201027215555", "id_", "https://www.whitehouse.gov/ostp/about/student/faqs"
    )


@pytest.mark.parametrize(
    ("archive", "url"),
    [
        (IA, "https://example.org/web/20201027215555id_/https://example.com/"),
        (IA, "https://web.archive.org/web/timemap/link/https://www.fws.gov/birds/"),
        (IA, "https://web.archive.org/cdx/search/cdx?url=nasa.gov"),
        (PYWB, "http://127.0.0.1:8080/other/20201027215555id_/https://example.com/"),
        (PYWB, "https://www.whitehouse.gov/ostp/about/student/faqs"),
    ],
)
def test_parse_memento_url_refuses_other_urls(archive: Archive, url: str) -> None:
    assert archive.parse_memento_url(url) is None


# --- CDX parameters ---------------------------------------------------------------------------


def test_ia_cdx_url_is_the_recorded_one_byte_for_byte() -> None:
    query = CdxQuery(
        "nasa.gov/",
        match_type="prefix",
        from_="20220101000000",
        to="20220201000000",
        limit=10,
        filters=("statuscode:404", "urlkey:.*feature.*"),
        collapse=None,
        resolve_revisits=True,
    )
    assert IA.cdx_url(query) == recorded("test_search_with_filter_list", 1).uri


def test_ia_cdx_url_sends_the_resume_key_back_as_received() -> None:
    query = CdxQuery(
        "cnn.com",
        from_="20010410000000",
        to="20010510000000",
        limit=25,
        filters=(),
        collapse=None,
        resolve_revisits=True,
    )
    key = "com%2Ccnn%29%2F+2001041400593%3A"  # the last line of the first page
    assert IA.cdx_url(query, key) == recorded("test_search_multipage", 1).uri


def test_ia_cdx_params_for_a_crawl() -> None:
    assert IA.cdx_params(CdxQuery("example.com/privacy", from_="2018")) == [
        ("url", "example.com/privacy"),
        ("from", "2018"),
        ("filter", "statuscode:[23].."),
        ("collapse", "digest"),
        ("showResumeKey", "true"),
    ]


def test_ia_cdx_params_for_json_pages() -> None:
    query = CdxQuery(
        "commoncrawl.org/*",
        filters=(),
        collapse=None,
        limit=10,
        output="json",
        page=0,
        show_resume_key=False,
    )
    params = IA.cdx_params(query)
    recorded_params = json.loads((CDX_TOOLKIT / "test_multi_ia.jsonl").read_text().splitlines()[0])
    sent = {k: str(v) for k, v in recorded_params["request_params"].items() if v is not None}
    assert dict(params) == sent


def test_pywb_cdx_params_speak_pywb() -> None:
    query = CdxQuery(
        "example.com/privacy",
        match_type="prefix",
        from_="2018",
        to="2020",
        limit=5,
        filters=("statuscode:[23]..", "!mimetype:warc/revisit", "digest:ABC"),
        collapse="digest",
        resolve_revisits=True,
    )
    assert PYWB.cdx_params(query, resume_key="ignored") == [
        ("url", "example.com/privacy"),
        ("matchType", "prefix"),
        ("from", "2018"),
        ("to", "2020"),
        ("limit", "5"),
        ("filter", "~status:[23].."),
        ("filter", "!~mime:warc/revisit"),
        ("filter", "~digest:ABC"),
        ("allowFuzzy", "false"),
        ("fl", "urlkey,timestamp,url,mime,status,digest,length"),
        ("output", "text"),
    ]
    sent = dict(parse_qsl(urlsplit(PYWB.cdx_url(query)).query))
    assert "collapse" not in sent and "showResumeKey" not in sent and "resumeKey" not in sent


# --- CDX parsing ------------------------------------------------------------------------------


def test_parse_cdx_reads_the_resume_key_and_counts_repeats() -> None:
    page = parse_cdx(recorded("test_search_multipage", 0).body.decode(), "q")
    assert page.resume_key == "com%2Ccnn%29%2F+2001041400593%3A"
    assert len(page.records) == 7
    assert page.duplicates == 18
    assert page.skipped == []


def test_parse_cdx_drops_repeats_across_pages_with_one_seen_set() -> None:
    seen: set[tuple[str, str, str]] = set()
    pages = [parse_cdx(r.body.decode(), "q", seen) for r in cassette("test_search_with_date")]
    assert [len(p.records) for p in pages] == [995, 973, 237]
    assert sum(p.duplicates for p in pages) == 40
    assert pages[-1].resume_key is None


def test_parse_cdx_of_an_empty_last_page() -> None:
    page = parse_cdx(recorded("test_search_multipage", 14).body.decode(), "q")
    assert page.records == [] and page.resume_key is None


def test_parse_cdx_reads_ia_json_with_a_resume_key() -> None:
    text = json.dumps(
        [
            ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"],
            ["com,example)/", "20020120142510", "http://example.com:80/", "text/html", "200",
             "HT2DYGA5UKZCPBSFVCV3JOBXGW2G5UUA", "1792"],
            ["com,example)/", "20020328012821", "http://www.example.com:80/", "warc/revisit", "-",
             "HT2DYGA5UKZCPBSFVCV3JOBXGW2G5UUA", "-"],
            [],
            ["com%2Cexample%29%2F+20020328012822"],
        ]
    )  # fmt: skip
    page = parse_cdx(text, "q")
    assert page.resume_key == "com%2Cexample%29%2F+20020328012822"
    assert page.records[1].statuscode is None and page.records[1].length is None
    assert page.records[1].is_revisit


def test_parse_cdx_reads_pywb_json_lines_from_a_real_pywb_index() -> None:
    # index.commoncrawl.org runs pywb's CDX server: one JSON object a line, url/mime/status.
    entry = json.loads((CDX_TOOLKIT / "test_capture_object.jsonl").read_text().splitlines()[1])
    assert entry["url"].startswith("https://index.commoncrawl.org/")
    (record,) = parse_cdx(entry["response_text"], entry["url"]).records
    assert record.original == "http://www.example.com/"
    assert record.mimetype == "text/html"
    assert record.statuscode == 200
    assert record.timestamp == "20250802232428"
    assert record.length == 1219


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("com,example)/ 2002 http://example.com/ text/html 200 ABC\n", "com,example)/ 2002"),
        ("com,example)/ 2002x http://example.com/ text/html 200 ABC 12\n", "2002x"),
        ("com,example)/ 2002 http://example.com/ text/html OK ABC 12\n", " OK "),
        ('[["urlkey"], {"not": "a row"}]', '{"not": "a row"}'),
        ("[not json", "[not json"),
        ('{"urlkey": "com,example)/"}\n', '{"urlkey": "com,example)/"}'),
    ],
)
def test_parse_cdx_raises_on_what_is_not_cdx(text: str, line: str) -> None:
    with pytest.raises(UnexpectedResponseFormat) as caught:
        parse_cdx(text, "https://web.archive.org/cdx/search/cdx?url=example.com")
    assert line in caught.value.line
    assert caught.value.query == "https://web.archive.org/cdx/search/cdx?url=example.com"


# --- timestamps -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("timestamp", "moment"),
    [
        ("20171124151315", datetime(2017, 11, 24, 15, 13, 15, tzinfo=UTC)),
        ("20000012170449", datetime(2000, 1, 12, 17, 4, 49, tzinfo=UTC)),  # month 00
        ("20000800241623", datetime(2000, 8, 1, 23, 16, 23, tzinfo=UTC)),  # day 00, hour 24
        ("20190231000000", datetime(2019, 2, 28, tzinfo=UTC)),
        ("20200231000000", datetime(2020, 2, 29, tzinfo=UTC)),
        ("20190431126099", datetime(2019, 4, 30, 12, 59, 59, tzinfo=UTC)),
        ("99999999999999", datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)),
        ("2001", datetime(2001, 1, 1, tzinfo=UTC)),
        ("200104", datetime(2001, 4, 1, tzinfo=UTC)),
        ("2001041", datetime(2001, 4, 10, tzinfo=UTC)),
        ("2001041400593", datetime(2001, 4, 14, 0, 59, 30, tzinfo=UTC)),
    ],
)
def test_parse_timestamp_clamps_impossible_fields(timestamp: str, moment: datetime) -> None:
    assert parse_timestamp(timestamp) == moment


@pytest.mark.parametrize("timestamp", ["", "200", "2001-04-10", "200104101200000", "abcd"])
def test_parse_timestamp_refuses_what_is_not_a_timestamp(timestamp: str) -> None:
    with pytest.raises(ValueError, match="not a Wayback timestamp"):
        parse_timestamp(timestamp)


def test_timestamp_from_http_date() -> None:
    assert timestamp_from_http_date("Sat, 01 Feb 2020 02:37:57 GMT") == "20200201023757"
    with pytest.raises(ValueError, match="not an HTTP date"):
        timestamp_from_http_date("yesterday")


# --- reading memento responses ----------------------------------------------------------------


def test_read_memento_capture() -> None:
    reading = read("test_get_memento")
    assert reading.kind is MementoKind.CAPTURE
    assert reading.memento_datetime == "20171124151315"
    assert reading.status == 200


def test_read_memento_archived_404_and_429_are_captures() -> None:
    archived_404 = read("test_get_memento_with_path_based_redirects", 2)
    archived_429 = read("test_get_memento_works_on_archived_rate_limit_responses")
    assert (archived_404.kind, archived_404.status) == (MementoKind.CAPTURE, 404)
    assert (archived_429.kind, archived_429.status) == (MementoKind.CAPTURE, 429)
    assert archived_429.memento_datetime == "20150129034904"


def test_read_memento_archive_redirect() -> None:
    reading = read("test_get_memento_follows_historical_redirects", 0)
    assert reading.kind is MementoKind.ARCHIVE_REDIRECT
    assert reading.location == (
        "https://web.archive.org/web/20200201023757id_/https://www.epa.gov/climatechange"
    )
    assert reading.reason == "found capture at 20200201023757"
    assert reading.memento_datetime is None


@pytest.mark.parametrize(
    ("name", "location"),
    [
        (
            "test_get_memento_follows_historical_redirects",
            "https://web.archive.org/web/20200201023757id_/"
            "https://www.epa.gov/sites/production/files/signpost/cc.html",
        ),
        (
            "test_get_memento_with_path_based_redirects",
            "https://web.archive.org/web/20201027215555id_/"
            "https://www.whitehouse.gov/ostp/about/student/faqs",
        ),
        (
            "test_get_memento_with_schemeless_redirects",
            "https://web.archive.org/web/20201102232816id_/https://www.census.gov/geo/gssi/",
        ),
    ],
)
def test_read_memento_historical_redirect_locations_are_absolute(name: str, location: str) -> None:
    index = 1 if name == "test_get_memento_follows_historical_redirects" else 0
    reading = read(name, index)
    assert reading.kind is MementoKind.HISTORICAL_REDIRECT
    assert reading.location == location


def test_read_memento_maps_a_pywb_live_location_back_into_the_archive() -> None:
    # pywb plays an archived 301 back with the live URL as Location.
    reading = read_memento(
        PYWB,
        "http://127.0.0.1:8080/sample/20200201023757id_/https://www.epa.gov/climatechange",
        301,
        {
            "Location": "/sites/production/files/signpost/cc.html",
            "Memento-Datetime": "Sat, 01 Feb 2020 02:37:57 GMT",
        },
    )
    assert reading.kind is MementoKind.HISTORICAL_REDIRECT
    assert reading.location == (
        "http://127.0.0.1:8080/sample/20200201023757id_/"
        "https://www.epa.gov/sites/production/files/signpost/cc.html"
    )


def test_read_memento_blocked_as_the_archive_really_answers() -> None:
    reading = read("test_get_memento_raises_blocked_error")
    assert reading.kind is MementoKind.BLOCKED
    assert reading.status == 200


def test_read_memento_blocked_with_the_runtime_error_header() -> None:
    blocked = recorded("test_search_raises_for_blocked_urls")
    url = IA.memento_url("2019", "https://nationalpost.com/health")
    reading = read_memento(IA, url, 403, blocked.header_map)
    assert reading.kind is MementoKind.BLOCKED
    assert "AdministrativeAccessControlException" in reading.reason


def test_read_memento_no_memento() -> None:
    reading = read("test_get_memento_raises_no_memento_error")
    assert (reading.kind, reading.status) == (MementoKind.NO_MEMENTO, 404)


def test_read_memento_live_rate_limit() -> None:
    url = IA.memento_url("20171124151315", "https://www.fws.gov/birds/")
    plain = read_memento(IA, url, 429, {"Content-Type": "text/html"})
    told = read_memento(IA, url, 429, {"Retry-After": "120"})
    assert plain.kind is MementoKind.RATE_LIMITED
    assert plain.retry_after == DEFAULT_RETRY_AFTER == 60
    assert told.retry_after == 120


def test_read_memento_errors() -> None:
    # View mode plays an archived 301 back as a 200 page without Memento-Datetime.
    view_page = read("test_get_memento_with_redirect_in_view_mode", 0)
    assert view_page.kind is MementoKind.ERROR
    assert view_page.reason == "no Memento-Datetime: an archive page, not a capture"
    url = IA.memento_url("20171124151315", "https://www.fws.gov/birds/")
    out = read_memento(IA, url, 302, {"Location": "https://www.fws.gov/birds/"})
    assert out.kind is MementoKind.ERROR and "out of the archive" in out.reason
    server_error = read_memento(IA, url, 503, {})
    assert server_error.kind is MementoKind.ERROR and server_error.status == 503
    garbled = read_memento(IA, url, 200, {"Memento-Datetime": "soon"})
    assert garbled.kind is MementoKind.ERROR


# --- redirect trails --------------------------------------------------------------------------


def archive_redirect(url: str, location: str) -> MementoReading:
    return MementoReading(MementoKind.ARCHIVE_REDIRECT, 302, url, None, location, "found")


def historical_redirect(url: str, location: str, when: str) -> MementoReading:
    return MementoReading(MementoKind.HISTORICAL_REDIRECT, 301, url, when, location, "archived")


def test_trail_measures_the_window_from_the_capture_asked_for() -> None:
    trail = MementoTrail(IA, "20200101000000", "https://a.example/", timedelta(hours=24))
    first = archive_redirect(
        trail.start_url, IA.memento_url("20200101200000", "https://a.example/")
    )
    step = trail.step(first)
    assert isinstance(step, Follow) and not step.historical
    moved_to = IA.memento_url("20200101200000", "https://b.example/")
    moved = historical_redirect(step.url, moved_to, "20200101200000")
    step = trail.step(moved)
    assert isinstance(step, Follow) and step.historical
    # 20 hours and then 10 more: each hop is inside a day, the whole drift is not.
    step = trail.step(
        archive_redirect(step.url, IA.memento_url("20200102060000", "https://b.example/"))
    )
    assert isinstance(step, Failed)
    assert step.outcome is FetchOutcome.OUTSIDE_WINDOW
    assert isinstance(step.error, MementoOutsideWindowError)
    assert (step.error.target, step.error.found) == ("20200101000000", "20200102060000")


def test_trail_stays_in_id_mode_whatever_the_location_says() -> None:
    trail = MementoTrail(IA, "20201027215555", "https://www.whitehouse.gov/a")
    view_location = "https://web.archive.org/web/20201027220743/https://www.whitehouse.gov/a"
    step = trail.step(archive_redirect(trail.start_url, view_location))
    assert isinstance(step, Follow)
    assert step.url == "https://web.archive.org/web/20201027220743id_/https://www.whitehouse.gov/a"


def test_trail_stops_after_max_hops() -> None:
    trail = MementoTrail(IA, "20200101000000", "https://a.example/0", max_hops=2)
    url = trail.start_url
    outcome: Follow | Arrived | Failed | None = None
    for hop in range(1, 5):
        location = IA.memento_url("20200101000000", f"https://a.example/{hop}")
        outcome = trail.step(historical_redirect(url, location, "20200101000000"))
        if not isinstance(outcome, Follow):
            break
        url = outcome.url
    assert isinstance(outcome, Failed)
    assert isinstance(outcome.error, TooManyRedirectsError)
    assert len(trail.visited) == 3


@pytest.mark.parametrize(
    ("kind", "status", "outcome", "error"),
    [
        (MementoKind.BLOCKED, 403, FetchOutcome.BLOCKED, BlockedSiteError),
        (MementoKind.NO_MEMENTO, 404, FetchOutcome.NO_MEMENTO, NoMementoError),
        (MementoKind.RATE_LIMITED, 429, FetchOutcome.RATE_LIMITED, RateLimitError),
        (MementoKind.ERROR, 503, FetchOutcome.HTTP_ERROR, MementoPlaybackError),
    ],
)
def test_trail_failures_carry_typed_errors(
    kind: MementoKind, status: int, outcome: FetchOutcome, error: type[Exception]
) -> None:
    reading = MementoReading(kind, status, "https://web.archive.org/web/2020id_/https://a.example/")
    step = MementoTrail(IA, "2020", "https://a.example/").step(reading)
    assert isinstance(step, Failed)
    assert step.outcome is outcome
    assert isinstance(step.error, error)


def test_trail_rate_limit_waits_a_minute_by_default() -> None:
    step = MementoTrail(IA, "2020", "https://a.example/").step(
        MementoReading(MementoKind.RATE_LIMITED, 429, "u")
    )
    assert isinstance(step, Failed) and isinstance(step.error, RateLimitError)
    assert step.error.retry_after == 60


def test_fetch_outcomes_are_plain_strings() -> None:
    assert FetchOutcome.INTERRUPTED == "interrupted"
    assert str(FetchOutcome.OK) == "ok"
    assert f"{Mode.original}" == "id_"
