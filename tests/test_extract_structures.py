"""Structure that policies carry and generic extractors drop: tables with lists in their cells,
cookie tables, definition lists, accordions, tabs, in-page outlines, hidden e-mail addresses."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml.html import document_fromstring

from extract.headings import restore_headings
from extract.markdown import REDIRECT_EXTRACTOR, Extraction, extract_policy
from extract.render import render_markdown
from extract.toc import shield_outlines

FIXTURES = Path(__file__).parent / "fixtures" / "extract"

FILLER = (
    "<p>We keep your account details only for as long as your account is open, and we delete "
    "them within thirty days after you close it, unless the law obliges us to keep them.</p>"
)


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


@pytest.fixture(scope="module")
def gdpr_page() -> Extraction:
    html = (FIXTURES / "gdpr_tables_accordions_2023.html").read_bytes()
    return extract_policy(html, url="https://fernhill-cycles.example/privacy")


def lines_of(extraction: Extraction) -> list[str]:
    return extraction.markdown.splitlines()


# --- tables --------------------------------------------------------------------------------------


def test_purposes_table_is_a_markdown_table_with_its_header(gdpr_page: Extraction) -> None:
    lines = lines_of(gdpr_page)
    header = lines.index("| Purpose | Categories of data | Legal basis | Retention |")
    assert lines[header + 1] == "| --- | --- | --- | --- |"


def test_list_items_inside_a_cell_stay_items(gdpr_page: Extraction) -> None:
    row = next(line for line in lines_of(gdpr_page) if line.startswith("| Selling and delivering"))
    assert (
        "| - Name and delivery address<br>- Email address and phone number<br>- Order history |"
        in row
    )
    assert "Performance of a contract (Art. 6(1)(b) GDPR)" in row


def test_paragraphs_and_links_inside_a_cell_stay_in_that_cell(gdpr_page: Extraction) -> None:
    row = next(line for line in lines_of(gdpr_page) if line.startswith("| Preventing payment"))
    assert (
        "Legitimate interest (Art. 6(1)(f) GDPR)<br><br>Our interest is not to ship bikes that "
        "were paid with stolen cards. Read the "
        "[balancing test](https://fernhill-cycles.example/legal/balancing-test)." in row
    )
    assert row.endswith("| Thirteen months |")


def test_cookie_table_keeps_every_cookie(gdpr_page: Extraction) -> None:
    lines = lines_of(gdpr_page)
    assert "| Name | Provider | Purpose | Duration |" in lines
    assert (
        "| fc\\_basket | Fernhill Cycles | Remembers the contents of your basket | 7 days |"
        in lines
    )
    assert any(line.startswith("| wheelstats\\_id | Wheelstats Analytics |") for line in lines)


def test_line_breaks_inside_a_cell_keep_every_line() -> None:
    table = (
        "<table><tr><th>Category</th><th>Examples</th></tr>"
        "<tr><td>Contact data</td><td>Name<br>Email<br>Phone number</td></tr>"
        "<tr><td>Device data</td><td><span>IP address</span><br><span>Browser</span><br><br>"
        'See <a href="/cookies">cookies</a>.</td></tr></table>'
    )
    lines = extract_policy(page(FILLER + table), url="https://a.example/privacy").markdown
    assert "| Contact data | Name<br>Email<br>Phone number |" in lines.splitlines()
    assert (
        "| Device data | IP address<br>Browser<br><br>See [cookies](https://a.example/cookies). |"
        in lines.splitlines()
    )


def test_a_pipe_inside_a_cell_does_not_split_it() -> None:
    table = "<table><tr><th>Data</th><th>Use</th></tr><tr><td>name | alias</td><td>login</td></tr>"
    text = extract_policy(page(FILLER + table + "</table>")).markdown
    assert "| name \\| alias | login |" in text.splitlines()


# --- definition lists ----------------------------------------------------------------------------


def test_definition_terms_and_definitions_are_both_kept(gdpr_page: Extraction) -> None:
    lines = lines_of(gdpr_page)
    term = lines.index("**Controller**")
    assert lines[term + 2].startswith("The organisation that decides why and how personal data")
    assert "**Special category data**" in lines
    assert any(line.startswith("Data about health, religion") for line in lines)


# --- folded sections -----------------------------------------------------------------------------


def test_hidden_accordion_panels_are_kept_with_their_labels(gdpr_page: Extraction) -> None:
    lines = lines_of(gdpr_page)
    assert "### Do you share my data with the bike brands?" in lines
    assert any(line.startswith("Only when you register a warranty claim") for line in lines)
    assert "### Does my data leave the United Kingdom?" in lines
    assert any(line.startswith("Our email provider stores newsletter addresses") for line in lines)


def test_hidden_tab_panels_are_kept_under_their_tab_labels(gdpr_page: Extraction) -> None:
    lines = lines_of(gdpr_page)
    uk, eu = lines.index("**In the United Kingdom**"), lines.index("**In the European Union**")
    assert lines[uk + 2].startswith("You can ask us for a copy of your data")
    assert lines[eu + 2].startswith("Customers in the European Union have the same rights")


def test_closed_details_are_kept(gdpr_page: Extraction) -> None:
    assert "Write to Priya Okafor, Fernhill Cycles Ltd" in gdpr_page.markdown


def test_a_numbered_section_whose_id_mentions_sharing_is_kept() -> None:
    # trafilatura drops blocks whose id or class says "share", as social buttons are named.
    sections = "".join(
        f'<li id="{slug}"><strong>{title}</strong><p>{FILLER[3:-4]} ({slug})</p></li>'
        for slug, title in [("collect", "WHAT WE COLLECT"), ("share", "HOW WE SHARE DATA")]
    )
    text = extract_policy(page(f"<ol>{sections}</ol>")).markdown
    assert "HOW WE SHARE DATA" in text and "(share)" in text


def test_headings_dropped_by_trafilatura_come_back() -> None:
    body = etree.fromstring("<body><p>First paragraph of the policy.</p><p>Second one.</p></body>")
    page_tree = document_fromstring(
        "<html><body><nav><h2>Menu</h2><p>Second one.</p></nav><h1>Policy</h1>"
        "<div><p>First paragraph of the policy.</p></div><h2>Rights</h2><h3>Access</h3>"
        "<p>Second one.</p></body></html>"
    )
    restore_headings(body, page_tree)
    assert render_markdown(body) == (
        "# Policy\n\nFirst paragraph of the policy.\n\n## Rights\n\n### Access\n\nSecond one."
    )


def test_banner_navigation_and_footer_stay_out(gdpr_page: Extraction) -> None:
    for chrome in ("Accept all", "which bikes you look at", "Workshop", "Careers", "01234567"):
        assert chrome not in gdpr_page.markdown


def test_a_hidden_copy_of_visible_text_is_not_revealed() -> None:
    # Responsive templates print a block twice and hide one copy; it must not appear twice.
    text = (
        "Your data stays in the European Union, on servers that we rent in Frankfurt and that "
        "only our own engineers can reach."
    )
    html = page(
        FILLER + f"<div class='panel'><p>{text}</p></div>"
        f"<div class='panel collapse' aria-hidden='true'><p>{text}</p></div>"
    )
    assert extract_policy(html).markdown.count("Your data stays in the European Union") == 1


def test_a_hidden_menu_is_not_revealed() -> None:
    menu = (
        "<nav><div class='collapse' id='menu' aria-hidden='true'><p>Pricing plans for teams of "
        "every size, from two writers to two thousand, billed monthly or yearly.</p></div></nav>"
    )
    html = f"<html><body>{menu}<article>{FILLER}</article></body></html>"
    assert "Pricing plans" not in extract_policy(html).markdown


# --- in-page outline -----------------------------------------------------------------------------


def outline_page() -> str:
    sections = [("collect", "What we collect"), ("use", "How we use it"), ("rights", "Your rights")]
    outline = "".join(f'<li><a href="#{slug}">{title}</a></li>' for slug, title in sections)
    bodies = "".join(
        f'<h2 id="{slug}">{title}</h2>{FILLER.replace("account details", title.lower())}'
        for slug, title in sections
    )
    menu = '<ul><li><a href="/">Home</a></li><li><a href="/blog">Blog</a></li>'
    menu += '<li><a href="/jobs">Jobs</a></li></ul>'
    return (
        f"<html><body><nav>{menu}</nav><article><h1>Privacy</h1>{FILLER}"
        f"<p><strong>In this policy:</strong></p><ul>{outline}</ul>{bodies}</article></body></html>"
    )


def test_the_policy_outline_is_kept_as_a_list_of_in_page_links() -> None:
    lines = extract_policy(outline_page(), url="https://a.example/privacy").markdown.splitlines()
    start = lines.index("- [What we collect](#collect)")
    assert lines[start + 1 : start + 3] == ["- [How we use it](#use)", "- [Your rights](#rights)"]
    assert "## Your rights" in lines


def test_the_site_menu_is_not_an_outline() -> None:
    text = extract_policy(outline_page(), url="https://a.example/privacy").markdown
    assert "Jobs" not in text and "Blog" not in text


def test_links_to_missing_anchors_are_not_an_outline() -> None:
    links = "".join(f'<li><a href="#!/tab{n}">Tab {n}</a></li>' for n in range(4))
    tree = document_fromstring(page(FILLER + f"<ul>{links}</ul>"))
    assert shield_outlines(tree) == {}
    assert len(tree.findall(".//li")) == 4


# --- text the page hides or mangles --------------------------------------------------------------


def cloudflare_hex(address: str, key: int = 0x5A) -> str:
    return f"{key:02x}" + "".join(f"{ord(c) ^ key:02x}" for c in address)


def test_cloudflare_protected_address_stays_as_the_archived_page_shows_it() -> None:
    encoded = cloudflare_hex("privacy@lumen.example")
    link = (
        f'<a href="/cdn-cgi/l/email-protection#{encoded}"><span class="__cf_email__" '
        f'data-cfemail="{encoded}">[email&#160;protected]</span></a>'
    )
    text = extract_policy(page(FILLER + f"<p>Write to {link} today.</p>"), "https://lumen.example")
    assert "privacy@lumen.example" not in text.markdown
    assert "(https://lumen.example/cdn-cgi/l/email-protection) today." in text.markdown
    assert encoded not in text.markdown


def test_cloudflare_placeholder_is_the_same_whatever_the_key() -> None:
    def capture(key: int) -> str:
        encoded = cloudflare_hex("dpo@lumen.example", key)
        body = (
            f'<p>Our DPO: <a href="/cdn-cgi/l/email-protection#{encoded}">'
            f'<span data-cfemail="{encoded}">[email protected]</span></a>.</p>'
        )
        return extract_policy(page(FILLER + body), "https://lumen.example").markdown

    assert capture(0x11) == capture(0xC3)


def test_break_inside_a_paragraph_is_a_line_break_not_a_new_paragraph() -> None:
    html = page(FILLER + "<p>Lumen Notes Ltd<br>1 Mill Lane<br>Leeds</p>")
    assert "Lumen Notes Ltd\n1 Mill Lane\nLeeds" in extract_policy(html).markdown


def test_text_in_a_bare_div_between_paragraphs_is_kept() -> None:
    long = FILLER * 6
    html = page(f"<h2>North America</h2><div>For customers in Canada and Mexico</div>{long}")
    assert "For customers in Canada and Mexico" in extract_policy(html).markdown


# --- redirect pages ------------------------------------------------------------------------------


def test_a_meta_refresh_page_has_no_text() -> None:
    html = (
        '<html><head><meta http-equiv="refresh" content="0; url=https://a.example/privacy/">'
        "<title>Redirecting</title><script>var pages = {};</script></head><body>"
        '<p>You should be redirected, if not <a href="https://a.example/privacy/">click here</a>.'
        "</p></body></html>"
    )
    result = extract_policy(html, url="https://a.example/privacy")
    assert result.markdown == ""
    assert result.extractor == REDIRECT_EXTRACTOR


def test_a_slow_refresh_on_a_real_policy_is_not_a_redirect() -> None:
    html = page(FILLER * 3, head='<meta http-equiv="refresh" content="600">')
    assert "We keep your account details" in extract_policy(html).markdown


# --- the renderer on its own ---------------------------------------------------------------------


def render(xml: str) -> str:
    return render_markdown(etree.fromstring(f"<body>{xml}</body>"))


def test_render_nested_and_ordered_lists() -> None:
    xml = (
        '<list rend="ol"><item>First<list rend="ul"><item>a</item><item>b</item></list></item>'
        "<item>Second</item></list>"
    )
    assert render(xml) == "1. First\n   - a\n   - b\n2. Second"


def test_render_emphasis_hugs_its_words() -> None:
    xml = '<p>Some <hi rend="#b">bold </hi>and<hi rend="#i"> italic</hi> words</p>'
    assert render(xml) == "Some **bold** and _italic_ words"


def test_render_escapes_what_would_read_as_markup() -> None:
    xml = "<p>1. Not a list, *not* bold, snake_case and [brackets]</p>"
    assert render(xml) == "1\\. Not a list, \\*not\\* bold, snake\\_case and \\[brackets\\]"


def test_render_link_targets() -> None:
    xml = (
        '<p><ref target="https://en.example/wiki/Cookie_(computing)">cookie</ref>, '
        '<ref target="https://a.example/a b">spaced</ref>, <ref target="">bare</ref>, '
        '<ref target="https://a.example/x"> </ref>end</p>'
    )
    assert render(xml) == (
        "[cookie](https://en.example/wiki/Cookie_(computing)), "
        "[spaced](https://a.example/a%20b), bare, end"
    )


def test_render_headings_without_bold() -> None:
    assert render('<head rend="h2"><hi rend="#b">1. Scope</hi></head>') == "## 1. Scope"
