# Two commands for a new user: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
OUT    ?= demo-output

.PHONY: demo test e2e lint eval bench fuzz clean lock

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

# MariaDB/MySQL tables as sources (optional): mysqlclient compiles against Debian's
# libmariadb-dev with pkg-config, which .ci/run installs.
$(VENV)/.mysql: $(VENV)/.dev requirements/mysql.lock
	$(PIP) install -r requirements/mysql.lock
	touch $@

demo: $(VENV)/.main
	$(BIN)/amends demo -o $(OUT)

test: $(VENV)/.dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m pytest -n 2 --dist loadgroup

# The end-to-end test alone: Kamailio, SIPp, PostgreSQL, Prometheus and Alertmanager (~5 min).
e2e: $(VENV)/.dev
	AMENDS_TEST_POSTGRES_URL="$${AMENDS_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}" \
		$(BIN)/python -m pytest tests/e2e -m e2e -p no:randomly -s -q

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

eval: $(VENV)/.dev
	$(BIN)/python -m bench.eval

bench: $(VENV)/.dev
	$(BIN)/python -m bench

# Coverage-guided fuzzing of the file readers (atheris; not in CI): FUZZ_RUNS inputs per harness.
# New interesting inputs and crashes go to .fuzz-work/; the committed seeds are fuzz/corpus/.
FUZZ_RUNS ?= 5000
FUZZ_HARNESSES := incident_yaml policy_toml regime_toml mapping_toml events_csv events_parquet

fuzz: $(VENV)/.dev
	$(PIP) install -r requirements/fuzz.lock
	@for h in $(FUZZ_HARNESSES); do \
	  mkdir -p .fuzz-work/$$h; \
	  echo "== $$h: $(FUZZ_RUNS) runs"; \
	  (cd fuzz && ../$(BIN)/python $$h.py ../.fuzz-work/$$h corpus/$$h -runs=$(FUZZ_RUNS) \
	    -max_len=8192 -print_final_stats=1 -artifact_prefix=../.fuzz-work/$$h-) || exit 1; \
	done

lock:
	uv pip compile pyproject.toml -o requirements/main.lock --python-version 3.11 --generate-hashes -q
	uv pip compile pyproject.toml --extra dev --extra spark -o requirements/dev.lock --python-version 3.11 --generate-hashes -q
	cp requirements/dev.lock requirements/fuzz.lock
	uv pip compile pyproject.toml --extra dev --extra spark --extra fuzz -o requirements/fuzz.lock --python-version 3.11 --generate-hashes -q
	cp requirements/dev.lock requirements/mysql.lock
	uv pip compile pyproject.toml --extra dev --extra spark --extra mysql -o requirements/mysql.lock --python-version 3.11 --generate-hashes -q

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
