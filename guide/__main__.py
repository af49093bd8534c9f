"""The guide's build steps, as one command:

    python -m guide build                          the site in every language (site/, site/es/)
    python -m guide handouts [--paper A4|Letter]   PDF handouts in dist/handouts/ (dist/handouts/es/)
    python -m guide bundle                         the USB bundle in dist/
    python -m guide bench [--check] ...            speed and size against bench/budgets.yml
    python -m guide browser                        check that Chromium starts (fetch Playwright's if none)

Each step after `build` reads the site that `make build` wrote (site/) and the same mkdocs.yml.
A problem is one line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from guide import languages
from guide.paths import BASE_CONFIG, DIST, SITE_ROOT, NoReleaseDate, handouts_in


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=BASE_CONFIG, help="the mkdocs.yml to read (default: mkdocs.yml)")
    parser.add_argument("--site", type=Path, default=SITE_ROOT, help="the built site, every language (default: site/)")
    parser.add_argument("--dist", type=Path, default=DIST, help="where to write (default: dist/)")
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("build", help="build the site in every language, each with mkdocs build --strict")
    steps.add_parser("languages", help="print the codes of the languages besides the main one (for make test)")
    settings = steps.add_parser("settings", help="write and print the settings file a language is built with")
    settings.add_argument("language", nargs="?", default="", help="its code, e.g. es (default: the main language)")
    handouts = steps.add_parser("handouts", help="PDF handouts: one per page and a booklet")
    handouts.add_argument("--paper", default="A4", help="A4 (default) or Letter")
    steps.add_parser("bundle", help="the USB bundle: a folder and a zip")
    steps.add_parser("browser", help="check that Chromium starts; with none installed, fetch Playwright's")
    bench = steps.add_parser("bench", help="measure speed and size: bench/results.md")
    bench.add_argument("--check", action="store_true", help="exit 1 if a measure is over its budget")
    bench.add_argument("--runs", type=int, default=9, help="cold builds of each kind (median)")
    bench.add_argument("--skip-scale", action="store_true", help="leave out the 10x and 100x builds")
    bench.add_argument("--skip-tests", action="store_true", help="leave out timing the test suite")
    args = parser.parse_args(argv)

    from guide.paths import load_site_config

    # The steps `make build` runs need only the build group (requirements/build.txt): no pypdf, no Playwright.
    try:
        if args.step == "build":
            return build(args.config, args.site)
        if args.step == "settings":
            print(languages.write_config(languages.language(args.language or languages.main().code), args.config))
            return 0
        if args.step == "languages":
            docs_root = Path(load_site_config(args.config).docs_dir)
            print(" ".join(lang.code for lang in languages.present(docs_root) if not lang.main))
            return 0
    except (NoReleaseDate, languages.LanguageError) as error:
        print("\n".join(f"error: {line}" for line in str(error).splitlines()), file=sys.stderr)
        return 1

    from guide.browser import BrowserMissing
    from guide.handouts import HandoutError

    try:
        if args.step == "browser":
            from guide.browser import ensure_chromium

            print(f"Chromium: {ensure_chromium()}")
            return 0
        if args.step == "bench":
            from guide import bench

            return bench.main(args)
        config = load_site_config(args.config, site_dir=str(args.site.resolve()))
        release_check(config, args.config)
        if not (args.site / "index.html").is_file():
            raise SystemExit(f"error: {args.site}/index.html not found. Run `make build` first.")
        if args.step == "handouts":
            from guide import handouts

            if args.paper not in handouts.PAPERS:
                raise SystemExit(
                    f"error: paper must be one of {', '.join(handouts.PAPERS)}, not '{args.paper}' "
                    "(make handouts PAPER=Letter)"
                )
            for lang in languages.present(Path(config.docs_dir)):
                site = args.site / lang.path
                own = load_site_config(languages.write_config(lang, args.config), site_dir=str(site.resolve()))
                print(handouts.make(own, handouts_in(args.dist) / lang.path, args.paper))
        else:
            from guide import bundle

            print(bundle.make(config, args.site, args.dist))
    except (BrowserMissing, HandoutError, NoReleaseDate, languages.LanguageError) as error:
        print("\n".join(f"error: {line}" for line in str(error).splitlines()), file=sys.stderr)
        return 1
    return 0


def build(config_file: Path, site: Path) -> int:
    """`mkdocs build --strict` once per language: the main one into `site`, then each other one whose pages
    exist (docs/es/) into its folder (site/es/). The main one goes first: MkDocs empties its site folder."""
    import subprocess

    from guide.paths import MKDOCS, ROOT, load_site_config

    docs_root = Path(load_site_config(config_file).docs_dir)
    for lang in languages.present(docs_root):
        settings = languages.write_config(lang, config_file)
        command = [
            *MKDOCS,
            "build",
            "--strict",
            "--config-file",
            str(settings),
            "--site-dir",
            str((site / lang.path).resolve()),
        ]
        print(f"Building {lang.name} ({lang.code}): {' '.join(command[2:])}", file=sys.stderr)
        if subprocess.run(command, cwd=ROOT).returncode != 0:
            print(f"error: the {lang.name} build failed: see the messages above", file=sys.stderr)
            return 1
    return 0


def release_check(config, config_file: Path) -> None:
    """One clear warning, before handouts or a bundle go to patients, for each clinic detail still at its default;
    and one naming the details typed in words, which every language shows as typed."""
    from guide.clinic import unfinished_details

    others = [lang.name for lang in languages.present(Path(config.docs_dir)) if not lang.main]
    clinic, protocol = config.extra.get("clinic") or {}, config.extra.get("protocol") or {}
    typed = [f"clinic.{key}" for key in ("address", "opening_hours", "out_of_hours") if clinic.get(key)]
    typed += ["protocol.price_note"] if protocol.get("price_note") else []
    if others and typed:
        print(
            f"NOTE: {', '.join(typed)} in {config_file.name} appear as typed on the {' and '.join(others)} pages "
            "too: write them so that every reader can follow them (a place, a phone number), or leave them empty.",
            file=sys.stderr,
        )

    if unfinished := unfinished_details(config.extra):
        print(
            f"WARNING: before giving this guide to patients, set these clinic details in {config_file.name} "
            f"(extra: clinic:): {'; '.join(unfinished)}. Until then, printed sheets show lines to write on "
            "and every page says no clinician at the clinic has approved the guide.",
            file=sys.stderr,
        )


if __name__ == "__main__":
    sys.exit(main())
