"""The process a render exports its pages in: `start` forks it, the functions below run in it.

Why a process of its own: while two kernels run dossiers, the render process's threads (nbclient's
client of each kernel) pass every message of every cell through one interpreter lock; an exporter
in a thread beside them (nbconvert's templates and its BeautifulSoup pass, about 25 ms of CPU a
dossier) held that lock while the kernels waited for their next cell. Exporting in a child process
made the whole report about a sixth faster on two CPUs, and a lone brief no slower (README,
Performance), so every render exports this way.

The child is forked at the start of a render, while the render process has a single thread and has
not yet imported Jupyter's libraries or started a kernel, so it inherits no lock held by another
thread and no ZeroMQ context. It imports nbconvert and builds each exporter once (`exporter`) while
the kernel boots; the render process never imports nbconvert. A page is exported in it exactly as
in any process (`signalbrief.export`), so the pages are the same bytes.
"""
from __future__ import annotations

import functools
import multiprocessing
import signal
import threading
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path


def start() -> Executor:
    """A pool of one export process, forked now (call it before starting threads or kernels),
    which begins by importing nbconvert and building both exporters.

    In a process that already runs other threads (a Jupyter kernel, say), forking could copy a
    lock another thread holds into the child, so the pages are exported in a thread instead:
    slower for a report, the same pages.
    """
    if threading.active_count() > 1:
        pool: Executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="signalbrief-export")
    else:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                   initializer=ignore_interrupts)
    # A pool of forked processes forks them all at its first task: the fork happens now.
    pool.submit(build_exporters)
    return pool


def build_exporters() -> None:
    """Import nbconvert and build both exporters in this process (returning them would unpickle
    them, and import nbconvert, in the render process)."""
    exporter(True)
    exporter(False)


def ignore_interrupts() -> None:
    """Ctrl-C is the render process's to handle: it stops the kernels and shuts this pool down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@functools.cache
def exporter(inline_assets: bool):
    """This process's exporter (`signalbrief.export.build_exporter`), built once per kind of page."""
    from signalbrief import export

    return export.build_exporter(inline_assets=inline_assets)


def warm_up(notebook) -> None:
    """`signalbrief.export.warm_up` on the brief's exporter, while the kernel runs the brief."""
    from signalbrief import export

    export.warm_up(exporter(True), notebook)


def export_page(notebook, out_file: Path, inline_assets: bool) -> None:
    """Write the executed `notebook` to `out_file` as one HTML page (`signalbrief.export.export_page`)."""
    from signalbrief import export

    export.export_page(exporter(inline_assets), notebook, out_file)


def write_shared_assets(folder: Path) -> None:
    """The dossiers' shared Vega bundle and stylesheet (`signalbrief.export.write_shared_assets`)."""
    from signalbrief import export

    export.write_shared_assets(exporter(False), folder)
