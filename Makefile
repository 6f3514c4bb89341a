# Every target creates .venv and installs the locked dependencies when they are missing or
# out of date, so `make build` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve upstream-diff build validate test test-fast test-flows coverage mutation lint format bench lock clean new-module exports pdf

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed (found %d.%d)" % sys.version_info[:2] if sys.version_info < (3, 11) else 0)'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# The preview: keeps running when a page has a mistake (the page shows it); make build stays
# strict. PORT=8001 picks another port; the value reaches Python through the environment only.
PORT ?= 8000
export PORT
serve: $(STAMP)
	@$(PY) scripts/validate.py || echo "serve: the preview starts anyway; pages with a mistake show it until you fix it"
	$(PY) scripts/serve.py

# What upstream changed since you last merged it, at curriculum level (see docs/providers/index.md,
# step 6). UPSTREAM=other/branch compares another branch; it reaches Python through the environment.
UPSTREAM ?= upstream/main
export UPSTREAM
upstream-diff: $(STAMP)
	@if git remote get-url upstream >/dev/null 2>&1; then git fetch --quiet upstream; fi
	$(PY) scripts/curriculum_diff.py --upstream

# The complete site: pages, the open-data exports and (when Chromium is installed) the PDF and
# the module handouts,
# so what is deployed is what was tested; then the tutor edition beside it (site-tutor/).
# The engine is installed editable and PYTHONDONTWRITEBYTECODE is set above, so Python never
# caches its bytecode by itself: without compileall every build compiled the engine and the
# macros from source, about a tenth of the time of a plain MkDocs build. It skips what is current.
build: $(STAMP) validate
	@$(PY) -m compileall -q scripts macros
	$(PY) -m mkdocs build --strict
	$(PY) scripts/printpage.py
	$(PY) scripts/export.py
	$(PY) scripts/pdf.py --optional
	$(PY) -m mkdocs build --strict -q -f mkdocs-tutor.yml
	$(PY) scripts/printpage.py -f mkdocs-tutor.yml

# The tutor edition only: schemes of work, tutor notes and model answers, in site-tutor/.
# Not for publishing where learners can read it.
tutor: $(STAMP) validate
	$(PY) -m mkdocs build --strict -f mkdocs-tutor.yml
	$(PY) scripts/printpage.py -f mkdocs-tutor.yml

exports: $(STAMP) validate
	$(PY) -m mkdocs build --strict
	$(PY) scripts/export.py

validate: $(STAMP)
	$(PY) scripts/validate.py

# The tests run in one worker per core (pytest-xdist), each test file on one worker, so the fixtures a
# file shares are made once; the handbook's own build is shared by all workers (tests/conftest.py).
XDIST := -n auto --dist loadfile
# pytest rewrites each test file's asserts and keeps the result as bytecode (tests/__pycache__,
# ignored by git), unless bytecode writing is off: then every worker rewrote all the test files
# again on every run, about 3 of the 7 seconds it takes to collect the tests.
test test-fast test-flows coverage: export PYTHONDONTWRITEBYTECODE :=
test: $(STAMP)
	$(PY) -m pytest $(XDIST)

# The whole contributor and provider flows on copies of the project (each runs the tests again).
test-flows: $(STAMP)
	CPSCP_FLOWS=1 $(PY) -m pytest $(XDIST) -m flow

# The engine's tests without the browser and whole-site builds: for the edit-test loop.
test-fast: $(STAMP)
	$(PY) -m pytest $(XDIST) -m "not browser and not slow"

# The suite under coverage.py, following the test workers and the scripts and `mkdocs build` the
# tests run in subprocesses (settings in pyproject.toml); fails under the floor set there. PYTEST_ARGS narrows
# the run, e.g. make coverage PYTEST_ARGS='-m "not browser and not slow"' (the figure is then lower,
# and the floor does not apply).
PYTEST_ARGS ?=
coverage: $(STAMP)
	@rm -f .coverage .coverage.*
	@$(PY) -m coverage run -m pytest $(XDIST) -q $(PYTEST_ARGS); tests=$$?; \
	$(PY) -m coverage combine --quiet && $(PY) -m coverage report --skip-covered $(if $(PYTEST_ARGS),--fail-under=0); report=$$?; \
	for part in scripts/cpscp_engine scripts/cpscp_engine/checks scripts/cpscp_engine/render \
	            scripts/cpscp_engine/exports macros; do \
	  printf '  %-30s %s %%\n' "$$part/" "$$($(PY) -m coverage report --include="$$part/*" --format=total --fail-under=0)"; \
	done; \
	echo "Coverage across processes: $$($(PY) -m coverage report --format=total --fail-under=0) % (floor: fail_under in pyproject.toml)"; \
	if [ $$tests -ne 0 ]; then echo "coverage: some tests failed (above)"; fi; \
	exit $$((tests || report))

# A mutation check of the engine's checks/, render/ and exports/ (scripts/mutation.py; not run by
# CI): a fixed sample of small code changes, each tried against the fast tests that reach it; prints
# the score and each surviving mutant as file:line. MUTATION_ARGS=--all tries every mutant (long).
MUTATION_ARGS ?=
mutation: $(STAMP)
	$(PY) scripts/mutation.py $(MUTATION_ARGS)

# Static checks, configured in pyproject.toml: ruff (lint and format) over the repository, mypy over scripts/ and macros/
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

# Rewrites files in place to the house style (ruff format); `ruff format --check .` only reports.
format: $(STAMP)
	$(PY) -m ruff format .

# DIAGNOSTICS.md, the catalogue of diagnostic codes, from the codes the engine declares.
diagnostics: $(STAMP)
	$(PY) scripts/diagnostics_catalogue.py

bench: $(STAMP)
	$(PY) scripts/bench.py --json bench-results/latest.json

# Re-pin requirements.txt from requirements.in, every package with the hashes of its files, so
# an install (`--require-hashes`) refuses anything that changed on the index. pip-tools runs in a
# throw-away environment, so nothing installed in .venv leaks into the lock.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check pip-tools
	CUSTOM_COMPILE_COMMAND="make lock" .venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	  --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in
	rm -rf .venv-lock

clean:
	rm -rf site site-tutor build .pytest_cache

# TITLE and POSITION come from people (the issue form): they reach Python through the
# environment, never a shell command line. $(value ...) keeps make from expanding `$(...)` in
# them, and unexport stops make handing the raw variables on (exporting would expand them).
unexport TITLE POSITION
new-module: export CPSCP_NEW_MODULE_TITLE := $(value TITLE)
new-module: export CPSCP_NEW_MODULE_POSITION := $(value POSITION)
new-module: $(STAMP)
	@$(PY) scripts/new_module.py --from-environment

# The printable edition as site/pdf/<code>-handbook.pdf and a handout per module in site/pdf/modules/
# (builds the site first when needed; pdf.py makes the print page when the build has not).
pdf: $(STAMP)
	@test -f site/print_page/index.html || $(PY) -m mkdocs build --strict
	$(PY) scripts/pdf.py
