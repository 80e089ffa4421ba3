# Two commands for learners: `make lab` and `make test`. Each target is one line over the CLI or pytest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: setup lab test lint grade build bench

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install --quiet --upgrade pip && $(BIN)/python -m pip install --quiet -e ".[dev]" && touch $(INSTALLED)

setup: $(INSTALLED)
	@git rev-parse --git-dir >/dev/null 2>&1 && $(BIN)/workbook install-merge-driver || true

lab: setup
	$(BIN)/workbook lab

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

test: lint
	$(BIN)/workbook build --check && $(BIN)/pytest -n auto --dist loadgroup

grade: setup
	$(BIN)/workbook grade --jobs 2 $(or $(NOTEBOOKS),exercises)

build: setup
	$(BIN)/workbook build

bench: setup
	$(BIN)/python benchmarks/grading.py
