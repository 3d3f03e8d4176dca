"""Running `scrapy crawl policies` as a child process, as a scheduled job would."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# Log lines worth showing on a terminal; the whole log goes to a file.
_SHOWN = re.compile(r"\] (?:INFO: (?=progress:|.* moved to )|WARNING: |ERROR: )(?P<message>.*)")

# An archive on loopback answers at once and has no limits to respect.
LOOPBACK_RATES = {"CDX_CALLS_PER_SECOND": "50", "MEMENTOS_PER_SECOND": "50"}


def run_crawl(
    sites_csv: Path,
    archive_url: str,
    db_path: Path,
    warc_dir: Path,
    log_path: Path,
    *,
    spider_args: Mapping[str, str] | None = None,
    settings: Mapping[str, str] | None = None,
    echo: Callable[[str], None] = print,
) -> int:
    """Crawl `sites_csv` from `archive_url`; return the exit status.

    The full log goes to `log_path`; progress lines, moves, warnings and errors are echoed, and
    so is the crawl's one-line `Error:` if it fails.
    """
    command: list[str] = [sys.executable, "-m", "scrapy", "crawl", "policies"]
    arguments = {"sites": str(sites_csv), "archive": archive_url, **(spider_args or {})}
    for name, value in arguments.items():
        command += ["-a", f"{name}={value}"]
    options = {
        "POLICYARCHIVE_DB": str(db_path),
        "WARC_DIR": str(warc_dir),
        "PROGRESS_INTERVAL": "2",
        **(settings or {}),
    }
    for name, value in options.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    env.setdefault("WAYBACK_CONTACT", "policyarchive local run")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with (
        log_path.open("w", encoding="utf-8") as log,
        subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.PIPE, text=True) as child,
    ):
        assert child.stderr is not None
        for line in child.stderr:
            log.write(line)
            shown = _SHOWN.search(line)
            if shown:
                echo(f"crawl: {shown.group('message')}")
            elif line.startswith("Error: "):
                echo(line.rstrip())
    return child.returncode
