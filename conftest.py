"""Test-suite settings shared by every test and every notebook.

Being at the root, this file also puts the repository on sys.path, so that tests can import
``tools.*`` and ``experiments.*``.

The tiers (markers registered in pyproject.toml):

* ``pytest -m "not slow and not e2e"``: the quick tier, every unit test and static check.
* ``pytest -n 2``: the full suite, what CI runs (the README gives both commands).

``pytest notebooks/05_variable_length_sequences.ipynb`` runs one notebook through nbval, and
``pytest tests/test_data.py`` one test file, with no option to remember: the nbval options
are set here rather than on every command line.
"""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


def pytest_configure(config):
    option = config.option
    if not getattr(option, "nbval", True):          # --nbval (strict) wins when given
        # run every cell and compare only the cells tagged nbval-check-output
        option.nbval_lax = True
    if hasattr(option, "nbval_current_env"):
        # this environment's Python, whatever kernel a notebook names
        option.nbval_current_env = True
        if option.nbval_sanitize_with is None:
            option.nbval_sanitize_with = str(ROOT / "tests" / "nbval_sanitize.cfg")
        option.nbval_cell_timeout = max(int(option.nbval_cell_timeout), 1800)


@pytest.hookimpl(tryfirst=True)                     # before -m deselects
def pytest_collection_modifyitems(items):
    """A notebook's cells run code that trains: nbval's items are slow."""
    for item in items:
        if type(item).__module__.startswith("nbval"):
            item.add_marker(pytest.mark.slow)
