"""requirements.txt (pip) and environment.yml (conda, Binder) must install the same course."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONDA_NAMES = {"pytorch": "torch"}  # conda-forge name -> PyPI name


def pip_pins():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            assert version, f"requirements.txt: {line!r} is not pinned with =="
            pins[name.lower()] = version
    return pins


def conda_pins():
    pins = {}
    text = (ROOT / "environment.yml").read_text()
    for name, version in re.findall(r"^\s*-\s*([A-Za-z0-9_.-]+)=([^=\s]+)", text, re.M):
        pins[CONDA_NAMES.get(name.lower(), name.lower())] = version
    return pins


def test_same_packages_and_versions():
    conda = conda_pins()
    assert conda.pop("python") == "3.11"
    assert conda == pip_pins()


def test_torch_is_the_local_cpu_pin_and_conda_build_is_cpu():
    assert pip_pins()["torch"] == "2.13.0"
    assert "pytorch=2.13.0=cpu_*" in (ROOT / "environment.yml").read_text()


def test_helpers_package_is_installed_by_both():
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()
    assert "pip install --no-deps -e ." in (ROOT / "postBuild").read_text()
