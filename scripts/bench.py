"""Measure speed and size against bench/budgets.yml; write bench/results.md.

    python scripts/bench.py [--check] [--runs N] [--skip-scale] [--skip-tests]

Measures, on this machine:
- cold `mkdocs build` time of the guide next to a plain Material build of the
  same Markdown (median of N runs each, run alternately, and the ratio);
- bytes and requests of the first view of every page (Chromium, at the
  published address, answered from site/ as GitHub Pages would);
- the USB bundle's size, zipped and unzipped;
- Lighthouse scores for three pages, served gzipped over loopback as GitHub
  Pages serves them (Lighthouse from bench/package.json, installed on first use);
- build time with the pages copied 10 and 100 times, ours next to plain
  Material (what we add should stay in step with Material's own cost);
- how long the test suite takes.
With --check it exits 1 when a measure is over its budget.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "overrides" / "hooks")]

from site_config import derived_config  # noqa: E402
from browser import CHROMIUM_ARGS, PublishedSite, chromium_path, start_browser  # noqa: E402

BENCH = ROOT / "bench"
BUDGETS = yaml.safe_load((BENCH / "budgets.yml").read_text(encoding="utf-8"))
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# --- build time -------------------------------------------------------------------


def timed(command: list[str], cwd: Path) -> float:
    """Wall-clock seconds of one run of `command`."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def cpu_timed(command: list[str], cwd: Path) -> float:
    """CPU seconds (user + system) of one run of `command`: steadier than wall-clock time on a
    shared 2-core machine, where another process can take a core for a moment."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def plain_material_config(docs: Path) -> str:
    """Material with the same Markdown settings, and none of our hooks, overrides or plugins."""
    real = load_config(str(ROOT / "mkdocs.yml"))
    return yaml.safe_dump({
        "site_name": real.site_name, "docs_dir": str(docs), "use_directory_urls": False,
        "theme": {"name": "material"}, "plugins": ["search"], "markdown_extensions": list(real.markdown_extensions),
    })


def build_times(docs: Path, runs: int, work: Path) -> tuple[float, float]:
    """Median cold build CPU time (s) of ours and of plain Material, run alternately."""
    (work / "ours.yml").write_text(derived_config(docs), encoding="utf-8")
    (work / "plain.yml").write_text(plain_material_config(docs), encoding="utf-8")
    ours, plain = [], []
    for _ in range(runs):
        ours.append(cpu_timed([*MKDOCS, "--strict", "-f", str(work / "ours.yml"), "-d", str(work / "site-ours")], ROOT))
        plain.append(cpu_timed([*MKDOCS, "-f", str(work / "plain.yml"), "-d", str(work / "site-plain")], ROOT))
    return statistics.median(ours), statistics.median(plain)


def copies_of_docs(times: int, work: Path) -> Path:
    """docs/ with every page copied `times` times (copy-N-page.md), for the scaling measure."""
    target = work / f"docs-x{times}"
    shutil.copytree(ROOT / "docs", target)
    for page in sorted((ROOT / "docs").glob("*.md")):
        for n in range(1, times):
            (target / f"copy{n}-{page.name}").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    return target


# --- first view -------------------------------------------------------------------


def first_views(site: Path) -> list:
    site_url = load_config(str(ROOT / "mkdocs.yml")).site_url
    playwright, browser = start_browser()
    try:
        published = PublishedSite(browser.new_context(), site, site_url)
        return [published.measure(page.name) for page in sorted(site.glob("*.html"))]
    finally:
        browser.close()
        playwright.stop()


# --- Lighthouse ---------------------------------------------------------------------


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzipped when the browser accepts it, as GitHub Pages does."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def lighthouse(site: Path, pages: list[str]) -> dict[str, dict[str, int]]:
    binary = BENCH / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=BENCH, check=True, capture_output=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    scores = {}
    try:
        for page in pages:
            with tempfile.NamedTemporaryFile(suffix=".json") as report:
                subprocess.run([str(binary), f"http://127.0.0.1:{server.server_address[1]}/{page}", "--quiet",
                                "--output=json", f"--output-path={report.name}",
                                f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}"],
                               env={**ENV, "CHROME_PATH": chromium_path() or ""}, check=True, capture_output=True)
                categories = json.loads(Path(report.name).read_text())["categories"]
            scores[page] = {name: round(data["score"] * 100) for name, data in categories.items()}
    finally:
        server.shutdown()
    return scores


# --- the report ---------------------------------------------------------------------


def kb(size: float) -> str:
    return f"{size / 1000:.0f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a measure is over its budget")
    parser.add_argument("--runs", type=int, default=9, help="cold builds of each kind (median)")
    parser.add_argument("--skip-scale", action="store_true", help="leave out the 10x and 100x builds")
    parser.add_argument("--skip-tests", action="store_true", help="leave out timing the test suite")
    args = parser.parse_args()

    site, dist = ROOT / "site", ROOT / "dist"
    over: list[str] = []
    lines = ["# Benchmark results", "",
             f"Measured by `make bench` (scripts/bench.py) on {time.strftime('%Y-%m-%d')}, "
             f"{os.cpu_count()} cores, Python {sys.version.split()[0]}. Budgets: `bench/budgets.yml`.", ""]

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        ours, plain = build_times(ROOT / "docs", args.runs, work)
        overhead = ours / plain - 1
        lines += ["## Build time (cold, whole `mkdocs build` process, CPU seconds)", "",
                  "| build | median of %d runs |" % args.runs, "|---|---|",
                  f"| plain Material, same Markdown | {plain:.2f} s |", f"| this guide (`--strict`, hooks, overrides, offline, minify) | {ours:.2f} s |",
                  f"| our additions | {overhead:+.0%} (budget {BUDGETS['build_overhead_max']:+.0%}) |", ""]
        if overhead > BUDGETS["build_overhead_max"]:
            over.append(f"build overhead {overhead:.0%} > {BUDGETS['build_overhead_max']:.0%}")

        if not args.skip_scale:
            pages = len(list((ROOT / "docs").glob("*.md")))
            rows = [(1, pages, ours, plain)]
            for times in (10, 100):
                scaled_ours, scaled_plain = build_times(copies_of_docs(times, work), 1, work)
                rows.append((times, pages * times, scaled_ours, scaled_plain))
            lines += ["## Build time as the guide grows", "",
                      "Every page copied 10 and 100 times (CPU seconds, one build each). Every page carries the whole "
                      "menu, so each page grows with the page count and Material's own build grows faster than "
                      "linearly; what we add should stay in step with it.", "",
                      "| pages | plain Material | this guide | ours / plain | per page, ours |", "|---|---|---|---|---|"]
            lines += [f"| {count} ({times}x) | {p:.2f} s | {o:.2f} s | {o / p:.2f} | {o / count * 1000:.1f} ms |"
                      for times, count, o, p in rows]
            ratio_10, ratio_100 = (o / p for _, _, o, p in rows[1:])
            in_step = ratio_100 <= ratio_10 * 1.25
            lines += ["", f"Per page, plain Material costs {rows[2][3] / rows[2][1] / (rows[1][3] / rows[1][1]):.1f} times as much "
                      f"at 100x as at 10x, and this guide {rows[2][2] / rows[2][1] / (rows[1][2] / rows[1][1]):.1f} times: "
                      "neither is linear, because of the menu on every page. Our additions "
                      + ("stay in step with Material's own cost." if in_step else "grow faster than Material's own cost."), ""]
            if not in_step:
                over.append("our build additions grow faster than Material's own build")

    visits = first_views(site)
    lines += ["## First view of each page (uncompressed bytes)", "",
              "HTML, CSS, JS, fonts and images count toward the budget; the search index, fetched in the "
              "background by the search helper, is shown apart.", "",
              "| page | HTML | CSS | JS | fonts | images | first view | search index | requests |", "|---|---|---|---|---|---|---|---|---|"]
    for v in visits:
        t = v.by_type
        lines.append(f"| {v.url.rsplit('/', 1)[1]} | {kb(t.get('document', 0))} | {kb(t.get('stylesheet', 0))} | {kb(t.get('script', 0))} "
                     f"| {kb(t.get('font', 0))} | {kb(t.get('image', 0))} | **{kb(v.first_view_bytes)}** "
                     f"| {kb(t.get('fetch', 0) + t.get('xhr', 0))} | {v.requests} |")
    heaviest = max(v.first_view_bytes for v in visits)
    lines += ["", f"Heaviest first view: {kb(heaviest)} (budget {BUDGETS['first_view_kb_max']} KB). "
              f"Requests to other sites: {sum(len(v.outside_requests) for v in visits)}.", ""]
    if heaviest > BUDGETS["first_view_kb_max"] * 1000:
        over.append(f"first view {kb(heaviest)} > {BUDGETS['first_view_kb_max']} KB")

    archives = sorted(dist.glob("sclerotherapy-guide-*.zip"))
    if archives:
        folder = archives[-1].with_suffix("")
        unpacked = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        zipped = archives[-1].stat().st_size
        lines += ["## USB bundle", "", "| | size |", "|---|---|", f"| {archives[-1].name} (zipped) | {zipped / 1e6:.1f} MB |",
                  f"| unpacked | {unpacked / 1e6:.1f} MB |", f"| of which PDF handouts | "
                  f"{sum(p.stat().st_size for p in (folder / 'handouts').glob('*.pdf')) / 1e6:.1f} MB |", ""]
        if zipped > BUDGETS["bundle_zip_mb_max"] * 1e6:
            over.append(f"bundle {zipped / 1e6:.1f} MB > {BUDGETS['bundle_zip_mb_max']} MB")

    scores = lighthouse(site, BUDGETS["lighthouse_pages"])
    categories = list(BUDGETS["lighthouse_min"])
    lines += ["## Lighthouse (mobile, simulated slow 4G; served gzipped over loopback as GitHub Pages serves it)", "",
              "| page | " + " | ".join(categories) + " |", "|---" * (len(categories) + 1) + "|"]
    lines += [f"| {page} | " + " | ".join(str(s[c]) for c in categories) + " |" for page, s in scores.items()]
    lines += ["| budget | " + " | ".join(f"≥ {BUDGETS['lighthouse_min'][c]}" for c in categories) + " |", ""]
    over += [f"Lighthouse {c} {s[c]} < {BUDGETS['lighthouse_min'][c]} on {page}"
             for page, s in scores.items() for c in categories if s[c] < BUDGETS["lighthouse_min"][c]]

    if not args.skip_tests:
        seconds = timed([sys.executable, "-m", "pytest", "-q"], ROOT)
        lines += ["## Test suite", "", f"`python -m pytest` (after `make offline`): {seconds:.0f} s on {os.cpu_count()} cores "
                  f"(budget {BUDGETS['test_seconds_max']} s).", ""]
        if seconds > BUDGETS["test_seconds_max"]:
            over.append(f"tests took {seconds:.0f} s > {BUDGETS['test_seconds_max']} s")

    lines += ["## Verdict", "", "Every measure is within its budget." if not over else "Over budget: " + "; ".join(over) + ".", ""]
    report = "\n".join(lines)
    (BENCH / "results.md").write_text(report, encoding="utf-8")
    print(report)
    return 1 if (args.check and over) else 0


if __name__ == "__main__":
    sys.exit(main())
