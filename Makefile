# The two entry points of README.md: `make demo` and `make test`. Both set up everything they
# need on a fresh Debian machine (a virtual environment, the Python packages with the spaCy
# model from PyPI, and for the tests Debian's chromium and chromium-driver).
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup demo test lint browser

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $@

demo: setup
	$(VENV)/bin/eventmap demo

browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver; }

lint: setup
	$(VENV)/bin/ruff check .

test: setup browser lint
	$(VENV)/bin/pytest
