# One command each: serve, test, site, check, bench. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: serve test site check bench clean

serve: $(VENV)/.installed-app
	$(BIN)/flask --debug run

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

site: $(VENV)/.installed-app
	$(BIN)/flask freeze

# Peers are built where installed (hugo, jekyll: apt-get; pelican, mkdocs: $$SSG_VENV); the
# benchmark kit is ../shared/bench (BENCH_ARGS="--kit DIR --sizes 1000 --runs 5" to change).
bench: $(VENV)/.installed-app
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

check: $(VENV)/.installed-dev
	$(BIN)/ruff check tag_site tests bench app.py
	$(BIN)/ruff format --check tag_site tests bench app.py
	$(BIN)/mypy --strict tag_site

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
