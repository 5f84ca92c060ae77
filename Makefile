# Two commands for a new user: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
OUT    ?= demo-output

.PHONY: demo test lint eval bench fuzz clean lock

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("amends needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.main: $(BIN)/python requirements/main.lock pyproject.toml
	$(PIP) install -r requirements/main.lock
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.dev: $(BIN)/python requirements/dev.lock pyproject.toml
	$(PIP) install -r requirements/dev.lock
	$(PIP) install --no-deps -e .
	touch $@ $(VENV)/.main

demo: $(VENV)/.main
	$(BIN)/amends demo -o $(OUT)

test: $(VENV)/.dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m pytest -n 2 --dist loadgroup

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

eval: $(VENV)/.dev
	$(BIN)/python -m bench.eval

bench: $(VENV)/.dev
	$(BIN)/python -m bench

lock:
	uv pip compile pyproject.toml -o requirements/main.lock --python-version 3.11 --generate-hashes -q
	uv pip compile pyproject.toml --extra dev --extra spark -o requirements/dev.lock --python-version 3.11 --generate-hashes -q
	cp requirements/dev.lock requirements/fuzz.lock
	uv pip compile pyproject.toml --extra dev --extra spark --extra fuzz -o requirements/fuzz.lock --python-version 3.11 --generate-hashes -q

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
