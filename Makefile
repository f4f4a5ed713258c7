# Two entry points, both idempotent: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean compile

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# An editable install leaves quotecheck's own modules without bytecode (and PYTHONDONTWRITEBYTECODE
# keeps Python from caching it): compiling them spares every run ~0.3 s. Cheap when up to date.
compile: $(STAMP)
	$(BIN)/python -m compileall -q quotecheck

demo: $(STAMP) compile
	$(BIN)/quotecheck check $(SHARED)/seed/kadrey-v-meta-opposition-1292b.md --corpus $(SHARED)/corpus --fail-on never

test: $(STAMP)
	$(BIN)/ruff check quotecheck tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# Benchmarks print numbers; BENCH_N synthetic opinions for the corpus scale-up (10000 is the
# issue's target size and takes several minutes).
BENCH_N ?= 1000
bench: $(STAMP) compile
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_align.py
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_segment.py
	$(BIN)/python benchmarks/bench_corpus.py $(BENCH_N)

clean:
	rm -rf $(VENV)
