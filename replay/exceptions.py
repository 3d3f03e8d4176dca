"""Errors raised while building a local archive or running pywb.

Every message is one line that names the input or command and says what to do next.
"""

from __future__ import annotations

from pathlib import Path

from crawler.exceptions import PolicyArchiveError


class ReplayError(PolicyArchiveError):
    """Base for errors from the local replay archive (WARCs, pywb collections, the pywb server)."""


class PywbNotFoundError(ReplayError):
    """pywb's commands are not where we looked. Install pywb's venv or point PYWB_BIN at it."""

    def __init__(self, bin_dir: Path, command: str) -> None:
        self.bin_dir = bin_dir
        self.command = command
        super().__init__(
            f"pywb command {command!r} not found in {bin_dir}; set PYWB_BIN to the bin directory"
            " of pywb's own virtualenv (e.g. .venv-pywb/bin)"
        )


class PywbCommandError(ReplayError):
    """A pywb command such as `wb-manager add` failed. Read its stderr tail in the message."""

    def __init__(self, argv: list[str], returncode: int, stderr_tail: str) -> None:
        self.argv = argv
        self.returncode = returncode
        self.stderr_tail = stderr_tail
        super().__init__(
            f"{' '.join(argv)} exited with status {returncode}: {one_line(stderr_tail)}"
        )


class PywbStartError(ReplayError):
    """The pywb server did not come up. Its log tail is in the message and on `log_tail`."""

    def __init__(self, url: str, reason: str, log_path: Path, log_tail: str) -> None:
        self.url = url
        self.reason = reason
        self.log_path = log_path
        self.log_tail = log_tail
        super().__init__(
            f"pywb at {url} {reason}; see {log_path}: {one_line(log_tail) or '(empty log)'}"
        )


class CollectionError(ReplayError):
    """The inputs for a pywb collection are unusable (bad name, missing or clashing WARCs)."""


class CorpusError(ReplayError):
    """A capture corpus folder is missing a file or has a malformed line; fix the named file."""


class SampleError(ReplayError):
    """The bundled sample archive's sources are inconsistent; fix the named file in sample/."""


def one_line(text: str, limit: int = 400) -> str:
    """Collapse a log tail onto one line, keeping its end, where the error usually is."""
    flat = " | ".join(line.strip() for line in text.splitlines() if line.strip())
    return flat if len(flat) <= limit else "..." + flat[-limit:]
