# factmark: `make run` opens the app on the sample articles, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# The open evaluation and training data (never shipped) for `make model` and the quality scripts.
export FACTMARK_DATA ?= $(abspath ../shared/data)

.PHONY: run test lint bench model clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP)

run: $(STAMP)
	$(BIN)/factmark import seeds/
	$(BIN)/factmark

test: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check annotations desktop tests
	$(BIN)/ruff format --check annotations desktop tests

bench: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/run_all.py

model: $(TEST_STAMP)
	OMP_NUM_THREADS=1 $(BIN)/python -m annotations.recipes.news_model --out resources/models/factmark_news

clean:
	rm -rf $(VENV) build *.egg-info
