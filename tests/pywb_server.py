"""Helpers for tests that run the real pywb on loopback: a skip marker and a plain HTTP client.

The client never follows redirects and never uses a proxy, so tests see exactly what pywb sends.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlencode

import pytest

from replay.pywb import pywb_bin_dir

PYWB_BIN = pywb_bin_dir()
HAVE_PYWB = all((PYWB_BIN / name).is_file() for name in ("wayback", "wb-manager"))

requires_pywb = pytest.mark.skipif(
    not HAVE_PYWB,
    reason=f"pywb not found in {PYWB_BIN}; create .venv-pywb or set PYWB_BIN to its bin directory",
)

# The Wayback Machine's 7-field CDX layout, spelled with pywb's field names.
CDX_FIELDS = "urlkey,timestamp,url,mime,status,digest,length"


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Message
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


def fetch(url: str) -> Reply:
    """GET `url` once and return whatever came back, error statuses included."""
    try:
        with _OPENER.open(url, timeout=10) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Reply(error.code, error.headers, error.read())


def cdx_rows(archive_url: str, url: str, *params: tuple[str, str]) -> list[list[str]]:
    """A CDX query in IA's 7-field text layout, as rows of fields."""
    query = [("url", url), ("fl", CDX_FIELDS), ("output", "text"), *params]
    reply = fetch(f"{archive_url}/cdx?{urlencode(query)}")
    assert reply.status == 200, reply.body[:300]
    return [line.split(" ") for line in reply.body.decode("utf-8").splitlines() if line]


def cdx_timestamps(archive_url: str, url: str, *params: tuple[str, str]) -> list[str]:
    return [row[1] for row in cdx_rows(archive_url, url, *params)]
