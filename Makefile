# Two commands a fresh machine needs:  make serve  (or make site)  and  make test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/mkdocs: requirements.txt requirements-dev.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

node_modules/.bin/pagefind: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

setup: $(BIN)/mkdocs node_modules/.bin/pagefind

serve: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dirty -a 127.0.0.1:8000

site: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

test: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/bench_convert.py

.PHONY: setup serve site test bench
