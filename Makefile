# Two commands for a new user (see README.md):
#   make demo   sets up .venv and runs the demo workshop on the bundled Kiruna pack
#   make test   sets up .venv and runs lint, types, layer contracts, the tests and the docs build
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKS := contentpacks/kiruna contentpacks/metodbank
DEMO_DIR ?= innovationsresan-demo

.PHONY: demo test lint typecheck layers unit docs bench mutate clean

$(STAMP): pyproject.toml $(addsuffix /pyproject.toml,$(PACKS))
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all]' $(addprefix -e ,$(PACKS)) --group dev --group docs
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/innovationsresan packs
	$(BIN)/innovationsresan demo -o $(DEMO_DIR) --force

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs contentpacks tools
	$(BIN)/ruff format --check src

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

# The tests run on every core (pytest-xdist); one worker takes a whole test file at a time, so
# the servers, browsers and wheels a file sets up once are set up once (CONTRIBUTING.md).
# PYTEST_WORKERS=0 runs them in this process, one after the other.
PYTEST_WORKERS ?= auto
unit: $(STAMP)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --durations=15

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir build/site

test: lint typecheck layers unit docs

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Mutation testing of one core module with its own tests (CONTRIBUTING.md): not part of `test`.
MODULE ?= scoring
MUTMUT_ARGS ?=
mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet --group mutate
	HYPOTHESIS_PROFILE=mutate $(BIN)/mutmut run $(MUTMUT_ARGS) 'innovationsresan.$(MODULE).*'
	$(BIN)/python tools/mutation.py $(MODULE)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis $(DEMO_DIR) mutants
