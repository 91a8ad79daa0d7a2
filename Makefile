# docgen: `make build` sets up .venv and documents the bundled example; `make test` runs everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build test bench clean

$(BIN)/docgen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(BIN)/docgen
	$(BIN)/docgen build

test: $(BIN)/docgen
	$(BIN)/docgen check
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) site build dist .pytest_cache
