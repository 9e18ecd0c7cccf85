"""The layout a maintainer reads in one look: tools/layout.py's names hold, the constants it defines are
not copied elsewhere, and helpers/__init__.py describes every module of the package."""
import re

import helpers
from tools.layout import (COURSE_FOLDERS, IMAGE_DIR, LOAD, NOTEBOOK_DIR, RESULTS_DIR, ROOT, SOLUTION_DIR,
                          notebook_paths)

# Copies of tools/layout.py's constants, as they were typed before it existed.
COPIES = {
    "the notebook glob": re.compile(re.escape("[0-9][0-9]_*.ipynb")),
    "the %load pattern": re.compile(re.escape(r"%load\s+(\S+)")),
    "the memory limit": re.compile(r"(?i)(limit\w*|memory\w*)\s*=\s*(int\()?1\.5"),
}
# Files of the suite that still have a copy, to be switched to tools/layout.py (then removed here).
NOT_YET_SWITCHED = set()


def copies(text: str) -> list:
    """Return the names of the layout constants that ``text`` types again."""
    return [name for name, pattern in COPIES.items() if pattern.search(text)]


def test_the_layout_names_what_is_there():
    for folder in (NOTEBOOK_DIR, SOLUTION_DIR, IMAGE_DIR, RESULTS_DIR, *(ROOT / f for f in COURSE_FOLDERS)):
        assert folder.is_dir(), f"{folder} is not a folder"
    numbers = [int(path.name[:2]) for path in notebook_paths()]
    assert numbers == list(range(1, len(numbers) + 1)), f"notebooks numbered {numbers}: a gap or a double"
    exercise = "# Exercise 1: your code here.\n# %load ../solutions/01_ex1_rnn_states.py\n"
    assert LOAD.findall(exercise) == ["../solutions/01_ex1_rnn_states.py"]


def test_the_layout_constants_are_not_copied():
    sources = [p for folder in ("tests", "tools", "experiments") for p in (ROOT / folder).glob("*.py")]
    found = {p.relative_to(ROOT).as_posix(): copies(p.read_text(encoding="utf-8"))
             for p in sources + [ROOT / "conftest.py"] if p.name not in ("layout.py", "test_layout.py")}
    assert {name for name, what in found.items() if what} == NOT_YET_SWITCHED, \
        f"import these from tools/layout.py instead: { {n: w for n, w in found.items() if w} }"


def test_a_copy_is_recognised():
    assert copies('paths = sorted(folder.glob("[0-9][0-9]_*.ipynb"))\nLIMIT_GB = 1.5\n') == \
        ["the notebook glob", "the memory limit"]
    assert copies('LOAD = re.compile(r"^#\\s*%load\\s+(\\S+)\\s*$")') == ["the %load pattern"]
    assert copies("level = 1.5\ny = 1.5 - 1.7 * k") == []


def test_helpers_docstring_describes_every_module():
    modules = {p.stem for p in (ROOT / "helpers").glob("*.py") if not p.name.startswith("_")}
    described = re.findall(r"^\* ``(\w+)``: \S", helpers.__doc__, re.M)
    assert sorted(described) == sorted(modules), \
        f"helpers/__init__.py: describe {sorted(modules - set(described))}, drop {sorted(set(described) - modules)}"
