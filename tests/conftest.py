"""One plain run per notebook: the browser's, when it can run, else nbval's.

Every notebook is run twice by the suite: plain (as committed, exercises not loaded) and
with every solution loaded (tests/test_notebooks.py). The plain run is nbval's
(``pytest notebooks/``) or, when Chromium and Playwright are here, JupyterLab's Run All in
tests/test_browser.py, which checks everything nbval checks (every cell runs, the marked
outputs match the saved ones) and more. Running both would run each notebook a third time,
so when a notebook's browser test is selected and can run, its nbval cells are deselected.
``pytest notebooks/05_variable_length_sequences.ipynb`` alone does not read this file and
runs nbval as before.

With ``-n 2`` (the full suite's command), two workers (pytest-xdist) share the work. Each test
file is one unit of work, run by one worker (a notebook's nbval cells share a kernel, the browser
tests share a server), except the solved runs: each is a unit of its own, so that both workers take
them in turn while one of them runs the browser's plain runs.
"""
import os
import time

import pytest

from jupyter_support import artifacts_dir, browser_unavailable

BROWSER_TEST = "test_run_all_in_jupyterlab"
SOLVED_RUN = "test_notebook_runs_with_solutions_loaded"

# The suite runs two notebooks at a time (pytest-xdist) beside a browser and a Jupyter server.
# Kernels with two PyTorch threads each then fight for two cores, and the threads that wait for
# each other spin: a 7 s notebook was measured at over 4 CPU-minutes that way on a busy machine.
# One thread per kernel (the kernels inherit this variable) keeps each run at its own pace.
os.environ.setdefault("OMP_NUM_THREADS", "1")


def _is_nbval_cell(item) -> bool:
    return type(item).__module__.startswith("nbval") and item.path.suffix == ".ipynb"


def pytest_xdist_make_scheduler(config, log):
    """Units of work for the two workers: a test file, or one solved run."""
    from xdist.scheduler import LoadScopeScheduling

    class ByFileButSolvedRuns(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return nodeid if f"::{SOLVED_RUN}[" in nodeid else nodeid.split("::", 1)[0]

    return ByFileButSolvedRuns(config, log)


@pytest.hookimpl(trylast=True)             # after -k and -m have chosen the tests
def pytest_collection_modifyitems(config, items):
    in_browser = {item.callspec.id for item in items
                  if getattr(item, "originalname", None) == BROWSER_TEST}
    if not in_browser or browser_unavailable() is not None:
        return
    replaced = [item for item in items if _is_nbval_cell(item) and item.path.stem in in_browser]
    if replaced:
        config.hook.pytest_deselected(items=replaced)
        gone = set(replaced)
        items[:] = [item for item in items if item not in gone]
        config._course_replaced = sorted({item.path.name for item in replaced})


def pytest_report_collectionfinish(config, start_path, items):
    replaced = getattr(config, "_course_replaced", [])
    if replaced:
        return (f"plain run of {len(replaced)} notebooks in JupyterLab (tests/test_browser.py) "
                "instead of nbval; their nbval cells are deselected")


def pytest_configure(config):
    config._course_started = time.strftime("%Y-%m-%d %H:%M:%S")


def pytest_terminal_summary(terminalreporter, config):
    """List this session's browser runs (seconds, peak memory), written by test_browser.py."""
    runs = artifacts_dir("browser") / "runs.txt"
    if not runs.is_file() or hasattr(config, "workerinput"):
        return
    lines = [ln for ln in runs.read_text().splitlines() if ln[:19] >= config._course_started]
    if lines:
        terminalreporter.section("notebooks in JupyterLab (seconds, peak memory)")
        for line in lines:
            terminalreporter.write_line(line[20:])
        terminalreporter.write_line(f"screenshots: {runs.parent}")
