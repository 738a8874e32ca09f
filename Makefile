# Voneinander task runner. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: vnu services run test test-fast install messages translations lint fmt bench bench-data soak cluster cluster-check trust browser postgres-test clean help

help:
	@echo "make run      install, migrate, load demo data, start worker and server on http://$(HOST):$(PORT)"
	@echo "make test     the whole test suite (browser tests included)"
	@echo "make lint     ruff check + format check;  make fmt  format the code"
	@echo "make bench    benchmarks (results go to docs/performance.md by hand)"
	@echo "make bench-data  fill a PostgreSQL database with Germany-scale data (see docs/performance.md)"
	@echo "make cluster  two app processes behind nginx, PostgreSQL, Redis, a worker (Ctrl-C stops all)"
	@echo "make trust    privacy, accessibility and security checks with a summary table (docs/trust.md)"
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

# nginx and ClamAV, started by tests as real local servers.
services:
	@scripts/install-test-services.sh

# The Nu HTML Checker (npm vnu-jar, run with Debian's Java) for the trust crawl.
vnu:
	@scripts/install-vnu.sh

test: translations browser services vnu
	@VONEINANDER_CHECK_ROUTES=1 $(BIN)/python -m pytest -q

# Quick loop while coding: no browser tests, no route check.
test-fast: translations
	@$(BIN)/python -m pytest -q -m "not e2e"

# The suite against a throwaway PostgreSQL 15 on 127.0.0.1 (installed from Debian if missing).
postgres-test: translations browser services vnu
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

# Germany-scale data set (issue 8): SEED and DATABASE_URL may be given.
bench-data: install
	@$(BIN)/python -m bench.data $(BENCH_DATA_ARGS)

# 30-minute steady load; not part of CI.
soak: install
	@$(BIN)/python -m bench.soak

cluster: translations
	@scripts/cluster.sh run

# Starts the cluster, proves the cross-process properties, stops it again.
cluster-check: translations
	@scripts/cluster.sh check

trust: translations browser services vnu
	@$(BIN)/python -m trust

clean:
	rm -rf $(VENV) var
