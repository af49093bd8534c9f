"""The project's own plumbing: the Pages workflow, CI, the Makefile and README agree."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from guide.paths import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def check_workflow(path):
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)]
    return subprocess.run(command, capture_output=True, text=True)


def test_the_pages_workflow_is_valid():
    result = check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_checker_rejects_a_broken_workflow():
    result = check_workflow(ROOT / "tests" / "fixtures" / "workflows" / "no-runner.yml")
    assert result.returncode == 1
    assert "no-runner.yml" in result.stdout and "'runs-on' is a required property" in result.stdout


def test_the_workflow_tests_before_it_publishes_with_the_official_pages_actions():
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    build_steps = jobs["build"]["steps"]
    assert any(step.get("run") == "bash .ci/run" for step in build_steps)  # .ci/run ends with `make test`
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in build_steps)
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def zizmor(path):
    """zizmor (GitHub Actions security checks) on `path`, with the flags `make lint` gives it."""
    flags = re.search(r"^ZIZMOR_FLAGS := (.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE).group(1).split()
    command = [str(Path(sys.executable).parent / "zizmor"), *flags, str(path)]
    return subprocess.run(command, capture_output=True, text=True)


def test_zizmor_finds_nothing_in_the_pages_workflow():
    result = zizmor(WORKFLOW.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_catches_a_moving_tag_kept_credentials_and_an_injection():
    result = zizmor(ROOT / "tests" / "fixtures" / "workflows" / "unsafe.yml")
    assert result.returncode != 0
    for audit in ("unpinned-uses", "artipacked", "template-injection"):
        assert f"[{audit}]" in result.stdout and "tests/fixtures/workflows/unsafe.yml:" in result.stdout, audit


def workflow_problems(workflow: dict) -> list[str]:
    """What zizmor does not check: every job has a time limit, and a publication is never cancelled half-way."""
    problems = [
        f"pages.yml: job '{name}' has no timeout-minutes; give it one, so a stuck run ends"
        for name, job in workflow["jobs"].items()
        if "timeout-minutes" not in job
    ]
    deploy = workflow["jobs"]["deploy"].get("concurrency") or {}
    shared = deploy.get("group") in (None, (workflow.get("concurrency") or {}).get("group"))
    if shared or deploy.get("cancel-in-progress") is not False:
        problems.append(
            "pages.yml: job 'deploy' needs a concurrency group of its own with cancel-in-progress: false, "
            "so a newer run never stops a publication half-way"
        )
    return problems


def test_every_job_has_a_time_limit_and_a_publication_is_never_cancelled():
    assert workflow_problems(yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))) == []


def test_a_job_without_a_time_limit_or_a_cancellable_publication_is_caught():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    del workflow["jobs"]["build"]["timeout-minutes"]
    workflow["jobs"]["deploy"]["concurrency"]["cancel-in-progress"] = True
    assert workflow_problems(workflow) == [
        "pages.yml: job 'build' has no timeout-minutes; give it one, so a stuck run ends",
        "pages.yml: job 'deploy' needs a concurrency group of its own with cancel-in-progress: false, "
        "so a newer run never stops a publication half-way",
    ]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme and "make test" in readme
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "make test" in commands


def test_make_help_lists_every_target_with_a_description():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    described = set(re.findall(r"^([a-z][a-z-]*):.*## ", makefile, re.MULTILINE))
    assert targets == described, f"targets without a '## description': {sorted(targets - described)}"
    shown = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    assert all(f"make {target}" in shown for target in targets)


# --- the vendored search helper --------------------------------------------------

# Files we ship that someone else wrote, and the sha256 of the release they were copied from.
# iframe-worker-shim-1.0.4.js is `shim/index.js` of the npm package iframe-worker 1.0.4 (MIT), unchanged:
# `npm pack iframe-worker@1.0.4` (the registry's tarball, integrity sha512-roeaaI+Lg1LJNfgpCjoRe/+WzEjy9+Z08LoEvu85MCP
# bBjwm+qXz8Ag5U05lHa6V1CysZyGzE0SOkAtSUA5q7Q==), then `tar xzf iframe-worker-1.0.4.tgz && sha256sum
# package/shim/index.js`. To update: do the same for the new version, copy the file in under its new name, change
# mkdocs.yml (extra: polyfills:) and this table together.
VENDORED = {
    "overrides/assets/javascripts/vendor/iframe-worker-shim-1.0.4.js": (
        "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609",
        "iframe-worker 1.0.4 from npm, its shim/index.js",
    ),
}


def vendored_problems(root=ROOT, vendored=VENDORED) -> list[str]:
    """Each vendored file that is missing or differs from the release it names."""
    problems = []
    for name, (sha256, release) in vendored.items():
        path = root / name
        if not path.is_file():
            problems.append(f"{name}: missing. Copy it from {release} (see VENDORED in tests/test_project.py)")
        elif (found := hashlib.sha256(path.read_bytes()).hexdigest()) != sha256:
            problems.append(
                f"{name}: sha256 {found}, but {release} has {sha256}. Copy the file again from that release, "
                "unchanged; to move to a new release, update VENDORED in tests/test_project.py and mkdocs.yml"
            )
    return problems


def test_the_vendored_search_helper_is_the_release_it_names():
    assert vendored_problems() == []


def test_a_changed_copy_of_the_search_helper_is_caught(tmp_path):
    (name,) = VENDORED
    copy = tmp_path / name
    copy.parent.mkdir(parents=True)
    copy.write_bytes((ROOT / name).read_bytes() + b"\n// changed\n")
    (problem,) = vendored_problems(tmp_path)
    assert problem.startswith(f"{name}: sha256 ") and "iframe-worker 1.0.4 from npm" in problem
    copy.unlink()
    assert vendored_problems(tmp_path) == [
        f"{name}: missing. Copy it from iframe-worker 1.0.4 from npm, its shim/index.js (see VENDORED in tests/test_project.py)"
    ]


# --- Python, .venv and the lock files ------------------------------------------------

# What a lock file may hold: exact pins with hashes, installed from PyPI. An index, a folder of wheels
# or a local file would make the build depend on something that is not on every machine.
OPTION_LINE = re.compile(r"^\s*-")
PINNED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?==[^\s;]+(\s*;[^\\]*)?\s+--hash=sha256:[0-9a-f]{64}")


def requirement_problems(path) -> list[str]:
    """Each line of a requirements file that is not `name==version --hash=...` from PyPI, with how to fix it."""
    problems = []
    # One entry per requirement: lines joined at their trailing backslash, comments dropped.
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    for line in text.splitlines():
        entry = line.split(" #")[0].strip() if not line.lstrip().startswith("#") else ""
        if not entry:
            continue
        if OPTION_LINE.match(entry) or "file:" in entry or "://" in entry:
            problems.append(
                f"{path.name}: '{entry[:60]}' names an index, a folder or a file. Lock files install from PyPI "
                "only: remove the line and run `make lock` (LOCK_FLAGS keep such lines out)"
            )
        elif not PINNED.match(entry):
            problems.append(
                f"{path.name}: '{entry[:60]}' is not an exact pin with a hash. Pin it in pyproject.toml and run `make lock`"
            )
    return problems


def test_the_lock_files_pin_every_package_with_hashes_from_pypi_only():
    locks = sorted((ROOT / "requirements").glob("*.txt"))
    assert [p.name for p in locks] == ["build.txt", "pip.txt", "release.txt", "test.txt"]
    assert [problem for path in locks for problem in requirement_problems(path)] == []


def test_an_index_a_wheel_folder_a_local_file_or_a_loose_pin_in_a_lock_file_is_caught(tmp_path):
    lock = tmp_path / "build.txt"
    good = "mkdocs==1.6.1 \\\n    --hash=sha256:" + "0" * 64 + "\n    # via sclerotherapy-guide\n"
    lines = [
        "--extra-index-url https://example.org/simple",
        "--index-url https://example.org/simple",
        "-i https://example.org/simple",
        "--find-links /opt/wheels",
        "segno @ file:///tmp/segno-1.6.6-py3-none-any.whl",
        "pyyaml>=6",
        "pypdf==7.1.0",
    ]
    lock.write_text(good + "\n".join(lines) + "\n", encoding="utf-8")
    problems = requirement_problems(lock)
    assert len(problems) == len(lines)
    assert all(p.startswith("build.txt: ") and "make lock" in p for p in problems)
    assert sum("names an index, a folder or a file" in p for p in problems) == 5


def test_pip_itself_is_pinned_and_installed_first_into_every_venv():
    assert re.search(r'^pip = \["pip==[0-9.]+"\]$', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--group pip $(LOCK_FLAGS) -o requirements/pip.txt" in makefile
    assert "-m pip install --quiet --require-hashes --no-deps -r requirements/pip.txt" in makefile


def test_the_python_minimum_is_written_once_and_the_readme_says_it():
    from guide.python_check import minimum_python

    minimum = minimum_python()
    assert minimum >= (3, 11, 5)  # the locked pymdown-extensions needs 3.11.5
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python {'.'.join(map(str, minimum))} or newer" in readme


def test_a_python_too_old_is_one_line_naming_both_versions():
    from guide.python_check import problem

    message = problem((3, 11, 2, "final", 0), (3, 11, 5), "/usr/bin/python3")
    assert message == (
        "error: /usr/bin/python3 is Python 3.11.2; the guide needs Python 3.11.5 or newer (pyproject.toml, "
        "requires-python). Install a newer Python and name it, e.g. `make build PYTHON=python3.12`."
    )
    assert problem((3, 12, 0), (3, 11, 5), "python3") == ""


def project_copy(tmp_path, requires_python=None):
    """Just what `make` needs to make .venv: the Makefile, pyproject.toml, the pip lock, the Python check."""
    for name in ("Makefile", "pyproject.toml", "requirements/pip.txt", "guide/python_check.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    if requires_python:
        pyproject = tmp_path / "pyproject.toml"
        line = f'requires-python = "{requires_python}"'
        text = re.sub(r"^requires-python = .*$", line, pyproject.read_text(), flags=re.M)
        pyproject.write_text(text)
    return tmp_path


def make(folder, *targets):
    """`make` in `folder`, on its own (not as a part of the `make test` that may be running this)."""
    env = {name: value for name, value in os.environ.items() if name not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    command = ["make", "--no-print-directory", *targets]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env)


def test_make_stops_in_one_line_before_making_a_venv_with_a_python_too_old(tmp_path):
    folder = project_copy(tmp_path, requires_python=">=3.99.1")
    result = make(folder, ".venv/.complete")
    assert result.returncode != 0 and not (folder / ".venv").exists()
    (line,) = [line for line in result.stderr.splitlines() if not re.match(r"make(\[\d+\])?: ", line)]
    assert "the guide needs Python 3.99.1 or newer (pyproject.toml, requires-python)" in line
    assert "Traceback" not in result.stderr


def test_a_venv_left_half_made_is_made_again_with_the_pinned_pip(tmp_path):
    folder = project_copy(tmp_path)
    # What an interrupted `python -m venv` leaves: a Python with no pip ("No module named pip").
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", folder / ".venv"], check=True)
    result = make(folder, ".venv/.complete")
    assert result.returncode == 0, result.stderr
    pinned = re.search(r"^pip==(\S+)", (ROOT / "requirements" / "pip.txt").read_text(), re.M).group(1)
    version = subprocess.run([folder / ".venv/bin/python", "-m", "pip", "--version"], capture_output=True, text=True)
    assert version.stdout.startswith(f"pip {pinned} ")
    assert make(folder, "--question", ".venv/.complete").returncode == 0  # whole now: nothing more to do


def test_make_build_needs_only_the_build_group(tmp_path):
    """`make build` installs requirements/build.txt alone: `python -m guide build` (every language) must not
    import what only the handouts and the tests need (pypdf, Playwright, BeautifulSoup)."""
    blocked = ["pypdf", "playwright", "bs4"]
    code = (
        "import runpy, sys\n"
        f"for name in {blocked!r}: sys.modules[name] = None  # any import of these fails\n"
        f"sys.argv = ['guide', '--site', {str(tmp_path / 'site')!r}, 'build']\n"
        "runpy.run_module('guide', run_name='__main__')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / "es" / "index.html").is_file()
