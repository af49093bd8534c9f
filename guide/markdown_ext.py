"""A Python-Markdown extension for the guide's pages: small changes to each page's HTML tree.

Listed in mkdocs.yml under `markdown_extensions` as `guide.markdown_ext`. One
tree processor, run after `abbr`, `attr_list` and `pymdownx.tasklist`, does three jobs:

- Glossary words: only the first use of a word on a page keeps its tooltip, as a
  reader would expect of a leaflet, without a dotted line under every repeat;
  inside a definition list (the glossary itself) no word gets one, since its
  meaning is right there.
- Tick boxes: pymdownx.tasklist writes `<input> words`: a tick box with no name for a
  screen reader. The box and the item's words go into one label, which names the box and
  makes the words tappable.
- Links to other websites: on paper a link cannot be clicked, so print.css writes
  the address after the link text; class `print-address` marks the links whose text
  is not already the address.
- Headings stay with what follows: each `##`-`####` heading and the block after it
  (its paragraph, list or table) go into `<div class="keep-with-next">`, which print.css
  keeps on one sheet. Browsers that ignore `break-after: avoid` on a heading (WebKit)
  honour `break-inside: avoid` on the wrapper.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as etree

from markdown import Extension, util
from markdown.treeprocessors import Treeprocessor

_PLACEHOLDER = util.HTML_PLACEHOLDER_RE
PRIORITY = 5  # after abbr (7) and pymdownx.tasklist (25); before unescaping (0)


def _text(element: etree.Element) -> str:
    return "".join(element.itertext())


class GuideTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self.first_uses_only(root)
        self.name_tick_boxes(root)
        self.mark_external_links(root)
        self.keep_headings_with_next(root)

    @staticmethod
    def first_uses_only(root: etree.Element) -> None:
        seen: set[str] = set()
        in_definitions = {id(abbr) for dl in root.iter("dl") for abbr in dl.iter("abbr")}
        parents = {id(child): parent for parent in root.iter() for child in parent}
        for abbr in list(root.iter("abbr")):  # in reading order
            word = _text(abbr).lower().rstrip("s")
            if id(abbr) in in_definitions or word in seen:
                _unwrap(parents[id(abbr)], abbr)
            else:
                seen.add(word)

    def name_tick_boxes(self, root: etree.Element) -> None:
        # pymdownx.tasklist leaves `<label ...><input ...><span></span></label>` as stashed raw HTML at
        # the start of the item's text: the stash keeps the tick box, and a real label takes the words.
        stash = self.md.htmlStash.rawHtmlBlocks
        for item in root.iter("li"):
            if "task-list-item" not in item.get("class", ""):
                continue
            holder = item if item.text else (item[0] if len(item) and item[0].tag == "p" else None)
            match = _PLACEHOLDER.match((holder.text or "") if holder is not None else "")
            html = stash[int(match.group(1))] if match else ""
            if not isinstance(html, str):
                continue
            if not html.startswith('<input type="checkbox"'):
                continue
            label = etree.Element("label", {"class": "task-list-label"})
            label.text, holder.text = holder.text, None
            for child in list(holder):
                if child.tag in ("ul", "ol"):
                    break
                holder.remove(child)
                label.append(child)
            holder.insert(0, label)

    @staticmethod
    def mark_external_links(root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if href.startswith(("https://", "http://")) and _text(link).strip() != href:
                link.set("class", " ".join(filter(None, [link.get("class"), "print-address"])))

    @staticmethod
    def keep_headings_with_next(root: etree.Element) -> None:
        for parent in list(root.iter()):
            children = list(parent)
            for heading, following in itertools.pairwise(children):
                if heading.tag in KEEP_HEADINGS and following.tag in KEPT_BLOCKS:
                    index = list(parent).index(heading)
                    wrapper = etree.Element("div", {"class": "keep-with-next"})
                    wrapper.tail, following.tail = following.tail, None
                    parent.remove(heading)
                    parent.remove(following)
                    wrapper.extend([heading, following])
                    parent.insert(index, wrapper)


KEEP_HEADINGS = ("h2", "h3", "h4")
# What a heading keeps with it: one short block. Not a definition list (a glossary letter's whole list
# would move to the next sheet) nor a box or a group of sections.
KEPT_BLOCKS = ("p", "ul", "ol", "table")


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace `child` by its text, keeping the text around it."""
    index = list(parent).index(child)
    words = (child.text or "") + (child.tail or "")
    if index == 0:
        parent.text = (parent.text or "") + words
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + words
    parent.remove(child)


class GuideExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(GuideTreeprocessor(md), "guide", PRIORITY)


def makeExtension(**kwargs):
    return GuideExtension(**kwargs)
