"""Make the offline bundle: dist/sclerotherapy-guide-DATE/ and the same as one .zip.

The bundle is the built site plus a short "how to open" note, and the PDF
handouts when `make handouts` has made them. DATE is the date of the last
commit, so the same commit always gives the same name and the same bytes.

    python scripts/make_bundle.py site dist
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

NAME = "sclerotherapy-guide"
HOW_TO_OPEN = """\
Sclerotherapy: a guide for patients
===================================

To read the guide, open (double-click) the file index.html in this folder.
It opens in your web browser. You do not need the internet.

Printable leaflets (PDF) are in the handouts folder, if there is one.

This guide gives general information only. It does not replace advice
from your own doctor or nurse.
"""


def release_date() -> dt.date:
    """SOURCE_DATE_EPOCH if set, else the date of the last commit, else today."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    try:
        stamp = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True).stdout
        return dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc).date()
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError):
        return dt.date.today()


def write_zip(folder: Path, archive: Path, date: dt.date) -> None:
    """A zip whose bytes depend only on the files: sorted names, one fixed time stamp."""
    stamp = (date.year, date.month, date.day, 0, 0, 0)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder.parent).as_posix(), date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())


def size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(site: Path, dist: Path) -> int:
    if not (site / "index.html").is_file():
        print(f"error: {site}/index.html not found. Run `make build` first.", file=sys.stderr)
        return 1
    date = release_date()
    folder, archive = dist / f"{NAME}-{date}", dist / f"{NAME}-{date}.zip"
    for old in dist.glob(f"{NAME}-*"):
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    shutil.copytree(site, folder)
    (folder / "HOW TO OPEN THIS GUIDE.txt").write_text(HOW_TO_OPEN, encoding="utf-8")
    if (dist / "handouts").is_dir():
        shutil.copytree(dist / "handouts", folder / "handouts")
    write_zip(folder, archive, date)
    print(f"{folder}/  {size(folder) / 1e6:.1f} MB unpacked")
    print(f"{archive}  {size(archive) / 1e6:.1f} MB zipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
