"""The project's own plumbing: the Pages workflow, CI, the Makefile and README agree."""

from __future__ import annotations

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
