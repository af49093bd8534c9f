"""Stop, in one line, before `make` makes .venv with a Python that is too old for the guide.

The Makefile runs this file as a script with the Python that would make .venv (PYTHON, python3 by
default), before anything else: pip's own error for a too-old Python comes later and is far less clear
(Debian 12's Python 3.11.2 cannot install the locked pymdown-extensions). The minimum is read from
pyproject.toml's requires-python, the one place it is written. Only the standard library, and nothing
newer than Python 3.6, so that an old Python reads this far.
"""

import re
import sys
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def minimum_python(pyproject: Path = PYPROJECT) -> tuple:
    """requires-python (">=3.11.5") as a tuple of numbers, (3, 11, 5)."""
    found = re.search(r'^requires-python\s*=\s*">=\s*([0-9.]+)"', pyproject.read_text(encoding="utf-8"), re.M)
    if not found:
        sys.exit(f'error: {pyproject}: no requires-python = ">=X.Y.Z" line. Put it back under [project].')
    return tuple(int(part) for part in found.group(1).split("."))


def problem(version: tuple, minimum: tuple, executable: str) -> str:
    """The one-line message if `version` is older than `minimum`, else ""."""
    if tuple(version[:3]) >= minimum:
        return ""
    have, need = ".".join(map(str, version[:3])), ".".join(map(str, minimum))
    return (
        f"error: {executable} is Python {have}; the guide needs Python {need} or newer (pyproject.toml, "
        f"requires-python). Install a newer Python and name it, e.g. `make build PYTHON=python3.12`."
    )


if __name__ == "__main__":
    sys.exit(problem(sys.version_info, minimum_python(), sys.executable) or None)
