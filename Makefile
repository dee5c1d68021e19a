# The verbs of this project. Each target builds what it needs (a .venv from pinned requirements).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KERNEL := signalbrief
# The stamp is rebuilt only when a requirements file or the package metadata changes.
STAMP  := $(VENV)/.installed

.PHONY: setup brief test lab validate clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-test.txt requirements-lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-test.txt -c requirements-lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "signalbrief (project)" >/dev/null
	touch $@

brief: $(STAMP)
	$(BIN)/python -m signalbrief render

validate: $(STAMP)
	$(BIN)/python -m signalbrief validate data/russia-iran-2000

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
