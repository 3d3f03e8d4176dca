"""Sections folded into accordions and tabs: shown, with their labels, as the policy's text.

Policies fold long sections into accordions and put regional variants in tabs. The page hides
the closed ones (`hidden`, `aria-hidden`, `display:none`, a "collapse" class) until clicked, and
trafilatura drops hidden blocks, so a capture would lose whatever was folded when it was taken.
The labels live in buttons and tab lists, which trafilatura drops too.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

# How pages say "not shown until clicked".
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN_CLASS = re.compile(
    r"(?:^|\s)(?:hidden|hide|is-hidden|d-none|collapse|collapsed|closed|invisible)(?:\s|$)",
    re.IGNORECASE,
)
# Class words of the widgets that fold text away; generic, used by every UI toolkit.
_PANEL_CLASS = re.compile(
    r"accordion|collaps|panel|tab-?pane|tab-?content|expand|toggle|faq|disclosure|drawer",
    re.IGNORECASE,
)
_PANEL_ROLES = {"tabpanel", "region"}
# A cheap first pass in XPath, which `_is_hidden` then checks properly.
_HIDDEN_CANDIDATES = XPath(
    "//*[@hidden or @aria-hidden='true' or contains(@style, 'none') or contains(@style, 'hidden')"
    " or contains(@class, 'hid') or contains(@class, 'collaps') or contains(@class, 'none')"
    " or contains(@class, 'closed') or contains(@class, 'invisible')]"
)
# A revealed panel must read as prose (`reads_as_prose`), with at least this much text.
_PANEL_MIN_CHARS = 60
# Prose has few links: above this share of its characters in links, a block is a menu.
_PROSE_MAX_LINK_SHARE = 0.3
# Outside these the panel is a menu or a dialog, not a section of the policy.
_CHROME = {"header", "footer", "nav", "aside", "dialog", "form"}
# Text compared to find hidden copies of visible text (responsive pages print a block twice).
_FINGERPRINT_CHARS = 120


def reveal_folded_sections(tree: HtmlElement) -> None:
    """Unfold accordion and tab panels, keeping the labels that named them."""
    targets = _trigger_targets(tree)
    label_tab_panels(tree)
    unwrap_disclosure_buttons(tree)
    panels = [element for element in _HIDDEN_CANDIDATES(tree) if _is_folded_panel(element, targets)]
    if not panels:
        return
    page_text = " ".join(tree.text_content().split())
    for panel in panels:
        if _is_copy(panel, page_text):
            continue
        for name in ("hidden", "aria-hidden", "style", "class"):
            panel.attrib.pop(name, None)


def label_tab_panels(tree: HtmlElement) -> None:
    """Give each tab panel its tab's label as a bold first line, and drop the tab list."""
    tablists = tree.xpath("//*[@role='tablist']")
    if not tablists:
        return
    panels = {element.get("id"): element for element in tree.xpath("//*[@id]")}
    for tablist in tablists:
        tabs = tablist.xpath(".//*[@role='tab']")
        pairs = [(tab, panels.get(_target_id(tab) or "")) for tab in tabs]
        if not pairs or any(panel is None for _, panel in pairs):
            continue
        for tab, panel in pairs:
            label = " ".join(tab.text_content().split())
            if panel is None or not label or _opens_with(panel, label):
                continue
            line = panel.makeelement("p", {})
            strong = panel.makeelement("strong", {})
            strong.text = label
            line.append(strong)
            line.tail = panel.text
            panel.text = None
            panel.insert(0, line)
        if tablist.getparent() is not None:
            tablist.drop_tree()


def unwrap_disclosure_buttons(tree: HtmlElement) -> None:
    """Keep the words of buttons that open a section; trafilatura drops every button."""
    for button in list(tree.iter("button")):
        inside_title = any(a.tag in ("summary", "h1", "h2", "h3", "h4", "h5", "h6") for a in
                           button.iterancestors())  # fmt: skip
        opens = button.get("aria-controls") or button.get("aria-expanded")
        if (inside_title or opens) and button.text_content().strip():
            button.drop_tag()


def _trigger_targets(tree: HtmlElement) -> set[str]:
    """Ids of the elements that buttons and tabs open."""
    targets: set[str] = set()
    for trigger in tree.xpath("//*[@aria-controls or @data-target or @data-bs-target]"):
        for name in ("aria-controls", "data-target", "data-bs-target"):
            targets.update(value.lstrip("#") for value in (trigger.get(name) or "").split())
    for tab in tree.xpath("//*[@role='tab']"):
        if target := _target_id(tab):
            targets.add(target)
    return targets


def _target_id(tab: HtmlElement) -> str | None:
    controls = (tab.get("aria-controls") or "").strip()
    if controls:
        return controls.split()[0]
    href = (tab.get("href") or "").strip()
    return href[1:] if href.startswith("#") and len(href) > 1 else None


def _opens_with(panel: HtmlElement, label: str) -> bool:
    first = next(iter(panel), None)
    return first is not None and " ".join(first.text_content().split()) == label


def _is_folded_panel(element: HtmlElement, targets: set[str]) -> bool:
    if not isinstance(element.tag, str) or not _is_hidden(element):
        return False
    is_panel = (
        element.get("id", "") in targets
        or element.get("role") in _PANEL_ROLES
        or bool(_PANEL_CLASS.search(element.get("class", "")))
    )
    if not is_panel or any(ancestor.tag in _CHROME for ancestor in element.iterancestors()):
        return False
    return reads_as_prose(element, _PANEL_MIN_CHARS)


def reads_as_prose(element: HtmlElement, min_chars: int) -> bool:
    """Whether `element` reads as a section of a document: at least `min_chars` of text, few
    links and no form. Menus are mostly links; newsletter boxes and search panels have inputs."""
    if element.find(".//form") is not None or element.find(".//input") is not None:
        return False
    text = " ".join(element.text_content().split())
    if len(text) < min_chars:
        return False
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return linked <= _PROSE_MAX_LINK_SHARE * len(text)


def _is_hidden(element: HtmlElement) -> bool:
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style", "")))
        or bool(_HIDDEN_CLASS.search(element.get("class", "")))
    )


def _is_copy(panel: HtmlElement, page_text: str) -> bool:
    """Whether the panel's opening also appears elsewhere on the page, as a visible copy."""
    fingerprint = " ".join(panel.text_content().split())[:_FINGERPRINT_CHARS]
    return page_text.count(fingerprint) > 1
