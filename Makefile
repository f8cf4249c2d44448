# Lontar: two commands do all setup on a fresh machine.
#   make demo   create .venv, install, migrate, load NTT reference + sample data, serve :$(PORT)
#   make test   install and run the whole test suite in parallel (SQLite by default; DATABASE_URL for PostgreSQL)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: demo test test-s3 install tools messages lint check bench serve clean cluster cluster-stop

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Validators the tests run that are not Python (tests/conformance): the Nu Html Checker (vnu.jar,
# npm package vnu-jar, pinned by tools/node/package-lock.json; Java 17 runs it). Installed here,
# from the npm registry, never at test time.
VNU_JAR := tools/node/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR): tools/node/package.json tools/node/package-lock.json
	npm ci --prefix tools/node --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(VNU_JAR)

tools: $(VNU_JAR)

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var -v 0

demo: install messages
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py migrate --noinput -v 0
	@# PostgreSQL datastore: public SQL runs as the read-only role when its URL is given (ADR 0006)
	@case "$$DATASTORE_DATABASE_URL" in postgres*) \
	  if [ -n "$$DATASTORE_READONLY_DATABASE_URL" ]; then \
	    DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py datastore_reader_setup; \
	  else echo "note: DATASTORE_READONLY_DATABASE_URL is empty: public SQL runs as the datastore owner (development only)"; fi;; \
	esac
	@# QR codes and e-mail links point at this demo unless LONTAR_BASE_URL is set
	LONTAR_BASE_URL=$${LONTAR_BASE_URL:-http://127.0.0.1:$(PORT)} DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py demo_setup
	LONTAR_BASE_URL=$${LONTAR_BASE_URL:-http://127.0.0.1:$(PORT)} DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py demo_serve --port $(PORT)

# pytest compiles stale catalogues itself (tests/conftest.py); PYTEST_WORKERS=0 runs in one process
PYTEST_WORKERS ?= auto
test: install tools
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The file-writing tests again with every file in an S3 bucket (moto's S3 server on loopback;
# docs/testing.md): every module that stores or reads a file. .ci/run runs it after make test.
S3_TESTS ?= tests/s3 tests/core/test_files.py tests/core/test_uploads.py tests/core/test_health.py tests/core/test_backup_files.py \
  tests/ppid/test_services_intake.py tests/ppid/test_failure_modes.py tests/ppid/test_files_on_rollback.py \
  tests/ppid/test_identity_files_sealed.py tests/ppid/test_retention.py tests/ppid/test_choose_file_again.py \
  tests/ppid/test_notice_pdf.py tests/ppid/test_notice_reads.py tests/ppid/test_signature.py \
  tests/ppid/test_dip_services.py tests/ppid/test_dip_pages.py tests/ppid/test_views_staff.py \
  tests/ppid/test_views_public.py tests/ppid/test_workflow.py \
  tests/evaluations/test_evidence.py tests/evaluations/test_evidence_rollback.py \
  tests/evaluations/test_lhe_storage.py tests/evaluations/test_lhe_reads.py tests/evaluations/test_signature.py \
  tests/evaluations/test_export.py \
  tests/catalog/test_resource_files.py tests/catalog/test_workflow.py tests/catalog/test_staff_pages.py \
  tests/catalog/test_choose_file_again.py tests/catalog/test_datastore_rename.py \
  tests/catalog/test_dictionary_progress.py tests/catalog/test_public_pages.py \
  tests/datastore/test_staff.py tests/datastore/test_lifecycle.py tests/datastore/test_layout_review.py \
  tests/konektivitas/test_import_sites.py
test-s3: install
	$(BIN)/python -m tests.s3.run -n $(PYTEST_WORKERS) $(S3_TESTS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install messages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.prod LONTAR_SECRET_KEY=$$($(BIN)/python -c 'import secrets;print(secrets.token_urlsafe(64))') \
	  LONTAR_FIELD_ENCRYPTION_KEYS=$$($(BIN)/python -c 'from cryptography.fernet import Fernet;print(Fernet.generate_key().decode())') \
	  LONTAR_SIGNING_KEY=$$($(BIN)/python -c 'import base64,os;print(base64.b64encode(os.urandom(32)).decode())') \
	  LONTAR_ALLOWED_HOSTS=lontar.example.go.id LONTAR_BASE_URL=https://lontar.example.go.id \
	  LONTAR_REDIS_URL=redis://127.0.0.1:6379/0 LONTAR_EMAIL_URL=smtp+tls://lontar@smtp.example.go.id:587 \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python -m lontar.core.i18n_check

# A production-like cluster on loopback (docs/deploy.md §7): nginx :8740 in front of two gunicorn app
# servers, a db_worker, moto's S3 server, the machine's PostgreSQL and Redis; state in var/cluster/
cluster: install messages
	$(BIN)/python deploy/cluster.py start

cluster-stop:
	$(BIN)/python deploy/cluster.py stop

bench: install
	$(BIN)/python bench/pages.py

clean:
	rm -rf var
