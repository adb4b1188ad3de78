# The two commands of the README: `make run` and `make test`. Everything else is a step of those.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Loopback only: local mode (no sign-in) is for this computer. A server with sign-in: ADDRESS=0.0.0.0
ADDRESS ?= 127.0.0.1
STAMP := $(VENV)/.installed

.PHONY: setup demo-db run lint test bench bench-heavy bench-viewers demo screenshots

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

# Builds the demo database from data/demo/ through the real import code, only if it is missing.
demo-db: setup
	$(BIN)/python -m engagement build-demo

# serve.py (not dashboard.py): page URLs must work as a fresh server's first request.
run: demo-db
	$(BIN)/streamlit run serve.py --server.port $(PORT) --server.address $(ADDRESS) \
		--server.headless true \
		--server.scriptHealthCheckEnabled true

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint queries engagement/schema --disable-progress-bar

test: lint
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder

# Regenerate the synthetic WLPF 2021 export files (deterministic).
demo: setup
	$(BIN)/python -m engagement demo

# Import and query timings (see README, Performance). Faster: make bench BENCH_ARGS=--quick
bench: bench-heavy
	$(BIN)/python scripts/benchmark.py $(BENCH_ARGS)

# The tests marked heavy (speed, memory and load variants kept out of `make test`).
bench-heavy: setup
	$(BIN)/python -m pytest -m heavy

# 20 browser sessions reading while a 200,000-row import runs in the app (issue 11 item 4).
bench-viewers: setup
	$(BIN)/python scripts/load_viewers.py
