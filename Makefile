# make serve: set up on first use, then serve with live reload
# make test:  set up on first use, then run every test
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# builds repeat exactly: the dates in the site are the last commit's
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: setup fonts serve build test screenshots bench profile clean

setup: $(VENV)/.installed node_modules/.installed fonts

# the fonts that draw each language's figures (mkdocs.yml): installed
# when missing where this user can (Debian, as root), else explained
fonts: $(VENV)/.installed
	@packages="$$($(BIN)/python -m appendix_plugin fonts)"; \
	if [ -n "$$packages" ] && [ "$$(id -u)" = 0 ] && \
	    command -v apt-get >/dev/null; then \
	  apt-get install -y -qq $$packages >/dev/null || { \
	    apt-get update -qq && apt-get install -y -qq $$packages; }; \
	  rm -rf "$$($(BIN)/python -c 'import matplotlib; \
	    print(matplotlib.get_cachedir())')"/fontlist-*.json; \
	fi; \
	$(BIN)/python -m appendix_plugin fonts --check

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

serve: setup
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

test: setup
	$(BIN)/pytest

# every page of every edition, 1280 and 390 px, light and dark, into
# test-output/screenshots/ for a person to look at
screenshots: setup
	$(BIN)/pytest -m screenshots tests/test_browser.py

# not part of test: timings are printed side by side, not asserted
bench: setup
	$(BIN)/python -m tests.benchmark

# where a warm build spends its time
profile: setup
	$(BIN)/pyinstrument -m mkdocs build -q -d .cache/profile-site

clean:
	rm -rf site .cache test-output
