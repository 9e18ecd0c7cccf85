"""Re-execute the course notebooks in place and print how long each took.

Usage (from the repository root):
    python tools/run_notebooks.py                 # every notebook, saved with outputs
    python tools/run_notebooks.py 03              # the notebooks whose name contains "03"
    python tools/run_notebooks.py --no-write      # time them only, leave the files alone

Each notebook runs top to bottom in a fresh kernel with ``notebooks/`` as working
directory, as a learner's "Restart & Run All" would. The table gives the wall time of
each notebook and its slowest cells. Timings are noisy: measure on an idle machine.
"""
import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def cell_seconds(cell) -> float:
    """Return the execution time of a cell from the timing metadata nbclient records."""
    timing = cell.get("metadata", {}).get("execution", {})
    try:
        start = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
    except KeyError:
        return 0.0
    return (end - start).total_seconds()


def execute(path: Path, write: bool, timeout: int = 600) -> tuple:
    """Execute one notebook; return (wall seconds, [(seconds, cell index, first line)])."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            record_timing=True, store_widget_state=True)
    start = time.perf_counter()
    client.execute()
    wall = time.perf_counter() - start
    cells = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
            cells.append((cell_seconds(cell), i, first[:60]))
        cell.metadata.pop("execution", None)   # keep diffs free of timestamps
    if write:
        nbformat.write(nb, path)
    return wall, sorted(cells, reverse=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="run only notebooks whose name contains one of these")
    parser.add_argument("--no-write", action="store_true", help="do not save the outputs")
    parser.add_argument("--top", type=int, default=3, help="slowest cells to show per notebook")
    args = parser.parse_args(argv)
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if args.names:
        paths = [p for p in paths if any(n in p.name for n in args.names)]
    if not paths:
        print(f"no notebook in {NOTEBOOKS} matches {args.names}", file=sys.stderr)
        return 2
    total = 0.0
    print(f"{'notebook':38s} {'seconds':>8s}   slowest cells (seconds, cell index, first line)")
    for path in paths:
        wall, cells = execute(path, write=not args.no_write)
        total += wall
        slow = "; ".join(f"{s:.1f}s #{i} {line}" for s, i, line in cells[:args.top])
        print(f"{path.name:38s} {wall:8.1f}   {slow}", flush=True)
    print(f"{'total':38s} {total:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
