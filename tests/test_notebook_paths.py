"""Every file a notebook reads is in the repository, in a folder that a learner's copy of the course has.

A notebook runs in notebooks/ and reaches the rest of the course through "..". A learner's copy of
the course (and the browser test's, tests/jupyter_support.py's copy_course) holds only the folders
tools/layout.py's COURSE_FOLDERS names, so a notebook that reads ``../tools/...`` or
``../experiments/x.py`` breaks there even when the file is in the repository. This static check
would have caught the CI failure of notebook 08 reading
``Path("..") / "tools" / "results" / "char_lm_runs.json"`` after the file moved to experiments/results/.

The paths a notebook reads, as written (relative to notebooks/):

* in code cells: every ``../...`` in the text (string literals, and comments such as
  ``# %run -i ../solutions/x.py``), and every path built from string literals with ``Path(...)``,
  ``os.path.join(...)`` and ``/``, following names assigned such a path earlier in the notebook at
  a cell's top level (``RESULTS = Path("..") / "experiments" / ...``, then ``RESULTS.read_text()``);
  a path built from ".." and something the check cannot follow (a variable, an f-string) is
  reported: write it from literals, so that it can be checked;
* the target of each ``# %load`` line;
* in markdown cells, every image (``![...](...)``, ``<img src=...>``) that is not on the web or an
  attachment.

The solutions (solutions/*.py) run in their notebooks, so their code is checked the same way.

Each must exist, be committed (when git is here), and lie inside one of COURSE_FOLDERS. The check
reads paths, not whether the code reads or writes them: a notebook that writes a new file into the
course would be reported too (none does; a learner's results belong in memory or in notebooks/).
"""
import ast
import functools
import posixpath
import re
import shutil
import subprocess

import nbformat
import pytest

from jupyter_support import python_of
from tools.layout import COURSE_FOLDERS, LOAD, NOTEBOOK_DIR, ROOT, SOLUTION_DIR, notebook_paths

NOTEBOOKS = notebook_paths()
UP = re.compile(r"(?<![\w./-])\.\./[\w./-]*[\w/]")           # ../experiments/results/x.json in any text
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)|<img[^>]+src=[\"']([^\"']+)[\"']")
ON_THE_WEB = ("http:", "https:", "data:", "attachment:")
PATH_CALLS = {"Path", "PurePath", "PurePosixPath", "pathlib.Path", "os.path.join"}
UNFOLLOWED = object()                                          # a path from ".." and something unknown


def _dotted(node) -> str:
    """Return "os.path.join" for the expression os.path.join, "" for what is not a dotted name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def _is_course_path(value) -> bool:
    return isinstance(value, str) and (value == ".." or value.startswith("../"))


class _PathFinder:
    """Collects the paths one notebook's code builds, cell after cell, with the names it assigned."""

    def __init__(self):
        self.names = {}                  # variable -> path it was assigned
        self.found = []                  # (path as written, or UNFOLLOWED with its source text)

    def value(self, node):
        """Return the path ``node`` evaluates to, UNFOLLOWED, or None if it is no path expression."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.JoinedStr):
            first = node.values[0] if node.values else None
            course = isinstance(first, ast.Constant) and _is_course_path(str(first.value))
            return UNFOLLOWED if course else None
        if isinstance(node, ast.Call) and _dotted(node.func) in PATH_CALLS and node.args:
            return self._join([self.value(arg) for arg in node.args])
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            return self._join([self.value(node.left), self.value(node.right)])
        return None

    @staticmethod
    def _join(parts):
        if all(isinstance(part, str) for part in parts):
            return posixpath.join(*parts)
        if parts and (_is_course_path(parts[0]) or parts[0] is UNFOLLOWED):
            return UNFOLLOWED                                  # Path("..") / name
        return None

    def visit(self, tree: ast.AST, source: str) -> None:
        """Record the largest path expressions of ``tree`` (not their parts), and assignments of paths."""
        todo = [tree]
        while todo:
            node = todo.pop()
            is_path = (isinstance(node, ast.Call) and _dotted(node.func) in PATH_CALLS) or \
                (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)) or isinstance(node, ast.JoinedStr)
            value = self.value(node) if is_path else None
            if value is UNFOLLOWED:
                self.found.append((UNFOLLOWED, ast.get_source_segment(source, node)))
            elif isinstance(value, str) and not posixpath.isabs(value):
                self.found.append((value, None))
            else:
                todo.extend(reversed(list(ast.iter_child_nodes(node))))
        for statement in getattr(tree, "body", []):             # NAME = path, at the cell's top level
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                    and isinstance(statement.targets[0], ast.Name):
                value = self.value(statement.value)
                built = isinstance(statement.value, (ast.Call, ast.BinOp))
                if isinstance(value, str) and (built or _is_course_path(value)):
                    self.names[statement.targets[0].id] = value


def paths_read(nb) -> list:
    """Return [(cell index, path as written relative to notebooks/, or None, text if unfollowed)]."""
    finder, found = _PathFinder(), []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            found += [(i, m.group(1) or m.group(2), None) for m in IMAGE.finditer(cell.source)
                      if not (m.group(1) or m.group(2)).startswith(ON_THE_WEB)]
        elif cell.cell_type == "code":
            found += [(i, target, None) for target in LOAD.findall(cell.source)]
            found += [(i, written, None) for written in UP.findall(cell.source)]
            python = python_of(cell.source)
            finder.found = []
            finder.visit(ast.parse(python), python)
            found += [(i, None if p is UNFOLLOWED else p, text) for p, text in finder.found]
    return list(dict.fromkeys(found))                            # once each, in order


@functools.lru_cache(maxsize=1)
def committed_files():
    """Return the set of files git tracks in the repository (posix paths), or None without git."""
    if shutil.which("git") is None:
        return None
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True)
    return set(listed.stdout.split("\0")) - {""} if listed.returncode == 0 else None


def problem(written: str) -> str:
    """Return what is wrong with a path a notebook reads (relative to notebooks/), or "" if nothing."""
    target = (NOTEBOOK_DIR / written).resolve()
    try:
        relative = target.relative_to(ROOT).as_posix()
    except ValueError:
        return "is outside the repository"
    if not any(relative == folder or relative.startswith(folder + "/") for folder in COURSE_FOLDERS):
        return f"is {relative}, outside the learner's copy of the course ({', '.join(COURSE_FOLDERS)})"
    if not target.exists():
        return f"does not exist ({relative})"
    committed = committed_files()
    if committed is not None and relative not in committed \
            and not any(name.startswith(relative + "/") for name in committed):
        return f"is not committed ({relative}): git add it"
    return ""


def problems(nb) -> list:
    """Return the notebook's reads that a learner's copy of the course would not have, as sentences."""
    found = []
    for i, written, text in paths_read(nb):
        if written is None:
            found.append(f"cell {i}: {text} builds a path the check cannot follow: write it from literals")
        elif problem(written):
            found.append(f"cell {i}: {written} {problem(written)}")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_file_a_notebook_reads_is_in_the_learners_copy(path):
    nb = nbformat.read(path, as_version=4)
    assert any(written for _, written, _ in paths_read(nb)), f"{path.name}: no path found, not even ../helpers"
    assert not problems(nb), f"{path.name}:\n" + "\n".join(problems(nb))


@pytest.mark.parametrize("path", sorted(SOLUTION_DIR.glob("*.py")), ids=lambda p: p.stem)
def test_every_file_a_solution_reads_is_in_the_learners_copy(path):
    """A solution runs in its notebook, in notebooks/: the same rule holds for what it reads."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(path.read_text(encoding="utf-8"))])
    assert not problems(nb), f"{path.name}:\n" + "\n".join(problems(nb))


def test_the_paths_notebook_08_reads_are_found():
    nb = nbformat.read(NOTEBOOK_DIR / "08_char_rnn.ipynb", as_version=4)
    written = {w for _, w, _ in paths_read(nb)}
    assert "../experiments/results/char_lm_runs.json" in written
    loads = {target for cell in nb.cells if cell.cell_type == "code" for target in LOAD.findall(cell.source)}
    assert loads and loads <= written


def test_reads_a_learners_copy_lacks_are_caught():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('import json\nfrom pathlib import Path\n'
                                  'RESULTS = Path("..") / "tools" / "results" / "char_lm_runs.json"\n'
                                  'runs = json.loads(RESULTS.read_text())'),                  # last CI's failure
        nbformat.v4.new_code_cell('script = (Path("..") / "experiments" / "char_lm_runs.py").read_text()\n'
                                  'weights = torch.load("../experiments/results/no_such.pt")'),
        nbformat.v4.new_code_cell("name = 'x.json'\nfound = (Path('..') / name).exists()\n"
                                  "%time text = open(f'../data/{name}').read()"),
        nbformat.v4.new_code_cell("# Exercise 1: your code here.\n# %load ../solutions/no_such_solution.py"),
        nbformat.v4.new_markdown_cell("![a diagram](../images/no_such.png) ![badge](https://x.org/b.svg)"),
        nbformat.v4.new_code_cell('ok = Path("../experiments/results/char_lm_runs.json"), '
                                  'Path("..", "data", "moliere.txt"), os.path.isdir("../helpers")'),
        nbformat.v4.new_code_cell('%%time\nlog = (Path("..") / "tools" / "log.txt").read_text()'),
    ])
    assert sorted(problems(nb)) == sorted([
        "cell 0: ../tools/results/char_lm_runs.json is tools/results/char_lm_runs.json, outside the "
        f"learner's copy of the course ({', '.join(COURSE_FOLDERS)})",
        "cell 1: ../experiments/char_lm_runs.py is experiments/char_lm_runs.py, outside the "
        f"learner's copy of the course ({', '.join(COURSE_FOLDERS)})",
        "cell 1: ../experiments/results/no_such.pt does not exist (experiments/results/no_such.pt)",
        "cell 2: Path('..') / name builds a path the check cannot follow: write it from literals",
        "cell 2: f'../data/{name}' builds a path the check cannot follow: write it from literals",
        "cell 3: ../solutions/no_such_solution.py does not exist (solutions/no_such_solution.py)",
        "cell 4: ../images/no_such.png does not exist (images/no_such.png)",
        "cell 6: ../tools/log.txt is tools/log.txt, outside the learner's copy of the course "
        f"({', '.join(COURSE_FOLDERS)})",
    ])
