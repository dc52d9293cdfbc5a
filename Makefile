# Soho Solo: developer and CI entry points.  `make run` and `make test` are all
# a newcomer needs; everything else is plumbing.  GNU make.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        := .venv
PY          := $(VENV)/bin/python
PIP         := $(VENV)/bin/pip
STAMP       := $(VENV)/.installed
PYTEST_ARGS ?=

# First of these that runs and is >= 3.11 creates the venv.  A pyenv shim can
# exist without a matching version installed, so each is actually run.
PYTHON_CANDIDATES := python3.12 python3.11 python3
PY_OK := import sys; sys.exit(sys.version_info < (3, 11))
NEED_PYTHON := Python 3.11 or newer is needed; install python3.11 (Debian: apt-get install python3 python3-venv)

.PHONY: help install run test constraints bench clean

help: ## Show this list
	@echo "Usage: make TARGET   (the two you need: make run, make test)"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: $(STAMP) ## Create .venv/ and install the project with its test extras (pinned by constraints.txt)

# The venv itself: created once, with the first suitable Python.
$(PY):
	@py=""; \
	for c in $(PYTHON_CANDIDATES); do \
	  if "$$c" -c '$(PY_OK)' >/dev/null 2>&1; then py="$$c"; break; fi; \
	done; \
	if [ -z "$$py" ]; then echo "$(NEED_PYTHON)" >&2; exit 1; fi; \
	echo "Creating $(VENV) with $$py ($$("$$py" --version 2>&1))"; \
	if ! "$$py" -m venv $(VENV); then \
	  rm -rf $(VENV); echo "Could not create $(VENV). $(NEED_PYTHON)" >&2; exit 1; \
	fi

# Reinstalls only when pyproject.toml or constraints.txt changed since the last install.
$(STAMP): pyproject.toml constraints.txt | $(PY)
	@$(PY) -c '$(PY_OK)' || { echo "$(VENV) has an old or broken Python: run 'make clean' then try again. $(NEED_PYTHON)" >&2; exit 1; }
	@echo "Installing the project into $(VENV) (pinned by constraints.txt)"
	@$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	@touch $@

run: $(STAMP) ## Start RabbitMQ/PostgreSQL if needed, then all five services (soho up)
	scripts/ensure-services.sh
	$(VENV)/bin/soho up

test: $(STAMP) ## Start RabbitMQ/PostgreSQL if needed, then run the test suite (PYTEST_ARGS="-x -q")
	scripts/ensure-services.sh --test
	$(PY) -m pytest $(PYTEST_ARGS)

constraints: ## Regenerate constraints.txt from a fresh venv (after changing pyproject.toml)
	@set -e; py=""; \
	for c in $(PYTHON_CANDIDATES); do \
	  if "$$c" -c '$(PY_OK)' >/dev/null 2>&1; then py="$$c"; break; fi; \
	done; \
	if [ -z "$$py" ]; then echo "$(NEED_PYTHON)" >&2; exit 1; fi; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	echo "Resolving dependencies in a fresh venv with $$py ($$("$$py" --version 2>&1))"; \
	"$$py" -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/pip" install --quiet --upgrade pip; \
	"$$tmp/venv/bin/pip" install --quiet -e '.[test]'; \
	hdr=$$(awk '/^#/ {print; next} {exit}' constraints.txt 2>/dev/null || true); \
	[ -n "$$hdr" ] || hdr="# Pinned runtime and test dependencies. Regenerate with: make constraints"; \
	{ printf '%s\n' "$$hdr"; \
	  "$$tmp/venv/bin/pip" freeze --exclude-editable | grep -v -e '^-e ' -e '^soho-platform[= @]'; \
	} > "$$tmp/constraints.txt"; \
	mv "$$tmp/constraints.txt" constraints.txt; \
	echo "constraints.txt: $$(grep -vc '^#' constraints.txt) pinned packages"

# Every benchmark in bench/, one after the other (each prints its figures beside a baseline
# measured in the same run); one that fails does not stop the others, but fails the target.
BENCHES := bus intake bookings notifications latency memory scaleout

bench: $(STAMP) ## Run every benchmark in bench/ in turn (about 15 minutes; bench/README.md)
	scripts/ensure-services.sh
	@if ! command -v wrk >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing wrk (bench/intake.py drives its load with it)"; \
	    apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }; \
	  else echo "bench/intake.py needs wrk: install it (Debian: apt-get install wrk)" >&2; fi; \
	fi
	@trap 'echo "make bench: interrupted" >&2; exit 130' INT TERM; \
	failed=""; started=$$(date +%s); \
	for b in $(BENCHES); do \
	  echo; echo "=== bench/$$b.py ($$(date '+%F %T'), load average $$(cut -d' ' -f1-3 /proc/loadavg))"; \
	  t=$$(date +%s); \
	  $(PY) bench/$$b.py || failed="$$failed $$b"; \
	  echo "=== bench/$$b.py took $$(( $$(date +%s) - t )) s"; \
	done; \
	echo; echo "make bench: $$(( ($$(date +%s) - started) / 60 )) min"; \
	if [ -n "$$failed" ]; then echo "make bench: failed:$$failed" >&2; exit 1; fi

clean: ## Remove .venv/ and caches
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
