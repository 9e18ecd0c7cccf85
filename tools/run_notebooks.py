"""Re-execute the course notebooks in place and print how long each took.

Usage (from the repository root):
    python tools/run_notebooks.py                 # every notebook, saved with outputs
    python tools/run_notebooks.py 03              # the notebooks whose name contains "03"
    python tools/run_notebooks.py --no-write      # time them only, leave the files alone

Each notebook runs top to bottom in a fresh kernel with ``notebooks/`` as working
directory, as a learner's "Restart & Run All" would. The table gives the wall time of
each notebook, its peak memory and its slowest cells. Timings are noisy: measure on an
idle machine. The peak memory is read inside the kernel once the last cell has run (see
``PEAK_MEMORY_PROBE``): the kernel's own high-water mark of resident memory, or that of its
largest finished child process if a child went higher. The command exits with status 1 if a
notebook goes over ``--limit`` (tools/layout.py's MEMORY_LIMIT_GB by default, 1.5 GB, to leave
room under Binder's 2 GB).
"""
import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.layout import MEMORY_LIMIT_GB, NOTEBOOK_DIR, notebook_paths  # noqa: E402
from tools.sync_notebooks import finish_progress_text  # noqa: E402

# Run in the kernel after the notebook's last cell; prints the peak resident memory in bytes:
# the larger of the kernel's own peak and its largest finished child's, never their sum.
#
# * Own peak. Linux: VmHWM of /proc/self/status, the high-water mark since the kernel started its
#   program. Not getrusage's ru_maxrss: Linux carries into it the resident size of the process that
#   launched the kernel, as it was when it started the kernel (fork then exec), so a kernel started
#   by a 1 GB process reports at least 1 GB. Windows: the peak working set (psutil). macOS:
#   ru_maxrss (bytes there), the only peak it offers; tests/test_run_notebooks.py starts the kernel
#   from a process holding extra memory, so a macOS runner tells whether it leaks in there too.
# * Children (Linux, macOS). ru_maxrss of RUSAGE_CHILDREN is the largest peak of a finished child,
#   and a child forked by the kernel counts the pages it shares with the kernel: on Linux it starts
#   at the kernel's resident size at the fork, even for a subprocess that runs another program. The
#   sum would count those pages twice; the larger of the two never does, and the course's notebooks
#   start no process of their own (DataLoader(num_workers=0)), so the kernel's peak is what counts.
PEAK_MEMORY_PROBE = """\
def _course_peak_memory():
    import re
    import sys
    if sys.platform == "win32":
        import psutil
        return psutil.Process().memory_info().peak_wset
    import resource
    if sys.platform.startswith("linux"):
        with open("/proc/self/status") as status:
            own = int(re.search(r"^VmHWM:\\s+(\\d+) kB", status.read(), re.M).group(1)) * 1024
    else:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss          # bytes on macOS
    unit = 1 if sys.platform == "darwin" else 1024                        # ru_maxrss: KiB on Linux
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * unit
    return max(own, children)
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


def execute_in_kernel(nb, cwd: Path, timeout: int = 600) -> tuple:
    """Execute the notebook ``nb`` in place (outputs filled in) in a fresh kernel working in ``cwd``;
    return (wall seconds, the kernel's peak memory in bytes).

    The memory probe runs as an extra last cell, removed again before returning. Raises nbclient's
    CellExecutionError if a cell fails.
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


def run_notebook_file(path: Path, write: bool, timeout: int = 600) -> tuple:
    """Read the notebook at ``path``, execute it in its folder and, with ``write``, save it with its
    outputs; return (wall seconds, peak bytes, [(seconds, cell index, first line)], slowest first)."""
    nb = nbformat.read(path, as_version=4)
    wall, peak = execute_in_kernel(nb, path.parent, timeout)
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
    parser.add_argument("--limit", type=float, default=MEMORY_LIMIT_GB,
                        help=f"peak memory allowed per notebook, in GB (default {MEMORY_LIMIT_GB})")
    args = parser.parse_args(argv)
    if args.limit <= 0:
        parser.error(f"--limit must be a positive number of GB, got {args.limit}")
    paths = notebook_paths()
    if args.names:
        paths = [p for p in paths if any(n in p.name for n in args.names)]
    if not paths:
        print(f"no notebook in {NOTEBOOK_DIR} matches {args.names}", file=sys.stderr)
        return 2
    total, over = 0.0, []
    print(f"{'notebook':38s} {'seconds':>8s} {'peak GB':>8s}   "
          "slowest cells (seconds, cell index, first line)")
    for path in paths:
        wall, peak, cells = run_notebook_file(path, write=not args.no_write, timeout=args.timeout)
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
