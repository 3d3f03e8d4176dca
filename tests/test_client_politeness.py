"""How the blocking client treats the archive: its name, its pace, 429s and dead servers."""

from __future__ import annotations

import gzip
import inspect
import socket
import time
from collections.abc import Iterator
from itertools import islice, pairwise

import pytest
from recordings import RecordingServer

from crawler.client import CDX_INTERVAL, MEMENTO_INTERVAL, WaybackClient, _Pacer
from crawler.exceptions import (
    ArchiveConfigError,
    ArchiveHTTPError,
    ArchiveUnreachableError,
    BadInputError,
    RateLimitError,
    UnexpectedResponseFormat,
)
from crawler.wayback import Archive, CdxQuery

pytest_plugins = ["recordings"]
# Everything here reads the recordings in ../shared/realdata.
pytestmark = pytest.mark.realdata

USER_AGENT = "policyarchive-tests/1.0 (+mailto:tests@example.org)"
FWS = ("https://www.fws.gov/birds/", "20171124151315")
ZEW_MEMENTO = ("http://www.zew.de/", "19970427191925")
# The query of EDGI's rate-limit cassettes, recorded several times over.
ZEW_SEARCH = CdxQuery("zew.de", filters=(), collapse=None, limit=1000, resolve_revisits=True)


def make_client(server: RecordingServer, **options: float) -> WaybackClient:
    settings = {"cdx_interval": 0.0, "memento_interval": 0.0, "timeout": 10.0, **options}
    return WaybackClient(server.archive, USER_AGENT, **settings)  # type: ignore[arg-type]


def gaps(server: RecordingServer) -> list[float]:
    """Seconds between the arrivals of successive requests, as the server saw them."""
    return [later.at - earlier.at for earlier, later in pairwise(server.requests)]


def assert_spaced(server: RecordingServer, interval: float) -> None:
    # Arrival times at the server carry thread and scheduler jitter of several milliseconds, so
    # this only shows that the pace is applied at all (unpaced, gaps are ~1 ms); the exact
    # spacing is checked against a fake clock in test_the_pacer_spaces_call_starts_exactly.
    assert sum(gaps(server)) >= interval * len(gaps(server)) * 0.8
    assert min(gaps(server)) >= interval * 0.5


def test_the_pacer_spaces_call_starts_exactly() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = _Pacer(0.125, clock=lambda: now[0], sleep=sleep)
    pacer.wait()  # the first call goes at once
    now[0] += 0.05  # the caller worked for 50 ms
    pacer.wait()
    now[0] += 0.5  # then idled longer than the interval
    pacer.wait()
    pacer.wait()
    assert slept == pytest.approx([0.075, 0.125])


def test_defaults_are_eighty_percent_of_the_archive_limits() -> None:
    assert CDX_INTERVAL == 2.5  # 0.4 calls a second, 24 a minute of the ~30 allowed
    assert MEMENTO_INTERVAL == 0.125  # 8 a second, 480 a minute of the ~600 allowed
    defaults = inspect.signature(WaybackClient).parameters
    assert defaults["cdx_interval"].default == CDX_INTERVAL
    assert defaults["memento_interval"].default == MEMENTO_INTERVAL


def test_every_request_carries_the_user_agent(recording_server: RecordingServer) -> None:
    client = make_client(recording_server)
    next(client.search(ZEW_SEARCH))
    client.get_memento(*ZEW_MEMENTO)
    assert len(recording_server.requests) == 2
    assert {seen.headers["User-Agent"] for seen in recording_server.requests} == {USER_AGENT}


def test_mementos_are_spaced_by_the_memento_interval(recording_server: RecordingServer) -> None:
    client = make_client(recording_server, memento_interval=0.1)
    for _ in range(4):
        assert client.get_memento(*ZEW_MEMENTO).timestamp == "19970427191925"
    assert len(recording_server.requests) == 4
    assert_spaced(recording_server, 0.1)


def test_cdx_calls_are_spaced_by_the_cdx_interval(recording_server: RecordingServer) -> None:
    client = make_client(recording_server, cdx_interval=0.1)
    for _ in range(3):
        first = next(client.search(ZEW_SEARCH))
        assert (first.timestamp, first.original) == ("19970427191925", "http://www.zew.de:80/")
    assert len(recording_server.requests) == 3
    assert_spaced(recording_server, 0.1)


def test_the_two_paces_are_independent(recording_server: RecordingServer) -> None:
    client = make_client(recording_server, cdx_interval=30, memento_interval=0)
    next(client.search(ZEW_SEARCH))
    started = time.monotonic()
    client.get_memento(*ZEW_MEMENTO)
    assert time.monotonic() - started < 5


def test_a_live_429_raises_and_pauses_every_request(recording_server: RecordingServer) -> None:
    client = make_client(recording_server)
    target = recording_server.archive.memento_url(FWS[1], FWS[0])
    recording_server.rate_limit(target)
    with pytest.raises(RateLimitError) as caught:
        client.get_memento(*FWS)
    # The Wayback Machine sends no Retry-After: wait the minute it expects.
    assert caught.value.retry_after == 60
    assert caught.value.url == target

    with pytest.raises(RateLimitError) as again:
        client.get_memento(*ZEW_MEMENTO)
    with pytest.raises(RateLimitError):
        next(client.search(ZEW_SEARCH))
    assert 55 < again.value.retry_after <= 60
    # Neither call reached the archive.
    assert len(recording_server.requests) == 1


def test_a_429_on_the_cdx_server_raises_too(recording_server: RecordingServer) -> None:
    client = make_client(recording_server)
    recording_server.rate_limit(recording_server.archive.cdx_url(ZEW_SEARCH))
    with pytest.raises(RateLimitError) as caught:
        next(client.search(ZEW_SEARCH))
    assert caught.value.retry_after == 60


def test_the_pause_ends_when_retry_after_says(recording_server: RecordingServer) -> None:
    client = make_client(recording_server)
    target = recording_server.archive.memento_url(FWS[1], FWS[0])
    recording_server.serve(target, 429, [("Retry-After", "1")], b"slow down")
    with pytest.raises(RateLimitError) as caught:
        client.get_memento(*FWS)
    assert caught.value.retry_after == 1
    time.sleep(1.05)
    assert client.get_memento(*ZEW_MEMENTO).status == 200


def test_an_archive_that_does_not_answer_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = WaybackClient(Archive.from_url(f"http://127.0.0.1:{port}"), USER_AGENT, timeout=2)
    with pytest.raises(ArchiveUnreachableError) as caught:
        client.get_memento(*FWS)
    assert caught.value.archive == f"http://127.0.0.1:{port}"
    with pytest.raises(ArchiveUnreachableError):
        next(client.search(ZEW_SEARCH))


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never says a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        yield listener.getsockname()[1]


def test_an_archive_that_hangs_times_out(silent_port: int) -> None:
    archive = Archive.from_url(f"http://127.0.0.1:{silent_port}")
    client = WaybackClient(archive, USER_AGENT, timeout=0.3, memento_interval=0)
    started = time.monotonic()
    with pytest.raises(ArchiveUnreachableError, match="timed out"):
        client.get_memento(*FWS)
    assert time.monotonic() - started < 3


def test_gzip_from_the_archive_is_undone(recording_server: RecordingServer) -> None:
    client = make_client(recording_server)
    target = recording_server.archive.memento_url("20200101000000", "https://a.example/")
    recording_server.serve(
        target,
        200,
        [
            ("Content-Encoding", "gzip"),
            ("Memento-Datetime", "Wed, 01 Jan 2020 00:00:00 GMT"),
            ("Content-Type", "text/html"),
        ],
        gzip.compress(b"<p>We value your privacy.</p>"),
    )
    memento = client.get_memento("https://a.example/", "20200101000000")
    assert memento.content == b"<p>We value your privacy.</p>"
    assert "Content-Encoding" not in memento.headers
    assert memento.headers["Content-Type"] == "text/html"


def test_a_resume_key_that_repeats_is_refused(recording_server: RecordingServer) -> None:
    client = make_client(recording_server)
    query = CdxQuery("a.example/privacy", filters=(), collapse=None)
    row = b"com,example)/privacy 20200101000000 https://a.example/privacy text/html 200 AAA 10"
    page = row + b"\n\nKEY\n"
    recording_server.serve(recording_server.archive.cdx_url(query), 200, [], page)
    recording_server.serve(recording_server.archive.cdx_url(query, "KEY"), 200, [], page)
    with pytest.raises(UnexpectedResponseFormat, match='"KEY"'):
        list(client.search(query))
    assert len(recording_server.requests) == 2


def test_a_server_error_is_typed_and_transient(recording_server: RecordingServer) -> None:
    client = make_client(recording_server)
    recording_server.serve(
        recording_server.archive.cdx_url(ZEW_SEARCH), 503, [], b"Service Unavailable\n"
    )
    with pytest.raises(ArchiveHTTPError) as caught:
        list(islice(client.search(ZEW_SEARCH), 1))
    assert caught.value.status == 503
    assert caught.value.is_transient
    assert caught.value.reason == "Service Unavailable"


@pytest.mark.parametrize(
    ("user_agent", "options"),
    [(" ", {}), ("tests", {"cdx_interval": -1}), ("tests", {"timeout": 0})],
)
def test_bad_settings_are_refused(user_agent: str, options: dict[str, float]) -> None:
    with pytest.raises(ArchiveConfigError):
        WaybackClient(Archive.from_url("https://web.archive.org"), user_agent, **options)  # type: ignore[arg-type]


def test_a_bad_timestamp_is_refused_before_any_request(recording_server: RecordingServer) -> None:
    with pytest.raises(BadInputError, match="'2017-11-24'"):
        make_client(recording_server).get_memento(FWS[0], "2017-11-24")
    assert recording_server.requests == []
