# courier_api — `make run` serves the demo on SQLite; `make test` runs the suite.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := courier_api

.PHONY: setup run test lint format openapi lock clean

$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

setup: $(BIN)/.installed

run: setup
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

# Re-pin every dependency (run after changing pyproject.toml; commit the result).
lock: setup
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
	  --no-emit-find-links --no-emit-trusted-host -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) instance .pytest_cache
