# docgen: `make build` sets up .venv, documents the bundled example and builds the site into site/;
# `make serve` serves the site at http://127.0.0.1:8000; `make test` runs everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# MkDocs and Material print notices about their own future on every run; they are not about this site.
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve test bench clean

$(BIN)/docgen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(BIN)/docgen
	$(BIN)/docgen build
	$(BIN)/mkdocs build --strict --site-dir site

serve: build
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(BIN)/docgen
	$(BIN)/docgen check
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) site build dist .pytest_cache
