# courier_api — `make run` serves the demo on SQLite; `make test` runs the suite.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := courier_api

.PHONY: setup run test lint format openapi lock translations clean sdk

# Two locks: requirements.lock is what the server runs (`make run` installs only it);
# requirements-dev.lock adds the tools (tests, lint, benches) at the same versions.
$(BIN)/.runtime: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

$(BIN)/.installed: $(BIN)/.runtime requirements-dev.lock
	$(BIN)/python -m pip install -q -r requirements-dev.lock
	touch $@

# A development environment: the runtime and the tools.
setup: $(BIN)/.installed

run: $(BIN)/.runtime
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo
	@echo "Starting the API (it prints the address it serves on) and a background worker;"
	@echo "Ctrl-C stops both."
	exec $(BIN)/python -m courier_api.devserver

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

openapi: setup
	$(BIN)/flask write-openapi openapi/openapi.json

# The SDKs' generated parts from openapi/openapi.json (after `make openapi`; commit them).
# Needs Node for sdk/typescript; `make run` and `make setup` never do.
sdk: setup
	cd sdk/typescript && npm ci --no-audit --no-fund --silent
	$(BIN)/python sdk/generate.py

# The console's texts: collect them, merge into the Chinese catalogue (translate the new
# entries in the .po), compile the .mo that is committed (`make run` needs no build step).
CONSOLE := courier_api/console
translations: setup
	$(BIN)/pybabel extract -F $(CONSOLE)/babel.cfg -k _l --no-location --sort-output -o $(CONSOLE)/translations/messages.pot $(CONSOLE)
	$(BIN)/pybabel update -i $(CONSOLE)/translations/messages.pot -d $(CONSOLE)/translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d $(CONSOLE)/translations

# Re-pin every dependency (run after changing pyproject.toml; commit both files). The dev
# lock first; the runtime lock is constrained by it, so both pin the same versions.
LOCK_FLAGS := --quiet --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host
lock: setup
	$(BIN)/pip-compile $(LOCK_FLAGS) --extra dev -o requirements-dev.lock pyproject.toml
	$(BIN)/pip-compile $(LOCK_FLAGS) -c requirements-dev.lock -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) instance .pytest_cache
