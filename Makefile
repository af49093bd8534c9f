# The Sclerotherapy Patient Guide. Run `make help` for the list of targets.
#
# Everything runs inside .venv, made from the pinned, hashed requirements.txt.
# Change a dependency: edit requirements.in, then `make lock`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SITE   := site

# The same commit builds the same bytes: dates in the build come from the last commit.
COMMIT_TIME := $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(COMMIT_TIME),)
export SOURCE_DATE_EPOCH ?= $(COMMIT_TIME)
endif

# Material prints an end-of-life notice on every build; README.md says how we would move.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
DIST   := dist
PAPER  ?= A4

.PHONY: help venv build handouts offline test bench bench-check serve clean lock linkcheck-external

help: ## List every target with what it does
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-20s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	@touch $@

venv: $(STAMP) ## Create .venv from the pinned requirements (other targets do this for you)

build: $(STAMP) ## Build the website into site/ (checks every page; fails on any problem)
	$(BIN)/mkdocs build --strict --site-dir $(SITE)

handouts: build ## PDF handouts in dist/handouts/: one per page and a booklet (PAPER=A4 or PAPER=Letter)
	$(BIN)/python scripts/make_handouts.py $(SITE) $(DIST)/handouts $(PAPER)

offline: handouts ## Make the USB bundle, handouts included: dist/sclerotherapy-guide-DATE/ and its .zip
	$(BIN)/python scripts/make_bundle.py $(SITE) $(DIST)

test: offline ## Build, then run every test (content, links, bundle, print, in Chromium)
	$(BIN)/python -m pytest

bench: offline ## Measure build time, page weight, bundle size, Lighthouse, test time: bench/results.md
	$(BIN)/python scripts/bench.py

bench-check: offline ## The same, and fail if any measure is over its budget (bench/budgets.yml)
	$(BIN)/python scripts/bench.py --check

serve: $(STAMP) ## Preview while you edit, at the address it prints (http://127.0.0.1:8000/sclerotherapy-guide/)
	$(BIN)/mkdocs serve

linkcheck-external: build ## Check that every external link works (needs the internet)
	ls $(SITE)/*.html | grep -v '/404.html$$' | xargs $(BIN)/linkchecker --config tests/linkcheckerrc --check-extern --no-status

lock: ## Re-pin requirements.txt from requirements.in (needs the internet)
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.txt requirements.in

clean: ## Remove everything the build made (site/, dist/, .venv, bench/node_modules)
	rm -rf $(SITE) dist $(VENV) .pytest_cache bench/node_modules
