"""The sample's gold text: one hand-written Markdown file per policy capture, true to its page."""

from __future__ import annotations

import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
import pytest

from replay.corpus import load_corpus, sniff_charset
from replay.exceptions import SampleError
from replay.sample import SampleCapture, load_sample, sample_dir, write_sample_corpus

# Policy captures (status 200, not the soft 404) and distinct policy texts, per site.
POLICIES = {
    "northwind-outfitters.example": 7,
    "quillfeather-press.example": 6,
    "tallgrass-fitness.example": 7,
}
VERSIONS = {
    "northwind-outfitters.example": 6,
    "quillfeather-press.example": 4,
    "tallgrass-fitness.example": 5,
}

# In the gold corpus the moved policy's new URL is a service of its own: the corpus has no 301.
MOVED = "northwind-outfitters.example/legal/privacy-policy"
CORPUS_POLICIES = {**POLICIES, "northwind-outfitters.example": 4, MOVED: 3}
CORPUS_VERSIONS = {**VERSIONS, "northwind-outfitters.example": 3, MOVED: 3}

# Where the policy is in each page, as an Open Terms Archive declaration would select it.
POLICY_ELEMENT = {
    "19990427083215": '//td[@width="466"]',
    "20010913201544": '//td[@width="466"]',
    "20011202064410": '//td[@width="466"]',
    "20081107163020": '//div[@class="policy-body"]',
    "20120815102240": '//div[@class="policy-body"]',
    "20180524091512": "//article",
    "20240115174208": "//article",
    "20020611040522": '//table[@width="490"]//td',
    "20060322181045": '//div[@id="maincolumn"]',
    "20060930071733": '//div[@id="maincolumn"]',
    "20100514123301": '//div[@id="maincolumn"]',
    "20191103120417": "//main",
    "20191218083052": "//main",
    "20120319210455": '//div[@class="legal-box"]',
    "20160912140233": '//div[@class="container legal"]',
    "20180521063015": "//article",
    "20180905192748": "//article",
    "20200115110920": "//article",
    "20231002081644": "//article",
    "20240611155302": "//article",
}

# Query parameters that name a visit, not a page: a curator drops them from link targets.
SESSION_PARAMETERS = {"sid", "phpsessid"}

WORD = re.compile(r"\w+")  # the scorer's notion of a word (evaluation.scoring)
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)\)")
EMPHASIS_UNDERSCORE = re.compile(r"(?<!\w)_|_(?!\w)")
INVISIBLE = ("head", "script", "style", "noscript", "template")


@pytest.fixture(scope="module")
def captures() -> list[SampleCapture]:
    return load_sample()


@pytest.fixture(scope="module")
def policies(captures: list[SampleCapture]) -> list[SampleCapture]:
    return [c for c in captures if c.version is not None]


def site(capture: SampleCapture) -> str:
    return ".".join((urlsplit(capture.url).hostname or "").split(".")[-2:])


def gold_text(capture: SampleCapture) -> str:
    assert capture.gold is not None, f"{capture.url} {capture.timestamp} has no gold"
    return capture.gold.read_text(encoding="utf-8")


def page(capture: SampleCapture) -> lxml.html.HtmlElement:
    assert capture.html is not None
    raw = capture.html.read_bytes()
    document = lxml.html.document_fromstring(raw.decode(sniff_charset(raw) or "utf-8"))
    for element in document.xpath("|".join(f"//{tag}" for tag in INVISIBLE)):
        element.drop_tree()
    return document


def words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text))


def words_without_link_targets(markdown: str) -> Counter[str]:
    """The words a reader of the Markdown sees: link texts count, link targets do not."""
    return words(LINK.sub(lambda link: link["text"], markdown))


def without_session(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k.lower() not in SESSION_PARAMETERS]
    return urlunsplit(parts._replace(query=urlencode(query)))


# --- one gold file per policy capture -------------------------------------------------------------


def test_every_policy_capture_has_gold_and_nothing_else_does(
    captures: list[SampleCapture], policies: list[SampleCapture]
) -> None:
    for capture in captures:
        assert (capture.gold is not None) == (capture.version is not None), capture
    assert Counter(site(c) for c in policies) == POLICIES
    for capture in policies:
        assert capture.html is not None
        domain = capture.html.parent.name
        assert domain == site(capture)
        assert capture.gold == sample_dir() / "gold" / domain / f"{capture.timestamp}.md"
    # The soft 404 and the 301 are the only captures without a text.
    assert {(c.status, c.html is None) for c in captures if c.gold is None} == {
        (200, False),
        (301, True),
    }
    # Every gold file is used, so nothing stale ships.
    shipped = set((sample_dir() / "gold").glob("*/*.md"))
    assert shipped == {c.gold for c in policies}


def test_same_version_same_gold_and_each_new_version_a_new_text(
    policies: list[SampleCapture],
) -> None:
    texts: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for capture in policies:
        assert capture.version is not None
        texts[site(capture)][capture.version].add(gold_text(capture))
    for domain, by_version in texts.items():
        assert len(by_version) == VERSIONS[domain]
        assert sorted(by_version) == list(range(1, VERSIONS[domain] + 1))
        for version, variants in by_version.items():
            assert len(variants) == 1, f"{domain} version {version}: gold files differ"
        distinct = {text for variants in by_version.values() for text in variants}
        assert len(distinct) == len(by_version), f"{domain}: two versions share one text"


def test_gold_files_follow_the_house_style(policies: list[SampleCapture]) -> None:
    for capture in policies:
        text = gold_text(capture)
        lines = text.split("\n")
        assert text.endswith("\n") and not text.endswith("\n\n"), capture.gold
        assert "\r" not in text and "\t" not in text, capture.gold
        assert all(line == line.rstrip() for line in lines), f"{capture.gold}: trailing space"
        assert lines[0].startswith("# "), f"{capture.gold}: starts with the policy's title"
        assert sum(line.startswith("# ") for line in lines) == 1, capture.gold
        # `_` is part of a word for the scorer, so emphasis is written with `*`.
        assert not EMPHASIS_UNDERSCORE.search(text), capture.gold


# --- true to the page -----------------------------------------------------------------------------


def test_gold_words_are_all_in_the_visible_text_of_the_page(policies: list[SampleCapture]) -> None:
    for capture in policies:
        gold = gold_text(capture)
        visible = words(page(capture).text_content())
        invented = words_without_link_targets(gold) - visible
        assert not invented, f"{capture.gold}: not on the page: {sorted(invented)}"


def test_gold_links_point_where_the_page_links_without_session_ids(
    policies: list[SampleCapture],
) -> None:
    linked = 0
    for capture in policies:
        hrefs = {
            without_session(urljoin(capture.url, href)) for href in page(capture).xpath("//a/@href")
        }
        for link in LINK.finditer(gold_text(capture)):
            linked += 1
            target = link["target"]
            assert target in hrefs, f"{capture.gold}: {target} is not a link of the page"
            assert not set(k.lower() for k, _ in parse_qsl(urlsplit(target).query)) & (
                SESSION_PARAMETERS
            ), f"{capture.gold}: {target} keeps a session id"
    assert linked >= len(policies)


def test_gold_holds_every_word_of_the_policy_and_none_of_the_furniture(
    policies: list[SampleCapture],
) -> None:
    assert set(POLICY_ELEMENT) == {c.timestamp for c in policies}
    for capture in policies:
        (element,) = page(capture).xpath(POLICY_ELEMENT[capture.timestamp])
        expected = words(element.text_content())
        found = words_without_link_targets(gold_text(capture))
        assert found == expected, (
            f"{capture.gold}: missing {sorted((expected - found).elements())}, "
            f"extra {sorted((found - expected).elements())}"
        )


# --- the sample as a gold corpus ------------------------------------------------------------------


def test_write_sample_corpus_loads_as_a_corpus(
    tmp_path: Path, policies: list[SampleCapture]
) -> None:
    out = tmp_path / "sample-corpus"
    assert write_sample_corpus(out) == out
    corpus = load_corpus(out)
    assert len(corpus) == sum(POLICIES.values()) == len(policies)
    assert Counter(c.service for c in corpus) == CORPUS_POLICIES
    assert {
        c.service: len({x.version for x in corpus if x.service == c.service}) for c in corpus
    } == (CORPUS_VERSIONS)
    assert [(c.service, c.timestamp) for c in corpus] == sorted(
        (c.service, c.timestamp) for c in corpus
    )
    by_key = {(c.url, c.timestamp): c for c in policies}
    for entry in corpus:
        source = by_key[(entry.url, entry.timestamp)]
        assert source.html is not None and source.gold is not None
        assert entry.service.startswith(site(source))
        assert entry.version == source.version
        assert entry.html.is_relative_to(out) and entry.gold_markdown.is_relative_to(out)
        assert entry.html.read_bytes() == source.html.read_bytes()
        assert entry.gold_markdown.read_bytes() == source.gold.read_bytes()
    # Writing again gives the same listing.
    listing = (out / "captures.jsonl").read_bytes()
    write_sample_corpus(out)
    assert (out / "captures.jsonl").read_bytes() == listing


def test_the_corpus_leaves_out_the_redirect_and_the_soft_404(
    tmp_path: Path, captures: list[SampleCapture]
) -> None:
    corpus = load_corpus(write_sample_corpus(tmp_path / "corpus"))
    listed = {(c.url, c.timestamp) for c in corpus}
    left_out = {(c.url, c.timestamp) for c in captures} - listed
    assert {c.status for c in captures if (c.url, c.timestamp) in left_out} == {200, 301}
    assert len(left_out) == 2
    assert all(c.version is None for c in captures if (c.url, c.timestamp) in left_out)


# --- the manifest's gold field --------------------------------------------------------------------


def copy_sample(tmp_path: Path) -> Path:
    folder = tmp_path / "sample"
    shutil.copytree(sample_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def test_a_missing_gold_file_is_named(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    (folder / "gold" / "tallgrass-fitness.example" / "20120319210455.md").unlink()
    with pytest.raises(SampleError, match=r"gold file .*20120319210455\.md does not exist"):
        load_sample(folder)


def test_gold_on_a_capture_that_is_not_a_policy_is_refused(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    manifest = folder / "captures.yaml"
    soft_404 = "    html: sites/quillfeather-press.example/20140807215940.html\n"
    text = manifest.read_text(encoding="utf-8")
    assert text.count(soft_404) == 1
    gold = "    gold: gold/quillfeather-press.example/20100514123301.md\n"
    manifest.write_text(text.replace(soft_404, soft_404 + gold), encoding="utf-8")
    with pytest.raises(SampleError, match="gold goes only with a policy page"):
        load_sample(folder)
