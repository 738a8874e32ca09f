# Voneinander task runner. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: run test test-fast install messages translations lint fmt bench browser postgres-test clean help

help:
	@echo "make run      install, migrate, load demo data, start worker and server on http://$(HOST):$(PORT)"
	@echo "make test     the whole test suite (browser tests included)"
	@echo "make lint     ruff check + format check;  make fmt  format the code"
	@echo "make bench    benchmarks (results go to docs/performance.md by hand)"
	@echo "make messages update the .po files after changing strings (needs gettext)"

$(BIN)/python:
	@scripts/make-venv.sh "$(PYTHON)" "$(VENV)"

$(STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing dependencies into $(VENV) …"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

translations: install
	@$(BIN)/python manage.py compiletranslations

run: translations
	@$(BIN)/python manage.py migrate --noinput --verbosity 0
	@$(BIN)/python manage.py load_demo_data
	@$(BIN)/python manage.py ensure_superuser
	@HOST=$(HOST) PORT=$(PORT) scripts/run-dev.sh

browser:
	@scripts/install-browser.sh

test: translations browser
	@VONEINANDER_CHECK_ROUTES=1 $(BIN)/python -m pytest -q

# Quick loop while coding: no browser tests, no route check.
test-fast: translations
	@$(BIN)/python -m pytest -q -m "not e2e"

# The suite against a throwaway PostgreSQL 15 on 127.0.0.1 (installed from Debian if missing).
postgres-test: translations browser
	@scripts/with-postgres.sh env VONEINANDER_CHECK_ROUTES=1 $(BIN)/python -m pytest -q

lint: install
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .

fmt: install
	@$(BIN)/ruff format .
	@$(BIN)/ruff check --fix .

messages: install
	@cd voneinander && ../$(BIN)/python ../manage.py makemessages --locale de --locale en \
		--ignore 'static/*' --no-obsolete --add-location file
	@cd voneinander && ../$(BIN)/python ../manage.py makemessages --domain djangojs --locale de \
		--locale en --ignore 'static/vendor/*' --no-obsolete --add-location file

bench: install
	@$(BIN)/python -m bench
	@$(BIN)/python -m bench.import_places
	@$(BIN)/python -m bench.allocation
	@$(BIN)/python -m bench.events
	@$(BIN)/python -m bench.matching_eval
	@$(BIN)/python -m bench.search

clean:
	rm -rf $(VENV) var
