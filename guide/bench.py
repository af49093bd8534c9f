"""Measure speed and size against bench/budgets.yml; write bench/results.md.

    python -m guide bench [--check] [--runs N] [--skip-scale] [--skip-tests]

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

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from guide import languages
from guide.browser import CHROMIUM_ARGS, PublishedSite, chromium, chromium_path, serve
from guide.paths import (
    BASE_CONFIG,
    BENCH,
    DIST,
    DOCS,
    DOCS_ROOT,
    MKDOCS,
    ROOT,
    SITE,
    SITE_ROOT,
    budgets,
    derived_config,
    load_site_config,
)

BUDGETS = budgets()
MKDOCS_BUILD = [*MKDOCS, "build", "--quiet"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# --- build time -------------------------------------------------------------------


def timed(command: list[str], cwd: Path) -> float:
    """Wall-clock seconds of one run of `command`."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:  # a time for a run that failed means nothing: say which, and stop
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-5:])
        raise SystemExit(f"error: `{' '.join(command)}` failed while being timed:\n{tail}")
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
    real = load_site_config()
    return yaml.safe_dump(
        {
            "site_name": real.site_name,
            "docs_dir": str(docs),
            "use_directory_urls": False,
            "theme": {"name": "material"},
            "plugins": ["search"],
            "markdown_extensions": [name for name in real.markdown_extensions if not name.startswith("guide.")],
        }
    )


def build_times(docs: Path, runs: int, work: Path) -> tuple[float, float]:
    """Median cold build CPU time (s) of ours and of plain Material, run alternately."""
    (work / "ours.yml").write_text(derived_config(docs), encoding="utf-8")
    (work / "plain.yml").write_text(plain_material_config(docs), encoding="utf-8")
    ours, plain = [], []
    for _ in range(runs):
        ours.append(
            cpu_timed([*MKDOCS_BUILD, "--strict", "-f", str(work / "ours.yml"), "-d", str(work / "site-ours")], ROOT)
        )
        plain.append(cpu_timed([*MKDOCS_BUILD, "-f", str(work / "plain.yml"), "-d", str(work / "site-plain")], ROOT))
    return statistics.median(ours), statistics.median(plain)


def copies_of_docs(times: int, work: Path) -> Path:
    """docs/ with every page copied `times` times (copy-N-page.md), for the scaling measure: the main language
    only (a copied page has no translation)."""
    target = work / f"docs-x{times}"
    others = {lang.code for lang in languages.languages() if not lang.main}
    shutil.copytree(DOCS, target, ignore=lambda where, names: [n for n in names if Path(where) == DOCS and n in others])
    for page in sorted(DOCS.glob("*.md")):
        for n in range(1, times):
            (target / f"copy{n}-{page.name}").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    return target


# --- first view -------------------------------------------------------------------


def first_views(site: Path) -> list:
    """Every page of every language, loaded at its published address (site/es/ at site_url + es/)."""
    visits = []
    with chromium() as browser:
        for lang in languages.present(DOCS_ROOT):
            root = site / lang.path
            site_url = load_site_config(languages.write_config(lang)).site_url
            published = PublishedSite(browser.new_context(), root, site_url)
            visits += [published.measure(page.name) for page in sorted(root.glob("*.html"))]
    return visits


# --- Lighthouse ---------------------------------------------------------------------


def lighthouse(site: Path, pages: list[str]) -> dict[str, dict[str, int]]:
    binary = BENCH / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=BENCH, check=True, capture_output=True
        )
    scores = {}
    with serve(site, compress=True) as address:
        for page in pages:
            with tempfile.NamedTemporaryFile(suffix=".json") as report:
                subprocess.run(
                    [
                        str(binary),
                        address + page,
                        "--quiet",
                        "--output=json",
                        f"--output-path={report.name}",
                        f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
                    ],
                    env={**ENV, "CHROME_PATH": chromium_path() or ""},
                    check=True,
                    capture_output=True,
                )
                categories = json.loads(Path(report.name).read_text())["categories"]
            scores[page] = {name: round(data["score"] * 100) for name, data in categories.items()}
    return scores


# --- the report ---------------------------------------------------------------------


def kb(size: float) -> str:
    return f"{size / 1000:.0f} KB"


def main(args) -> int:
    """Measure everything; `args` as parsed by `python -m guide bench`."""
    site, dist = SITE, DIST
    over: list[str] = []
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` (guide/bench.py) on {time.strftime('%Y-%m-%d')}, "
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}. Budgets: `bench/budgets.yml`.",
        "",
    ]

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        ours, plain = build_times(DOCS, args.runs, work)
        overhead = ours / plain - 1
        lines += [
            "## Build time (cold, whole `mkdocs build` process, CPU seconds)",
            "",
            f"| build | median of {args.runs} runs |",
            "|---|---|",
            f"| plain Material, same Markdown | {plain:.2f} s |",
            f"| this guide (`--strict`, hooks, overrides, offline, minify) | {ours:.2f} s |",
            f"| our additions | {overhead:+.0%} (budget {BUDGETS['build_overhead_max']:+.0%}) |",
            "",
        ]
        # `make build`: every language, one MkDocs build each (python -m guide build), wall-clock time.
        every = statistics.median(
            timed([sys.executable, "-m", "guide", "--site", str(work / f"all-{run}"), "build"], ROOT)
            for run in range(3)
        )
        names = ", ".join(lang.name for lang in languages.present(DOCS_ROOT))
        lines += [
            f"`make build` in every language ({names}), one build each: {every:.1f} s wall clock (median of 3).",
            "",
        ]
        if overhead > BUDGETS["build_overhead_max"]:
            over.append(f"build overhead {overhead:.0%} > {BUDGETS['build_overhead_max']:.0%}")

        if not args.skip_scale:
            pages = len(list(DOCS.glob("*.md")))
            rows = [(1, pages, ours, plain)]
            for times in (10, 100):
                scaled_ours, scaled_plain = build_times(copies_of_docs(times, work), 1, work)
                rows.append((times, pages * times, scaled_ours, scaled_plain))
            lines += [
                "## Build time as the guide grows",
                "",
                "Every page copied 10 and 100 times (CPU seconds, one build each). Every page carries the whole "
                "menu, so each page grows with the page count and Material's own build grows faster than "
                "linearly; what we add should stay in step with it.",
                "",
                "| pages | plain Material | this guide | ours / plain | per page, ours |",
                "|---|---|---|---|---|",
            ]
            lines += [
                f"| {count} ({times}x) | {p:.2f} s | {o:.2f} s | {o / p:.2f} | {o / count * 1000:.1f} ms |"
                for times, count, o, p in rows
            ]
            ratio_10, ratio_100 = (o / p for _, _, o, p in rows[1:])
            in_step = ratio_100 <= ratio_10 * 1.25
            lines += [
                "",
                f"Per page, plain Material costs {rows[2][3] / rows[2][1] / (rows[1][3] / rows[1][1]):.1f} times as much "
                f"at 100x as at 10x, and this guide {rows[2][2] / rows[2][1] / (rows[1][2] / rows[1][1]):.1f} times: "
                "neither is linear, because of the menu on every page. Our additions "
                + ("stay in step with Material's own cost." if in_step else "grow faster than Material's own cost."),
                "",
            ]
            if not in_step:
                over.append("our build additions grow faster than Material's own build")

    visits = first_views(SITE_ROOT)
    root_url = load_site_config(BASE_CONFIG).site_url
    lines += [
        "## First view of each page (uncompressed bytes)",
        "",
        "HTML, CSS, JS, fonts and images count toward the budget; the search index, fetched in the "
        "background by the search helper, is shown apart.",
        "",
        "| page | HTML | CSS | JS | fonts | images | first view | search index | requests |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for v in visits:
        t = v.by_type
        lines.append(
            f"| {v.url.removeprefix(root_url)} | {kb(t.get('document', 0))} | {kb(t.get('stylesheet', 0))} | {kb(t.get('script', 0))} "
            f"| {kb(t.get('font', 0))} | {kb(t.get('image', 0))} | **{kb(v.first_view_bytes)}** "
            f"| {kb(t.get('fetch', 0) + t.get('xhr', 0))} | {v.requests} |"
        )
    heaviest = max(v.first_view_bytes for v in visits)
    lines += [
        "",
        f"Heaviest first view: {kb(heaviest)} (budget {BUDGETS['first_view_kb_max']} KB). "
        f"Requests to other sites: {sum(len(v.outside_requests) for v in visits)}.",
        "",
    ]
    if heaviest > BUDGETS["first_view_kb_max"] * 1000:
        over.append(f"first view {kb(heaviest)} > {BUDGETS['first_view_kb_max']} KB")

    archives = sorted(dist.glob("sclerotherapy-guide-*.zip"))
    if archives:
        folder = archives[-1].with_suffix("")
        unpacked = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        zipped = archives[-1].stat().st_size
        lines += [
            "## USB bundle",
            "",
            "| | size |",
            "|---|---|",
            f"| {archives[-1].name} (zipped) | {zipped / 1e6:.1f} MB |",
            f"| unpacked | {unpacked / 1e6:.1f} MB |",
            f"| of which PDF handouts | "
            f"{sum(p.stat().st_size for p in (folder / 'handouts').glob('*.pdf')) / 1e6:.1f} MB |",
            "",
        ]
        if zipped > BUDGETS["bundle_zip_mb_max"] * 1e6:
            over.append(f"bundle {zipped / 1e6:.1f} MB > {BUDGETS['bundle_zip_mb_max']} MB")

    scores = lighthouse(site, BUDGETS["lighthouse_pages"])
    categories = list(BUDGETS["lighthouse_min"])
    lines += [
        "## Lighthouse (mobile, simulated slow 4G; served gzipped over loopback as GitHub Pages serves it)",
        "",
        "| page | " + " | ".join(categories) + " |",
        "|---" * (len(categories) + 1) + "|",
    ]
    lines += [f"| {page} | " + " | ".join(str(s[c]) for c in categories) + " |" for page, s in scores.items()]
    lines += ["| budget | " + " | ".join(f"≥ {BUDGETS['lighthouse_min'][c]}" for c in categories) + " |", ""]
    over += [
        f"Lighthouse {c} {s[c]} < {BUDGETS['lighthouse_min'][c]} on {page}"
        for page, s in scores.items()
        for c in categories
        if s[c] < BUDGETS["lighthouse_min"][c]
    ]

    if not args.skip_tests:
        seconds = timed([sys.executable, "-m", "pytest", "-q"], ROOT)
        quick = timed(["make", "--no-print-directory", "check"], ROOT)
        other_languages = timed(["make", "--no-print-directory", "test-languages"], ROOT)
        example = timed(["make", "--no-print-directory", "test-example"], ROOT)
        lines += [
            "## Test suite",
            "",
            f"- `python -m pytest` (after `make offline`), every test with the default settings: {seconds:.0f} s on "
            f"{os.cpu_count()} cores; with `make test-languages`, {seconds + other_languages:.0f} s "
            f"(budget {BUDGETS['test_seconds_max']} s for the two together).",
            f"- `make test-languages`, the language tests again for each language besides English, which "
            f"`make test` runs next: {other_languages:.0f} s.",
            f"- `make test-example`, the example clinic's build, bundle and tests (every language), which `make test` "
            f"runs last: "
            f"{example:.0f} s.",
            f"- `make check`, the quick tier for people editing text (build, then every check with no browser): "
            f"{quick:.0f} s.",
            "",
        ]
        if seconds + other_languages > BUDGETS["test_seconds_max"]:
            over.append(f"tests took {seconds + other_languages:.0f} s > {BUDGETS['test_seconds_max']} s")

    lines += [
        "## Verdict",
        "",
        "Every measure is within its budget." if not over else "Over budget: " + "; ".join(over) + ".",
        "",
    ]
    report = "\n".join(lines)
    (BENCH / "results.md").write_text(report, encoding="utf-8")
    print(report)
    return 1 if (args.check and over) else 0
