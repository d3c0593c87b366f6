# MiPyME Lab. Two commands: `make` builds the kit, `make test` runs every test.
# Everything installs into .venv; nothing needs to be installed by hand.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
EXTRAS ?= dev,lab,grading,book,hub,fieldkit
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml 2>/dev/null | cksum | cut -d' ' -f1)-$(EXTRAS)
BUILD ?= build
# make lab: a person's own JupyterLab (mipyme.lab; --allow-root when run as root). The work
# lives in LAB_DIR/LAB_LANG, outside build/, so `make clean` never deletes it.
LAB_LANG ?= es
ROLE ?= student
LAB_DIR ?= $(HOME)/mipyme-lab
LAB_ARGS ?=
PYTEST_ARGS ?=
# The classroom hub's proxy comes from npm, into the build folder (not system-wide).
CHP := build/node/node_modules/.bin/configurable-http-proxy
COURSE ?= course
HUB_ARGS ?=

.PHONY: all install notebooks datasets kit book fieldkit test test-fast lint bench lab hub clean distclean system-deps

all: install notebooks kit fieldkit book ## the main job: install, then build the notebooks, the course material, the field kit and the book (whose chapter pages offer the kit)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[$(EXTRAS)]"
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP) ## create .venv and install the kit with its pinned ranges

APT_PACKAGES := chromium fonts-dejavu-core bubblewrap postgresql
# Installed without their recommended packages (LibreOffice's would add hundreds of MB).
APT_LEAN := libreoffice-calc poppler-utils
system-deps: ## Debian packages the tests need: Chromium (browser tests, field kit PDFs), npm (axe-core), bubblewrap (grading sandbox), PostgreSQL (gradebook test), LibreOffice Calc (field kit spreadsheets recalculated), poppler-utils (PDF pages to images)
	@missing=""; lean=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	for p in $(APT_LEAN); do dpkg -s $$p >/dev/null 2>&1 || lean="$$lean $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing$$lean" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing$$lean"; \
	    apt-get update -qq || exit 1; \
	    if [ -n "$$missing" ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; fi; \
	    if [ -n "$$lean" ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$lean >/dev/null || exit 1; fi; \
	  else \
	    echo "Missing Debian packages:$$missing$$lean (run 'sudo make system-deps')"; exit 1; \
	  fi; \
	fi

notebooks: install ## each chapter's notebook in Spanish and English (notebooks/es, notebooks/en) from notebooks/src
	$(PY) -m mipyme.authoring

datasets: install ## the example businesses' data, generated from a seed
	$(PY) -m mipyme.datasets build --out datasets/generated --seed 2026

kit: install datasets ## build the course material (data tables catalogue) into $(BUILD)/
	$(BIN)/mipyme build --out $(BUILD)

# The field kit's slides use reveal.js from npm, copied inside each deck (offline).
REVEAL := build/node/node_modules/reveal.js/dist/reveal.js
$(REVEAL): | system-deps
	npm install --prefix build/node reveal.js@5 --no-audit --no-fund --silent

fieldkit: install system-deps $(REVEAL) ## the field kit for instructors (handouts, spreadsheets, WhatsApp cards, slides, checks) into $(BUILD)/fieldkit, with the zip sizes
	$(PY) -m mipyme.fieldkit build --out $(BUILD)/fieldkit

book: install datasets ## the bilingual Jupyter Book (both editions) into $(BUILD)/book
	$(PY) -m mipyme.book build --out $(BUILD)/book

test: install system-deps datasets $(CHP) $(REVEAL) ## the whole test suite (unit, doctests, property tests, notebooks, browser)
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install datasets ## the quick loop while you work (under 2 minutes): every test but those marked slow (nbgrader rounds, kernels, Chromium, the book, the sandbox, the hub)
	$(BIN)/pytest -m "not slow" -q $(PYTEST_ARGS)

lint: install ## ruff over the library, tests and benchmarks
	$(BIN)/ruff check src tests bench

bench: install ## benchmarks: one `BENCH name value unit` line per figure
	$(PY) bench/run.py

lab: install datasets ## your JupyterLab on LAB_DIR/LAB_LANG: the chapter notebooks and a folder for assignments (ROLE=instructor: with nbgrader's instructor tools)
	$(PY) -m mipyme.lab --lang $(LAB_LANG) --role $(ROLE) --dir "$(LAB_DIR)" -- $(LAB_ARGS)

$(CHP): | system-deps
	npm install --prefix build/node configurable-http-proxy@5 --no-audit --no-fund --silent

hub: install system-deps $(CHP) ## JupyterHub for one cohort: make hub COURSE=DIR (as root; HUB_ARGS for more options)
	$(BIN)/mipyme hub start --course $(COURSE) $(HUB_ARGS)

clean: ## remove built files (keeps .venv)
	rm -rf $(BUILD) build datasets/generated .pytest_cache .hypothesis

distclean: clean ## remove built files and .venv
	rm -rf $(VENV)
