# The README's two set-up commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install migrate demo check-deploy bench clean

$(VENV)/.terpasang: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e ".[test]"
	touch $@

install: $(VENV)/.terpasang

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py muat_demo
	$(PY) manage.py muat_demo_penugasan
	$(PY) manage.py muat_demo_kinerja
	$(PY) manage.py muat_demo_layanan

# The letters' QR codes and links point at the address the server runs on (the demo's letters too).
run: export SITUS_URL ?= http://$(HOST):$(PORT)
run: demo
	@$(PY) manage.py demo_login
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -n 2 --dist loadgroup -q $(PYTEST_ARGS)

bench: install
	$(PY) bench/kedudukan_pohon.py $(BENCH_ARGS)

check-deploy: install
	DJANGO_SETTINGS_MODULE=sistemkerja.settings.prod DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=sistemkerja.example.go.id $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
