# The targets CI runs. `make run` and `make test` work from a fresh clone with only Python >= 3.12.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# The first interpreter >= 3.12 found (pyenv's shims honour .python-version).
PYTHON_BOOT ?= $(shell for p in python3.13 python3.12 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: help run dev test test-clocks mutation faults setup messages messages-extract lint format migrations-check deploy-check ci-checks requirements demo browser-test clean

help:
	@echo "make run    – set up and serve the portal with demo content on http://127.0.0.1:$(PORT)/"
	@echo "make test   – set up and run the whole test suite (DATABASE_URL selects the database)"
	@echo "make dev    – the same portal for developers: DEBUG on, autoreload (runserver)"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON_BOOT)" || { echo "Python >= 3.12 is required (none found on PATH)." >&2; exit 1; }
	test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $@

# Compile every catalogue under locale/ (Babel: pure Python, no system gettext needed).
# Refresh the English catalogue from the code (then translate what is empty or fuzzy and run
# `make messages`); tests/portal/test_translations.py runs it on a copy and fails when the
# committed catalogue lacks a message of the code.
MESSAGES_IGNORE := mutants/* bench/* tools/* tests/* var/* staticfiles/* deploy/* demo/* .venv/*
messages-extract:
	$(MANAGE) makemessages -l en --no-obsolete $(foreach p,$(MESSAGES_IGNORE),-i "$(p)")

messages: $(VENV)/.installed
	@find locale -name '*.po' | while read -r po; do \
		$(VENV)/bin/pybabel compile --statistics -i "$$po" -o "$${po%.po}.mo"; \
	done

setup: $(VENV)/.installed messages
	@mkdir -p var

demo: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_demo_admin

# The portal as residents meet it: DEBUG off, Vietnamese error pages, static files by
# WhiteNoise, gunicorn on loopback (anphong/settings/local.py).
# Both use the development payment gateway (payments/dev_gateway.py: VNPAY's protocol, its
# page marked THỬ NGHIỆM, no money moves) unless PAYMENT_GATEWAY is set, and start the
# development identity provider (tools/oidc_provider: django-oauth-
# toolkit with fictional citizens, clearly marked, NOT VNeID) on OIDC_DEV_PORT, so the
# "Đăng nhập bằng định danh điện tử" button can be tried; OIDC_DEV=0 leaves it out (no
# button). The portal reads the provider from the OIDC_* variables set here.
OIDC_DEV ?= 1
OIDC_DEV_PORT ?= 8001
DEV_SERVICES = export PAYMENT_GATEWAY=$${PAYMENT_GATEWAY:-dev}; \
	if [ "$(OIDC_DEV)" = 1 ]; then \
	OIDC_PROVIDER_PORT=$(OIDC_DEV_PORT) PORTAL_PORT=$(PORT) PYTHON=$(PY) tools/oidc_provider/serve.sh & provider=$$!; \
	trap 'kill $$provider 2>/dev/null || true' EXIT INT TERM; \
	export OIDC_DISCOVERY_URL=http://127.0.0.1:$(OIDC_DEV_PORT)/o/.well-known/openid-configuration \
		OIDC_CLIENT_ID=anphong-dev OIDC_CLIENT_SECRET=anphong-dev-secret \
		OIDC_SCOPES="openid profile email phone citizen" \
		OIDC_PROVIDER_NAME="định danh THỬ NGHIỆM (không phải VNeID)"; \
	fi

run: export DJANGO_SETTINGS_MODULE := anphong.settings.local
run: demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(DEV_SERVICES); \
	$(VENV)/bin/gunicorn anphong.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

# For developers: DEBUG on, autoreload, static files straight from the apps.
dev: demo
	$(DEV_SERVICES); \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: setup
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The suite again with the clock moved to instants that are hard for a Vietnamese
# calendar: a Saturday evening, the first working day after Tết 2027 (before opening),
# and one minute before New Year (the run crosses midnight). The browser tests stay in
# the real-clock passes: Chromium keeps the real time, whatever the server's clock says.
CLOCKS ?= 2026-12-12T19:30+07:00 2027-02-11T07:45+07:00 2026-12-31T23:59+07:00
test-clocks: setup
	@for instant in $(CLOCKS); do \
		echo "== Test suite with the clock at $$instant"; \
		ANPHONG_TEST_CLOCK=$$instant $(VENV)/bin/pytest -q -m "not browser" $(PYTEST_ARGS) || exit 1; \
	done

browser-test: setup
	$(VENV)/bin/pytest -m browser

# Mutation testing of the modules that guard residents' data (tools/mutation/README.md):
# hours on two cores, so on demand and before a release, not in CI.
mutation: setup
	$(PY) tools/mutation/run.py

# Faults of issue 15 (tools/faults/README.md): gunicorn with the production settings on a
# private PostgreSQL and Redis (free ports, a temporary folder) that get stopped and frozen;
# zero 5xx other than a 503 with Retry-After. About 2 minutes; needs initdb, pg_ctl, psql
# and redis-server on PATH (never touches the shared services).
faults: setup
	$(PY) tools/faults/run.py

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: setup
	$(MANAGE) makemigrations --check --dry-run

# Production settings must pass Django's deployment checklist without a warning.
deploy-check: setup
	DJANGO_SETTINGS_MODULE=anphong.settings.prod \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=anphong.haiphong.gov.vn \
	REDIS_URL=redis://127.0.0.1:6379/0 \
	$(MANAGE) check --deploy --fail-level WARNING

ci-checks: lint migrations-check deploy-check

requirements: $(VENV)/.installed
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
