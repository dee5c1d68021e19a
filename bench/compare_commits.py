"""Time the render of two commits against each other, in one run: `python bench/compare_commits.py BASE [HEAD]`.

A change to the render pipeline also moves `make bench`'s floor, so its ratios cannot show
it; this script answers "is the new commit faster than the old one on this machine, now?".
Each commit is checked out into a temporary git worktree, and each command runs there with
PYTHONPATH pointing at that worktree, so the render process and its kernels both import that
commit's package (the project's venvs are used as they are: both commits must work with them).
The commands are timed in turn, round after round, as in run_bench.py, and the median of each
is kept; the ratio is head / base (below 1: the head is faster).

- floor:  render --no-dossiers of the empty notebooks (the brief's parameters cell only);
- brief:  render --no-dossiers of the real case;
- report: render of the real case, the brief and every dossier.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run_bench import CASE, REPO, describe_machine, run_once, write_empty_notebooks

RUNS = ("floor", "brief", "report")


def add_worktree(commit: str, folder: Path) -> Path:
    """A checkout of `commit` at `folder` (git worktree, detached), removed by `remove_worktree`."""
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(folder), commit], check=True)
    # Its bytecode, as `make setup` compiles the project's: where PYTHONDONTWRITEBYTECODE is set, every
    # process would otherwise compile the package again.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder / "signalbrief")], check=True)
    return folder


def remove_worktree(folder: Path) -> None:
    subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(folder)], check=False)


def command_for(run: str, checkout: Path, out: Path, empty: Path) -> list[str]:
    """The render command of `run` for the commit checked out at `checkout`."""
    command = [sys.executable, "-m", "signalbrief", "render", "--case", str(CASE), "--out", str(out),
               "--debug-dir", str(out.parent / "debug")]
    if run == "floor":
        command += ["--notebooks", str(empty)]
    if run in ("floor", "brief"):
        command += ["--no-dossiers"]
    return command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the commit to compare against (e.g. HEAD~3)")
    parser.add_argument("head", nargs="?", default="HEAD", help="the commit to time (default: HEAD)")
    parser.add_argument("--repetitions", type=int, default=5, help="rounds of every command (default: 5)")
    args = parser.parse_args(argv)
    print(f"machine: {describe_machine()}", file=sys.stderr)
    seconds: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="signalbrief-compare-") as work_dir:
        work = Path(work_dir)
        empty = write_empty_notebooks(work / "empty-notebooks")
        checkouts = {name: add_worktree(commit, work / name) for name, commit in (("base", args.base),
                                                                                   ("head", args.head))}
        try:
            for round_number in range(args.repetitions + 1):  # round 0 warms up, untimed
                for run in RUNS:
                    for name, checkout in checkouts.items():
                        out = work / "out" / name / run / "brief.html"
                        command = command_for(run, checkout, out, empty)
                        env = {**os.environ, "PYTHONPATH": str(checkout)}
                        elapsed, _ = run_once(command, checkout, env=env)
                        if round_number:
                            seconds.setdefault((name, run), []).append(elapsed)
                            print(f"  {name} {run}: {elapsed:.2f} s", file=sys.stderr, flush=True)
        finally:
            for checkout in checkouts.values():
                remove_worktree(checkout)
    print(f"| run | {args.base} median s | {args.head} median s | {args.head} / {args.base} |")
    print("|---|---|---|---|")
    for run in RUNS:
        base, head = (statistics.median(seconds[(name, run)]) for name in ("base", "head"))
        print(f"| {run} | {base:.2f} | {head:.2f} | {head / base:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
