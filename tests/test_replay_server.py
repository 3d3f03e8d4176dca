"""replay.pywb: finding pywb, starting and stopping the server, and its errors.

These tests put a small stand-in `wayback` script in a temporary bin directory, so they run
without pywb and can make it crash, hang or fork on purpose.
"""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import pytest

from replay.exceptions import PywbCommandError, PywbNotFoundError, PywbStartError
from replay.pywb import DEFAULT_PYWB_BIN, PywbServer, pywb_bin_dir, run_pywb

# A stand-in for pywb's `wayback`: FAKE_WAYBACK=serve (default) forks a sleeping child and serves
# HTTP; crash writes an error and exits 3; silent never listens. `--fail-command` exits 2.
FAKE_WAYBACK = """
import http.server, os, subprocess, sys, time
args = sys.argv[1:]
if "--fail-command" in args:
    sys.stderr.write("error: no such collection\\n")
    sys.exit(2)
mode = os.environ.get("FAKE_WAYBACK", "serve")
if mode == "crash":
    sys.stderr.write("Traceback (most recent call last):\\nValueError: config.yaml is broken\\n")
    sys.exit(3)
if mode == "silent":
    time.sleep(60)
child = subprocess.Popen(["sleep", "60"])
with open("child.pid", "w") as out:
    out.write(str(child.pid))
host, port = args[args.index("--bind") + 1], int(args[args.index("--port") + 1])
server = http.server.HTTPServer((host, port), http.server.SimpleHTTPRequestHandler)
print("serving", flush=True)
server.serve_forever()
"""


@pytest.fixture
def fake_bin(tmp_path: Path) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "wayback"
    script.write_text(f"#!{sys.executable}\n{FAKE_WAYBACK}", encoding="utf-8")
    script.chmod(0o755)
    return bin_dir


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "root"
    folder.mkdir()
    return folder


def test_bin_dir_comes_from_argument_then_environment_then_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PYWB_BIN", raising=False)
    assert pywb_bin_dir() == DEFAULT_PYWB_BIN
    assert DEFAULT_PYWB_BIN.parts[-2:] == (".venv-pywb", "bin")
    monkeypatch.setenv("PYWB_BIN", str(tmp_path / "env"))
    assert pywb_bin_dir() == tmp_path / "env"
    assert pywb_bin_dir(tmp_path / "arg") == tmp_path / "arg"


def test_missing_pywb_names_the_directory_and_the_fix(tmp_path: Path, root: Path) -> None:
    with pytest.raises(PywbNotFoundError, match="PYWB_BIN") as caught:
        PywbServer(root, pywb_bin=tmp_path / "nowhere").start()
    assert caught.value.bin_dir == tmp_path / "nowhere"
    assert caught.value.command == "wayback"


def test_failed_command_reports_its_stderr(fake_bin: Path, root: Path) -> None:
    with pytest.raises(PywbCommandError, match="no such collection") as caught:
        run_pywb("wayback", ["--fail-command"], cwd=root, pywb_bin=fake_bin)
    assert caught.value.returncode == 2


def test_serves_on_a_free_port_and_stops_with_its_children(fake_bin: Path, root: Path) -> None:
    server = PywbServer(root, pywb_bin=fake_bin)
    with server:
        assert server.running
        assert server.url == f"http://127.0.0.1:{server.port}"
        assert server.archive_url("sample") == f"http://127.0.0.1:{server.port}/sample"
        child = int((root / "child.pid").read_text())
        assert _alive(child)
    assert not server.running
    assert _gone_soon(child), "stop() left a child of wayback running"
    assert "serving" in (root / "pywb.log").read_text()
    server.stop()  # a second stop is harmless


def test_crash_on_start_reports_the_log_tail(
    fake_bin: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_WAYBACK", "crash")
    with pytest.raises(PywbStartError, match="exited with status 3") as caught:
        PywbServer(root, pywb_bin=fake_bin).start()
    assert "config.yaml is broken" in caught.value.log_tail
    assert "config.yaml is broken" in str(caught.value)


def test_server_that_never_answers_times_out(
    fake_bin: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_WAYBACK", "silent")
    server = PywbServer(root, pywb_bin=fake_bin, start_timeout=1)
    with pytest.raises(PywbStartError, match="did not answer within 1s"):
        server.start()
    assert not server.running


def test_fixed_port_already_in_use_is_refused(fake_bin: Path, root: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PywbStartError, match="port is in use"):
            PywbServer(root, port=port, pywb_bin=fake_bin).start()


def test_missing_root_is_reported(fake_bin: Path, tmp_path: Path) -> None:
    with pytest.raises(PywbStartError, match="does not exist"):
        PywbServer(tmp_path / "absent", pywb_bin=fake_bin).start()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def _gone_soon(pid: int) -> bool:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False
