# docgen: `make build` sets up .venv, documents the bundled example and builds the site into site/;
# `make build` also copies Mermaid from npm into docgen/assets/ (the site works offline);
# `make serve` serves the site at http://127.0.0.1:8000; `make test` runs everything (check, lint, pytest);
# `make bench` measures docgen against the import floor and paracelsus, a live database against a bare reflect,
# and the site at 1,000 tables (docs/performance.md),
# `make bench-site` the site only;
# `make corpus` runs docgen on real model sets from PyPI and checks every fact (docs/corpus.md),
# `make corpus-site` checks the sites of the biggest of them in Chromium;
# `make mutate` runs mutation testing on the modules that guard trust (docs/mutation.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The benchmark's own venv: docgen plus the peer paracelsus, never a project dependency.
BENCH_VENV := benchmarks/.work/venv
# MkDocs and Material print notices about their own future on every run; they are not about this site.
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1

# Mermaid for the site, from npm at the version package-lock.json pins: the docgen MkDocs plugin
# serves it from the site itself, and the wheel ships it (pyproject.toml: artifacts).
MERMAID := docgen/assets/mermaid.min.js

# The mutation tool, installed into .venv by `make mutate` only: no dependency of docgen.
MUTMUT := $(BIN)/mutmut
MUTMUT_VERSION := 3.8.1

.PHONY: build serve test bench bench-site corpus corpus-site mutate clean

$(BIN)/docgen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(MERMAID): node_modules/.package-lock.json
	cp node_modules/mermaid/dist/mermaid.min.js $@

build: $(BIN)/docgen $(MERMAID)
	$(BIN)/docgen build
	$(BIN)/mkdocs build --strict --site-dir site

serve: build
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(BIN)/docgen
	$(BIN)/docgen check
	$(BIN)/docgen lint
	$(BIN)/python -m pytest

# The site at 1,000 tables: docgen build + mkdocs build time, bytes a page loads (docs/performance.md).
bench-site: $(BIN)/docgen $(MERMAID)
	$(BIN)/python -m benchmarks.site 1000

$(BENCH_VENV)/bin/paracelsus: pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e . paracelsus
	touch $@

# docgen against the floor and paracelsus, a live PostgreSQL database against a bare reflect (a server of its
# own, as the tests start it), then the site at 1,000 tables: all onto docs/performance.md.
bench: $(BENCH_VENV)/bin/paracelsus $(BIN)/docgen $(MERMAID)
	$(BENCH_VENV)/bin/python -m benchmarks.run
	$(BIN)/python -m benchmarks.live_database --page 1000
	$(BIN)/python -m benchmarks.site --page 1000

# Not part of `make test`: it installs pinned packages from PyPI into benchmarks/.work/corpus/.
corpus:
	$(PYTHON) -m benchmarks.corpus.run --page

# Not part of `make test` either: the sites of the corpus's packages of 100+ tables, in Chromium.
corpus-site: $(BIN)/docgen $(MERMAID)
	$(BIN)/python -m pytest -p no:cacheprovider tests/test_real_sites.py --real-sites

$(MUTMUT): $(BIN)/docgen
	$(BIN)/python -m pip install --quiet 'mutmut==$(MUTMUT_VERSION)'
	touch $@

# Not part of `make test`: CPU-heavy, module by module, one worker, under nice.
mutate: $(MUTMUT)
	nice -n 19 $(BIN)/python -m benchmarks.mutation.run --page

clean:
	rm -rf $(VENV) site build dist .pytest_cache benchmarks/.work node_modules $(MERMAID)
