"""The hashes for the Content-Security-Policy (overrides/partials/privacy-meta.html): the only inline
scripts a page may run are the ones the theme itself writes, so an injected script never runs.

Two kinds of inline script are allowed, each by its sha256:

- Material's own small scripts (partials/javascripts/*.html). The partial renders those same
  templates for the page and hashes what they write, so the hashes follow Material's version.
- The offline-search helper's (iframe-worker, vendored): on file:// it writes a hidden frame
  whose inline script names the page's search worker. That script's text is built here from
  the vendored file, with the worker's address as the page sees it.

There is no 'unsafe-inline' for scripts, on the web or on a USB stick. The browser tests
check that every page runs with no CSP violation, search works from file:// and over
https, and an injected script and an `onerror=` do not run.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path

from guide.paths import OVERRIDES

# An inline script that runs: no src, and no type, or a JavaScript type (JSON data is not run).
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?:\s+type=[\"']?(?:text/javascript|module)[\"']?)?\s*>(.*?)</script>", re.DOTALL
)


def sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def script_hashes(template_output: str) -> str:
    """The CSP sources for each inline script in the theme's own template output, space-separated."""
    return " ".join(dict.fromkeys(sha256(body) for body in _INLINE_SCRIPT.findall(template_output)))


@functools.lru_cache(maxsize=4)
def _shim_parts(shim: Path) -> tuple[str, str, str]:
    """From the vendored iframe-worker shim: its frame's script template and the two functions it inlines."""
    source = shim.read_text(encoding="utf-8")
    template = re.search(r"<script>(postMessage=\$\{c\};.*?)<\\/script>", source)
    post = re.search(r"(function c\(.*?)function d\(", source)
    imports = re.search(r"(function d\(.*?)var o=class", source)
    if not (template and post and imports):
        raise ValueError(
            f"{shim}: not the iframe-worker shim this CSP knows (1.0.4). After updating it, "
            "update guide/csp.py to match its inline frame script."
        )
    return template.group(1), post.group(1), imports.group(1)


def search_helper_hash(polyfills: list[str], worker_url: str) -> str:
    """The CSP source for the script the offline-search helper writes into its frame, on a page whose
    search worker is at `worker_url` (as Material writes it in the page: relative, e.g. assets/...)."""
    shims = [p for p in polyfills or [] if "iframe-worker-shim" in p]
    if not shims:
        return ""
    template, post, imports = _shim_parts(OVERRIDES / shims[0])
    script = template.replace("${c}", post).replace("${d}", imports).replace("${e}", worker_url)
    return sha256(script)


@functools.cache
def search_worker() -> str:
    """Material's search worker, as a path in the built site (assets/javascripts/workers/search.HASH.min.js)."""
    import material

    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    (worker,) = workers.glob("search.*.min.js")
    return f"assets/javascripts/workers/{worker.name}"
