# Two commands on a fresh Debian/Ubuntu machine:
#   make museum   install what the build needs and build _site/
#   make test     install what the tests need and run every test
# `museum` is also a folder name, so every target is .PHONY or it would never run.
.PHONY: museum test setup test-setup system-packages test-system-packages clean

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT    := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get

museum: setup
	$(BIN)/python build.py

test: test-setup
	$(BIN)/python -m pytest


# System packages, installed only when missing: graphviz for diagrams; Chromium for page tests.
system-packages:
	@command -v dot >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq graphviz; }

test-system-packages: system-packages
	@[ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi dejavu || \
	  { $(APT) update -qq && $(APT) install -y -qq chromium fonts-dejavu-core; }

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.installed

setup: system-packages $(VENV)/.installed

test-setup: test-system-packages $(VENV)/.installed-test

clean:
	rm -rf _site .pytest_cache
