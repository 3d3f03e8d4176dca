"""Fixes to a parsed page before trafilatura reads it, for what privacy-policy pages look like.

Each step is a small rule with the reason it exists. They change the tree in place.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.xpaths import OVERALL_DISCARD_XPATH, REGEXP_NS

from extract.panels import reads_as_prose, reveal_folded_sections
from extract.render import LINE_BREAK

# Cloudflare's e-mail obfuscation: the element that shows "[email protected]", and its link.
_CLOUDFLARE_ATTRIBUTE = "data-cfemail"
_CLOUDFLARE_PATH = "/cdn-cgi/l/email-protection"

# Consent managers whose banner or preference centre sits in an element with a fixed id or class.
_CONSENT_MANAGER = re.compile(
    r"onetrust-consent-sdk|onetrust-banner|CybotCookiebot|usercentrics-root|didomi-host"
    r"|truste-consent|qc-cmp2|sp_message_container|cookie-law-info-bar|osano-cm-|iubenda-cs"
    r"|cmpbox|\bcc-window\b|cookiescript_injected|moove_gdpr",
    re.IGNORECASE,
)
_CONSENT_WORD = re.compile(r"cookie|consent|gdpr", re.IGNORECASE)
_BANNER_WORD = re.compile(
    r"banner|bar\b|notice|popup|pop-up|modal|overlay|dialog|prompt|notification|toast|snackbar",
    re.IGNORECASE,
)
# Elements that can hold a banner; headings and paragraphs never are one, whatever their id says.
_BANNER_TAGS = ("div", "section", "aside", "dialog", "form", "header", "footer", "span")
# What the buttons of a consent banner say.
_CONSENT_CHOICE = re.compile(
    r"accept|agree|allow|consent|reject|decline|refuse|dismiss|got it|\bok\b|close|settings"
    r"|preferences|manage|customi[sz]e|akzeptieren|accepter|aceptar|accetta",
    re.IGNORECASE,
)
# Consent banners say a few sentences; a policy's section about cookies says far more.
_BANNER_MAX_CHARS = 1500

# A section trafilatura would discard is kept when it reads like part of the policy
# (`reads_as_prose`: newsletter boxes and search panels also open with a heading).
_SECTION_MIN_CHARS = 100
_CHROME = {"header", "footer", "nav", "aside"}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# How far up a heading can open its section: section > details > summary > h2.
_OPENER_DEPTH = 4

# A table cell longer than this is a page column, not a datum.
_LAYOUT_CELL_WORDS = 80
_BLOCKS_IN_LAYOUT_CELLS = ("table", "ul", "ol", "dl", "form", "blockquote", *_HEADINGS)
_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")

# Containers whose loose text is wrapped into paragraphs; `unwrap_layout_tables` runs first, so
# layout cells are already divs, while the cells of data tables are left alone.
_CONTAINERS = ("body", "div", "center", "blockquote", "section", "article", "main")
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "center", "details", "div", "dl", "fieldset",
    "figure", "footer", "form", "header", "hr", "main", "menu", "nav", "ol", "p", "pre", "section",
    "table", "ul", *_HEADINGS,
}  # fmt: skip

# trafilatura's boilerplate rules, asked of one element instead of searched through a tree.
# It runs them after renaming list items to `item` and lists to `list`; here they are still HTML.
_DISCARDED_BY_TRAFILATURA = [
    XPath(
        rule.path.replace(".//*[", "self::*[", 1)
        .replace("self::item", "self::item or self::li")
        .replace("self::list", "self::list or self::ul or self::ol"),
        namespaces={"re": REGEXP_NS},
    )
    for rule in OVERALL_DISCARD_XPATH
]

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_KEEPS_SPACE = {"pre", "textarea", "code", "plaintext", "listing", "xmp"}


def prepare_tree(tree: HtmlElement, url: str | None = None) -> None:
    """Apply every fix, in an order where each sees the page as the previous one left it.

    With `url`, the page's original address, links are made absolute against it.
    """
    stabilize_protected_emails(tree)
    if url:
        absolutize_links(tree, url)
    remove_consent_banners(tree)
    reveal_folded_sections(tree)
    keep_policy_sections(tree)
    drop_empty_links(tree)
    unwrap_headed_summaries(tree)
    unwrap_layout_tables(tree)
    split_cell_paragraphs(tree)
    wrap_loose_text(tree)
    text_divs_to_paragraphs(tree)
    collapse_whitespace(tree)


def absolutize_links(tree: HtmlElement, url: str) -> None:
    """Resolve relative link targets against the page address (or its `<base href>`).

    Links to a place in the same page ("#cookies") stay as they are: they point into the text.
    trafilatura's own resolution would send them to the site's home page.
    """
    base = url
    base_element = tree.find(".//base[@href]")
    if base_element is not None:
        base = _join(url, base_element.get("href", "")) or url
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        if href and not href.startswith("#") and (absolute := _join(base, href)):
            link.set("href", absolute)


def _join(base: str, href: str) -> str | None:
    try:
        return urljoin(base, href)
    except ValueError:  # such as an unbalanced "[" in the host
        return None


def stabilize_protected_emails(tree: HtmlElement) -> None:
    """Keep e-mail addresses that a CDN hid from harvesters as the archived page shows them.

    Cloudflare replaces each address with "[email protected]" and a hex string that a script
    decodes in the browser. The archive keeps what the bytes say, the placeholder, as curated
    corpora do; only the hex string goes, because it changes on every visit.
    """
    for element in tree.xpath(f"//*[@{_CLOUDFLARE_ATTRIBUTE}]"):
        element.attrib.pop(_CLOUDFLARE_ATTRIBUTE)
    for link in tree.xpath(f"//a[contains(@href, '{_CLOUDFLARE_PATH}')]"):
        link.set("href", link.get("href", "").partition("#")[0])


def remove_consent_banners(tree: HtmlElement) -> None:
    """Delete cookie-consent banners, whose wording rotates between captures of one policy."""
    for element in list(tree.iter(*_BANNER_TAGS)):
        if element.getparent() is not None and _is_consent_banner(element):
            element.drop_tree()


def _is_consent_banner(element: HtmlElement) -> bool:
    attributes = f"{element.get('id', '')} {element.get('class', '')}"
    if _CONSENT_MANAGER.search(attributes):
        return True
    labels = f"{attributes} {element.get('aria-label', '')}"
    dialog = element.get("role") in ("dialog", "alertdialog") or element.get("aria-modal") == "true"
    if not (dialog or (_CONSENT_WORD.search(labels) and _BANNER_WORD.search(labels))):
        return False
    # A policy's own section can be labelled "cookie-consent-banner" too (a heading's slug); only
    # a banner asks the reader to click something.
    text = element.text_content()
    return (
        len(text) <= _BANNER_MAX_CHARS
        and bool(_CONSENT_WORD.search(f"{labels} {text}"))
        and any(_CONSENT_CHOICE.search(_label(control)) for control in _controls(element))
    )


def _label(control: HtmlElement) -> str:
    return f"{control.text_content()} {control.get('value', '')} {control.get('aria-label', '')}"


def _controls(element: HtmlElement) -> list[HtmlElement]:
    return [
        *element.iter("button", "a"),
        *element.xpath(".//*[@role='button']"),
        *element.xpath(".//input[@type='button' or @type='submit']"),
    ]


def keep_policy_sections(tree: HtmlElement) -> None:
    """Strip the attributes that make trafilatura drop a section of the policy.

    Its boilerplate rules match words such as "cookie", "share", "social" or "nav" in ids and
    classes, and hidden blocks: right for a news site, wrong for a privacy policy whose sections
    are about exactly those things (`<section id="cookies">`, `<div id="how-we-share-data">`)
    or fold away until clicked. A block counts as a section when it opens with a heading and
    reads as prose, outside the page's header, footer, navigation and sidebars.
    """
    # Only blocks that open with a heading can qualify: test those few against trafilatura's
    # rules instead of running the rules over the whole page.
    for element in _heading_openers(tree):
        if any(rule(element) for rule in _DISCARDED_BY_TRAFILATURA) and _is_policy_section(element):
            for name in ("id", "class", "style", "hidden", "aria-hidden"):
                element.attrib.pop(name, None)


def _heading_openers(tree: HtmlElement) -> list[HtmlElement]:
    """Blocks that open with a title, a few levels down: `<section><details><summary><h2>`.

    A title is a heading, or bold text that opens a list item or a division followed by more
    blocks, as in policies written as one numbered list of sections.
    """
    openers = []
    for title in [*tree.iter(*_HEADINGS), *tree.iter("strong", "b")]:
        if title.tag in ("strong", "b") and not _opens_a_section(title):
            continue
        element = title
        for _ in range(_OPENER_DEPTH):
            parent = element.getparent()
            if parent is None or parent[0] is not element or (parent.text or "").strip():
                break
            openers.append(parent)
            element = parent
    return openers


def _opens_a_section(bold: HtmlElement) -> bool:
    parent = bold.getparent()
    return (
        parent is not None
        and parent.tag in ("li", "div", "section")
        and parent[0] is bold
        and not (parent.text or "").strip()
        and any(child.tag in _BLOCK_TAGS for child in parent)
    )


def _is_policy_section(element: HtmlElement) -> bool:
    if any(_is_chrome(e) for e in (element, *element.iterancestors())):
        return False
    return reads_as_prose(element, _SECTION_MIN_CHARS)


def _is_chrome(element: HtmlElement) -> bool:
    labels = f"{element.get('id', '')} {element.get('class', '')}"
    return element.tag in _CHROME or "sidebar" in labels.lower()


def _has_heading(element: HtmlElement) -> bool:
    return any(True for _ in element.iter(*_HEADINGS))


def drop_empty_links(tree: HtmlElement) -> None:
    """Remove links without text, such as permalink icons beside headings.

    With links on, trafilatura loses the text that follows an empty link inside a heading, so
    `<h2><a href="#x"><svg/></a>Cookies</h2>` would come out as an empty `##`.
    """
    for link in list(tree.iter("a")):
        if link.getparent() is not None and not link.text_content().strip():
            link.drop_tree()


def unwrap_headed_summaries(tree: HtmlElement) -> None:
    """Unwrap `<summary>` elements that hold a heading, as FAQ-style policies use them.

    trafilatura renders a summary as a heading itself, so `<summary><h2>Cookies</h2></summary>`
    would come out as "## ## Cookies".
    """
    for summary in list(tree.iter("summary")):
        if _has_heading(summary):
            summary.drop_tag()


def unwrap_layout_tables(tree: HtmlElement) -> None:
    """Turn tables used for page layout into plain blocks, keeping tables of data.

    1990s pages put the menu and the policy side by side in one table; read as data, the whole
    policy becomes one Markdown table cell and its lists are lost.
    """
    # Find every table's own parts before renaming anything: once an outer table is a div, the
    # parts of the tables inside it can no longer tell which table they belong to.
    layout = [(table, _own_parts(table)) for table in tree.iter("table") if _is_layout_table(table)]
    for table, parts in layout:
        for part in parts:
            part.tag = "div"
        table.tag = "div"


def _is_layout_table(table: HtmlElement) -> bool:
    parts = _own_parts(table)
    if any(part.tag in ("th", "thead") for part in parts) or table.find("caption") is not None:
        return False
    for cell in parts:
        if cell.tag != "td":
            continue
        if any(True for _ in cell.iter(*_BLOCKS_IN_LAYOUT_CELLS)):
            return True
        if len(cell.text_content().split()) > _LAYOUT_CELL_WORDS:
            return True
    return False


def _own_parts(table: HtmlElement) -> list[HtmlElement]:
    """The rows, cells and row groups of `table`, not those of tables nested in its cells."""
    own = []
    for part in table.iter(*_TABLE_PARTS):
        if part is table:
            continue
        owner = next(part.iterancestors("table"), None)
        if owner is table:
            own.append(part)
    return own


def split_cell_paragraphs(tree: HtmlElement) -> None:
    """Turn the line breaks of data cells into paragraphs (`<br><br>`) and marked lines (`<br>`).

    trafilatura mangles breaks in cells: of "Name<br>Email<br>Phone" it keeps "Name" and
    "Phone", and the text after a break becomes a paragraph that leaves its links behind.
    A single break becomes `LINE_BREAK`, a character trafilatura passes through as text.
    """
    for cell in list(tree.iter("td", "th")):
        _split_paragraphs(cell)
        for br in list(cell.iter("br")):
            _replace_with_text(br, LINE_BREAK)


def _split_paragraphs(cell: HtmlElement) -> None:
    """Make paragraphs of the runs of text that blank lines (`<br><br>`) part in a cell."""
    children = list(cell)
    # Decide before moving anything: once removed, a child has no siblings to look at.
    runs = [_in_break_run(child) for child in children]
    if not any(runs) or any(_is_block(c) for c in children if c.tag != "br"):
        return
    paragraphs = [_paragraph_element(cell, cell.text)]
    cell.text = None
    for position, (child, in_run) in enumerate(zip(children, runs, strict=True)):
        cell.remove(child)  # its tail text leaves with it
        if not in_run:
            paragraphs[-1].append(child)
        elif position > 0 and runs[position - 1] and not _has_text_after(children[position - 1]):
            paragraphs[-1].text = (paragraphs[-1].text or "") + (child.tail or "")
        else:
            paragraphs.append(_paragraph_element(cell, child.tail))
    for paragraph in paragraphs:
        if paragraph.text_content().strip():
            cell.append(paragraph)


def _replace_with_text(element: HtmlElement, text: str) -> None:
    """Remove `element`, leaving `text` and its tail where it was."""
    parent = element.getparent()
    if parent is None:
        return
    previous = element.getprevious()
    joined = text + (element.tail or "")
    if previous is None:
        parent.text = (parent.text or "") + joined
    else:
        previous.tail = (previous.tail or "") + joined
    parent.remove(element)


def _has_text_after(element: HtmlElement) -> bool:
    return bool((element.tail or "").strip())


def _in_break_run(element: HtmlElement) -> bool:
    """Whether `element` is a `<br>` next to another, with only whitespace between them."""
    if element.tag != "br":
        return False
    after, before = element.getnext(), element.getprevious()
    if after is not None and after.tag == "br" and not (element.tail or "").strip():
        return True
    return before is not None and before.tag == "br" and not (before.tail or "").strip()


def _paragraph_element(container: HtmlElement, text: str | None) -> HtmlElement:
    paragraph: HtmlElement = container.makeelement("p", {})
    paragraph.text = text
    return paragraph


def wrap_loose_text(tree: HtmlElement) -> None:
    """Wrap text and inline elements that sit between blocks into paragraphs of their own.

    Old pages write `<b>Heading</b><br><br>text<p>more` straight into a cell; trafilatura then
    drops or glues the loose part ("HeadingNorthwind"). `<font>`, which old pages wrap around
    whole sections, is unwrapped first so that its blocks become the container's own.
    """
    for font in list(tree.iter("font")):
        if font.getparent() is not None:
            font.drop_tag()
    for container in list(tree.iter(*_CONTAINERS)):
        children = list(container)
        if any(_is_block(child) for child in children) and _has_loose_text(container):
            _wrap_runs(container, children)


def _is_block(element: HtmlElement) -> bool:
    return not isinstance(element.tag, str) or element.tag in _BLOCK_TAGS


def _has_loose_text(container: HtmlElement) -> bool:
    if (container.text or "").strip():
        return True
    for child in container:
        if _is_block(child):
            if (child.tail or "").strip():
                return True
        elif child.text_content().strip() or (child.tail or "").strip():
            return True
    return False


def _wrap_runs(container: HtmlElement, children: list[HtmlElement]) -> None:
    ordered: list[HtmlElement] = []
    paragraph = _paragraph(container, container.text)
    container.text = None
    for child in children:
        container.remove(child)  # the child's tail text leaves with it
        if not _is_block(child):
            paragraph = paragraph if paragraph is not None else container.makeelement("p", {})
            paragraph.append(child)
            continue
        if paragraph is not None:
            ordered.append(paragraph)
        tail, child.tail = child.tail, None
        ordered.append(child)
        paragraph = _paragraph(container, tail)
    if paragraph is not None:
        ordered.append(paragraph)
    container.extend(ordered)


def _paragraph(container: HtmlElement, text: str | None) -> HtmlElement | None:
    """A new <p> holding `text`, or None when `text` is blank."""
    if not text or not text.strip():
        return None
    paragraph: HtmlElement = container.makeelement("p", {})
    paragraph.text = text
    return paragraph


def text_divs_to_paragraphs(tree: HtmlElement) -> None:
    """Turn divs that hold only text and inline markup into paragraphs.

    trafilatura reads divs only on pages with little paragraph text, so a sentence that a
    template puts in a bare `<div>` between real paragraphs ("For users in Canada") is lost.
    """
    for div in list(tree.iter("div")):
        if (div.text or "").strip() and not any(_is_block(child) for child in div):
            div.tag = "p"


def collapse_whitespace(tree: HtmlElement) -> None:
    """Collapse runs of spaces and newlines as a browser does, outside preformatted text.

    Otherwise the page template's indentation and line wrapping leak into the Markdown and make
    identical text look different from one capture to the next.
    """
    preformatted = {inner for outer in tree.iter(*_KEEPS_SPACE) for inner in outer.iter()}
    for element in tree.iter():
        if element.text and element not in preformatted:
            element.text = _HTML_SPACE.sub(" ", element.text)
        if element.tail and element.getparent() not in preformatted:
            element.tail = _HTML_SPACE.sub(" ", element.tail)
