"""`python -m signalbrief render`: the brief and one dossier per actor, executed and exported to HTML.

What it does is what papermill and nbconvert do from the command line, page by page:

    papermill notebooks/brief.ipynb OUT.ipynb -p NAME VALUE ...
    jupyter nbconvert --to html --template signalbrief OUT.ipynb

with three differences that cost nothing in what a page shows: every parameter is checked
before a kernel starts, and the case is validated while the first kernel boots, before any
notebook runs (bad input exits 2 with one line per problem, and the kernel is shut down);
kernels are started once and reused from notebook to notebook
(`signalbrief.execute`), two of them sharing the dossiers, while the pages are exported in a
process of their own (`signalbrief.export_process`); and the pages are written to a
staging folder and swapped in all together (`signalbrief.publish`), so a failed render
leaves the previous report as it was. The brief inlines the Vega bundle and JupyterLab's
stylesheet and opens alone; the dossiers share one copy of each beside them
(`signalbrief.export`).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import queue
import shutil
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from signalbrief import export_process
from signalbrief.errors import EXIT_BUG, EXIT_OK, InputError, Problem
from signalbrief.parameters import (ActorParameters, BriefParameters, build_parameters, resolve_case_dir,
                                    shared_with)
from signalbrief.publish import Stoppable, run_interruptibly, staging_folder, swap_into_place

if TYPE_CHECKING:
    import nbformat

    from signalbrief.case import Case
    from signalbrief.execute import KernelSession

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
DEFAULT_OUT = REPO_ROOT / "report" / "brief.html"
DEFAULT_DEBUG_DIR = REPO_ROOT / "build" / "debug"
BRIEF_NOTEBOOK = "brief.ipynb"
ACTOR_NOTEBOOK = "actor.ipynb"
ACTORS_FOLDER = "actors"
# Parameters that render sets itself; -p may not set them.
RESERVED_PARAMETERS = {"case_dir": "--case", "as_of": "--as-of", "dossier_folder": "--out or --no-dossiers"}
EXIT_INTERRUPTED = 130
# Kernels running dossiers side by side (a third was slower on two CPUs).
DOSSIER_KERNELS = 2


@dataclasses.dataclass(frozen=True)
class Page:
    """One notebook to render: its label, source, parameters and output file."""

    label: str
    notebook: Path
    parameters: dict[str, object]
    out_file: Path


def find_actors_folder(out: Path) -> Path:
    """Where the dossiers of the brief `out` go: actors/ beside brief.html, <name>-actors/ beside <name>.html.

    Two briefs rendered into one folder thus never replace each other's dossiers.
    """
    return out.parent / (ACTORS_FOLDER if out.name == DEFAULT_OUT.name else f"{out.stem}-{ACTORS_FOLDER}")


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook at `path`; InputError if it is missing or not a notebook."""
    import nbformat

    if not path.is_file():
        raise InputError(Problem(str(path), message="notebook not found"))
    try:
        return nbformat.read(path, as_version=4)
    except Exception as error:  # noqa: BLE001 (nbformat raises many kinds for a file that is not a notebook)
        raise InputError(Problem(str(path), message=f"is not a notebook ({type(error).__name__})")) from None


def read_kernel_name(path: Path) -> str:
    """The kernel `path`'s notebook asks for (its metadata's kernelspec, python3 if none), read as
    plain JSON so the kernel can start before nbformat is imported; InputError if it is not JSON."""
    if not path.is_file():
        raise InputError(Problem(str(path), message="notebook not found"))
    try:
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        return str(metadata.get("kernelspec", {}).get("name", "python3"))
    except (ValueError, AttributeError, UnicodeDecodeError):
        raise InputError(Problem(str(path), message="is not a notebook (not JSON)")) from None


def check_writable(out: Path) -> None:
    """InputError unless the folder of `out` exists or can be made, and a file can be written in it."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        probe = out.parent / f".signalbrief-write-test-{id(out)}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise InputError(Problem("--out", message=f"cannot write {out} ({error.strerror or error})")) from None


def plan_pages(case: Case, brief: BriefParameters, notebooks_dir: Path, staged: Path, out: Path,
               dossiers: bool) -> list[Page]:
    """The brief and, with `dossiers`, one dossier per actor (in actors.csv order), each with its parameters."""
    pages = [Page("brief", notebooks_dir / BRIEF_NOTEBOOK, dataclasses.asdict(brief), staged / out.name)]
    if not dossiers:
        return pages
    folder = find_actors_folder(out).name
    shared = shared_with(ActorParameters, brief)
    for actor_id in case.actors["actor_id"].astype("str"):
        parameters = ActorParameters(**shared, actor_id=actor_id, brief_page=f"../{out.name}")
        pages.append(Page(f"dossier {actor_id}", notebooks_dir / ACTOR_NOTEBOOK, dataclasses.asdict(parameters),
                          staged / folder / f"{actor_id}.html"))
    return pages


def debug_path_of(page: Page, debug_dir: Path) -> Path:
    """Where a failing page's partly executed notebook is kept."""
    name = page.notebook.stem if page.label == "brief" else f"{page.notebook.stem}-{page.out_file.stem}"
    return debug_dir / f"{name}.ipynb"


class Progress:
    """What will be rendered, then one line per page as it is done (the dossiers with a running
    count). The second kernel starts on the dossiers while the first runs the brief, so the
    brief's line may come after some dossiers'."""

    def __init__(self, pages: list[Page], log: TextIO):
        self.log, self.total, self.done = log, len(pages) - 1, 0
        self.lock = threading.Lock()
        self.say(f"rendering brief from {pages[0].notebook.name}")
        if self.total:
            self.say(f"rendering {self.total} dossiers from {ACTOR_NOTEBOOK}")

    def finished(self, page: Page, seconds: float) -> None:
        with self.lock:
            if page.label == "brief":
                self.say(f"  brief done in {seconds:.1f}s")
                return
            self.done += 1
            self.say(f"  {page.label} done in {seconds:.1f}s ({self.done}/{self.total})")

    def say(self, line: str) -> None:
        print(line, file=self.log, flush=True)


def render_pages(pages: list[Page], sources: dict[Path, nbformat.NotebookNode], first: KernelSession,
                 exports: Executor, notebooks_dir: Path, debug_dir: Path, cancelled: threading.Event,
                 register: Callable[[Stoppable], None], log: TextIO) -> None:
    """Execute every page and hand it to `exports` (`signalbrief.export_process`) to be exported:
    the brief on the `first` kernel (started by the caller), then the dossiers on it and on a second
    kernel started meanwhile. The first failing page (in `pages` order) is raised once the kernels
    have stopped and the exports have ended."""
    from signalbrief.execute import KernelSession, parameterize

    # The brief's notebook with its parameters, ready before its kernel is.
    first_notebook = parameterize(sources[pages[0].notebook], pages[0].parameters)
    progress = Progress(pages, log)
    waiting: queue.SimpleQueue[Page] = queue.SimpleQueue()
    for page in pages[1:]:
        waiting.put(page)
    failures: list[tuple[int, BaseException]] = []
    order = {page.out_file: index for index, page in enumerate(pages)}
    # While the kernel runs the brief, the export process loads its templates and the Vega bundle.
    exported = [exports.submit(export_process.warm_up, sources[pages[0].notebook])]
    if len(pages) > 1:
        exported.append(exports.submit(export_process.write_shared_assets, pages[1].out_file.parent))

    def run_page(session: KernelSession, page: Page) -> None:
        began = time.perf_counter()
        notebook = first_notebook if page is pages[0] else parameterize(sources[page.notebook], page.parameters)
        executed = session.run(notebook, str(page.notebook), debug_path_of(page, debug_dir))
        # The brief inlines the Vega bundle and the stylesheet; the dossiers share one copy of each.
        exported.append(exports.submit(export_process.export_page, executed, page.out_file, page is pages[0]))
        progress.finished(page, time.perf_counter() - began)

    def run_kernel(session: KernelSession, first_page: Page | None) -> None:
        try:
            session.wait_until_ready()
            if first_page is not None:
                run_page(session, first_page)
            while not cancelled.is_set() and not failures:
                try:
                    page = waiting.get_nowait()
                except queue.Empty:
                    return
                try:
                    run_page(session, page)
                except BaseException as error:
                    failures.append((order[page.out_file], error))
                    return
        finally:
            session.shut_down()

    def run_second_kernel() -> None:
        try:
            session = KernelSession(first.kernel_name, notebooks_dir)
            register(session)
            run_kernel(session, None)
        except BaseException as error:  # raised below, after the first kernel's pages
            failures.append((len(pages), error))

    helper = threading.Thread(target=run_second_kernel, name="signalbrief-second-kernel", daemon=True)
    # The second kernel boots and takes dossiers while the first runs the brief.
    if len(pages) > 2:
        helper.start()
    try:
        run_kernel(first, pages[0])
    except BaseException as error:
        failures.append((0, error))
    if helper.ident is not None:
        helper.join()
    for done in exported:
        if not failures:
            done.result()
    if failures:
        raise min(failures, key=lambda failure: failure[0])[1]


def render_report(case_dir: Path | None = None, out: Path = DEFAULT_OUT, as_of: str = "",
                  raw_parameters: list[tuple[str, str]] | None = None,
                  notebooks_dir: Path = DEFAULT_NOTEBOOKS_DIR, debug_dir: Path = DEFAULT_DEBUG_DIR,
                  log: TextIO = sys.stderr, dossiers: bool = True) -> Path:
    """Render the brief to `out` and one dossier per actor beside it (`find_actors_folder`); return `out`.

    Without `dossiers` only the brief is rendered (for quick looks at large cases): it links to
    no dossier and any dossiers already beside it are left as they are.

    The export process is forked first (`signalbrief.export_process`), in a process that runs no
    other thread, as the command line's does; elsewhere (a Jupyter kernel) pages are exported in a thread.

    Raises InputError for a bad parameter or output path (before any kernel starts), a bad case or
    notebook (found while the first kernel boots, which is then shut down), NotebookFailed when a notebook raises, and KeyboardInterrupt on Ctrl-C; in every
    case the previous report is left as it was and the staging folder is removed.
    """
    out = out.resolve()
    notebook_paths = [notebooks_dir / BRIEF_NOTEBOOK, notebooks_dir / ACTOR_NOTEBOOK]
    kernel_name = read_kernel_name(notebook_paths[0])
    actors_folder = find_actors_folder(out)
    case_path = str(case_dir.resolve()) if case_dir is not None else str(resolve_case_dir(
        BriefParameters.__dataclass_fields__["case_dir"].default))
    brief = build_parameters(BriefParameters, raw_parameters or [], RESERVED_PARAMETERS, case_dir=case_path,
                             as_of=as_of, dossier_folder=actors_folder.name if dossiers else "")
    check_writable(out)
    staging = staging_folder(out)
    staged = staging / "new"
    moves = [(staged / out.name, out)] + ([(staged / actors_folder.name, actors_folder)] if dossiers else [])

    def prepare() -> tuple[list[Page], dict[Path, nbformat.NotebookNode]]:
        """Read the notebooks, validate the case and plan the pages."""
        # papermill is imported now, not after the kernel is ready (nbconvert is the export process's).
        import papermill.parameterize  # noqa: F401

        from signalbrief.validate import load_case

        sources = {path: read_notebook(path) for path in notebook_paths}
        case = load_case(brief.case_path())
        brief.check_against(case)
        pages = plan_pages(case, brief, notebooks_dir, staged, out, dossiers)
        if staging.exists():
            shutil.rmtree(staging)
        (staged / actors_folder.name).mkdir(parents=True)
        return pages, sources

    def work(cancelled: threading.Event, register: Callable[[Stoppable], None]) -> None:
        from signalbrief.execute import KernelSession

        # The kernel is started before anything else is imported, and boots (half a second or more)
        # while another thread prepares: pandas and papermill alone take as long to import.
        session = KernelSession(kernel_name, notebooks_dir)
        register(session)
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="signalbrief-prepare") as helper:
                prepared = helper.submit(prepare)
                try:
                    session.wait_until_ready()
                finally:
                    pages, sources = prepared.result()  # bad input is reported before a kernel that failed
        except BaseException:
            session.shut_down()
            raise
        render_pages(pages, sources, session, exports, notebooks_dir, debug_dir, cancelled, register, log)

    # The pages are exported in a process forked now, while this one has a single thread and has
    # started no kernel (`signalbrief.export_process`).
    exports = export_process.start()
    try:
        run_interruptibly(work)
        exports.shutdown()
        swap_into_place(moves, staging / "old")
    finally:
        exports.shutdown(cancel_futures=True)
        shutil.rmtree(staging, ignore_errors=True)
    return out


def run_render(args: argparse.Namespace) -> int:
    """The `render` command: render the report and print where the brief is."""
    from signalbrief.execute import NotebookFailed

    try:
        out = render_report(
            case_dir=args.case, out=args.out, as_of=args.as_of, raw_parameters=args.parameters,
            notebooks_dir=args.notebooks, debug_dir=args.debug_dir, dossiers=args.dossiers,
        )
    except NotebookFailed as failure:
        print(failure.describe(), file=sys.stderr)
        return EXIT_BUG
    except KeyboardInterrupt:
        print("interrupted: the previous report is unchanged", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(out)
    return EXIT_OK


def add_render_parser(commands: argparse._SubParsersAction) -> None:
    """Add the `render` subcommand to the command line's subparsers."""
    parser = commands.add_parser(
        "render", help="run the notebooks and write the HTML report",
        description=(
            "Validate a case, run notebooks/brief.ipynb and one notebooks/actor.ipynb per actor, and write "
            "offline HTML: the brief (one file) and actors/<actor_id>.html beside it. The old report is "
            "replaced only when every page rendered. Exit 1 if a notebook fails, 2 for bad input."
        ),
        epilog=(
            "examples:\n"
            "  python -m signalbrief render\n"
            "  python -m signalbrief render --case data/my-case --out /tmp/report/brief.html --as-of 2000-11-30\n"
            "  python -m signalbrief render -p NAME VALUE   (any parameter of the brief notebook)\n"
            "  python -m signalbrief render --case /tmp/big-case --out /tmp/big/brief.html --no-dossiers"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--case", type=Path, default=None, metavar="DIR",
                        help="case folder (default: the case_dir default of signalbrief.parameters)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="FILE",
                        help="where to write the brief (default: report/brief.html); dossiers go to actors/ beside "
                             "brief.html, or to NAME-actors/ beside NAME.html")
    parser.add_argument("--as-of", default="", metavar="YYYY-MM-DD",
                        help="render the case as known on that day (default: everything)")
    parser.add_argument("-p", "--parameter", dest="parameters", nargs=2, action="append", default=[],
                        metavar=("NAME", "VALUE"), help="set a parameter of the brief notebook (repeatable)")
    parser.add_argument("--notebooks", type=Path, default=DEFAULT_NOTEBOOKS_DIR, metavar="DIR",
                        help="folder holding brief.ipynb and actor.ipynb (default: notebooks/)")
    parser.add_argument("--no-dossiers", dest="dossiers", action="store_false",
                        help="render the brief only, without links to dossiers (quicker for large cases)")
    parser.add_argument("--debug-dir", type=Path, default=DEFAULT_DEBUG_DIR, metavar="DIR",
                        help="where a failing notebook is saved, partly executed (default: build/debug/)")
    parser.set_defaults(run=run_render)

