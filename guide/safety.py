"""What a page may not contain: anything that runs code in a patient's browser, and broken bytes.

A page is text, headings, lists, links and pictures. So a page's Markdown may not hold:
a `<script>` (or a frame, object or embed), an `on...=` event handler, a `javascript:`
link, or a NUL byte. The source check names the file and line. The built HTML is then
checked again (html.parser decodes entities, so `jav&#x61;script:` is seen for what it is),
naming the file.

Links and pictures inside the guide must point at a file of the guide; the check names the
line, which MkDocs' own warning does not.
"""

from __future__ import annotations

import html
import html.parser
import posixpath
import re
from urllib.parse import unquote, urlsplit

_RUNNABLE_TAGS = ("script", "iframe", "frame", "object", "embed", "applet", "base", "meta", "form")
_SOURCE_RULES = [
    (re.compile(r"\x00"), "has a NUL byte (an invisible broken character). Retype the line or save the file again"),
    (
        re.compile(rf"<\s*({'|'.join(_RUNNABLE_TAGS)})\b", re.IGNORECASE),
        "has a <{0}> tag. Pages may not run code or embed other pages: remove it",
    ),
    (
        re.compile(r"<[a-z][^>]*\s(on[a-z]+)\s*=", re.IGNORECASE),
        "has an '{0}=' attribute, which runs code. Remove it",
    ),
    (
        re.compile(r"\b(javascript|vbscript)\s*:", re.IGNORECASE),
        "has a '{0}:' address, which runs code. Link to a page or an https:// address",
    ),
    (
        re.compile(r"(?:\]\(|=\s*[\"']?)\s*<?\s*(data)\s*:", re.IGNORECASE),
        "has a '{0}:' address, which can hide a page or code. Put the file in docs/ and link to it",
    ),
]
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset"}
_SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}


def source_problems(source: str) -> list[tuple[int, str]]:
    """(line, message) for each thing a page's Markdown may not contain."""
    found = []
    for number, line in enumerate(source.split("\n"), start=1):
        line = html.unescape(line)  # `jav&#x61;script:` is javascript: to a browser
        for pattern, message in _SOURCE_RULES:
            if match := pattern.search(line):
                found.append((number, message.format(*(match.groups() or ("",)))))
    return found


class _Scanner(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _RUNNABLE_TAGS:
            self.found.append(f"has a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"has an '{name}=' attribute on <{tag}>")
            elif name in _URL_ATTRIBUTES and value:
                scheme = urlsplit("".join(value.split()).lower()).scheme
                if scheme not in _SAFE_SCHEMES:
                    self.found.append(f"has a '{scheme}:' address in <{tag} {name}>")


# What could be trouble, found fast: a tag that runs or embeds, an `on...=` handler, or an address that is
# not plainly https, mailto, tel, an #anchor or a relative path (quoted, as Python-Markdown writes it).
# Only a page where this matches is parsed; `java<TAB>script:` and `jav&#x61;script:` match.
_WORTH_PARSING = re.compile(
    rf"<\s*(?:{'|'.join(_RUNNABLE_TAGS)})\b|\son[a-z]+\s*="
    r"|(?:href|src|action|formaction|xlink:href|poster|srcset)\s*=\s*"
    r"(?![\"'](?:https?://|mailto:|tel:|#|[\w./%-]+[\"'#?]))",
    re.IGNORECASE,
)


def html_problems(page_html: str) -> list[str]:
    """What the built HTML of a page's text holds that could run code (a backstop for source_problems)."""
    if not _WORTH_PARSING.search(page_html):
        return []
    scanner = _Scanner()
    scanner.feed(page_html)
    scanner.close()
    return scanner.found


_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|\b(?:src|href)=\"([^\"]+)\"")


def link_problems(source: str, page_uri: str, exists) -> list[tuple[int, str]]:
    """(line, message) for each link or picture in the Markdown whose target is not a file of the guide.
    `page_uri` is the page's path in docs/ (e.g. 'aftercare.md'); `exists(uri)` says whether docs/ has it."""
    found = []
    for number, line in enumerate(source.split("\n"), start=1):
        for match in _LINK.finditer(line):
            target = html.unescape(match.group(1) or match.group(2))
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            what = "picture" if match.group(0).startswith("!") or "src=" in match.group(0) else "link"
            if parts.path.startswith("/"):
                found.append(
                    (number, f"{what} '{target}' starts with /. Write it relative to this page, e.g. aftercare.md")
                )
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), unquote(parts.path)))
            if resolved.startswith("../") or resolved == "..":
                found.append((number, f"{what} '{target}' leads outside docs/. Link only to files inside docs/"))
            elif not exists(resolved):
                found.append(
                    (number, f"{what} '{target}' points at docs/{resolved}, which does not exist. Check the name")
                )
    return found
