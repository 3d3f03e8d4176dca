"""The replay server itself: it must answer like the archive did, and fail loudly otherwise."""

from __future__ import annotations

from urllib.error import HTTPError
from urllib.request import HTTPRedirectHandler, Request, build_opener

import pytest
from recordings import (
    MISS_STATUS,
    Recorded,
    RecordingServer,
    all_recordings,
    cassette,
    request_key,
)

pytest_plugins = ["recordings"]
# Everything here reads the recordings in ../shared/realdata.
pytestmark = pytest.mark.realdata


class _Stay(HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """GET without following redirects."""
    try:
        with build_opener(_Stay()).open(Request(url), timeout=5) as answer:
            return answer.status, dict(answer.headers.items()), answer.read()
    except HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def test_every_archive_answer_is_loaded() -> None:
    recordings = all_recordings()
    # 100 interactions in EDGI's test cassettes, 2 in its docs cassette, 7 from cdx_toolkit.
    assert len(recordings) == 109
    assert sum(r.source.startswith("test_search_multipage#") for r in recordings) == 15
    assert all(r.body[:2] != b"\x1f\x8b" for r in recordings)


def test_unmatched_requests_get_599_naming_the_request(recording_server: RecordingServer) -> None:
    status, _, body = fetch(recording_server.url("/web/2020id_/https://nowhere.example/?a=1"))
    assert status == MISS_STATUS
    assert body == b"no recording for GET /web/2020id_/https://nowhere.example/?a=1\n"


def test_query_order_does_not_matter(recording_server: RecordingServer) -> None:
    reordered = (
        "/cdx/search/cdx?resolveRevisits=true&showResumeKey=true&to=19970201000000"
        "&from=19961001000000&limit=1000&url=nasa.gov"
    )
    status, headers, body = fetch(recording_server.url(reordered))
    assert status == 200
    assert body.count(b"gov,nasa)/ 19961231235847 ") == 3
    assert int(headers["Content-Length"]) == len(body)
    assert "content-encoding" not in {name.lower() for name in headers}


def test_a_repeated_parameter_must_repeat(recording_server: RecordingServer) -> None:
    one_filter = (
        "/cdx/search/cdx?url=nasa.gov%2F&matchType=prefix&limit=10&from=20220101000000"
        "&to=20220201000000&filter=urlkey%3A.%2Afeature.%2A&showResumeKey=true&resolveRevisits=true"
    )
    assert fetch(recording_server.url(one_filter))[0] == MISS_STATUS


def test_percent_encoded_paths_match(recording_server: RecordingServer) -> None:
    # cdx_toolkit recorded /web/20080328041443id_/http%3A//www.commoncrawl.org%3A80/
    encoded = fetch(
        recording_server.url("/web/20080328041443id_/http%3A//www.commoncrawl.org%3A80/")
    )
    plain = fetch(recording_server.url("/web/20080328041443id_/http://www.commoncrawl.org:80/"))
    assert encoded[0] == plain[0] == 200
    assert encoded[2] == plain[2]


def test_archive_urls_in_headers_point_back_at_the_server(
    recording_server: RecordingServer,
) -> None:
    base = recording_server.base_url
    host = base.removeprefix("http://")
    _, absolute, _ = fetch(
        recording_server.url("/web/20171101000000id_/https://www.fws.gov/birds/")
    )
    assert absolute["Location"] == f"{base}/web/20171124151315id_/https://www.fws.gov/birds/"
    _, schemeless, _ = fetch(
        recording_server.url(
            "/web/20201102232816id_/https://www.census.gov/geography/gss-initiative.html"
        )
    )
    assert (
        schemeless["Location"] == f"//{host}/web/20201102232816id_/https://www.census.gov/geo/gssi/"
    )
    _, path_only, _ = fetch(
        recording_server.url(
            "/web/20201027215555id_/https://www.whitehouse.gov/administration/eop/ostp/about/student/faqs"
        )
    )
    assert path_only["Location"].startswith("/web/20201027215555id_/")
    _, capture, _ = fetch(recording_server.url("/web/20171124151315id_/https://www.fws.gov/birds/"))
    assert "web.archive.org" not in capture["link"]
    # The original URL in the Link header is not the archive's and stays as it was.
    assert capture["link"].startswith('<https://www.fws.gov/birds/>; rel="original"')


def test_several_answers_are_replayed_in_order_then_the_last_again() -> None:
    target = "/web/2020id_/https://a.example/"
    key = request_key("GET", target)
    answers = [
        Recorded("made-up#0", target, key, 503, "Busy", (), b"first"),
        Recorded("made-up#1", target, key, 200, "OK", (("Memento-Datetime", "x"),), b"second"),
    ]
    with RecordingServer(answers) as server:
        bodies = [fetch(server.url(target)) for _ in range(3)]
    assert [(status, body) for status, _, body in bodies] == [
        (503, b"first"),
        (200, b"second"),
        (200, b"second"),
    ]


def test_one_cassette_alone() -> None:
    with RecordingServer(cassette("test_search_multipage")) as server:
        assert fetch(server.url("/web/20171124151315id_/https://www.fws.gov/birds/"))[0] == 599
        first_page = cassette("test_search_multipage")[0].uri
        assert fetch(server.url(first_page))[0] == 200


def test_canned_answers_win_until_reset(recording_server: RecordingServer) -> None:
    fws = recording_server.url("/web/20171124151315id_/https://www.fws.gov/birds/")
    recording_server.rate_limit()
    status, headers, _ = fetch(fws)
    assert status == 429
    assert "Retry-After" not in headers and "Memento-Datetime" not in headers
    recording_server.reset()
    assert fetch(fws)[0] == 200
    assert len(recording_server.requests) == 1


def test_unknown_cassettes_are_named() -> None:
    with pytest.raises(FileNotFoundError, match="no_such_cassette"):
        cassette("no_such_cassette")
