"""Render the report: the brief notebook and one dossier per actor, executed and exported to HTML.

The pages are self-contained and work offline (see `signalbrief.vega_offline` and the
template in signalbrief/templates/signalbrief), and byte-deterministic: the same case and
parameters give the same bytes (no timestamps, execution times, random ids or prompts).

Nothing is lost on failure: every page is written to a staging folder next to the
report and the whole set (brief and actors/) replaces the old set only when all of it
rendered. A notebook that fails is a bug: its partly executed copy is kept in a debug
folder outside the report and the failing cell and error are printed.

Jupyter's libraries (papermill, nbformat, nbconvert, jupyter_client) are imported inside the
functions that use them: importing them costs over a second, and `python -m signalbrief
validate` (which builds this module's argument parser) should not pay for it.

One kernel runs the brief and dossiers, and a second one shares the dossiers with it
(`render_pages`); each is sent every cell of a notebook, and of the next one, before the
outputs are read back (`RequestsSentAhead`). The user namespace is reset between notebooks
(`%reset -f`, see `RESET_SOURCE`), so each dossier starts from a clean namespace but does
not pay for a new kernel and fresh imports. Module-level state (imported modules, the
analysis cache) carries over, which is what makes it fast; a notebook's
output does not depend on it, so pages stay deterministic whichever kernel runs them.
"""
from __future__ import annotations

import argparse
import ast
import collections
import contextlib
import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # for annotations only; imported where used (see the module docstring)
    import nbformat
    from jupyter_client.asynchronous import AsyncKernelClient
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from nbconvert import HTMLExporter

    from signalbrief.analysis import AnalysisKey
    from signalbrief.case import Case


from signalbrief import handover, vega_offline
from signalbrief.errors import EXIT_BUG, EXIT_OK, InputError, Problem

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
DEFAULT_OUT = REPO_ROOT / "report" / "brief.html"
DEFAULT_DEBUG_DIR = REPO_ROOT / "build" / "debug"
TEMPLATES_DIR = Path(__file__).parent / "templates"
TEMPLATE_NAME = "signalbrief"
BRIEF_NOTEBOOK = "brief.ipynb"
ACTOR_NOTEBOOK = "actor.ipynb"
ACTORS_FOLDER = "actors"
STAGING_PREFIX = ".staging-"
# Parameters that render sets itself; -p may not override them.
RESERVED_PARAMETERS = {"case_dir": "--case", "as_of": "--as-of", "actor_id": "(one dossier per actor)"}
# A str parameter whose comment mentions this format must be an ISO date or empty.
DATE_FORMAT_HINT = "YYYY-MM-DD"
TRUE_WORDS, FALSE_WORDS = {"true", "yes", "1"}, {"false", "no", "0"}
# How a parameter's declared type is named in an error message.
TYPE_WORDS = {"int": "a whole number", "float": "a number", "bool": "true or false"}
# The case table each id column names a row of (see check_row_references), and how many of
# its ids a message lists.
ID_COLUMNS = {"actor_id": "actors", "topic_id": "topics", "signal_id": "signals", "event_id": "events",
              "hypothesis_id": "hypotheses", "outlet_id": "outlets"}
MAX_IDS_LISTED = 20
# Run in the kernel, silently, before every notebook: forget the previous notebook's
# variables, as a fresh kernel would. Sent without waiting for it (the kernel runs
# requests in order), it costs no cell and no round trip of its own.
# `%reset -f` ends with a full garbage collection, which walks every object the kernel holds
# (pandas, the cached analysis): measured at 0.12 s per dossier, a third of its time, when
# the charts were still built with Altair and its schema was in memory.
# gc.freeze() then moves what survived the reset (modules and caches, alive for the
# whole render anyway) out of the collector's sight, so the next reset and the collections
# while cells run walk only what later notebooks create. Nothing is freed later than
# without it except cyclic garbage made of frozen objects, and the kernel ends with the render.
RESET_SOURCE = 'get_ipython().run_line_magic("reset", "-f")\n__import__("gc").freeze()'
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
EXIT_INTERRUPTED = 130
KERNEL_START_SECONDS = 60
BUNDLE_PLACEHOLDER = "signalbrief-vega-bundle-placeholder"
# How many pages a kernel is sent before the first of them is read back (see `render_pages`):
# the one it runs and the next, so it never waits between notebooks.
PAGES_SENT_AHEAD = 2


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


@dataclasses.dataclass(frozen=True)
class Page:
    """One notebook to render: its source, parameters, page title, output file and links."""

    label: str
    notebook: Path
    parameters: dict[str, object]
    title: str
    out_file: Path
    links: dict


def parse_iso_date(value: str, what: str) -> str:
    """Return `value` if it is an ISO date (YYYY-MM-DD) or empty, else raise InputError."""
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise InputError(Problem(what, message=f"{value!r} is not a date (expected YYYY-MM-DD)")) from None
    return value


def parse_parameter(name: str, text: str, declared: dict, notebook: str) -> object:
    """Convert the text of `-p NAME VALUE` to the type the notebook's parameters cell declares."""
    kind = declared["inferred_type_name"]
    where = f"-p {name}"
    try:
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
        if kind == "bool":
            if text.lower() not in TRUE_WORDS | FALSE_WORDS:
                raise ValueError
            return text.lower() in TRUE_WORDS
    except ValueError:
        expected = TYPE_WORDS.get(kind, kind)
        raise InputError(Problem(where, message=f"{text!r} is not {expected} (as {notebook} declares it)")) from None
    if kind == "str" and DATE_FORMAT_HINT in (declared.get("help") or ""):
        return parse_iso_date(text, where)
    return text


def check_parameters(raw: list[tuple[str, str]], notebook: Path, declared: dict) -> dict[str, object]:
    """Check every -p name against the notebook's parameters cell (`declared`) and convert its value."""
    problems, values = [], {}
    for name, text in raw:
        if name in RESERVED_PARAMETERS:
            problems.append(Problem(f"-p {name}", message=f"is set by render; use {RESERVED_PARAMETERS[name]}"))
        elif name not in declared:
            known = ", ".join(sorted(set(declared) - set(RESERVED_PARAMETERS))) or "none besides those render sets"
            problems.append(Problem(f"-p {name}", message=f"{notebook.name} has no such parameter (it takes: {known})"))
        else:
            try:
                values[name] = parse_parameter(name, text, declared[name], notebook.name)
            except InputError as error:
                problems += error.problems
    if problems:
        raise InputError(problems)
    return values


def check_row_references(values: dict[str, object], declared: dict, case: Case) -> None:
    """Refuse a -p value that should name a row of the case but names none (InputError).

    A text parameter whose help begins with an id column of `ID_COLUMNS` names a row of
    that table, e.g. `focus_topic: str = ""  # topic_id followed over time`.
    """
    problems = []
    for name, value in values.items():
        words = (declared.get(name, {}).get("help") or "").split()
        column = words[0] if words else ""
        if value and column in ID_COLUMNS:
            known = getattr(case, ID_COLUMNS[column])[column].astype("str").tolist()
            if value not in known:
                listed = ", ".join(known[:MAX_IDS_LISTED]) + (f", … ({len(known)} in all)"
                                                              if len(known) > MAX_IDS_LISTED else "")
                problems.append(Problem(f"-p {name}", message=(
                    f"{value!r} is not a {column} of {ID_COLUMNS[column]}.csv (known: {listed})")))
    if problems:
        raise InputError(problems)


def find_analysis_key(declared: dict, shared: dict[str, object]) -> AnalysisKey | None:
    """The key (`signalbrief.analysis.make_cache_key`) of the analysis the notebooks will ask for,
    from the brief's defaults and render's values; None when the brief lacks a parameter the
    analysis takes (`analysis_arguments`) or its default is not a plain value."""
    from signalbrief.analysis import analysis_arguments, make_cache_key

    defaults = {}
    for name, info in declared.items():
        with contextlib.suppress(ValueError, SyntaxError):
            defaults[name] = ast.literal_eval(info["default"])
    try:
        return make_cache_key(**analysis_arguments({**defaults, **shared}))
    except KeyError:
        return None


def hand_over(path: Path, case: Case, key: AnalysisKey, log: TextIO) -> None:
    """Analyse the loaded case as the notebooks will ask and leave the result at `path` for the kernels.

    If that fails, a line on `log` says so, nothing is left, and the notebook analyses the
    case itself: an error in the analysis is then reported where it always is, by the
    notebook (exit 1, debug copy), and any other failure only costs time.
    """
    from signalbrief.analysis import analyse_key

    try:
        handover.write(path, analyse_key(case, key))
    except Exception as error:  # noqa: BLE001 (the notebook repeats the analysis and reports its errors)
        path.unlink(missing_ok=True)
        print(f"note: the analysis could not be prepared for the notebooks ({type(error).__name__}: {error}); "
              "they will compute it", file=log, flush=True)


def read_notebook_json(notebook: Path) -> tuple[str, dict]:
    """The notebook's text and its JSON, read without nbformat so the kernel can start, and be
    told what to import (`find_imports`), before nbformat is imported."""
    try:
        text = notebook.read_text(encoding="utf-8")
        content = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(Problem(str(notebook), message=f"is not a notebook ({error})")) from None
    if not isinstance(content, dict):
        raise InputError(Problem(str(notebook), message="is not a notebook (its JSON is not an object)"))
    return text, content


def find_kernel_name(content: dict) -> str:
    """The kernel a notebook's JSON asks for (its kernelspec); 'python3' when it names none."""
    metadata = content.get("metadata") if isinstance(content.get("metadata"), dict) else {}
    return str((metadata.get("kernelspec") or {}).get("name", "python3"))


def find_default_case(notebook: Path, declared: dict) -> Path:
    """The case the brief notebook reads by default: its `case_dir` (in `declared`, its
    parameters cell), relative to the notebook."""
    if "case_dir" not in declared:
        raise InputError(Problem(str(notebook), message="has no case_dir parameter; give --case"))
    return (notebook.parent / ast.literal_eval(declared["case_dir"]["default"])).resolve()


def find_actors_folder(out: Path) -> Path:
    """Where the dossiers of the brief `out` go: actors/ beside brief.html, <name>-actors/ beside <name>.html.

    Two briefs rendered into one folder thus never replace each other's dossiers.
    """
    return out.parent / (ACTORS_FOLDER if out.name == DEFAULT_OUT.name else f"{out.stem}-{ACTORS_FOLDER}")


def plan_pages(case: Case, notebooks_dir: Path, staging: Path, out: Path,
               shared: dict[str, object], dossiers: bool = True) -> list[Page]:
    """The brief and one dossier per actor (in actors.csv order), each with its parameters.

    Without `dossiers`, only the brief, and it links to no dossier.
    """
    import papermill

    if not dossiers:
        return [Page("brief", notebooks_dir / BRIEF_NOTEBOOK, shared, case.title, staging / out.name, {})]

    actor_notebook = notebooks_dir / ACTOR_NOTEBOOK
    actor_declares = papermill.inspect_notebook(str(actor_notebook))
    actor_shared = {name: value for name, value in shared.items() if name in actor_declares}
    actors_folder = find_actors_folder(out).name
    actors = list(zip(case.actors["actor_id"].astype(str), case.actors["name"].astype(str)))
    dossier_links = {
        "heading": "Actor dossiers",
        "items": [{"href": f"{actors_folder}/{actor_id}.html", "label": name} for actor_id, name in actors],
    }
    back_link = {"heading": "This report", "items": [{"href": f"../{out.name}", "label": "Back to the brief"}]}
    pages = [Page("brief", notebooks_dir / BRIEF_NOTEBOOK, shared, case.title, staging / out.name, dossier_links)]
    for actor_id, name in actors:
        pages.append(Page(
            f"dossier {actor_id}", actor_notebook, {**actor_shared, "actor_id": actor_id},
            f"{name} \u2014 {case.title}", staging / actors_folder / f"{actor_id}.html", back_link,
        ))
    return pages


def build_exporter() -> HTMLExporter:
    """The HTML exporter (`PageExporter`) with code and prompts hidden and the offline template, warmed up.

    nbconvert compiles the templates and reads the JupyterLab theme on its first export
    (a quarter of a second); exporting an empty notebook here does that once, so it can be
    done while the kernel runs the first notebook.
    """
    import nbformat

    from signalbrief.page_exporter import PageExporter

    exporter = PageExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        optimistic_validation=True,
    )
    exporter.from_notebook_node(nbformat.v4.new_notebook(), resources=build_resources("", {}))
    return exporter


def build_resources(title: str, links: dict) -> dict:
    """What the page template reads besides the notebook: title, links, and the scripts.

    The Vega bundle is represented by `BUNDLE_PLACEHOLDER`, which `export_page` replaces
    with the bundle once the page is built, so the 0.9 MB bundle goes through neither the
    template nor the exporter's pass over the page's tags (`PageExporter`).
    """
    return {
        "metadata": {"name": title},
        "signalbrief_links": links,
        "signalbrief_vega_bundle": BUNDLE_PLACEHOLDER,
        "signalbrief_embed_script": vega_offline.EMBED_SCRIPT,
    }


def export_page(exporter: HTMLExporter, executed: nbformat.NotebookNode, page: Page) -> None:
    """Write the executed notebook as one HTML page, with nothing that varies between runs."""
    for cell in executed.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
    executed.metadata.pop("papermill", None)
    executed.metadata["title"] = page.title
    html, _ = exporter.from_notebook_node(executed, resources=build_resources(page.title, page.links))
    # The template writes the placeholder after every cell, so the last one is the template's.
    before, placeholder, after = html.rpartition(BUNDLE_PLACEHOLDER)
    if not placeholder:
        raise RuntimeError(f"the page template has no {BUNDLE_PLACEHOLDER}")
    page.out_file.parent.mkdir(parents=True, exist_ok=True)
    page.out_file.write_text(before + vega_offline.build_vega_bundle() + after, encoding="utf-8")


class KernelSession:
    """One kernel and one client of it for every notebook of a render (see `RESET_SOURCE`
    for the reset between them). Starting it does not wait for it: call `wait_until_ready`."""

    def __init__(self, kernel_name: str, cwd: Path, handover_dir: Path):
        from jupyter_client.kernelspec import NoSuchKernel
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.manager = AsyncKernelManager(kernel_name=kernel_name)
        env = {**os.environ, vega_offline.ENV_FLAG: "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
               handover.HANDOVER_ENV: str(handover_dir)}
        try:
            # No input history: a render never reads it, and IPython writes it to SQLite after every
            # cell. No 0.5 ms pause before each cell's reply, which ipykernel makes so that a
            # client reading only replies sees the outputs first: nbclient waits for the kernel's
            # idle status on the output channel, sent once the outputs are out. Streams that skip
            # empty flushes (`signalbrief.kernel_streams`).
            run_sync(self.manager.start_kernel)(cwd=str(cwd), env=env, extra_arguments=[
                "--IPKernelApp.log_level=ERROR", "--HistoryManager.enabled=False", "--Kernel._execute_sleep=0",
                "--IPKernelApp.outstream_class=signalbrief.kernel_streams.QuietOutStream"])
        except NoSuchKernel:
            raise InputError(Problem(
                "kernel", message=f"no Jupyter kernel named {kernel_name!r}; run `make setup` to register it",
            )) from None
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.allow_stdin = False

    def wait_until_ready(self) -> None:
        """Wait until the kernel answers and its IOPub messages reach us; starting it does not wait.

        As jupyter_client's `wait_for_ready`, less its last step: that one then reads IOPub
        until it has been quiet for 0.2 s, to drop the messages of the start. nbclient ignores
        every message that answers no request of its own, so that wait only costs 0.2 s.
        """
        from jupyter_core.utils import run_sync

        run_sync(self._wait_until_ready)()

    async def _wait_until_ready(self) -> None:
        from queue import Empty

        deadline = time.monotonic() + KERNEL_START_SECONDS
        while True:
            self.client.kernel_info()
            try:
                # Replies to requests sent before (the imports, `import_modules`) come first.
                while (await self.client.shell_channel.get_msg(timeout=1))["msg_type"] != "kernel_info_reply":
                    pass
            except Empty:
                pass  # no answer within a second: ask again, unless the kernel is gone or late
            else:
                try:  # any IOPub message (the kernel's busy and idle) shows IOPub is connected
                    await self.client.iopub_channel.get_msg(timeout=0.2)
                    return
                except Empty:
                    pass
            if not await self.client.is_alive():
                raise RuntimeError("the kernel died before it answered")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the kernel did not answer in {KERNEL_START_SECONDS} s")

    def import_modules(self, source: str) -> None:
        """Have the kernel run the import statements `source` now, without waiting for it.

        They run in a throwaway namespace and silently (no output, no execution count), so
        the notebooks see the same namespace as without them; their modules are then already
        loaded when the first notebook imports them. A failing import is left for that
        notebook to report; its reply is never read (nbclient ignores replies to others).
        """
        if source:
            self.client.execute(f"exec({source!r}, {{}})", silent=True, store_history=False)

    def reset_namespace(self) -> None:
        """Have the kernel forget the previous notebook's variables (`RESET_SOURCE`) before the next
        request it gets, without waiting for it; its reply is never read (nbclient ignores replies
        to others)."""
        self.client.execute(RESET_SOURCE, silent=True, store_history=False)

    def kill(self) -> None:
        """Stop the kernel at once, from any thread, so a running cell ends (used on Ctrl-C)."""
        process = getattr(self.manager.provisioner, "process", None)
        if process is not None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()

    def shut_down(self) -> None:
        """Stop the kernel, if it is still running."""
        from jupyter_core.utils import run_sync

        if self.client.channels_running:
            self.client.stop_channels()
            run_sync(self.manager.shutdown_kernel)(now=True)


class RequestsSentAhead:
    """A kernel client for one notebook whose requests were all sent before nbclient asks for them.

    nbclient sends a cell's execute request only once the previous cell's outputs are in,
    so the kernel waits for this process between cells. `send_notebook` sends the
    kernel-info request nbclient starts with and every cell nbclient will execute, in order,
    with the arguments nbclient gives them; nbclient then runs as ever (outputs, errors,
    execution counts, dead-kernel checks) but `execute` and `kernel_info` hand back the id of
    the request already sent. Everything else is the session's client.

    The kernel runs requests in order. When a cell fails (sent with stop_on_error, as nbclient
    sends it unless the cell allows errors), ipykernel aborts the execute requests already
    queued behind it, though one that reaches its queue late can still run; nbclient stops
    reading at the failing cell either way, and render then stops the kernel (`render_pages`).
    Measured over a report (33 notebooks, two kernels): each kernel sat idle 0.66-0.85 s
    between requests when nbclient sent them one by one, 0.2-0.3 s with every request sent
    ahead, as the round trips through this process (which also serves the other kernel and
    exports pages) no longer hold the kernel up.
    """

    def __init__(self, client: AsyncKernelClient):
        self.client = client
        self.sent: collections.deque[tuple[str, tuple, str]] = collections.deque()

    def __getattr__(self, name: str) -> object:
        return getattr(self.client, name)

    def send_notebook(self, notebook_client: NotebookClient) -> None:
        """Send what `notebook_client.execute()` will send for its notebook, in its order."""
        self.sent.append(("kernel_info", (), self.client.kernel_info()))
        for cell in notebook_client.nb.cells:
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            tags = cell.metadata.get("tags", [])
            if notebook_client.skip_cells_with_tag in tags:
                continue
            allows_errors = (not notebook_client.force_raise_errors) and (
                notebook_client.allow_errors or "raises-exception" in tags)
            arguments = (cell.source, True, not allows_errors)
            self.sent.append(("execute", arguments, self.client.execute(
                cell.source, store_history=True, stop_on_error=not allows_errors)))

    def take(self, kind: str, arguments: tuple) -> str:
        """The id of the next request sent ahead, which must be this one."""
        sent_kind, sent_arguments, msg_id = self.sent.popleft()
        if (sent_kind, sent_arguments) != (kind, arguments):
            raise RuntimeError(f"nbclient asked for {kind} {arguments!r:.60}, not the {sent_kind} sent ahead")
        return msg_id

    def kernel_info(self) -> str:
        return self.take("kernel_info", ())

    def execute(self, code: str, store_history: bool = True, stop_on_error: bool = True) -> str:
        return self.take("execute", (code, store_history, stop_on_error))


def find_imports(notebooks: Iterable[dict]) -> str:
    """The absolute import statements at the top level of the code cells of the notebooks (as
    plain JSON, `read_notebook_json`), one a line, in order.

    Cells that are not plain Python (magics) are skipped.
    """
    statements: dict[str, None] = {}
    for notebook in notebooks:
        for cell in notebook.get("cells", []):
            if not isinstance(cell, dict) or cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            try:
                tree = ast.parse("".join(source) if isinstance(source, list) else source)
            except (SyntaxError, TypeError, ValueError):
                continue
            for node in tree.body:
                if isinstance(node, ast.Import) or (isinstance(node, ast.ImportFrom) and not node.level):
                    statements[ast.unparse(node)] = None
    return "\n".join(statements)


@dataclasses.dataclass
class StartedPage:
    """A page whose notebook the kernel has been sent in full (`start_page`), to be read back (`finish_page`)."""

    page: Page
    notebook: nbformat.NotebookNode
    client: NotebookClient


def start_page(session: KernelSession, page: Page, source: nbformat.NotebookNode) -> StartedPage:
    """Parameterise the page's notebook (`source`, as read) and send the kernel all of it:
    the namespace reset, then every cell (`RequestsSentAhead`). Returns at once.

    papermill injects the parameters (its "injected-parameters" cell, as `papermill -p`
    would); nbclient will run the cells through the kernel client `session` connected once.
    papermill's own executor would add, per notebook, a copy, a save with schema validation
    and timing metadata that no page shows: a fifth of this process's time over a report.
    """
    import copy

    from nbclient import NotebookClient
    from papermill.parameterize import parameterize_notebook

    notebook = copy.deepcopy(source)
    # What papermill.execute_notebook sets up before parameterising: every cell has tags.
    notebook.metadata["papermill"] = {}
    for cell in notebook.cells:
        cell.metadata.setdefault("tags", [])
    notebook = parameterize_notebook(notebook, page.parameters)
    client = NotebookClient(notebook, km=session.manager, timeout=None, record_timing=False)
    session.reset_namespace()
    client.kc = RequestsSentAhead(session.client)
    client.kc.send_notebook(client)
    return StartedPage(page, notebook, client)


def finish_page(started: StartedPage, debug_dir: Path) -> nbformat.NotebookNode:
    """Read the outputs of a started page's notebook as the kernel runs it and return it executed.

    On a failing cell the partly executed notebook is saved in `debug_dir` and
    NotebookFailed raised.
    """
    import nbformat
    from nbclient.exceptions import CellExecutionError

    page, notebook = started.page, started.notebook
    try:
        started.client.execute()
    except CellExecutionError as error:
        debug_dir.mkdir(parents=True, exist_ok=True)
        debug_name = page.notebook.stem if page.label == "brief" else f"{page.notebook.stem}-{page.out_file.stem}"
        debug_path = debug_dir / f"{debug_name}.ipynb"
        nbformat.write(notebook, debug_path)
        failing = next((cell.source for cell in notebook.cells if cell.cell_type == "code" and any(
            output.get("output_type") == "error" for output in cell.get("outputs", []))), "")
        raise NotebookFailed(str(page.notebook), failing, error, debug_path) from None
    return notebook


def render_pages(session: KernelSession, pages: list[Page], sources: dict[Path, nbformat.NotebookNode],
                 debug_dir: Path, cancelled: threading.Event, log: TextIO,
                 start_session: Callable[[], KernelSession] | None = None) -> None:
    """Execute every page in `session`, the dossiers also in a second kernel, and export each
    while the kernels run the next ones.

    Each kernel is sent a page in full (`start_page`) and the page after it before the first
    one's outputs are read (`PAGES_SENT_AHEAD`), so it goes from cell to cell and notebook to
    notebook without waiting for this process. The exporter is built and warmed up while the
    kernel starts, and a page's export (`PageExporter`, under 0.01 s of this process's time
    for a dossier) runs in a third thread while the kernels execute notebooks. With
    `start_session`, a second kernel is started once the first one runs the brief, and the
    two take the dossiers in turn: while one kernel runs a cell, this process handles the
    other's messages, so two CPUs are both kept busy. Every notebook starts from a reset
    namespace (`RESET_SOURCE`), so which kernel runs it does not change its page. `sources`
    holds each page's notebook as read, once per render (the dossier notebook runs once per
    actor). Each kernel is stopped as soon as no page is left for it. When notebooks fail,
    the first failing page in `pages` order is raised once the pages already executed are
    exported.
    """
    from concurrent.futures import ThreadPoolExecutor

    from tqdm import tqdm

    bar = tqdm(total=len(pages) - 1, desc="dossiers", unit="page", file=log, disable=not log.isatty())
    exports = ThreadPoolExecutor(max_workers=1, thread_name_prefix="signalbrief-export")
    exporter = exports.submit(build_exporter)
    exported = [exporter, exports.submit(vega_offline.build_vega_bundle)]
    order = {id(page): index for index, page in enumerate(pages)}
    waiting = iter(pages)
    taking = threading.Lock()
    done: list[Page] = []
    failures: list[tuple[int, BaseException]] = []

    def take_page() -> Page | None:
        with taking:
            return None if cancelled.is_set() or failures else next(waiting, None)

    def run_pages(kernel: KernelSession) -> None:
        # The kernel is sent the next page's notebook before this one's outputs are read, so it
        # goes from one notebook to the next without waiting for this process.
        started: list[StartedPage] = []
        while True:
            while len(started) < PAGES_SENT_AHEAD and (page := take_page()) is not None:
                started.append(start_page(kernel, page, sources[page.notebook]))
            if not started:
                return
            current = started.pop(0)
            page = current.page
            if page is pages[0]:
                print(f"rendering {page.label} from {page.notebook.name}", file=log, flush=True)
            elif bar.disable and page is pages[1]:
                # One line per dossier as it is done: the two kernels run them side by side.
                print(f"rendering {len(pages) - 1} dossiers from {page.notebook.name}", file=log, flush=True)
            began = time.perf_counter()
            try:
                executed = finish_page(current, debug_dir)
            except BaseException as error:  # the first in page order is raised by render_pages
                with taking:
                    failures.append((order[id(page)], error))
                return
            exported.append(exports.submit(lambda executed=executed, page=page: export_page(
                exporter.result(), executed, page)))
            seconds = time.perf_counter() - began
            if page is pages[0]:
                print(f"  {page.label} done in {seconds:.1f}s", file=log, flush=True)
            elif bar.disable:
                with taking:
                    done.append(page)
                    print(f"  {page.label} done in {seconds:.1f}s ({len(done)}/{len(pages) - 1})", file=log, flush=True)
            else:
                bar.set_postfix_str(f"{page.label} {seconds:.1f}s")
                bar.update()

    def run_second_kernel() -> None:
        try:
            second = start_session()
        except BaseException as error:  # raised by render_pages
            with taking:
                failures.append((len(pages), error))
            return
        try:
            second.wait_until_ready()
            run_pages(second)
        except BaseException as error:  # raised by render_pages
            with taking:
                failures.append((len(pages), error))
        finally:
            second.shut_down()

    helper = threading.Thread(target=run_second_kernel, name="signalbrief-second-kernel", daemon=True)
    try:
        session.wait_until_ready()
        if start_session is not None and len(pages) > 2:
            helper.start()
        run_pages(session)
        session.shut_down()
        if helper.ident is not None:
            helper.join()
        if failures:
            raise min(failures, key=lambda failure: failure[0])[1]
        for export in exported:
            export.result()
    finally:
        exports.shutdown(wait=True, cancel_futures=True)
        bar.close()


def run_in_worker(work: Callable[[threading.Event, Callable[[KernelSession], None]], None]) -> None:
    """Run `work` in a thread so Ctrl-C reaches us, not the notebook runner.

    nbclient installs its own SIGINT handler in the main thread (it shuts the kernel
    down and carries on). Here Ctrl-C raises KeyboardInterrupt in the main thread; we
    stop the kernel, wait for the worker to end, and re-raise.
    """
    cancelled = threading.Event()
    sessions: list[KernelSession] = []
    failures: list[BaseException] = []

    def target() -> None:
        try:
            work(cancelled, sessions.append)
        except BaseException as error:  # handed to the main thread, which re-raises it
            failures.append(error)

    worker = threading.Thread(target=target, name="signalbrief-render", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        cancelled.set()
        for session in sessions:
            session.kill()
        worker.join()
        raise
    if failures:
        raise failures[0]


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


def render_report(case_dir: Path | None = None, out: Path = DEFAULT_OUT, as_of: str = "",
                  raw_parameters: list[tuple[str, str]] | None = None,
                  notebooks_dir: Path = DEFAULT_NOTEBOOKS_DIR, debug_dir: Path = DEFAULT_DEBUG_DIR,
                  log: TextIO = sys.stderr, dossiers: bool = True) -> Path:
    """Render the brief to `out` and one dossier per actor beside it (`find_actors_folder`); return `out`.

    Without `dossiers` only the brief is rendered (for quick looks at large cases): it
    links to no dossier and any dossiers already beside it are left as they are.

    Raises InputError for a bad case, parameter or notebook folder (nothing rendered),
    NotebookFailed when a notebook raises, and KeyboardInterrupt on Ctrl-C; in every
    case the previous report is left as it was and the staging folder is removed.
    """
    brief_notebook = notebooks_dir / BRIEF_NOTEBOOK
    notebooks = [brief_notebook, notebooks_dir / ACTOR_NOTEBOOK]
    for notebook in notebooks:
        if not notebook.is_file():
            raise InputError(Problem(str(notebook), message="notebook not found"))
    texts = {notebook: read_notebook_json(notebook) for notebook in notebooks}
    kernel_name = find_kernel_name(texts[brief_notebook][1])
    imports = find_imports(content for _, content in texts.values())
    out = out.resolve()
    staging = out.parent / f"{STAGING_PREFIX}{os.getpid()}"
    staged = staging / "new"
    handover_dir = staging / "handover"
    actors_folder = find_actors_folder(out)
    moves = [(staged / out.name, out)] + ([(staged / actors_folder.name, actors_folder)] if dossiers else [])

    def render(cancelled: threading.Event, on_session: Callable[[KernelSession], None]) -> None:
        def start_second_session() -> KernelSession:
            second = KernelSession(kernel_name, notebooks_dir, handover_dir)
            on_session(second)
            second.import_modules(imports)
            return second

        out.parent.mkdir(parents=True, exist_ok=True)
        if staging.exists():
            shutil.rmtree(staging)
        # The kernel starts first, before this process imports pandas and Jupyter's libraries
        # (half a second), and is told at once to import what the notebooks import, which it
        # does once booted while this thread checks the parameters, validates the case and
        # analyses it for the kernels (`hand_over`).
        session = KernelSession(kernel_name, notebooks_dir, handover_dir)
        on_session(session)
        session.import_modules(imports)
        try:
            import nbformat
            import papermill

            from signalbrief.validate import load_case

            sources = {notebook: nbformat.reads(text, as_version=4) for notebook, (text, _) in texts.items()}
            declared = papermill.inspect_notebook(str(brief_notebook))
            shared: dict[str, object] = check_parameters(raw_parameters or [], brief_notebook, declared)
            shared["as_of"] = parse_iso_date(as_of, "--as-of")
            case_path = (case_dir or find_default_case(brief_notebook, declared)).resolve()
            shared["case_dir"] = str(case_path)
            key = find_analysis_key(declared, shared)
            with handover.announce(handover_dir, key) if key else contextlib.nullcontext() as handover_file:
                case = load_case(case_path)
                check_row_references(shared, declared, case)
                pages = plan_pages(case, notebooks_dir, staged, out, shared, dossiers)
                if handover_file is not None:
                    hand_over(handover_file, case, key, log)
            (staged / actors_folder.name).mkdir(parents=True)
            render_pages(session, pages, sources, debug_dir, cancelled, log, start_second_session)
        finally:
            session.shut_down()

    try:
        run_in_worker(render)
        swap_into_place(moves, staging / "old")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def skip_iri_grammar() -> None:
    """Keep jsonschema from compiling rfc3987-syntax's IRI grammar, about a second of every render.

    nbformat imports jsonschema, which imports rfc3987-syntax if installed (jupyterlab brings
    it) to check the "iri" format; nothing in a render checks formats. Marking the module
    absent makes jsonschema go without that one checker. Only for the `render` command's own
    process, and only before jsonschema is imported, so no loaded checker is taken away.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def run_render(args: argparse.Namespace) -> int:
    """The `render` command: render the report and print where the brief is."""
    skip_iri_grammar()
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
            "self-contained offline HTML: the brief and actors/<actor_id>.html beside it. The old report is "
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
                        help="case folder (default: the case_dir default of notebooks/brief.ipynb)")
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
