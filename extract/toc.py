"""A policy's own table of contents: a list of links to its sections, kept through trafilatura.

trafilatura drops lists that are mostly links, as menus are. A list whose links all point to
sections of the same page ("#your-rights") is the policy's outline, and it is part of the text
as published. Such lists are swapped for a placeholder paragraph before trafilatura runs, so
that trafilatura still decides whether they sit in the main text, and put back afterwards.
"""

from __future__ import annotations

from lxml import etree
from lxml.etree import _Element
from lxml.html import HtmlElement

# An outline has a few entries at least; two links are a "see also" line.
_MIN_ENTRIES = 3
# Nearly all of an outline's text is its links, and nearly all of them point into the page.
_MIN_LINKED_SHARE = 0.8
_MIN_IN_PAGE_SHARE = 0.8
# Most anchors must exist in the page: "#" alone or "#!/route" links are scripts, not sections.
_MIN_RESOLVED_SHARE = 0.5
# Outside these the list is the site's navigation, not the policy's.
_CHROME = {"nav", "header", "footer", "aside"}
_PLACEHOLDER = "policyarchive-outline-{}"


def shield_outlines(tree: HtmlElement) -> dict[str, _Element]:
    """Replace in-page outlines by placeholder paragraphs; return them, keyed by placeholder.

    Each outline is returned already in trafilatura's XML vocabulary (`list`, `item`, `ref`).
    """
    anchors = {*tree.xpath("//@id"), *tree.xpath("//a/@name")}
    shielded: dict[str, _Element] = {}
    for candidate in list(tree.iter("ul", "ol")):
        if candidate.getparent() is None or any(
            ancestor.tag in ("ul", "ol") for ancestor in candidate.iterancestors()
        ):
            continue
        if not _is_outline(candidate, anchors):
            continue
        key = _PLACEHOLDER.format(len(shielded))
        shielded[key] = _as_xml_list(candidate)
        placeholder = candidate.makeelement("p", {})
        placeholder.text = key
        placeholder.tail = candidate.tail
        candidate.getparent().replace(candidate, placeholder)
    return shielded


def restore_outlines(body: _Element, shielded: dict[str, _Element]) -> None:
    """Put the outlines back where trafilatura kept their placeholders."""
    if not shielded:
        return
    for paragraph in list(body.iter("p")):
        key = (paragraph.text or "").strip()
        if key in shielded and len(paragraph) == 0 and paragraph.getparent() is not None:
            outline = shielded[key]
            outline.tail = paragraph.tail
            paragraph.getparent().replace(paragraph, outline)


def _is_outline(candidate: HtmlElement, anchors: set[str]) -> bool:
    if any(ancestor.tag in _CHROME for ancestor in candidate.iterancestors()):
        return False
    links = [link for link in candidate.iter("a") if link.text_content().strip()]
    if len(links) < _MIN_ENTRIES:
        return False
    fragments = [
        href[1:] for link in links if (href := (link.get("href") or "").strip()).startswith("#")
    ]
    if len(fragments) < _MIN_IN_PAGE_SHARE * len(links):
        return False
    if sum(fragment in anchors for fragment in fragments) < _MIN_RESOLVED_SHARE * len(fragments):
        return False
    text = _length(candidate.text_content())
    linked = sum(_length(link.text_content()) for link in links)
    return text > 0 and linked >= _MIN_LINKED_SHARE * text


def _length(text: str) -> int:
    return len("".join(text.split()))


def _as_xml_list(html_list: HtmlElement) -> _Element:
    rend = "ol" if html_list.tag == "ol" else "ul"
    xml_list = etree.Element("list", rend=rend)
    for entry in html_list:
        if entry.tag != "li":
            continue
        item = etree.SubElement(xml_list, "item")
        _copy_inline(entry, item)
    return xml_list


def _copy_inline(source: HtmlElement, target: _Element) -> None:
    """Copy text and links of an HTML list item into an XML item; nested lists become lists."""
    last: _Element | None = None

    def add_text(text: str | None) -> None:
        if not text:
            return
        if last is None:
            target.text = (target.text or "") + text
        else:
            last.tail = (last.tail or "") + text

    add_text(source.text)
    for child in source:
        if child.tag in ("ul", "ol"):
            last = _as_xml_list(child)
            target.append(last)
        elif child.tag == "a":
            last = etree.SubElement(target, "ref", target=(child.get("href") or "").strip())
            last.text = " ".join(child.text_content().split())
        elif isinstance(child.tag, str):
            # Other inline markup: its words, and any links or lists nested in it.
            holder = etree.Element("item")
            _copy_inline(child, holder)
            add_text(holder.text)
            for grandchild in list(holder):
                target.append(grandchild)
                last = grandchild
        add_text(child.tail)
