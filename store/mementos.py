"""How the store spells archives and rebuilds memento URLs from a capture's columns."""

from __future__ import annotations

from crawler.wayback import WAYBACK_URL, Mode

_INTERNET_ARCHIVE = (WAYBACK_URL, "http://web.archive.org")


def archive_key(archive: str) -> str:
    """An archive base URL as stored in `captures.archive`.

    A trailing slash would otherwise make the same archive look like two, duplicating captures.
    """
    return archive.strip().rstrip("/")


def memento_prefix(archive: str) -> str:
    """What goes before `{timestamp}{mode}/{original}` in this archive's memento URLs.

    The Internet Archive serves mementos under `/web/`; a pywb collection serves them right under
    the collection's URL.
    """
    base = archive_key(archive)
    if base in _INTERNET_ARCHIVE:
        return f"{base}/web/"
    return f"{base}/"


def memento_url(archive: str, timestamp: str, original: str) -> str:
    """The `id_` (raw bytes) memento URL of a capture."""
    return f"{memento_prefix(archive)}{timestamp}{Mode.original.value}/{original}"
