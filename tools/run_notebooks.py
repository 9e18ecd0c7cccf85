"""Re-execute the course notebooks in place and print how long each took.

Usage (from the repository root):
    python tools/run_notebooks.py                 # every notebook, saved with outputs
    python tools/run_notebooks.py 03              # the notebooks whose name contains "03"
    python tools/run_notebooks.py --no-write      # time them only, leave the files alone

Each notebook runs top to bottom in a fresh kernel with ``notebooks/`` as working
directory, as a learner's "Restart & Run All" would. The table gives the wall time of
each notebook, its peak memory and its slowest cells. Timings are noisy: measure on an
idle machine. The peak memory is the kernel's peak resident set size (what the operating
system reports as its high-water mark, plus that of its largest finished child process),
read inside the kernel once the last cell has run; the command exits with status 1 if a
notebook goes over ``--limit`` (1.5 GB by default, to leave room under Binder's 2 GB).
"""
import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.sync_notebooks import finish_progress_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LIMIT_GB = 1.5
# Run in the kernel after the notebook's last cell; prints the peak resident memory in bytes.
PEAK_MEMORY_PROBE = """\
def _course_peak_memory():
    import sys
    try:
        import resource
    except ImportError:                                  # Windows
        import psutil
        return psutil.Process().memory_info().peak_wset
    unit = 1 if sys.platform == "darwin" else 1024       # ru_maxrss: bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) * unit
print("peak-memory-bytes", _course_peak_memory())
del _course_peak_memory
"""


def cell_seconds(cell) -> float:
    """Return the execution time of a cell from the timing metadata nbclient records."""
    timing = cell.get("metadata", {}).get("execution", {})
    try:
        start = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
    except KeyError:
        return 0.0
    return (end - start).total_seconds()


def run(nb, cwd: Path, timeout: int = 600) -> tuple:
    """Execute ``nb`` in place in a fresh kernel; return (wall seconds, peak memory in bytes).

    The memory probe runs as an extra last cell, removed again before returning.
    """
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_MEMORY_PROBE))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}},
                            record_timing=True, store_widget_state=True)
    start = time.perf_counter()
    try:
        client.execute()
    finally:
        probe = nb.cells.pop()
    wall = time.perf_counter() - start
    text = "".join(o.get("text", "") for o in probe.get("outputs", []) if o.output_type == "stream")
    words = text.split()
    if len(words) != 2 or words[0] != "peak-memory-bytes":
        raise RuntimeError(f"the memory probe printed {text!r}")
    return wall, int(words[1])


def execute(path: Path, write: bool, timeout: int = 600) -> tuple:
    """Execute one notebook; return (wall seconds, peak bytes, [(seconds, cell index, first line)])."""
    nb = nbformat.read(path, as_version=4)
    wall, peak = run(nb, path.parent, timeout)
    cells = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
            cells.append((cell_seconds(cell), i, first[:60]))
        cell.metadata.pop("execution", None)   # keep diffs free of timestamps
        finish_progress_text(cell, nb.metadata)  # a saved bar reads as it finished, not "0%"
    if write:
        nbformat.write(nb, path)
    return wall, peak, sorted(cells, reverse=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="run only notebooks whose name contains one of these")
    parser.add_argument("--no-write", action="store_true", help="do not save the outputs")
    parser.add_argument("--top", type=int, default=3, help="slowest cells to show per notebook")
    parser.add_argument("--timeout", type=int, default=600,
                        help="seconds a single cell may take before the run fails (default 600)")
    parser.add_argument("--limit", type=float, default=LIMIT_GB,
                        help=f"peak memory allowed per notebook, in GB (default {LIMIT_GB})")
    args = parser.parse_args(argv)
    if args.limit <= 0:
        parser.error(f"--limit must be a positive number of GB, got {args.limit}")
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if args.names:
        paths = [p for p in paths if any(n in p.name for n in args.names)]
    if not paths:
        print(f"no notebook in {NOTEBOOKS} matches {args.names}", file=sys.stderr)
        return 2
    total, over = 0.0, []
    print(f"{'notebook':38s} {'seconds':>8s} {'peak GB':>8s}   "
          "slowest cells (seconds, cell index, first line)")
    for path in paths:
        wall, peak, cells = execute(path, write=not args.no_write, timeout=args.timeout)
        total += wall
        flag = "!" if peak > args.limit * 1e9 else " "
        if flag == "!":
            over.append(path.name)
        slow = "; ".join(f"{s:.1f}s #{i} {line}" for s, i, line in cells[:args.top])
        print(f"{path.name:38s} {wall:8.1f} {peak / 1e9:7.2f}{flag}   {slow}", flush=True)
    print(f"{'total':38s} {total:8.1f}")
    if over:
        print(f"over the {args.limit} GB limit (marked !): {', '.join(over)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
