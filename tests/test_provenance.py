"""The provenance header and version layout, checked byte for byte against real corpus files."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from extract import domains
from extract.domains import registered_domain
from extract.provenance import (
    WAYBACK_MEMENTO_PREFIX,
    archive_day,
    provenance_header,
    render_version,
    snapshot_url,
)

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
GOLDEN_SEEDS = ("000", "001", "004")

# Reads a seed's header back into its parts; deliberately independent of the code under test.
HEADER = re.compile(
    r"^> \*The following text is extracted and transformed from the (?P<domain>\S+) privacy"
    r" policy that was archived on (?P<day>\d{4}-\d{2}-\d{2})\. Please check the \[original"
    r" snapshot on the Wayback Machine\]\(https://web\.archive\.org/web/(?P<timestamp>\d{14})id_/"
    r"(?P<scheme>[a-z]+)%3A(?P<rest>//\S+)\) for the most accurate reproduction\.\*$"
)


def seed_file(number: str) -> Path:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path


def seed_header(number: str) -> tuple[str, re.Match[str]]:
    line = seed_file(number).read_text(encoding="utf-8").split("\n", 1)[0]
    match = HEADER.match(line)
    assert match, f"seed {number} header does not parse: {line!r}"
    return line, match


@pytest.mark.parametrize("number", GOLDEN_SEEDS)
def test_header_is_byte_identical_to_seed(number: str) -> None:
    line, parts = seed_header(number)
    original = f"{parts['scheme']}:{parts['rest']}"
    assert provenance_header(parts["domain"], parts["timestamp"], original) == line


@pytest.mark.parametrize("number", GOLDEN_SEEDS)
def test_header_from_the_policy_host_names_the_registered_domain(number: str) -> None:
    line, parts = seed_header(number)
    original = f"{parts['scheme']}:{parts['rest']}"
    # policy.mims.com and blog.careermitra.com must come out as mims.com and careermitra.com
    assert provenance_header(original, parts["timestamp"], original) == line


@pytest.mark.parametrize("number", GOLDEN_SEEDS)
def test_rendered_version_has_the_seed_layout(number: str) -> None:
    text = seed_file(number).read_text(encoding="utf-8")
    header, blank, title_line, blank_again, body = text.split("\n", 4)
    assert (blank, blank_again) == ("", "")
    assert title_line.startswith("# ")
    assert render_version(header, title_line[2:], body) == text


def test_snapshot_url_escapes_only_the_scheme_colon() -> None:
    assert (
        snapshot_url("20200102030405", "https://example.com/privacy")
        == "https://web.archive.org/web/20200102030405id_/https%3A//example.com/privacy"
    )
    assert (
        snapshot_url("19990101000000", "http://example.com/privacy.html")
        == "https://web.archive.org/web/19990101000000id_/http%3A//example.com/privacy.html"
    )


def test_snapshot_url_keeps_port_query_and_later_colons() -> None:
    original = "http://www.shop.example.co.uk:8080/legal/privacy?lang=en&at=10:30#top"
    assert snapshot_url("20100101000000", original) == (
        "https://web.archive.org/web/20100101000000id_/"
        "http%3A//www.shop.example.co.uk:8080/legal/privacy?lang=en&at=10:30#top"
    )


def test_snapshot_url_with_another_archive_prefix() -> None:
    url = snapshot_url("20200101000000", "https://acme.test/p", "http://localhost:8080/demo/")
    assert url == "http://localhost:8080/demo/20200101000000id_/https%3A//acme.test/p"
    assert WAYBACK_MEMENTO_PREFIX == "https://web.archive.org/web/"


def test_header_with_port_and_query() -> None:
    header = provenance_header(
        "www.shop.example.co.uk:8080", "20100101000000", "http://www.shop.example.co.uk:8080/p?x=1"
    )
    assert "from the example.co.uk privacy policy that was archived on 2010-01-01." in header
    assert (
        "(https://web.archive.org/web/20100101000000id_/http%3A//www.shop.example.co.uk:8080/p?x=1)"
        in header
    )


@pytest.mark.parametrize(
    ("timestamp", "day"),
    [
        ("20151231235959", "2015-12-31"),  # last second of a year stays in that year
        ("20160101000000", "2016-01-01"),
        ("20000229235959", "2000-02-29"),
        ("20000012170449", "2000-01-12"),  # month 00, which the archive really holds
        ("20010231120000", "2001-02-28"),  # 31 February
    ],
)
def test_archive_day_is_the_utc_day_of_the_timestamp(timestamp: str, day: str) -> None:
    assert archive_day(timestamp).isoformat() == day
    assert f"archived on {day}." in provenance_header("a.example", timestamp, "http://a.example/")


@pytest.mark.parametrize(
    "timestamp", ["", "2015", "2015-12-18", "abcdefghijklmn", "201512182151410"]
)
def test_bad_timestamp_is_refused(timestamp: str) -> None:
    with pytest.raises(ValueError, match="Wayback timestamp"):
        provenance_header("mims.com", timestamp, "http://mims.com/")


def test_render_version_without_title() -> None:
    assert render_version("> *H*", None, "Body.\n") == "> *H*\n\nBody.\n"
    assert render_version("> *H*", "  ", "Body.") == "> *H*\n\nBody.\n"


def test_render_version_ends_in_one_newline_and_drops_a_repeated_title() -> None:
    rendered = render_version(
        "> *H*", "Privacy  Policy", "\n\n# Privacy Policy\n\nWe care.  \n\n\n"
    )
    assert rendered == "> *H*\n\n# Privacy Policy\n\nWe care.\n"
    kept = render_version("> *H*", "Privacy Policy", "## Cookies\n\nWe use some.")
    assert kept == "> *H*\n\n# Privacy Policy\n\n## Cookies\n\nWe use some.\n"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("policy.mims.com", "mims.com"),
        ("https://blog.careermitra.com/privacy-policy", "careermitra.com"),
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("HTTP://WWW.Example.COM.:8080/Privacy", "example.com"),
        ("user:secret@www.example.org", "example.org"),
        ("//cdn.example.net/privacy", "example.net"),
        ("northwind.example", "northwind.example"),
        ("www.shop.acme.test", "acme.test"),
        ("http://localhost:8080/privacy", "localhost"),
        ("192.168.0.10", "192.168.0.10"),
        ("http://[2001:db8::1]:8080/p", "2001:db8::1"),
        ("www.example.com/redirect?to=http://other.org/", "example.com"),
    ],
)
def test_registered_domain(given: str, expected: str) -> None:
    assert registered_domain(given) == expected


@pytest.mark.parametrize("given", ["", "   ", "http://", "https:///path-only"])
def test_registered_domain_needs_a_host(given: str) -> None:
    with pytest.raises(ValueError, match="no host"):
        registered_domain(given)


def test_registered_domain_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network use in a test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    # A fresh extractor built as the module builds it, so the suffix list loads under the patch.
    fresh = type(domains._EXTRACT)(suffix_list_urls=(), cache_dir=None)
    monkeypatch.setattr(domains, "_EXTRACT", fresh)
    assert registered_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert attempts == []
