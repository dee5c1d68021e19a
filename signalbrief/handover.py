"""A render's analysis, handed from the render process to its kernels through a folder.

`signalbrief render` analyses the case itself while its kernels start, since it has
loaded the case anyway and would otherwise wait for them, and leaves the result in a
folder it names to the kernels in SIGNALBRIEF_HANDOVER_DIR (inside its staging folder, so
it lives only as long as the render). A notebook's `analyse_case_folder` looks there
under the key of its own arguments (`signalbrief.analysis.make_cache_key`), waiting while
render is still computing it. A notebook called with other arguments finds nothing and
analyses the case itself: the hand-over can only save time, never change a page.

No pandas here: render names the folder to its first kernel before it imports pandas.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

HANDOVER_ENV = "SIGNALBRIEF_HANDOVER_DIR"
# How often a kernel looks whether render has finished the analysis it is computing.
POLL_SECONDS = 0.005


def find_handover_file(folder: Path, key: tuple) -> Path:
    """Where the analysis of `key` is handed over: named by a hash of the key and of the versions
    that decide how it unpickles, so a kernel of another environment never reads it."""
    versions = (sys.version_info[:2], metadata.version("pandas"), metadata.version("numpy"))
    digest = hashlib.sha256(repr((key, versions)).encode("utf-8")).hexdigest()[:32]
    return folder / f"analysis-{digest}.pickle"


@contextlib.contextmanager
def announce(folder: Path, key: tuple) -> Iterator[Path]:
    """Mark the analysis of `key` as being computed while the block runs; yields the file to write.

    A kernel that asks for it meanwhile waits for the file instead of computing it too;
    when the block ends, with or without the file, the mark goes.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = find_handover_file(folder, key)
    pending = path.with_suffix(".pending")
    pending.touch()
    try:
        yield path
    finally:
        pending.unlink(missing_ok=True)


def write(path: Path, analysis: object) -> None:
    """Leave `analysis` at `path`, written whole under another name and renamed so no kernel reads half of it."""
    partial = path.with_suffix(".partial")
    with partial.open("wb") as file:
        pickle.dump(analysis, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, path)


def receive(key: tuple) -> object | None:
    """The analysis handed over for `key`, waiting while it is announced; None when there is none
    (not run by render, other arguments, or render could not compute it)."""
    folder = os.environ.get(HANDOVER_ENV)
    if not folder:
        return None
    path = find_handover_file(Path(folder), key)
    pending = path.with_suffix(".pending")
    while not path.exists() and pending.exists():
        time.sleep(POLL_SECONDS)
    if not path.exists():
        return None
    with path.open("rb") as file:
        return pickle.load(file)
