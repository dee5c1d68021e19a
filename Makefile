# The verbs of this project. Each target builds what it needs (a .venv from pinned requirements).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KERNEL := signalbrief
# The notebooks' kernel runs in its own lean venv (see requirements-kernel.txt).
KERNEL_VENV := .venv-kernel
# The stamps are rebuilt only when a requirements file or the package metadata changes.
STAMP  := $(VENV)/.installed
KERNEL_STAMP := $(KERNEL_VENV)/.installed
# JupyterLab runs from its own venv too (see requirements-lab.txt), so that .venv stays quick to start.
LAB_VENV := .venv-lab
LAB_STAMP := $(LAB_VENV)/.installed
# The package's bytecode, compiled once: Python then reads it instead of compiling every module in
# every process (render, each kernel), which it would do where PYTHONDONTWRITEBYTECODE is set.
BYTECODE := signalbrief/__pycache__/.compiled
# The nbconvert template `signalbrief`, linked where nbconvert looks for templates in .venv, so that
# `jupyter nbconvert --to html --template signalbrief OUT.ipynb` makes the brief's page.
TEMPLATE_LINK := $(VENV)/share/jupyter/nbconvert/templates/signalbrief

.PHONY: setup brief test lab validate bench screenshots clean

setup: $(STAMP) $(KERNEL_STAMP) $(LAB_STAMP) $(BYTECODE) $(TEMPLATE_LINK)

$(STAMP): requirements.txt requirements-test.txt requirements-lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-test.txt -c requirements-lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# The kernel is registered in .venv (where papermill and nbval look) and in .venv-lab (where JupyterLab
# looks) but runs .venv-kernel's python; ipykernel warns that neither is on its own search path, which
# is expected.
$(KERNEL_STAMP): requirements-kernel.txt requirements-lock.txt pyproject.toml $(STAMP)
	test -x $(KERNEL_VENV)/bin/python || $(PYTHON) -m venv $(KERNEL_VENV)
	$(KERNEL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-kernel.txt -c requirements-lock.txt
	$(KERNEL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(KERNEL_VENV)/bin/python -m ipykernel install --prefix $(VENV) --name $(KERNEL) --display-name "signalbrief (project)" >/dev/null
	touch $@

$(LAB_STAMP): requirements-lab.txt requirements-lock.txt $(KERNEL_STAMP)
	test -x $(LAB_VENV)/bin/python || $(PYTHON) -m venv $(LAB_VENV)
	$(LAB_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-lab.txt -c requirements-lock.txt
	$(KERNEL_VENV)/bin/python -m ipykernel install --prefix $(LAB_VENV) --name $(KERNEL) --display-name "signalbrief (project)" >/dev/null
	touch $@

$(TEMPLATE_LINK): $(STAMP)
	mkdir -p $(dir $@)
	ln -sfn $(CURDIR)/signalbrief/templates/signalbrief $@

$(BYTECODE): $(wildcard signalbrief/*.py) $(STAMP)
	$(BIN)/python -m compileall -q signalbrief
	touch $@

brief: setup
	$(BIN)/python -m signalbrief render

validate: setup
	$(BIN)/python -m signalbrief validate data/russia-iran-2000

test: setup
	$(BIN)/python -m pytest

# JupyterLab refuses to run as root unless told; containers and CI machines often are root.
lab: setup
	$(LAB_VENV)/bin/jupyter lab notebooks/ $$([ "$$(id -u)" -eq 0 ] && echo --allow-root)

# Times the render against its floor and the plain nbconvert path; writes bench/results.csv and .svg.
bench: setup
	$(BIN)/python bench/run_bench.py

# Renders the report, then writes one PNG per section of the brief and of its first dossier, and the
# top of the brief (brief.png), at 1280 px into report/screenshots/ (needs /usr/bin/chromium).
screenshots: brief
	$(BIN)/python -m signalbrief.screenshots report/brief.html report/screenshots

clean:
	rm -rf $(VENV) $(KERNEL_VENV) build *.egg-info .pytest_cache
