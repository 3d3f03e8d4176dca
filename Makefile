# policyarchive: every version of a privacy policy, from the Wayback Machine, in SQLite.
# `make demo` and `make test` set everything up themselves.

PYTHON ?= python3
VENV ?= .venv
PYWB_VENV ?= .venv-pywb
BIN := $(VENV)/bin
DB ?= data/policies.db
SITES ?= sites.csv
STRATEGY ?= all
INTERVAL ?= half-year
CORPUS ?= ../shared/realdata/ota-demo
PORT ?= 8001

export PYWB_BIN := $(abspath $(PYWB_VENV))/bin

.PHONY: install demo crawl extract export timeline serve eval classify-eval test lint bench clean

install: $(VENV)/.installed $(PYWB_VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[serve,dev]'
	touch $@

# pywb pins redis==2.10.6, so it lives in an environment of its own and runs as a server.
$(PYWB_VENV)/.installed:
	$(PYTHON) -m venv $(PYWB_VENV)
	$(PYWB_VENV)/bin/pip install --quiet pywb==2.10.0
	touch $@

## Build the bundled sample archive, serve it with pywb on loopback, crawl, extract, export.
demo: install
	$(BIN)/policyarchive demo --db $(DB)

## Crawl the real Wayback Machine politely: make crawl SITES=sites.csv [STRATEGY=interval]
crawl: install
	$(BIN)/scrapy crawl policies -a sites=$(SITES) -a strategy=$(STRATEGY) -a interval=$(INTERVAL) -s POLICYARCHIVE_DB=$(DB)

## Re-extract every stored capture from its WARC record, without crawling again.
extract: install
	$(BIN)/policyarchive extract --db $(DB)

export: install
	$(BIN)/policyarchive export --db $(DB) --out data/corpus

timeline: install
	$(BIN)/policyarchive timeline --db $(DB)

## Score extraction and versions against a gold corpus: make eval CORPUS=DIR
eval: install
	$(BIN)/policyarchive eval $(CORPUS) --strategy $(STRATEGY)

## The policy-or-not classifier on the team's labelled texts, each writer's set held out in turn.
classify-eval: install
	$(BIN)/python bench/classify_eval.py --leave-one-writer-out

## Browse the archive in Datasette.
serve: install
	$(BIN)/datasette serve $(DB) --port $(PORT) -m metadata.yaml \
		--setting default_page_size 50 --setting sql_time_limit_ms 5000

test: install
	$(BIN)/pytest -q

## Extraction speed and memory against bare trafilatura, in the same run.
bench: install
	$(BIN)/python bench/extract_bench.py --corpus $(CORPUS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf data/policies.db* data/warcs data/corpus data/sample data/jobs
