"""requirements.txt (pip) and environment.yml (conda, Binder) must install the same course;
requirements-test.txt adds the test tools, and only those."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONDA_NAMES = {"pytorch": "torch"}  # conda-forge name -> PyPI name
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
TEST_ONLY = {"nbval", "nbclient", "pytest", "pytest-xdist", "playwright", "psutil"}


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
    assert conda.pop("python") == "3.11"
    from_pip = dict(line.split("==") for line in pip_lines if "==" in line)
    assert {**conda, **from_pip} == pip_pins()
    assert not set(conda) & set(from_pip), "a package is installed by both conda and pip"


def test_torch_comes_from_pytorchs_cpu_index_at_the_pinned_version():
    conda, pip_lines = environment()
    assert pip_pins()["torch"] == "2.13.0"                   # the build on local disk here
    assert "torch" not in conda, "torch must come from pip (conda-forge packages releases late)"
    assert f"torch=={pip_pins()['torch']}" in pip_lines
    assert f"--index-url {TORCH_CPU_INDEX}" in pip_lines


def test_scikit_learn_is_pinned_for_the_notebooks_that_use_it():
    assert pip_pins()["scikit-learn"] == "1.9.1"
    assert environment()[0]["scikit-learn"] == "1.9.1"


def test_student_install_is_lean_and_test_tools_are_separate():
    student, test = pip_pins(), pip_pins("requirements-test.txt")
    assert not TEST_ONLY & set(student), f"test tools in requirements.txt: {TEST_ONLY & set(student)}"
    assert set(test) == TEST_ONLY, "requirements-test.txt pins exactly the test tools"
    assert "-r requirements.txt" in (ROOT / "requirements-test.txt").read_text().splitlines()
    assert not TEST_ONLY & set(environment()[0]), "environment.yml is the learner's environment"


def test_helpers_package_is_installed_by_both():
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()
    assert "pip install --no-deps -e ." in (ROOT / "postBuild").read_text()
