"""A site's registered domain ("policy.mims.com" -> "mims.com"), read from the public suffix list.

Only the suffix list bundled with tldextract is used, so the answer never depends on the network or
on when the list was last fetched.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

import tldextract

# suffix_list_urls=() stops tldextract from fetching the live list; cache_dir=None stops it from
# reading or writing a cache, so every run uses the same bundled snapshot.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

_HAS_AUTHORITY = re.compile(r"^([a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def registered_domain(host_or_url: str) -> str:
    """The registered domain of a host name or URL, lower-cased, without port or trailing dot.

    Hosts whose suffix is not in the public suffix list (``northwind.example``, ``acme.test``)
    fall back to their last two labels; IP addresses and single labels come back unchanged.
    Raises ValueError when the input holds no host at all.
    """
    host = _host(host_or_url)
    if not host:
        raise ValueError(f"no host name in {host_or_url!r}")
    if _is_ip_address(host):
        return host
    parts = _EXTRACT(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return ".".join(host.split(".")[-2:])


def _host(host_or_url: str) -> str:
    text = host_or_url.strip()
    # Without "//" urlsplit reads a bare "example.com:8080" as scheme "example.com".
    if not _HAS_AUTHORITY.match(text):
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:  # an unbalanced "[" in an IPv6 literal
        return ""
    return host.rstrip(".")


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
