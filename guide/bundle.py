"""The USB bundle: dist/sclerotherapy-guide-DATE/ and the same as one .zip.

    python -m guide bundle

The bundle is the built site (less 404.html) plus a short "how to open" note, and the PDF
handouts when `make handouts` has made them. DATE is the release date (the last
commit's), so the same commit always gives the same name and the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap
import zipfile
from pathlib import Path

from guide import languages
from guide.paths import BUNDLE_NAME, handouts_in, load_site_config, release_date
from guide.templates import disclaimer_text


def how_to_open(config) -> str:
    """The note beside index.html, in every language of the guide (languages.yml, `how_to_open`), each with
    its title and disclaimer."""
    parts = []
    for lang in languages.present(Path(config.docs_dir)):
        own = config if lang.main else load_site_config(languages.write_config(lang, Path(config.config_file_path)))
        steps = "\n".join(textwrap.fill(line, width=72) for line in lang.words["how_to_open"].splitlines())
        disclaimer = textwrap.fill(disclaimer_text(own), width=72)
        parts.append(f"{own.site_name}\n{'=' * len(own.site_name)}\n\n{steps}\n\n{disclaimer}\n")
    return "\n\n".join(parts)


def write_zip(folder: Path, archive: Path, date: dt.date) -> None:
    """A zip whose bytes depend only on the files: sorted names, one fixed time stamp."""
    stamp = (date.year, date.month, date.day, 0, 0, 0)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder.parent).as_posix(), date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())


# The search's word rules (lunr-languages, which Material copies for every language it knows) and their
# Japanese and Thai word splitters: a stick needs only those of the guide's languages.
_SEARCH_RULES = re.compile(
    r"(^|/)assets/javascripts/lunr/(min/lunr\.(?P<code>[a-z]{2})\.min\.js|tinyseg\.js|wordcut\.js)$"
)


def left_out(name: str, present) -> bool:
    """Whether the built site's file `name` (es/404.html) stays off the USB stick:
    - 404.html, in each language: a web server shows it at any address, so its links start at the site's
      root; from a stick it would be unstyled and every link dead, and a stick has no wrong addresses;
    - source maps (.map), which only a developer's tools read;
    - the search's word rules for languages the guide does not have (about 1 MB in all).
    The tests search the unpacked stick in every language, so a rule the search needs cannot be left out."""
    paths = {lang.path for lang in present}
    if name == "404.html" or (name.endswith("/404.html") and name.removesuffix("404.html") in paths):
        return True
    if name.endswith(".map"):
        return True
    rules = _SEARCH_RULES.search(name)
    return bool(rules) and rules["code"] not in {lang.code for lang in present}


def size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def make(config, site: Path, dist: Path) -> str:
    """Write the bundle folder and zip into `dist`; returns a summary."""
    date = release_date()
    folder, archive = dist / f"{BUNDLE_NAME}-{date}", dist / f"{BUNDLE_NAME}-{date}.zip"
    for old in dist.glob(f"{BUNDLE_NAME}-*"):
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    present = languages.present(Path(config.docs_dir))

    def ignore(where: str, names: list[str]) -> list[str]:
        return [name for name in names if left_out((Path(where) / name).relative_to(site).as_posix(), present)]

    shutil.copytree(site, folder, ignore=ignore)
    (folder / "HOW TO OPEN THIS GUIDE.txt").write_text(how_to_open(config), encoding="utf-8")
    if handouts_in(dist).is_dir():
        shutil.copytree(handouts_in(dist), folder / "handouts")
    write_zip(folder, archive, date)
    return f"{folder}/  {size(folder) / 1e6:.1f} MB unpacked\n{archive}  {size(archive) / 1e6:.1f} MB zipped"
