# The two commands of the README, and the pieces they are made of.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# llama.cpp's native build crashes on CPUs that advertise AVX-512/AMX: build portable AVX2.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
DEMO_DIR ?= synth-demo

.PHONY: demo test install install-test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

# pip's wheel cache ignores CMAKE_ARGS, so a wheel built elsewhere with native flags could be
# reused: build llama-cpp-python ourselves, uncached, once per venv (a stamp records it).
$(VENV)/.llama-portable: | $(BIN)/python
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install -q --no-cache-dir "llama-cpp-python==0.3.36"
	touch $@

# An independent REFI-QDA reader for tests/exchange: qualitative-coding pins rich<14, which
# Textual cannot share, so it gets its own venv.
PEER_VENV ?= .venv-peer
$(PEER_VENV)/bin/qc:
	$(PYTHON) -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/pip install -q "qualitative-coding==1.7.8"

install-test: $(BIN)/python $(VENV)/.llama-portable $(PEER_VENV)/bin/qc
	$(BIN)/pip install -q -e ".[test,local,audio]"

## Set everything up and run the demo, offline.
demo: install
	$(BIN)/synth demo $(DEMO_DIR)

## Set up the test dependencies and run the whole suite.
test: install-test
	$(BIN)/python -m pytest -q

lint:
	$(BIN)/ruff check synth tui tests bench
	$(BIN)/mypy

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info
