# One command per chore. Each one installs what it needs into .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: install demo test lint quality bench clean

$(BIN)/babelwire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/babelwire

# Ingest the bundled multilingual sample and list the events it reports.
demo: install
	rm -f sample.db
	$(BIN)/babelwire ingest samples/docs --db sample.db
	$(BIN)/babelwire events --db sample.db

# The whole test suite, lint and types included: what CI runs.
# -rs lists each skipped test with its reason (data or chromium absent).
test: install lint
	$(BIN)/python -m pytest -q -rs

lint: install
	$(BIN)/ruff check babelwire tests bench
	$(BIN)/ruff format --check babelwire tests bench
	$(BIN)/mypy babelwire

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) sample.db .pytest_cache .mypy_cache .ruff_cache
