"""Checks on the notebooks themselves, beside nbval's cell-by-cell run.

* static checks: execution counts run 1..n, no machine paths leak into sources or outputs, every
  solution is loaded by a notebook (the files a notebook reads: tests/test_notebook_paths.py);
* the solved run: each notebook that has exercises is executed once more with every
  ``# %load ../solutions/...`` cell replaced by the file it names, so a solution that
  breaks, or a checkpoint that only holds with the solution, fails here.
"""
import re

import nbformat
import pytest

from jupyter_support import load_cells
from tools.layout import MEMORY_LIMIT_BYTES, MEMORY_LIMIT_GB, NOTEBOOK_DIR, SOLUTION_DIR, notebook_paths
from tools.run_notebooks import execute_in_kernel

NOTEBOOKS = notebook_paths()
MACHINE_PATH = re.compile(r"/tmp/|/root/|/home/\w+/|/Users/\w+/|/work/|site-packages|[A-Z]:\\\\")


def _read(path):
    return nbformat.read(path, as_version=4)


def test_course_has_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS][:3] == ["01", "02", "03"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_saved_run_is_clean(path):
    nb = _read(path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), \
        f"{path.name} was not saved from one top-to-bottom run: re-run tools/run_notebooks.py"
    for i, cell in enumerate(nb.cells):
        text = cell.source + "".join(str(o) for o in cell.get("outputs", []))
        assert not MACHINE_PATH.search(text), f"{path.name} cell {i} shows a machine path"
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                assert "raises-exception" in cell.metadata.get("tags", []), \
                    f"{path.name} cell {i} saved an unexpected error {out.ename}"


def solved(nb):
    """Return a copy of ``nb`` with each ``# %load`` cell replaced by the file it names."""
    nb = nbformat.from_dict(nb)
    for i, target in load_cells(nb):
        nb.cells[i].source = (NOTEBOOK_DIR / target).read_text(encoding="utf-8")
    return nb


WITH_EXERCISES = [p for p in NOTEBOOKS if load_cells(_read(p))]


# The later notebooks are the longest: run first, they leave the short runs to fill the end.
@pytest.mark.slow
@pytest.mark.parametrize("path", WITH_EXERCISES[::-1], ids=lambda p: p.stem)
def test_notebook_runs_with_solutions_loaded(path):
    nb = solved(_read(path))
    _, peak = execute_in_kernel(nb, NOTEBOOK_DIR, timeout=1800)  # raises CellExecutionError on failure
    assert peak <= MEMORY_LIMIT_BYTES, (f"{path.name} with its solutions loaded peaked at {peak / 1e9:.2f} GB "
                                        f"of kernel memory, over the {MEMORY_LIMIT_GB} GB limit")


def test_solutions_are_all_used():
    used = {(NOTEBOOK_DIR / t).resolve() for p in NOTEBOOKS for _, t in load_cells(_read(p))}
    unused = [s.name for s in sorted(SOLUTION_DIR.glob("*.py")) if s.resolve() not in used]
    assert not unused, f"solutions no notebook loads: {unused}"
