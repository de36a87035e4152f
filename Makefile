# canbo — the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CANBO := $(BIN)/canbo
VENDOR := src/canbo/static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000
# Debug mode for the local demo; production sets CANBO_DEBUG=0 and CANBO_SECRET_KEY (see README).
export CANBO_DEBUG ?= 1

.PHONY: setup run test test-e2e lint format bench bench-gaps bench-training bench-plans bench-optimiser messages makemessages migrate demo clean

setup: $(BIN)/.installed $(VENDOR)/.installed messages migrate

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

node_modules/.installed: package.json $(wildcard package-lock.json)
	# --ignore-scripts: no package needs one, and swagger-ui-dist's @scarf/scarf would phone home.
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --ignore-scripts; else npm install --no-audit --no-fund --ignore-scripts; fi
	touch $@

# Front-end libraries come from npm and are copied into static; they are never committed.
# ECharts is bundled (esbuild) from only the chart types and components canbo draws
# (frontend/echarts.custom.js: 0.55 MB instead of 1.1 MB). Every file then gets pre-compressed
# .br/.gz copies beside it, which WhiteNoise serves in `make run` as in production.
$(VENDOR)/.installed: node_modules/.installed frontend/echarts.custom.js $(BIN)/.installed
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/bootstrap-icons $(VENDOR)/htmx $(VENDOR)/echarts $(VENDOR)/swagger-ui
	# The source maps too: the hashed-name storage of production checks every file a CSS or JS names.
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map \
		node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map $(VENDOR)/bootstrap/
	cp -r node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/font/fonts $(VENDOR)/bootstrap-icons/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	node_modules/.bin/esbuild frontend/echarts.custom.js --bundle --minify --format=iife --target=es2019 \
		--legal-comments=eof --log-level=warning --outfile=$(VENDOR)/echarts/echarts.custom.min.js
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css node_modules/swagger-ui-dist/swagger-ui.css.map $(VENDOR)/swagger-ui/
	$(BIN)/python -m whitenoise.compress --quiet $(VENDOR)
	touch $@

messages: $(BIN)/.installed
	cd src/canbo && ../../$(CANBO) compilemessages --verbosity 0

makemessages: $(BIN)/.installed
	cd src/canbo && ../../$(CANBO) makemessages --locale en --no-obsolete --add-location file --ignore 'static/*'

migrate: $(BIN)/.installed
	mkdir -p var
	$(CANBO) migrate --no-input --verbosity 0

demo: setup
	$(CANBO) demo

# The worker runs beside the web server (large imports are background tasks); both stop on Ctrl+C.
run: setup
	$(CANBO) demo
	@echo "canbo: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(CANBO) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(CANBO) runserver $(HOST):$(PORT)

test: setup
	$(BIN)/pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

format: $(BIN)/.installed
	$(BIN)/ruff check --fix src tests scripts
	$(BIN)/ruff format src tests scripts

# Benchmarks run on PostgreSQL (CANBO_BENCH_DATABASE_URL, default canbo_bench on 127.0.0.1);
# they print figures to copy into BENCHMARKS.md, and are never part of `make test`.
bench: setup
	$(BIN)/python -m tests.bench.bench_import
	$(BIN)/python -m tests.bench.bench_people_list

# The gap engine over 2,000,000 persons (own database canbo_bench_standards; see BENCHMARKS.md).
bench-gaps: setup
	$(BIN)/python -m tests.bench.bench_gaps

# Training: a 20,000-row enrolment import and a 500-learner class page (own database canbo_bench_training).
bench-training: setup
	$(BIN)/python -m tests.bench.bench_training

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var

# Plan vs actual over national-scale synthetic data (canbo_bench_plans; generate once with --generate).
bench-plans: setup
	$(BIN)/python -m tests.bench.bench_plans

# The optimised training proposal: 20,000 people × 400 classes and a mid-size case (pure Python, no database).
bench-optimiser: setup
	$(BIN)/python -m tests.bench.bench_optimiser
