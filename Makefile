# Two commands for everything: `make demo` (set up, then digitize the sample scans) and
# `make test` (set up, then run the whole test suite). Both are idempotent and fast when the
# setup is already there.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_OUT ?= out/demo

.PHONY: setup system-deps demo test lint bench samples clean

setup: system-deps $(STAMP)

system-deps:
	@bash scripts/install-system-deps.sh

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# compat mode: a plain path entry. The default editable finder runs after the path scan,
	# so a Dask worker's scratch folder "storage/" on sys.path would shadow our package.
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	@touch $(STAMP)

demo: setup
	$(BIN)/digitize run samples/scans --store $(DEMO_OUT) --lang auto
	@echo "Records: $(DEMO_OUT)/records/  searchable PDFs: $(DEMO_OUT)/pdf/  text: $(DEMO_OUT)/text/"

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

samples: setup
	$(BIN)/python samples/make_samples.py

bench: setup
	@bash scripts/install-system-deps.sh bench
	$(BIN)/python -m pip install --quiet -e '.[test,bench]' --config-settings editable_mode=compat
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/accuracy.py

clean:
	rm -rf out .pytest_cache .ruff_cache
