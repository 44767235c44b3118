# The two commands of the README: `make run` and `make test`. Each sets up everything it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint typecheck imports pytest bench sysdeps clean screenshots dist

sysdeps:
	@PYTHON=$(PYTHON) sh installer/sysdeps.sh

$(STAMP): requirements.lock pyproject.toml
	@$(MAKE) --no-print-directory sysdeps
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

run: export QT_QPA_PLATFORM := $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)
run: $(STAMP) sysdeps
	@test -n "$(DISPLAY)$(WAYLAND_DISPLAY)" || echo "Aucun écran détecté (DISPLAY) : la fenêtre s'ouvre hors écran." >&2
	$(PY) -m assistant

lint: $(STAMP)
	$(VENV)/bin/ruff check assistant tests

imports: $(STAMP)
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP) sysdeps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

test: lint imports typecheck pytest

bench: $(STAMP) sysdeps
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
