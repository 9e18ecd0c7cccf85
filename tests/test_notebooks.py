"""Checks on the notebooks themselves, beside nbval's cell-by-cell run.

* static checks: every ``%load`` target and every image exists, execution counts run
  1..n, no machine paths leak into sources or outputs;
* the solved run: each notebook that has exercises is executed once more with every
  ``# %load ../solutions/...`` cell replaced by the file it names, so a solution that
  breaks, or a checkpoint that only holds with the solution, fails here.
"""
import re
from pathlib import Path

import nbformat
import pytest

from tools.run_notebooks import LIMIT_GB, run

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
LOAD = re.compile(r"^#\s*%load\s+(\S+)\s*$", re.M)
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)|<img[^>]+src=[\"']([^\"']+)[\"']")
MACHINE_PATH = re.compile(r"/tmp/|/root/|/home/\w+/|/Users/\w+/|/work/|site-packages|[A-Z]:\\\\")


def _read(path):
    return nbformat.read(path, as_version=4)


def _load_targets(nb):
    return [(i, m.group(1)) for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for m in LOAD.finditer(c.source)]


def test_course_has_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS][:3] == ["01", "02", "03"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_load_targets_and_images_exist(path):
    nb = _read(path)
    missing = [f"cell {i}: %load {t}" for i, t in _load_targets(nb)
               if not (NOTEBOOK_DIR / t).is_file()]
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for m in IMAGE.finditer(cell.source):
                ref = m.group(1) or m.group(2)
                if not ref.startswith(("http:", "https:", "data:", "attachment:")) \
                        and not (NOTEBOOK_DIR / ref).is_file():
                    missing.append(f"cell {i}: image {ref}")
    assert not missing, f"{path.name} references files that do not exist: {missing}"


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
    for i, target in _load_targets(nb):
        nb.cells[i].source = (NOTEBOOK_DIR / target).read_text(encoding="utf-8")
    return nb


WITH_EXERCISES = [p for p in NOTEBOOKS if _load_targets(_read(p))]


# The later notebooks are the longest: run first, they leave the short runs to fill the end.
@pytest.mark.slow
@pytest.mark.parametrize("path", WITH_EXERCISES[::-1], ids=lambda p: p.stem)
def test_notebook_runs_with_solutions_loaded(path):
    nb = solved(_read(path))
    _, peak = run(nb, NOTEBOOK_DIR, timeout=1800)  # raises CellExecutionError on failure
    assert peak <= LIMIT_GB * 1e9, (f"{path.name} with its solutions loaded peaked at "
                                    f"{peak / 1e9:.2f} GB of kernel memory, over the {LIMIT_GB} GB limit")


def test_solutions_are_all_used():
    used = {(NOTEBOOK_DIR / t).resolve() for p in NOTEBOOKS for _, t in _load_targets(_read(p))}
    unused = [s.name for s in sorted((ROOT / "solutions").glob("*.py")) if s.resolve() not in used]
    assert not unused, f"solutions no notebook loads: {unused}"
