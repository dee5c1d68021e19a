"""Run notebooks on a kernel that is started once and reused, with papermill's parameters and nbclient.

A `KernelSession` starts one kernel (jupyter_client) and runs notebook after notebook on it
with nbclient's `NotebookClient`, given the session's kernel manager and client. Before each
notebook after the first, the kernel is asked to forget the previous notebook's variables
(`RESET_SOURCE`), as a fresh kernel would; modules stay imported and the analysis cache
(`signalbrief.analysis.analyse_case_folder`) stays filled, which is what makes a report's
dossiers quick. A notebook's outputs do not depend on either, so a page is the same whichever
kernel ran it, and the same as `papermill` then `jupyter nbconvert` make it.

Jupyter's libraries are imported in the functions that use them: importing them costs about a
second, and the command line's `validate` does not need them.
"""
from __future__ import annotations

import contextlib
import copy
import os
import re
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from signalbrief.errors import InputError, Problem

if TYPE_CHECKING:
    import nbformat
    from nbclient.exceptions import CellExecutionError

# Run silently before every notebook but the first: forget the previous notebook's variables.
RESET_SOURCE = "%reset -f\n__import__(\"gc\").freeze()"
KERNEL_START_SECONDS = 60
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


class NotebookFailed(Exception):
    """A notebook raised while executing: a bug in the notebook or the package, not bad input."""

    def __init__(self, notebook: str, source: str, error: CellExecutionError, debug_path: Path):
        self.notebook = notebook
        self.source = source
        self.error = error
        self.debug_path = debug_path
        super().__init__(notebook)

    def describe(self) -> str:
        """The failing cell's source, the error and where the partly executed notebook is."""
        return "\n".join([
            f"{self.notebook} failed in this cell:",
            self.source.rstrip(),
            "",
            ANSI_ESCAPE.sub("", self.error.traceback).rstrip(),
            f"the partly executed notebook is in {self.debug_path}",
        ])


def parameterize(notebook: nbformat.NotebookNode, parameters: dict[str, object]) -> nbformat.NotebookNode:
    """A copy of `notebook` with papermill's injected-parameters cell, as `papermill -p` makes it."""
    from papermill.parameterize import parameterize_notebook

    parameterized = copy.deepcopy(notebook)
    parameterized.metadata["papermill"] = {}
    for cell in parameterized.cells:
        cell.metadata.setdefault("tags", [])
    return parameterize_notebook(parameterized, parameters)


class KernelSession:
    """One kernel, started now, and one client of it, for every notebook run through `run`.

    Create, use and shut it down in one thread: its client's sockets belong to that thread's event loop.
    """

    def __init__(self, kernel_name: str, cwd: Path):
        from jupyter_client.kernelspec import NoSuchKernel
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.kernel_name = kernel_name
        self.manager = AsyncKernelManager(kernel_name=kernel_name)
        try:
            # No input history: nothing reads it, and IPython writes it to SQLite after every cell.
            run_sync(self.manager.start_kernel)(cwd=str(cwd), extra_arguments=[
                "--IPKernelApp.log_level=ERROR", "--HistoryManager.enabled=False"])
        except NoSuchKernel:
            raise InputError(Problem(
                "kernel", message=f"no Jupyter kernel named {kernel_name!r}; run `make setup` to register it",
            )) from None
        self.pid = self.manager.provisioner.pid if self.manager.provisioner else None
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.allow_stdin = False
        self.notebooks_run = 0
        self.is_ready = False

    def wait_until_ready(self) -> None:
        """Wait until the kernel answers (jupyter_client's `wait_for_ready`), once: it takes at least
        0.2 s even for a kernel that is up, waiting for a status message on IOPub."""
        from jupyter_core.utils import run_sync

        if not self.is_ready:
            run_sync(self.client.wait_for_ready)(timeout=KERNEL_START_SECONDS)
            self.is_ready = True

    def run(self, notebook: nbformat.NotebookNode, label: str, debug_path: Path) -> nbformat.NotebookNode:
        """Execute `notebook` (in place) on this kernel and return it.

        On a failing cell the partly executed notebook is saved at `debug_path` and
        NotebookFailed raised.
        """
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        if self.notebooks_run:
            # Sent without waiting: the kernel runs requests in order, and nbclient ignores replies
            # to requests it did not send.
            self.client.execute(RESET_SOURCE, silent=True, store_history=False)
        self.notebooks_run += 1
        runner = NotebookClient(notebook, km=self.manager, kernel_name=self.kernel_name, timeout=None,
                                record_timing=False)
        runner.kc = self.client  # the session's client: nbclient connects one only when it is missing
        try:
            runner.execute()
        except CellExecutionError as error:
            debug_path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, debug_path)
            failing = next((cell.source for cell in notebook.cells if cell.cell_type == "code" and any(
                output.get("output_type") == "error" for output in cell.get("outputs", []))), "")
            raise NotebookFailed(label, failing, error, debug_path) from None
        return notebook

    def kill(self) -> None:
        """Stop the kernel at once, from any thread, so a running cell ends (used on Ctrl-C)."""
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)

    def shut_down(self) -> None:
        """Stop the kernel, if it is still running."""
        from jupyter_core.utils import run_sync

        if self.client.channels_running:
            self.client.stop_channels()
            run_sync(self.manager.shutdown_kernel)(now=True)
