"""Time the render against its floor and the plain nbconvert path: `make bench`.

Every run is a fresh process started from here, as an analyst would start it, timed by
wall clock; the commands are timed in turn, round after round, and the median of each
command's repetitions is kept. Peak memory is the largest sum
of resident memory over the run's process tree (the render process and its kernel),
sampled every 20 ms with psutil.

- floor:  an empty parameterized notebook (the brief's parameters cell only) through
          `python -m signalbrief render --no-dossiers`: parameters checked, case validated,
          kernel start, papermill's parameters, nbclient, nbconvert's HTML export;
- peer:   the plain command-line path on the same notebook, from the repository root:
          `papermill notebooks/brief.ipynb OUT.ipynb` then
          `jupyter nbconvert --to html --template signalbrief OUT.ipynb`;
- brief:  `python -m signalbrief render --no-dossiers` on the real case;
- report: `python -m signalbrief render`, the brief and a dossier for every actor;
- scale:  the brief of synthetic cases of 1,000, 10,000 and 100,000 signals.

Writes bench/results.csv and bench/results.svg and prints the table and the ratios
with their targets (issue 13). Synthetic cases and rendered pages go to a temporary folder.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CASE = REPO / "data" / "russia-iran-2000"
NOTEBOOKS = REPO / "notebooks"
RESULTS_CSV = REPO / "bench" / "results.csv"
RESULTS_CHART = REPO / "bench" / "results.svg"
SAMPLE_SECONDS = 0.02
MEBIBYTE = 2**20
# (signals, actors, topics) of each synthetic case: a year of coded news, more sources as it grows.
SCALES = [(1_000, 30, 10), (10_000, 60, 12), (100_000, 200, 40)]
SEED = 7
# (numerator, denominator, the largest ratio issue 13 accepts)
RATIO_TARGETS = [("brief", "floor", 1.5), ("brief", "peer", 0.35), ("report", "floor", 3.5),
                 ("scale_10000", "floor", 3.0)]
# The largest brief, in bytes, that issue 7 accepts for each scale.
SIZE_TARGETS = {"scale_10000": 3_000_000, "scale_100000": 5_000_000}
MEMORY_TARGET_MB = {"scale_100000": 2048}


def describe_machine() -> str:
    """CPU model, core count, memory, OS and Python: what the timings were measured on."""
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory_gib = psutil.virtual_memory().total / 2**30
    return (f"{model}, {os.cpu_count()} CPUs, {memory_gib:.0f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def measure_peak_memory(process: psutil.Process, stop: threading.Event, peak: list[int]) -> None:
    """Keep in peak[0] the largest resident memory of `process` and its descendants together."""
    while not stop.is_set():
        try:
            tree = [process, *process.children(recursive=True)]
            total = 0
            for member in tree:
                try:
                    total += member.memory_info().rss
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total)
        except psutil.Error:
            pass
        stop.wait(SAMPLE_SECONDS)


def run_once(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run `command` (in `env`, default this process's), fail loudly if it fails; return its wall time
    in seconds and peak memory in bytes."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=measure_peak_memory, args=(psutil.Process(process.pid), stop, peak))
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stdout}\n{stderr}")
    return seconds, peak[0]


@dataclasses.dataclass
class Run:
    """One row of the table: a command, how often to time it, the page it writes, and its timings."""

    name: str
    command: list[str]
    cwd: Path
    repetitions: int
    html: Path
    seconds: list[float] = dataclasses.field(default_factory=list)
    peaks: list[int] = dataclasses.field(default_factory=list)


def measure_interleaved(runs: list[Run]) -> list[dict]:
    """Time every run, round after round (floor, peer, brief, ... then again), one row each.

    On a machine shared with other work, load comes and goes over minutes; timing each
    command in turn spreads it over all of them, instead of charging a slow minute to
    whichever command happened to be timed then.
    """
    for round_number in range(max(run.repetitions for run in runs)):
        for run in runs:
            if round_number < run.repetitions:
                seconds, peak = run_once(run.command, run.cwd)
                run.seconds.append(seconds)
                run.peaks.append(peak)
                print(f"  {run.name}: {seconds:.2f} s", file=sys.stderr, flush=True)
    return [summarise(run) for run in runs]


def summarise(run: Run) -> dict:
    """The row of the results table for a timed run."""
    # The report's size counts every file of it: pages and the dossiers' shared bundle and stylesheet.
    pages = [run.html, *sorted((run.html.parent / "actors").glob("*"))] if run.name == "report" else [run.html]
    return {
        "run": run.name, "repetitions": run.repetitions, "median_seconds": round(statistics.median(run.seconds), 3),
        "min_seconds": round(min(run.seconds), 3), "max_seconds": round(max(run.seconds), 3),
        "peak_memory_mb": round(max(run.peaks) / MEBIBYTE), "pages": sum(page.suffix == ".html" for page in pages),
        "html_bytes": sum(page.stat().st_size for page in pages), "brief_html_bytes": run.html.stat().st_size,
    }


def write_empty_notebooks(folder: Path) -> Path:
    """brief.ipynb and actor.ipynb holding only their parameters cell, as in notebooks/: the floor's notebooks."""
    folder.mkdir(parents=True)
    for name in ("brief.ipynb", "actor.ipynb"):
        notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
        notebook.cells = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
        nbformat.write(notebook, folder / name)
    return folder


def render_command(case: Path, out: Path, *extra: str | Path) -> list[str]:
    return [sys.executable, "-m", "signalbrief", "render", "--case", str(case), "--out", str(out),
            "--debug-dir", str(out.parent / "debug"), *map(str, extra)]


def synthesize(folder: Path, signals: int, actors: int, topics: int) -> Path:
    subprocess.run([sys.executable, "-m", "signalbrief", "synthesize", "--signals", str(signals), "--actors",
                    str(actors), "--topics", str(topics), "--seed", str(SEED), str(folder)],
                   check=True, capture_output=True)
    return folder


def run_benchmark(work: Path, repetitions: int, largest_repetitions: int, largest: int) -> list[dict]:
    """Every run of the table, in order, timed in rounds (`measure_interleaved`); the first
    render fills the Vega bundle cache untimed."""
    empty = write_empty_notebooks(work / "empty-notebooks")
    floor_command = render_command(CASE, work / "floor" / "brief.html", "--notebooks", empty, "--no-dossiers")
    (work / "peer").mkdir()
    executed = work / "peer" / "brief.ipynb"
    peer_command = ["bash", "-c", f'"$0" notebooks/brief.ipynb "$1" --log-level WARNING && '
                    f'"$2" nbconvert --to html --template signalbrief "$1" --log-level WARN',
                    str(BIN / "papermill"), str(executed), str(BIN / "jupyter")]
    brief_command = render_command(CASE, work / "brief" / "brief.html", "--no-dossiers")
    print("warming up (bytecode, Vega bundle cache)", file=sys.stderr, flush=True)
    run_once(floor_command, REPO)
    run_once(peer_command, REPO)
    runs = [
        Run("floor", floor_command, REPO, repetitions, work / "floor" / "brief.html"),
        Run("peer", peer_command, REPO, repetitions, work / "peer" / "brief.html"),
        Run("brief", brief_command, REPO, repetitions, work / "brief" / "brief.html"),
        Run("report", render_command(CASE, work / "report" / "brief.html"), REPO, repetitions,
            work / "report" / "brief.html"),
    ]
    for signals, actors, topics in SCALES:
        if signals > largest:
            continue
        case = synthesize(work / f"case-{signals}", signals, actors, topics)
        out = work / f"scale-{signals}" / "brief.html"
        times = largest_repetitions if signals == max(size for size, _, _ in SCALES) else repetitions
        runs.append(Run(f"scale_{signals}", render_command(case, out, "--no-dossiers"), REPO, times, out))
    return measure_interleaved(runs)


def add_ratios(rows: list[dict], machine: str) -> None:
    floor = next(row["median_seconds"] for row in rows if row["run"] == "floor")
    for row in rows:
        row["ratio_to_floor"] = round(row["median_seconds"] / floor, 2)
        row["machine"] = machine


def describe_targets(rows: list[dict]) -> list[str]:
    """One line per target (issues 7 and 13): the measured figure, the target, met or not."""
    by_run = {row["run"]: row for row in rows}
    lines = []
    for numerator, denominator, target in RATIO_TARGETS:
        if numerator in by_run and denominator in by_run:
            ratio = by_run[numerator]["median_seconds"] / by_run[denominator]["median_seconds"]
            verdict = "met" if ratio <= target else "NOT met"
            lines.append(f"{numerator}/{denominator} = {ratio:.2f} (target <= {target}): {verdict}")
    for run, limit in SIZE_TARGETS.items():
        if run in by_run:
            size = by_run[run]["brief_html_bytes"]
            verdict = "met" if size <= limit else "NOT met"
            lines.append(f"{run} brief HTML = {size / 1e6:.2f} MB (target <= {limit / 1e6:.0f} MB): {verdict}")
    for run, limit in MEMORY_TARGET_MB.items():
        if run in by_run:
            peak = by_run[run]["peak_memory_mb"]
            verdict = "met" if peak < limit else "NOT met"
            lines.append(f"{run} peak memory = {peak} MiB (target < {limit} MiB): {verdict}")
    return lines


COLUMNS = ["run", "repetitions", "median_seconds", "min_seconds", "max_seconds", "ratio_to_floor",
           "peak_memory_mb", "pages", "html_bytes", "brief_html_bytes", "machine"]


def format_table(rows: list[dict]) -> str:
    """The results as a Markdown table, for the terminal and the README."""
    shown = COLUMNS[:-1]
    lines = ["| " + " | ".join(shown) + " |", "|" + "---|" * len(shown)]
    lines += ["| " + " | ".join(str(row[column]) for column in shown) + " |" for row in rows]
    return "\n".join(lines)


def write_results(rows: list[dict]) -> None:
    with open(RESULTS_CSV, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_chart(rows: list[dict]) -> None:
    """Median seconds per run as bars, the floor as a rule: an SVG drawn offline by vl-convert."""
    import altair as alt
    import pandas as pd

    table = pd.DataFrame(rows)
    table["ratio_label"] = [f"{ratio:.2f}× floor" for ratio in table["ratio_to_floor"]]
    floor = table.loc[table.run == "floor", "median_seconds"].iloc[0]
    title = alt.TitleParams(f"Render time against the floor ({floor:.1f} s: an empty notebook)",
                            subtitle="Median wall time of each run; the label is its multiple of the floor (dashed line).")
    bars = alt.Chart(table, title=title).mark_bar().encode(
        x=alt.X("median_seconds:Q", title="Median wall time (seconds)"),
        y=alt.Y("run:N", sort=list(table.run), title=None),
        tooltip=["run:N", "median_seconds:Q", "ratio_to_floor:Q", "peak_memory_mb:Q", "html_bytes:Q"],
    )
    labels = bars.mark_text(align="left", dx=4).encode(text="ratio_label:N")
    rule = alt.Chart(pd.DataFrame({"floor": [floor]})).mark_rule(color="#b2182b", strokeDash=[4, 3]).encode(
        x="floor:Q")
    chart = (bars + labels + rule).properties(width=480, height=24 * len(table))
    chart.save(str(RESULTS_CHART))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=5, help="repetitions of each cheap run (default: 5)")
    parser.add_argument("--largest-repetitions", type=int, default=1,
                        help="repetitions of the 100,000-signal brief (default: 1)")
    parser.add_argument("--largest", type=int, default=max(size for size, _, _ in SCALES),
                        help="skip synthetic cases with more signals than this")
    args = parser.parse_args(argv)
    machine = describe_machine()
    print(f"machine: {machine}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="signalbrief-bench-") as work:
        rows = run_benchmark(Path(work), args.repetitions, args.largest_repetitions, args.largest)
    add_ratios(rows, machine)
    write_results(rows)
    write_chart(rows)
    print(f"machine: {machine}")
    print(format_table(rows))
    print("\n".join(describe_targets(rows)))
    print(f"wrote {RESULTS_CSV.relative_to(REPO)} and {RESULTS_CHART.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
