"""Writing fetched mementos as WARC `response` records that pywb can replay."""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.wayback import parse_timestamp

# Headers that describe one transfer, not the archived resource; the body we keep is decoded.
_TRANSFER_HEADERS = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-encoding",
    "content-length",
    "proxy-connection",
}
# Headers the archive adds to its own answer; they describe the memento, not the capture.
_ARCHIVE_HEADERS = {"memento-datetime", "link", "server-timing", "x-archive-src"}

SOURCE_HEADER = "WARC-Source-URI"


def sha1_base32(payload: bytes) -> str:
    """The CDX `digest` of a payload: base32 of its SHA-1."""
    return base64.b32encode(hashlib.sha1(payload).digest()).decode("ascii")


def warc_date(timestamp: str) -> str:
    """A 14-digit timestamp as a WARC-Date."""
    return parse_timestamp(timestamp).strftime("%Y-%m-%dT%H:%M:%SZ")


def archived_headers(
    headers: Iterable[tuple[str, str]], location: str | None
) -> list[tuple[str, str]]:
    """The original response's headers as they belong in the WARC, Location set to the original."""
    kept = [
        (name, value)
        for name, value in headers
        if name.lower() not in _TRANSFER_HEADERS
        and name.lower() not in _ARCHIVE_HEADERS
        and name.lower() != "location"
    ]
    if location:
        kept.append(("Location", location))
    return kept


@dataclass(frozen=True)
class RecordPosition:
    """Where a record sits: the file name (relative to the WARC directory), offset and length."""

    filename: str
    offset: int
    length: int


class WarcFile:
    """One gzipped WARC file being written, each record a gzip member of its own."""

    def __init__(self, path: Path, software: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.handle: BinaryIO = open(path, "ab")  # noqa: SIM115 - kept open for the whole crawl
        self.writer = WARCWriter(self.handle, gzip=True)
        self.records = 0
        if self.handle.tell() == 0:
            info = self.writer.create_warcinfo_record(
                path.name, {"software": software, "format": "WARC File Format 1.0"}
            )
            self.writer.write_record(info)

    @property
    def size(self) -> int:
        return self.handle.tell()

    def write_response(
        self,
        *,
        target_uri: str,
        timestamp: str,
        status: int,
        headers: list[tuple[str, str]],
        body: bytes,
        source_uri: str | None = None,
    ) -> RecordPosition:
        """Append a response record and say where it went."""
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        # The body is stored whole and decoded, so the length and transfer headers are redone.
        kept = [(k, v) for k, v in headers if k.lower() not in _TRANSFER_HEADERS]
        http_headers = StatusAndHeaders(
            f"{status} {reason}",
            [*kept, ("Content-Length", str(len(body)))],
            protocol="HTTP/1.1",
        )
        warc_headers = {"WARC-Date": warc_date(timestamp)}
        if source_uri:
            warc_headers[SOURCE_HEADER] = source_uri
        record = self.writer.create_warc_record(
            target_uri,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        offset = self.handle.tell()
        self.writer.write_record(record)
        self.handle.flush()
        self.records += 1
        return RecordPosition(self.path.name, offset, self.handle.tell() - offset)

    def close(self) -> None:
        self.handle.close()


def new_warc_path(directory: Path, prefix: str, run_id: int | None, serial: int) -> Path:
    """A fresh WARC file name: prefix, run, time and serial keep names unique and sortable."""
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    run = f"run{run_id:05d}" if run_id is not None else "run"
    return directory / f"{prefix}-{run}-{stamp}-{serial:05d}.warc.gz"


def read_payload(path: Path, offset: int) -> bytes:
    """The HTTP payload of the response record that starts at `offset` in a WARC file."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        return bytes(record.content_stream().read())
