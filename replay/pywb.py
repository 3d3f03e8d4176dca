"""Run pywb's own commands (`wb-manager`, `wayback`) as subprocesses.

pywb pins old dependencies, so it lives in a virtualenv of its own and is never imported here.
Its bin directory comes from the caller, else the `PYWB_BIN` environment variable, else
`<repo>/.venv-pywb/bin`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from replay.exceptions import PywbCommandError, PywbNotFoundError, PywbStartError

PYWB_BIN_ENV = "PYWB_BIN"
DEFAULT_PYWB_BIN = Path(__file__).resolve().parents[1] / ".venv-pywb" / "bin"

# pywb imports gevent and its whole rewriting stack before it listens; on a loaded CI machine
# that has taken several seconds, so give it room before calling it broken.
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
_POLL_INTERVAL = 0.1
_COMMAND_TIMEOUT = 120.0
_LOG_TAIL_LINES = 15
_PORT_ATTEMPTS = 3
# Never send loopback health checks through an http_proxy from the environment.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def pywb_bin_dir(explicit: Path | None = None) -> Path:
    """Where pywb's commands live: `explicit`, else $PYWB_BIN, else `<repo>/.venv-pywb/bin`."""
    if explicit is not None:
        return Path(explicit)
    from_env = os.environ.get(PYWB_BIN_ENV)
    if from_env:
        return Path(from_env)
    return DEFAULT_PYWB_BIN


def pywb_command(name: str, pywb_bin: Path | None = None) -> Path:
    """The path of pywb command `name`; PywbNotFoundError if it is not there."""
    bin_dir = pywb_bin_dir(pywb_bin)
    command = bin_dir / name
    if not (command.is_file() and os.access(command, os.X_OK)):
        raise PywbNotFoundError(bin_dir, name)
    return command


def run_pywb(name: str, args: list[str], cwd: Path, pywb_bin: Path | None = None) -> str:
    """Run a pywb command to completion in `cwd` and return its stdout."""
    argv = [str(pywb_command(name, pywb_bin)), *args]
    try:
        done = subprocess.run(
            argv,
            cwd=cwd,
            env=pywb_environment(),
            capture_output=True,
            text=True,
            timeout=_COMMAND_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise PywbCommandError(argv, -1, f"timed out after {exc.timeout:.0f}s") from None
    if done.returncode != 0:
        raise PywbCommandError(argv, done.returncode, _tail(done.stderr or done.stdout))
    return done.stdout


def pywb_environment() -> dict[str, str]:
    """Our environment without the variables that would make pywb import the wrong packages."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


def free_port(host: str) -> int:
    """A TCP port on `host` that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def port_is_free(host: str, port: int) -> bool:
    """Whether we could bind `host:port` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Like the server itself, ignore connections of a previous server still in TIME_WAIT.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


class PywbServer:
    """A `wayback` server over the pywb directory `root`, for `with` blocks and tests.

    `port=0` picks a free port. `start()` returns once the server answers HTTP; `stop()` ends it
    and anything it spawned. Its output goes to `root/pywb.log`.
    """

    def __init__(
        self,
        root: Path,
        port: int = 0,
        host: str = "127.0.0.1",
        pywb_bin: Path | None = None,
        start_timeout: float = START_TIMEOUT,
    ) -> None:
        self.root = Path(root)
        self.host = host
        self.requested_port = port
        self.port = port
        self.pywb_bin = pywb_bin
        self.start_timeout = start_timeout
        self.log_path = self.root / "pywb.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's base URL, e.g. `http://127.0.0.1:8080`."""
        if self._process is None:
            raise RuntimeError("PywbServer.url is only known after start()")
        return self._address()

    def archive_url(self, collection: str) -> str:
        """The Wayback-style base URL of one collection, e.g. `http://127.0.0.1:8080/sample`."""
        return f"{self.url}/{collection}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> Self:
        """Launch `wayback` in `root` and wait until it answers; PywbStartError if it does not."""
        if self._process is not None:
            raise RuntimeError("PywbServer is already started")
        wayback = pywb_command("wayback", self.pywb_bin)
        if not self.root.is_dir():
            raise self._start_error(f"cannot start: directory {self.root} does not exist")
        # A port picked by free_port() can be taken before pywb binds it; then pick another.
        attempts = _PORT_ATTEMPTS if self.requested_port == 0 else 1
        for attempt in range(1, attempts + 1):
            self.port = self.requested_port or free_port(self.host)
            if not port_is_free(self.host, self.port):
                # Whatever listens there already would answer our readiness check for us.
                raise self._start_error("cannot start: the port is in use")
            self._launch(wayback)
            try:
                self._wait_until_answering()
            except PywbStartError as exc:
                self.stop()
                if attempt == attempts or "Address already in use" not in exc.log_tail:
                    raise
            except BaseException:
                self.stop()
                raise
            else:
                return self
        raise AssertionError("unreachable: the last attempt returns or raises")

    def stop(self) -> None:
        """Terminate the server and its process group; safe to call twice."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            _signal_group(process, signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait(timeout=STOP_TIMEOUT)
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = _LOG_TAIL_LINES) -> str:
        """The last lines pywb wrote, for error messages."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return _tail(text, lines)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _address(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _launch(self, wayback: Path) -> None:
        self._log = self.log_path.open("wb")
        self._process = subprocess.Popen(
            [str(wayback), "--bind", self.host, "--port", str(self.port)],
            cwd=self.root,
            env=pywb_environment(),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            # Its own process group, so stop() can end pywb and any helper it forks together.
            start_new_session=True,
        )

    def _wait_until_answering(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + self.start_timeout
        while True:
            if self._process.poll() is not None:
                raise self._start_error(f"exited with status {self._process.returncode}")
            if _answers(self._address() + "/"):
                return
            if time.monotonic() > deadline:
                raise self._start_error(f"did not answer within {self.start_timeout:.0f}s")
            time.sleep(_POLL_INTERVAL)

    def _start_error(self, reason: str) -> PywbStartError:
        if self._log is not None:
            self._log.flush()
        return PywbStartError(self._address(), reason, self.log_path, self.log_tail())


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    # The group id is the child's pid (start_new_session), so this reaches only what we started.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)


def _answers(url: str) -> bool:
    try:
        with _DIRECT.open(url, timeout=2) as reply:
            reply.read()
    except urllib.error.HTTPError:
        return True  # any HTTP status means the server is up
    except (OSError, ValueError):
        return False
    return True


def _tail(text: str, lines: int = _LOG_TAIL_LINES) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
