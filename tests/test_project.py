"""The project's own plumbing: the Pages workflow, CI, the Makefile and README agree."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

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
