"""Put a rendered report in place all at once, or not at all.

Pages are written to a staging folder beside the report; `swap_into_place` then replaces the
old brief and dossier folder with the new ones together, so a failed or interrupted render
leaves the previous report byte for byte. `run_interruptibly` runs the render in a worker
thread so that Ctrl-C reaches the main thread, which stops the kernels and waits for the
worker before the staging folder is removed.
"""
from __future__ import annotations

import os
import shutil
import signal
import threading
from collections.abc import Callable
from pathlib import Path

STAGING_PREFIX = ".staging-"


def staging_folder(out: Path) -> Path:
    """The staging folder of a render of `out`, unique to this process."""
    return out.parent / f"{STAGING_PREFIX}{os.getpid()}"


def remove_path(path: Path) -> None:
    """Remove a file or a folder tree."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def swap_into_place(moves: list[tuple[Path, Path]], aside: Path) -> None:
    """Replace each target by its staged version, all or nothing, with Ctrl-C held off.

    The old targets are first moved into `aside`; if any rename fails, the new ones
    already in place are removed and the old ones moved back, then the error re-raised.
    A Ctrl-C pressed meanwhile is delivered once the swap is complete.
    """
    aside.mkdir()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    moved_aside: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for _, target in moves:
            if target.exists() or target.is_symlink():
                kept = aside / target.name
                os.rename(target, kept)
                moved_aside.append((target, kept))
        for staged, target in moves:
            os.rename(staged, target)
            placed.append(target)
    except OSError:
        for target in placed:
            remove_path(target)
        for target, kept in reversed(moved_aside):
            os.rename(kept, target)
        raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class Stoppable:
    """Anything a render starts that Ctrl-C must stop at once (a kernel)."""

    def kill(self) -> None: ...


def run_interruptibly(work: Callable[[threading.Event, Callable[[Stoppable], None]], None]) -> None:
    """Run `work(cancelled, register)` in a thread so Ctrl-C reaches us, not the notebook runner.

    nbclient installs its own SIGINT handling where it can; here Ctrl-C raises
    KeyboardInterrupt in the main thread, which sets `cancelled`, kills what `work` registered,
    waits for the worker to end, and re-raises. An exception in `work` is re-raised here.
    """
    cancelled = threading.Event()
    started: list[Stoppable] = []
    failures: list[BaseException] = []

    def target() -> None:
        try:
            work(cancelled, started.append)
        except BaseException as error:  # handed to the main thread, which re-raises it
            failures.append(error)

    worker = threading.Thread(target=target, name="signalbrief-render", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        cancelled.set()
        for stoppable in list(started):
            stoppable.kill()
        worker.join()
        raise
    if failures:
        raise failures[0]
