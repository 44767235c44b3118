# The two commands of the README: `make run` and `make test`. Each sets up everything it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: testdeps run test lint typecheck imports pytest bench bench-dist sysdeps clean screenshots screenshots-team dist

sysdeps:
	@PYTHON=$(PYTHON) sh installer/sysdeps.sh

$(STAMP): requirements.lock pyproject.toml
	@$(MAKE) --no-print-directory sysdeps
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Qt strings its French catalogue misses, compiled from the committed .ts (the .qm is not committed).
QM := resources/translations/assistant_qt_fr.qm
$(QM): resources/translations/assistant_qt_fr.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

run: export QT_QPA_PLATFORM := $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)
run: $(STAMP) $(QM) sysdeps
	@test -n "$(DISPLAY)$(WAYLAND_DISPLAY)" || echo "Aucun écran détecté (DISPLAY) : la fenêtre s'ouvre hors écran." >&2
	$(PY) -m assistant

lint: $(STAMP)
	$(VENV)/bin/ruff check assistant tests installer

imports: $(STAMP)
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy

testdeps:
	@sh installer/testdeps.sh

pytest: $(STAMP) $(QM) sysdeps testdeps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

test: lint imports typecheck pytest

bench: $(STAMP) sysdeps
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/run.py

DIST_STAMP := $(VENV)/.installed-dist
VERSION = $(shell $(PY) -c 'import assistant; print(assistant.__version__)')

$(DIST_STAMP): $(STAMP) installer/requirements-dist.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r installer/requirements-dist.txt
	@touch $(DIST_STAMP)

# The frozen bundle, its .tar.gz and the .deb, then the smoke test on the bundle and on the unpacked .deb.
# Build tools from Debian: objdump (binutils), patchelf (RUNPATHs), lintian (checks the .deb in test-deb.sh).
dist: $(DIST_STAMP) $(QM) sysdeps
	@command -v objdump >/dev/null 2>&1 && command -v patchelf >/dev/null 2>&1 && command -v lintian >/dev/null 2>&1 \
		|| { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends binutils patchelf lintian >/dev/null; } || \
		{ echo "outils manquants : sudo apt-get install binutils patchelf lintian" >&2; exit 1; }
	bash installer/build.sh
	installer/smoke-test dist/assistant-achat-numerique/assistant-achat-numerique
	bash installer/test-deb.sh dist/assistant-achat-numerique_$(VERSION)_$$(dpkg --print-architecture).deb

bench-dist: $(DIST_STAMP)
	$(PY) tests/tools/bench_dist.py

screenshots: $(STAMP) $(QM)
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x800x24" $(PY) tests/tools/screenshots.py out/screenshots

# Team mode on a throw-away PostgreSQL server: two buyers' windows side by side, the controller's window.
screenshots-team: $(STAMP) $(QM) testdeps
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x800x24" $(PY) tests/tools/screenshots_team.py out/screenshots

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
