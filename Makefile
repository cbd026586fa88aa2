# Tandem. `make run` serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= auto

.PHONY: install run serve migrate demo test test-unit test-browser browser lint format messages check-translations bench mutants clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	@mkdir -p var
	$(BIN)/tandem migrate --noinput

demo: migrate
	$(BIN)/tandem demo

run: demo
	@$(BIN)/tandem demo --accounts
	@echo "Tandem is served on http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	@$(BIN)/tandem runserver --noreload $(HOST):$(PORT)

# Chromium for the browser tests, from Debian's packages, when it is missing.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

test: install browser
	$(BIN)/tandem compilemessages --ignore=.venv -v 0
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q

test-unit: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q -m "not browser"

test-browser: install browser
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q -m browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy tandem config
	$(BIN)/djlint templates tandem --lint
	$(BIN)/tandem makemigrations --check --dry-run
	$(BIN)/python scripts/check_translations.py

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	@echo "Templates are linted (djlint --lint), not reformatted: the clarity report relies on exact whitespace."

# Extract and compile the French translations (edit locale/fr/LC_MESSAGES/*.po in between).
messages: install
	$(BIN)/tandem makemessages -l fr -l en --no-obsolete -i '.venv/*' -i 'var/*' -i 'bench/*' -i 'tandem/clarity/*' -i 'tests/*'
	$(BIN)/tandem compilemessages --ignore=.venv

check-translations: install
	$(BIN)/python scripts/check_translations.py

bench: install
	$(BIN)/python bench/run_all.py

# Mutation testing of the modules that hold rules ([tool.mutmut] in pyproject.toml), niced, on
# two cores; long, so not in CI. Narrow it with MUTANTS, e.g.
# `make mutants MUTANTS='tandem.reviews.consolidate.*'`. Kill rates: docs/benchmarks.md.
MUTANTS ?= tandem.*.rules.* tandem.*.queries.* tandem.reviews.assignment.* \
	tandem.reviews.consolidate.* tandem.accounts.services.x_erase_account* tandem.core.erasure.*
mutants: install
	-nice -n 10 $(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/python scripts/mutation_score.py

clean:
	rm -rf var/ $(VENV)
