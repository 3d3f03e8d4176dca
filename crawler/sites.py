"""Reading the list of policies to crawl: a CSV of `domain,policy_url`, or one URL."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from crawler.exceptions import BadInputError, BadSitesFileError
from extract.domains import registered_domain

REQUIRED_COLUMNS = ("domain", "policy_url")

# A scheme without `//`, as in `mailto:x@example.com`; a colon followed by a port is not one.
_OTHER_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\d)")


@dataclass(frozen=True)
class PolicyTarget:
    """One policy URL to crawl and the site it belongs to."""

    domain: str
    policy_url: str


def _checked_url(url: str) -> str | None:
    """The URL if it names an http(s) page with a host, else None."""
    candidate = url.strip()
    if "://" not in candidate and _OTHER_SCHEME.match(candidate):
        return None  # mailto:, javascript: and the like
    parts = urlsplit(candidate if "://" in candidate else f"http://{candidate}")
    if parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        return None
    if parts.username is not None:
        return None
    return candidate


def single_policy(url: str, domain: str | None = None) -> PolicyTarget:
    """A target for `-a url=URL`, its domain taken from the URL unless given."""
    checked = _checked_url(url)
    if checked is None:
        raise BadInputError(
            f"policy URL {url!r} is not an http(s) URL; pass e.g. -a url=https://example.com/privacy"
        )
    return PolicyTarget(domain or registered_domain(checked), checked)


def read_sites(path: str | Path) -> list[PolicyTarget]:
    """Read a sites CSV. Raise BadSitesFileError naming the file and line on any problem."""
    name = str(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            if not sample.strip():
                raise BadSitesFileError(name, "the file is empty")
            reader = csv.DictReader(handle)
            columns = [c.strip().lower() for c in reader.fieldnames or []]
            missing = [c for c in REQUIRED_COLUMNS if c not in columns]
            if missing:
                raise BadSitesFileError(name, f"missing column {', '.join(missing)}")
            reader.fieldnames = columns
            targets = [_target(name, row, reader.line_num) for row in reader]
    except FileNotFoundError:
        raise BadSitesFileError(name, "no such file") from None
    except IsADirectoryError:
        raise BadSitesFileError(name, "it is a directory") from None
    except UnicodeDecodeError:
        raise BadSitesFileError(name, "it is not UTF-8 text") from None
    except csv.Error as error:
        raise BadSitesFileError(name, f"not valid CSV ({error})") from None
    unique = list(dict.fromkeys(t for t in targets if t is not None))
    if not unique:
        raise BadSitesFileError(name, "it lists no policies")
    return unique


def _target(name: str, row: dict[str, str | None], line: int) -> PolicyTarget | None:
    url = (row.get("policy_url") or "").strip()
    domain = (row.get("domain") or "").strip().lower()
    if not url and not domain:
        return None  # blank line
    if None in row:
        raise BadSitesFileError(name, f"line {line} has more fields than the header")
    checked = _checked_url(url)
    if checked is None:
        raise BadSitesFileError(name, f"line {line}: policy_url {url!r} is not an http(s) URL")
    return PolicyTarget(domain or registered_domain(checked), checked)
