"""Lint: ruff on the repository, and ruff on each notebook with its solutions loaded.

``ruff check .`` lints every notebook as committed and every solution file on its own. Neither
sees a solution where it runs, inside its notebook (``%load`` replaces the exercise cell with it):
there a solution may use a name the notebook has renamed, which would otherwise surface only in
the solved run of tests/test_notebooks.py, minutes later. And a notebook's setup cell imports
what only its solutions use, which is why pyproject.toml lets F401 pass on the notebooks.

So each notebook is written out again with its solutions loaded, to a temporary folder, and
linted for undefined names (F821), unused imports (F401) and redefinitions of a name never
used (F811). The solved copy stays a notebook: ruff then reads IPython's magics and ``!`` lines
and knows IPython's builtins (``display``) exactly as it does for the committed notebooks.
"""
import importlib.util
import json
import subprocess
import sys

import nbformat
import pytest

from jupyter_support import NOTEBOOKS, ROOT, load_cells, read

SOLVED_RULES = "F821,F401,F811"

pytestmark = pytest.mark.skipif(importlib.util.find_spec("ruff") is None,
                                reason="ruff is not installed (pip install -r requirements-test.txt)")


def ruff(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def solved(path):
    """Return the notebook with each ``%load`` cell replaced by its solution, and {cell number: solution}."""
    nb = read(path)
    solutions = {}
    for i, target in load_cells(nb):
        solution = (path.parent / target).resolve()
        nb.cells[i].source = solution.read_text(encoding="utf-8")
        solutions[i + 1] = solution.relative_to(ROOT).as_posix()    # ruff numbers all cells from 1
    return nb, solutions


def solved_problems(path, nb, solutions, folder) -> list:
    """Lint ``nb``, the solved copy of the notebook at ``path``; return one line per finding."""
    copy = folder / path.name
    nbformat.write(nb, copy)
    result = ruff("check", "--isolated", "--no-cache", "--select", SOLVED_RULES, "--output-format=json",
                  copy.name, cwd=folder)
    assert result.returncode in (0, 1), f"ruff could not lint the solved {path.name}:\n{result.stderr}"

    def where(cell):
        return solutions.get(cell) or f"notebooks/{path.name} cell {cell}"

    return [f"{where(f['cell'])}, line {f['location']['row']}: {f['code']} {f['message']}"
            for f in json.loads(result.stdout)]


def test_ruff_check_is_clean():
    result = ruff("check", "--no-cache", "--output-format=concise", ".", cwd=ROOT)
    assert result.returncode == 0, ("`ruff check .` reports problems (`ruff check --fix .` mends some):\n"
                                    f"{result.stdout}{result.stderr}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_with_solutions_loaded_is_clean(path, tmp_path):
    nb, solutions = solved(path)
    problems = solved_problems(path, nb, solutions, tmp_path)
    assert not problems, (f"{path.name} with its solutions loaded: a solution uses a name the notebook "
                          "does not define (renamed?), or an import nothing uses:\n" + "\n".join(problems))


EXERCISED = next(p for p in NOTEBOOKS if load_cells(read(p)))


@pytest.mark.parametrize("rule, line, name, in_solution", [
    ("F821", "print(undefined_name_xyz)", "undefined_name_xyz", True),
    ("F401", "import colorsys", "colorsys", True),
    ("F401", "import colorsys", "colorsys", False),          # in the notebook's own first code cell
])
def test_solved_lint_reports_a_broken_solution(rule, line, name, in_solution, tmp_path):
    """The check above can fail: a name the notebook lacks, or an unused import, is reported where it is."""
    nb, solutions = solved(EXERCISED)
    if in_solution:
        cell, where = next(iter(solutions.items()))
    else:
        cell = next(i for i, c in enumerate(nb.cells, 1) if c.cell_type == "code" and i not in solutions)
        where = f"notebooks/{EXERCISED.name} cell {cell}"
    nb.cells[cell - 1].source += f"\n{line}\n"
    problems = solved_problems(EXERCISED, nb, solutions, tmp_path)
    assert len(problems) == 1 and problems[0].startswith(f"{where}, line ") \
        and f"{rule} " in problems[0] and f"`{name}`" in problems[0], problems
