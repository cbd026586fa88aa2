# Tandem. `make run` serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= auto

.PHONY: install run serve migrate demo test test-unit test-browser test-topology topology-tools soak browser documents-libs office lint format messages check-translations bench mutants clean

# The first run installs about 150 packages (2 to 3 minutes): each step says what it does and
# pip's output is summarised (scripts/pip_progress.py), so that nobody thinks it hangs.
$(STAMP): pyproject.toml constraints.txt
	@echo "Installing dependencies (1/4): the virtual environment in $(VENV)…"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing dependencies (2/4): pip…"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "Installing dependencies (3/4): Django and the libraries Tandem uses (2 to 3 minutes the first time)…"
	@set -o pipefail; $(BIN)/python -m pip install --progress-bar off -c constraints.txt -e '.[dev]' 2>&1 | $(BIN)/python scripts/pip_progress.py
	@echo "Installing dependencies (4/4): done."
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	@mkdir -p var
	@echo "Preparing the database…"
	@$(BIN)/tandem migrate --noinput -v 0
	@echo "    the database is up to date."

demo: migrate
	@echo "Loading the demo data (fictional organizations, people and studies)…"
	@$(BIN)/tandem demo

# Served by gunicorn (waitress without fork) through `tandem serve`, as in production; DEBUG
# stays off unless DEBUG=1 is set. `tandem runserver` remains for development.
run: demo documents-libs
	@$(BIN)/tandem demo --accounts
	@echo "Tandem is served on http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	@# The periodic tasks (the College's reminders) run beside the server: no worker here.
	@$(BIN)/tandem periodic_tasks & trap 'kill $$! 2>/dev/null' EXIT; \
		$(BIN)/tandem serve --host $(HOST) --port $(PORT)

# Chromium for the browser tests, from Debian's packages, when it is missing.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# What WeasyPrint needs to make PDFs (tandem.documents), from Debian's packages, when missing:
# pango and harfbuzz, and fonts that cover every character of French and English text.
FONTS := /usr/share/fonts/truetype
documents-libs:
	@echo "Checking the libraries that make PDF documents…"
	@{ ldconfig -p | grep -q libpangoft2-1.0 && test -f $(FONTS)/dejavu/DejaVuSans.ttf && test -f $(FONTS)/liberation/LiberationSans-Regular.ttf; } || { echo "    installing pango, harfbuzz and fonts from Debian's packages…"; apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation >/dev/null; }

# LibreOffice (Writer, without a screen), from Debian's packages, when missing: the analyzer's
# tests open the DOCX it annotates with comments in LibreOffice to check each comment's passage.
office:
	@command -v soffice >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null; }

test: install browser documents-libs office
	$(BIN)/tandem compilemessages --ignore=.venv -v 0
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q

test-unit: install documents-libs office
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q -m "not browser"

test-browser: install browser
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q -m browser

# haproxy (the load balancer of the production topology), from Debian's packages, when missing.
topology-tools:
	@command -v haproxy >/dev/null || test -x /usr/sbin/haproxy || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }

# The production topology on this machine (private PostgreSQL and Redis, moto's S3, haproxy,
# two gunicorn, two task workers) and its faults; ports 8600-8699 (TOPOLOGY_PORT_BASE).
test-topology: install topology-tools
	$(BIN)/pytest -p no:xdist -q -m topology tests/topology

# Ten minutes of mixed load at 32 connections on the same topology (SOAK_ARGS="--duration 60").
soak: install topology-tools
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy tandem config
	$(BIN)/lint-imports
	$(BIN)/python scripts/dead_code.py
	$(BIN)/djlint templates tandem --lint
	$(BIN)/tandem makemigrations --check --dry-run
	$(BIN)/python scripts/check_translations.py

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	@echo "Templates are linted (djlint --lint), not reformatted: the clarity report relies on exact whitespace."

# Extract and compile the French translations (edit locale/fr/LC_MESSAGES/*.po in between).
messages: install
	$(BIN)/tandem makemessages -l fr -l en --no-obsolete -i '.venv/*' -i 'var/*' -i 'bench/*' -i 'tandem/clarity/*' -i 'tests/*' -i 'mutants/*'
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
	rm -rf var/ $(VENV) mutants/
