"""The `policyarchive` command: every command documented, and each working on a real crawl."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from crawling import Crawl, crawl
from pywb_server import requires_pywb

from policyarchive.cli import cli
from replay.pywb import PywbServer, free_port
from replay.sample import build_sample

REPO = Path(__file__).resolve().parents[1]
SEED_HEADER_START = "> *The following text is extracted and transformed from the "


def _commands() -> list[tuple[str, click.Command]]:
    assert isinstance(cli, click.Group)
    return sorted(cli.commands.items())


@pytest.mark.parametrize(("name", "command"), _commands())
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"policyarchive {name}" in result.output
    assert command.help and len(command.help.splitlines()[0]) < 100


def test_the_readme_mentions_every_command() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for name, _ in _commands():
        assert f"policyarchive {name}" in readme, name


def test_a_missing_database_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["summary", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: database {tmp_path / 'none.db'} does not exist; "
        "run a crawl first (make demo or make crawl)"
    ]


def test_a_corpus_folder_without_captures_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["corpus-archive", str(tmp_path), "--root", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "captures.jsonl" in lines[0]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    built = build_sample(tmp_path_factory.mktemp("sample"))
    with PywbServer(built.root) as server:
        result = crawl(
            tmp_path_factory.mktemp("crawl"),
            f"sites={built.sites_csv}",
            f"archive={server.archive_url(built.collection)}",
        )
    assert result.returncode == 0, result.stderr[-3000:]
    yield result


@requires_pywb
def test_summary_counts_the_last_run(crawled: Crawl) -> None:
    result = CliRunner().invoke(cli, ["summary", "--db", str(crawled.db_path), "--label", "demo"])
    assert result.output.strip() == "demo: sites=3 captures=22 fetched=22 versions=15 failed=0"


@requires_pywb
def test_export_writes_one_file_per_version_with_the_seed_header(
    crawled: Crawl, tmp_path: Path
) -> None:
    out = tmp_path / "corpus"
    result = CliRunner().invoke(cli, ["export", "--db", str(crawled.db_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(out.rglob("*.md"))
    assert len(files) == crawled.db["versions"].count
    first = (out / "northwind-outfitters.example" / "1999-04-27.md").read_text().splitlines()
    assert first[0].startswith(SEED_HEADER_START + "northwind-outfitters.example privacy policy")
    assert "archived on 1999-04-27" in first[0]
    assert "/19990427083215id_/http%3A//www.northwind-outfitters.example/privacy.html)" in first[0]
    assert first[1] == "" and first[2].startswith("# ")


@requires_pywb
def test_timeline_draws_every_site(crawled: Crawl) -> None:
    result = CliRunner().invoke(cli, ["timeline", "--db", str(crawled.db_path)])
    assert result.exit_code == 0
    for domain in ("northwind-outfitters.example", "quillfeather-press.example"):
        assert domain in result.output
    assert result.output.count("●") >= 15


@requires_pywb
def test_extract_rebuilds_texts_from_the_warcs_alone(crawled: Crawl, tmp_path: Path) -> None:
    db_path = tmp_path / "policies.db"
    shutil.copy(crawled.db_path, db_path)
    db = crawled.db.__class__(db_path)
    versions = db.execute("select id, text_hash from versions order by id").fetchall()
    # Forget every text, as an extractor upgrade would, then extract again from the WARCs.
    db.execute("update fetches set text_hash = null")
    db.execute("delete from versions")
    db.conn.commit()
    result = CliRunner().invoke(
        cli, ["extract", "--db", str(db_path), "--warcs", str(crawled.warc_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "extract: fetches=22 changed=22 versions=15 missing_warcs=0" in result.output
    assert db.execute("select id, text_hash from versions order by id").fetchall() == versions


@requires_pywb
def test_datasette_serves_the_archive_and_its_canned_queries(crawled: Crawl) -> None:
    port = free_port("127.0.0.1")
    command = [
        str(Path(sys.executable).parent / "datasette"),
        "serve",
        str(crawled.db_path),
        "-m",
        str(REPO / "metadata.yaml"),
        "-p",
        str(port),
    ]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as server:
        try:
            base = f"http://127.0.0.1:{port}/policies"
            timeline = _get_json(
                f"{base}/policy_timeline.json?domain=tallgrass-fitness.example&_shape=array"
            )
            assert [row["seq"] for row in timeline] == [1, 2, 3, 4, 5]
            hits = _get_json(f"{base}/search_policies.json?q=cookies&_shape=array")
            assert {row["domain"] for row in hits} >= {"northwind-outfitters.example"}
            assert all("[" in row["snippet"] for row in hits)
            assert _get_json(f"{base}/failed_captures.json?_shape=array") == []
        finally:
            server.terminate()


def _get_json(url: str) -> Any:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as reply:
                return json.load(reply)
        except (ConnectionError, urllib.error.URLError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
