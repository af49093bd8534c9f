# The Sclerotherapy Patient Guide. Run `make help` for the list of targets.
#
# Everything runs inside .venv, made from the pinned, hashed requirements/*.txt:
# `make build` installs only what building needs (requirements/build.txt); the
# handouts, the bundle and the tests add theirs (release.txt, test.txt).
# Change a dependency: edit pyproject.toml, then `make lock`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The settings, the built site and the outputs; `make test-example` sets them for the example clinic.
CONFIG ?= mkdocs.yml
SITE   ?= site
DIST   ?= dist
PAPER  ?= A4
export GUIDE_CONFIG = $(CONFIG)
export GUIDE_SITE   = $(SITE)
export GUIDE_DIST   = $(DIST)

# The same commit builds the same bytes: every date in the build is the release date, which
# guide/paths.py alone decides (SOURCE_DATE_EPOCH if you set it, else the last commit).

# Material prints an end-of-life notice on every build; README.md says how we would move.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help

.PHONY: help venv build handouts offline check lint test test-languages test-example bench bench-check serve clean lock linkcheck-external

help: ## List every target with what it does
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-20s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# .venv is made whole or not at all: first a Python check (guide/python_check.py, one line if it is
# too old), then a new venv with the pinned pip of requirements/pip.txt, and .venv/.complete written
# last. A .venv without it (interrupted while being made, "No module named pip") is made again.
$(VENV)/.complete: requirements/pip.txt
	@$(PYTHON) guide/python_check.py
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/pip.txt
	@touch $@

# One stamp per dependency group; each installs its lock file, then the guide's own package.
# (The pinned setuptools says "compat" editable installs are transitional; they are the fast plain
# kind this project wants, so its notice is hidden. Look again when setuptools is bumped.)
$(VENV)/.%: requirements/%.txt pyproject.toml $(VENV)/.complete
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $<
	PYTHONWARNINGS="ignore:Compat editable installs" $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --no-index --config-settings editable_mode=compat -e .
	@touch $@

venv: $(VENV)/.test ## Create .venv with everything (other targets install what they need)

build: $(VENV)/.build ## Build the website into site/, each language in turn (site/es/); checks every page, fails on any problem
	$(BIN)/python -m guide --config $(CONFIG) --site $(SITE) build

handouts: build $(VENV)/.release ## PDF handouts in dist/handouts/: one per page and a booklet (PAPER=A4 or PAPER=Letter)
	$(BIN)/python -m guide browser
	$(BIN)/python -m guide --config $(CONFIG) --site $(SITE) --dist $(DIST) handouts --paper $(PAPER)

offline: handouts ## Make the USB bundle, handouts included: dist/sclerotherapy-guide-DATE/ and its .zip
	$(BIN)/python -m guide --config $(CONFIG) --site $(SITE) --dist $(DIST) bundle

# zizmor: the GitHub workflow's security (pinned actions, credentials, injection). Offline, so its
# checks that ask GitHub's API (impostor commits, known-vulnerable actions) are left out.
ZIZMOR_FLAGS := --offline --persona pedantic --no-progress --color never

lint: $(VENV)/.test ## Check the Python code (ruff) and the GitHub workflow's security (zizmor)
	$(BIN)/ruff check guide tests overrides/hooks
	$(BIN)/ruff format --check guide tests overrides/hooks
	$(BIN)/zizmor $(ZIZMOR_FLAGS) .github/workflows/

# The checks that need no browser, for people editing text: seconds, not minutes.
QUICK_TESTS := tests/test_content_model.py tests/test_guide_content.py tests/test_links.py tests/test_build_steps.py tests/test_figures.py tests/test_languages.py

check: build $(VENV)/.test ## Quick check while editing: build, then every check that needs no browser (content, reading level, glossary, citations, links, translations), in every language
	$(BIN)/python -m pytest -m "not browser" $(QUICK_TESTS)
	$(MAKE) --no-print-directory test-languages LANGUAGE_TESTS="$(filter-out tests/test_build_steps.py tests/test_languages.py,$(QUICK_TESTS))" LANGUAGE_MARKS="not browser and not fixture_site and not every_language"

test: offline lint ## Build, then run every test (content, links, bundle, print, in Chromium), in every language, then the example clinic's
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory test-languages
	$(MAKE) --no-print-directory test-example

# The tests of a language's pages, run again for each language besides the main one (GUIDE_LANGUAGE=es):
# build, content, reading level, glossary, links, offline, print, accessibility, privacy, weight, HTML.
LANGUAGE_MARKS := not fixture_site and not every_language
LANGUAGE_TESTS := tests/test_content_model.py tests/test_guide_content.py tests/test_links.py tests/test_offline.py tests/test_print.py tests/test_quality.py tests/test_figures.py

test-languages: $(VENV)/.test ## The language tests for each language besides English (languages.yml), on the site `make offline` made
	@for code in $$($(BIN)/python -m guide --config $(CONFIG) languages); do \
		echo "Testing language: $$code"; \
		GUIDE_LANGUAGE=$$code $(BIN)/python -m pytest -m "$(LANGUAGE_MARKS)" $(LANGUAGE_TESTS) || exit 1; \
	done

# The example clinic (example-clinic.yml): its own site and outputs under build/, and the tests
# of what a clinic's settings change: build, content, links, offline bundle and print. (Fixture
# sites pin their own settings, so those tests run once, above.)
EXAMPLE_TESTS := tests/test_content_model.py tests/test_guide_content.py tests/test_links.py tests/test_offline.py tests/test_print.py

test-example: CONFIG = example-clinic.yml
test-example: SITE = build/example/site
test-example: DIST = build/example/dist
test-example: offline $(VENV)/.test ## The example clinic's settings (example-clinic.yml): build, content, links, bundle and print tests, in every language
	$(BIN)/python -m pytest -m "not fixture_site" $(EXAMPLE_TESTS)
	$(MAKE) --no-print-directory test-languages CONFIG=$(CONFIG) SITE=$(SITE) DIST=$(DIST) LANGUAGE_TESTS="$(EXAMPLE_TESTS)"

bench: offline $(VENV)/.test ## Measure build time, page weight, bundle size, Lighthouse, test time: bench/results.md
	$(BIN)/python -m guide bench

bench-check: offline $(VENV)/.test ## The same, and fail if any measure is over its budget (bench/budgets.yml)
	$(BIN)/python -m guide bench --check

serve: $(VENV)/.build ## Preview while you edit, at the address it prints (http://127.0.0.1:8000/sclerotherapy-guide/); LANGUAGE=es for the Spanish pages
	$(BIN)/mkdocs serve --config-file $$($(BIN)/python -m guide --config $(CONFIG) settings $(LANGUAGE))

linkcheck-external: build $(VENV)/.test ## Check that every external link works (needs the internet)
	ls $(SITE)/*.html | grep -v '/404.html$$' | xargs $(BIN)/python tests/run_linkchecker.py --config tests/linkcheckerrc --check-extern --no-status

lock: $(VENV)/.complete ## Re-pin requirements/*.txt from pyproject.toml (needs the internet)
	$(BIN)/python -m pip install --quiet uv==0.13.8
	$(BIN)/uv pip compile pyproject.toml --group pip $(LOCK_FLAGS) -o requirements/pip.txt
	$(BIN)/uv pip compile pyproject.toml --group test $(LOCK_FLAGS) -o requirements/test.txt
	$(BIN)/uv pip compile pyproject.toml --group release -c requirements/test.txt $(LOCK_FLAGS) -o requirements/release.txt
	$(BIN)/uv pip compile pyproject.toml --group build -c requirements/test.txt $(LOCK_FLAGS) -o requirements/build.txt

LOCK_FLAGS := --no-header --generate-hashes --no-emit-index-url --no-emit-find-links --universal --python-version 3.11.5 --quiet

clean: ## Remove everything the build made (site/, dist/, .venv, bench/node_modules)
	rm -rf $(SITE) $(DIST) build $(VENV) .pytest_cache .ruff_cache bench/node_modules *.egg-info
