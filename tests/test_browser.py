"""The course in JupyterLab, in a real browser, as a student meets it.

A ``jupyter lab`` server on 127.0.0.1 serves a copy of the course; Chromium, driven by
Playwright, opens each notebook and clicks Run > Run All Cells. This run is the suite's
plain run of the notebook (nbval's is then left out, see tests/conftest.py), so it checks
what nbval would, and what only a browser shows:

* the whole notebook runs: every code cell gets an execution count, and the only error
  outputs are in cells tagged ``raises-exception`` (Run All goes on past them);
* the outputs nbval compares (``nbval-check-output`` tag or ``# NBVAL_CHECK_OUTPUT``) are
  those saved in the repository, after tests/nbval_sanitize.cfg;
* progress bars render as widgets, never as "Error displaying widget";
* every picture (diagrams in attachments, plots in outputs) has loaded (naturalWidth > 0);
  the browser has no network, so the badges' images, on the web, are only counted;
* the kernel's peak memory stays under tools/layout.py's limit, 1.5 GB (Binder's is 2 GB): on Linux
  and Windows the high-water mark the system records, on macOS the largest resident size sampled
  every half second while cells run (a lower bound; see tools/memory.py);
* one exercise per notebook: uncommenting its ``# %load`` line and running the cell puts the
  solution's text in the cell, and running it again executes it without error.

Screenshots and a line per notebook (seconds, peak memory) go to the artefacts folder:
$COURSE_TEST_ARTIFACTS, by default seqrnn-course-artifacts/ in the system's temporary folder.
Without Playwright or Chromium every test here skips, for the one reason given.
"""
import os
import re
import time
from pathlib import Path

import pytest

from jupyter_support import (NOTEBOOKS, JupyterServer, artifacts_dir, browser_unavailable, comparable,
                             copy_course, find_chromium, is_checked, load_cells, read, tags)
from tools.layout import MEMORY_LIMIT_BYTES, MEMORY_LIMIT_GB
from tools.memory import PeakMemory

UNAVAILABLE = browser_unavailable()
pytestmark = [pytest.mark.e2e, pytest.mark.slow,
              pytest.mark.skipif(UNAVAILABLE is not None, reason=str(UNAVAILABLE))]

RUN_TIMEOUT = 2400                 # seconds for one Run All: 08 and 09 take 7-15 min on a slow 2-core CPU
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
OFF_MACHINE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")   # the badges' images, for one
# The exercise whose %load each notebook's test exercises (the nth %load cell); default 0.
# Where a notebook has one, a solution that only evaluates keeps the suite short (the solved
# run of tests/test_notebooks.py runs every solution anyway).
EXERCISE = {"04": 2, "06": 1, "09": 2, "10": 1}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return copy_course(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="module")
def server(course, tmp_path_factory):
    srv = JupyterServer(course, tmp_path_factory.mktemp("jupyter-home"), app="lab")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        chromium = playwright.chromium.launch(executable_path=find_chromium(), args=args)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route(OFF_MACHINE, lambda route: route.abort())     # tests never use the network
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


# ---------------------------------------------------------------- driving JupyterLab

def open_notebook(page, server, name):
    """Open notebooks/<name> in JupyterLab; return its kernel id once the kernel is idle."""
    page.goto(f"{server.url}/lab/tree/notebooks/{name}?reset&token={server.token}")
    page.locator(".jp-NotebookPanel .jp-CodeCell").first.wait_for()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        session = next((s for s in server.api("sessions") if s["path"].endswith(name)), None)
        if session and session["kernel"]["execution_state"] == "idle":
            return session["kernel"]["id"]
        time.sleep(0.5)
    raise AssertionError(f"no idle kernel for {name} after 120 s; server log:\n{server.log()}")


def cpu_seconds(processes) -> float:
    total = 0.0
    for proc in processes:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except Exception:                  # a child that has exited
            pass
    return total


def wait_until_done(page, server, kernel_id, processes, timeout, memory, stuck_after=120):
    """Wait until no cell shows [*] and the kernel reports idle twice in a row.

    The kernel's reported state alone is not enough: widget messages make it flicker to
    idle during a long cell; the [*] prompts say what JupyterLab still waits for. Fails
    early if cells stay queued while the kernel uses no CPU for ``stuck_after`` seconds.
    Samples the kernel's memory into ``memory`` (a PeakMemory) at each look.
    """
    deadline, idle = time.monotonic() + timeout, 0
    last_cpu, last_progress = cpu_seconds(processes), time.monotonic()
    prompts = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt")
    while time.monotonic() < deadline:
        busy = any("*" in text for text in prompts.all_inner_texts())
        state = server.api(f"kernels/{kernel_id}")["execution_state"]
        idle = idle + 1 if not busy and state == "idle" else 0
        if idle >= 2:
            return
        memory.sample(processes)
        cpu = cpu_seconds(processes)
        if cpu > last_cpu + 0.05:
            last_cpu, last_progress = cpu, time.monotonic()
        assert not busy or time.monotonic() - last_progress < stuck_after, \
            f"cells wait in JupyterLab's queue ([*]) but the kernel did nothing for {stuck_after} s"
        time.sleep(0.5)
    raise AssertionError(f"the kernel was still busy after {timeout} s")


def menu(page, top, item):
    page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
    page.locator(".lm-Menu-itemLabel").get_by_text(item, exact=True).click()


def save(page, path: Path):
    """Save the notebook from the browser; return it as read back from disk."""
    before = path.stat().st_mtime_ns
    page.locator(".jp-NotebookPanel").first.click(position={"x": 5, "y": 60})
    menu(page, "File", "Save Notebook")
    deadline = time.monotonic() + 30
    while path.stat().st_mtime_ns == before:
        assert time.monotonic() < deadline, f"{path.name} was not saved within 30 s"
        time.sleep(0.2)
    time.sleep(0.3)                                   # let the write finish
    return read(path)


def pictures(page):
    """Return [(in a markdown cell?, naturalWidth, src start)] for every <img> in the notebook."""
    return page.evaluate("""async () => {
        const imgs = Array.from(document.querySelectorAll('.jp-NotebookPanel img'));
        const loaded = imgs.map(img => img.complete ? null :
            new Promise(done => { img.onload = done; img.onerror = done; }));
        await Promise.race([Promise.all(loaded), new Promise(done => setTimeout(done, 15000))]);
        return imgs.map(img => [!!img.closest('.jp-MarkdownCell'), img.naturalWidth,
                                img.src.slice(0, 60)]);
    }""")


def markdown_picture_count(nb):
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            count += cell.source.count("![") + cell.source.lower().count("<img")
    return count


def report(name, line):
    with open(artifacts_dir("browser") / "runs.txt", "a") as out:
        out.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {name} {line}\n")


# ---------------------------------------------------------------- the tests

@pytest.mark.parametrize("original", NOTEBOOKS, ids=lambda p: p.stem)
def test_run_all_in_jupyterlab(original, course, server, page):
    kernel_id = open_notebook(page, server, original.name)
    try:
        check_notebook(original, course, server, page, kernel_id)
    finally:
        try:
            server.api(f"kernels/{kernel_id}", method="DELETE")   # stops cells still running
        except OSError:
            pass                                                   # already gone


def check_notebook(original, course, server, page, kernel_id):
    name, path = original.name, course / "notebooks" / original.name
    shots = artifacts_dir("browser")
    expected = read(original)
    processes = server.kernel_processes(kernel_id)
    assert processes, f"the kernel {kernel_id} of {name} was not found among the server's processes"
    memory = PeakMemory()
    page.screenshot(path=shots / f"{original.stem}-opened.png")

    start = time.perf_counter()
    menu(page, "Run", "Run All Cells")
    wait_until_done(page, server, kernel_id, processes, RUN_TIMEOUT, memory)
    seconds = time.perf_counter() - start
    page.screenshot(path=shots / f"{original.stem}-run-all.png")
    processes = server.kernel_processes(kernel_id)          # with any child it started
    nb = save(page, path)

    # the whole notebook ran, and errors are only where a cell says it shows one
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    not_run = [i for i, c in code if c.execution_count is None]
    errors = [f"cell {i}: {o.ename}: {o.evalue}" for i, c in code for o in c.outputs
              if o.output_type == "error" and "raises-exception" not in tags(c)]
    assert not errors, f"{name}: unexpected errors in JupyterLab: {errors}"
    demonstrations = [i for i, c in code if "raises-exception" in tags(c)]
    assert not not_run, f"{name}: Run All stopped; cells never run: {not_run}" + (
        f". JupyterLab stops its Run All at an error even in a cell tagged raises-exception "
        f"(here cell {demonstrations[0]}): the kernel still runs the cells queued after it, but "
        f"they show [ ] and keep no execution count" if demonstrations and
        not_run[0] > demonstrations[0] else "")
    for i in demonstrations:
        assert any(o.output_type == "error" for o in nb.cells[i].outputs), \
            f"{name}: cell {i} is tagged raises-exception but raised nothing"

    # the outputs nbval compares are those saved in the repository
    differ = [i for i, c in enumerate(expected.cells) if is_checked(c)
              and comparable(c.outputs) != comparable(nb.cells[i].outputs)]
    assert not differ, "\n".join(
        [f"{name}: checked outputs differ from the saved ones in cells {differ}"] +
        [f"cell {i}:\n  saved: {comparable(expected.cells[i].outputs)}\n"
         f"  now:   {comparable(nb.cells[i].outputs)}" for i in differ])

    # widgets and pictures render
    assert page.get_by_text("Error displaying widget").count() == 0, \
        f"{name}: a widget failed to display"
    widget_outputs = sum(WIDGET_MIME in o.get("data", {}) for _, c in code for o in c.outputs)
    rendered_widgets = page.locator(".jp-OutputArea-output .jupyter-widgets").count()
    assert rendered_widgets >= widget_outputs, \
        f"{name}: {widget_outputs} widget outputs, {rendered_widgets} rendered"
    images = pictures(page)
    broken = [src for _, width, src in images if width == 0 and not OFF_MACHINE.match(src)]
    assert not broken, f"{name}: pictures that did not load: {broken}"
    in_markdown = sum(md for md, _, _ in images)
    assert in_markdown >= markdown_picture_count(nb), \
        f"{name}: {markdown_picture_count(nb)} pictures in the text, {in_markdown} shown"
    plots = sum("image/png" in o.get("data", {}) for _, c in code for o in c.outputs)
    assert len(images) - in_markdown >= plots, f"{name}: {plots} plots saved, fewer shown"

    # one exercise: %load puts the solution in the cell, and the solution runs
    exercise_seconds = 0.0
    exercises = load_cells(nb)
    if exercises:
        index, target = exercises[EXERCISE.get(original.stem[:2], 0)]
        solution = (path.parent / target).read_text(encoding="utf-8")
        start = time.perf_counter()
        cell = page.locator(".jp-NotebookPanel .jp-Cell").nth(index)
        cell.scroll_into_view_if_needed()
        line = cell.locator(".cm-line", has_text=re.compile(r"^#\s*%load\s")).first
        text = line.inner_text()
        line.click()
        page.keyboard.press("End")
        page.keyboard.press("Home")
        for _ in range(len(text) - len(text.lstrip("# "))):     # "# %load x" -> "%load x"
            page.keyboard.press("Delete")
        uncommented = cell.locator(".cm-line", has_text=re.compile(r"^%load\s"))
        assert uncommented.count() == 1, f"{name}: could not uncomment {text!r} in cell {index}"
        page.keyboard.press("Shift+Enter")
        wait_until_done(page, server, kernel_id, processes, RUN_TIMEOUT, memory)
        loaded = save(page, path).cells[index]
        assert solution.strip() in loaded.source, \
            f"{name}: after %load, cell {index} does not hold {target}:\n{loaded.source[:500]}"
        cell.locator(".cm-content").click()
        page.keyboard.press("Shift+Enter")
        wait_until_done(page, server, kernel_id, processes, RUN_TIMEOUT, memory)
        solved = save(page, path).cells[index]
        exercise_seconds = time.perf_counter() - start
        page.screenshot(path=shots / f"{original.stem}-exercise.png")
        assert solved.execution_count and solved.execution_count > loaded.execution_count, \
            f"{name}: the loaded solution in cell {index} did not run"
        errors = [f"{o.ename}: {o.evalue}" for o in solved.outputs if o.output_type == "error"]
        assert not errors, f"{name}: the solution {target} failed in JupyterLab: {errors}"

    peak = memory.peak(processes)
    report(name, f"run-all {seconds:.1f} s, exercise {exercise_seconds:.1f} s, "
                 f"peak memory {peak / 1e9:.2f} GB ({memory.method})")
    assert peak > 0, f"{name}: no memory measured for the kernel's processes"
    assert peak <= MEMORY_LIMIT_BYTES, \
        f"{name}: the kernel's peak memory was {peak / 1e9:.2f} GB, over the {MEMORY_LIMIT_GB} GB limit"
