"""Support for the tests that meet the course as students do: a Jupyter server on 127.0.0.1,
the system's Chromium (driven by Playwright), and the notebook facts those tests compare.

Used by tests/test_browser.py, tests/test_nbgitpuller.py, tests/test_hub.py, tests/test_navigation.py
and tests/conftest.py.
"""
import configparser
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import json
from pathlib import Path

import nbformat

from tools.layout import COURSE_FOLDERS, LOAD, ROOT, notebook_paths

NOTEBOOKS = notebook_paths()
CHROMIUM_VARIABLE = "CHROMIUM"                   # a Chromium or Chrome binary to use instead
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ARTIFACTS_VARIABLE = "COURSE_TEST_ARTIFACTS"     # where screenshots and run reports go

# JupyterLab user settings for the tests: render every cell (JupyterLab 4 otherwise only
# draws the cells near the viewport, and the checks read them all), no news pop-up, and no
# autosave, so that the notebook file changes only when the test saves it.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


# ---------------------------------------------------------------- the browser

def find_chromium():
    """Return the path of a Chromium binary ($CHROMIUM, else one on PATH), or None."""
    named = os.environ.get(CHROMIUM_VARIABLE)
    if named:
        if not Path(named).is_file():
            raise FileNotFoundError(f"{CHROMIUM_VARIABLE}={named!r} is not a file")
        return named
    return next((path for path in map(shutil.which, CHROMIUM_NAMES) if path), None)


def browser_unavailable():
    """Return why the browser tests cannot run here (a sentence), or None if they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-test.txt)"
    if find_chromium() is None:
        return ("no Chromium on this machine (Debian/Ubuntu: apt-get install chromium; or set "
                f"{CHROMIUM_VARIABLE} to a Chrome binary): nbval runs the notebooks headless instead")
    return None


def artifacts_dir(*parts) -> Path:
    """Return (created) the folder for test artefacts, outside the repository by default."""
    base = os.environ.get(ARTIFACTS_VARIABLE) or Path(tempfile.gettempdir()) / "seqrnn-course-artifacts"
    folder = Path(base).joinpath(*parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ---------------------------------------------------------------- the server

def copy_course(dest: Path) -> Path:
    """Copy the course's notebooks, solutions, images, helpers and results files into ``dest``; return it."""
    dest = Path(dest)
    for name in COURSE_FOLDERS:
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    return dest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterServer:
    """``jupyter lab`` (or ``server``) on 127.0.0.1 with a token, serving ``root``.

    Its settings, workspaces and runtime files live in ``home``, so that nothing of the
    user's own Jupyter set-up takes part; its log goes to ``home/server.log``.
    """

    def __init__(self, root: Path, home: Path, app: str = "lab", timeout: float = 90):
        self.root, self.home, self.token = Path(root), Path(home), os.urandom(12).hex()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings = self.home / "lab-settings"
        for name, values in LAB_SETTINGS.items():
            (settings / name).parent.mkdir(parents=True, exist_ok=True)
            (settings / name).write_text(json.dumps(values))
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
                   JUPYTERLAB_WORKSPACES_DIR=str(self.home / "workspaces"),
                   JUPYTER_RUNTIME_DIR=str(self.home / "runtime"),
                   JUPYTER_CONFIG_DIR=str(self.home / "config"), PYTHONUNBUFFERED="1")
        self.log_path = self.home / "server.log"
        self._log = open(self.log_path, "w")
        command = [sys.executable, "-m", "jupyter", app, "--no-browser", "--ip=127.0.0.1",
                   f"--port={self.port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}"]
        if app == "lab":                       # no look-ups of extensions on PyPI
            command.append("--LabApp.extension_manager=readonly")
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")     # CI containers run as root
        self.process = subprocess.Popen(command, cwd=self.root, env=env, stdout=self._log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.api("status")
                break
            except (OSError, urllib.error.URLError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"jupyter {app} did not start; its log:\n{self.log()}")
                time.sleep(0.3)

    def api(self, path: str, method: str = "GET", timeout: float = 10):
        """Call the server's REST API (``/api/<path>``); return the decoded JSON (or None)."""
        request = urllib.request.Request(f"{self.url}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def kernel_processes(self, kernel_id: str) -> list:
        """Return the psutil processes of one kernel: the kernel and its children."""
        import psutil
        for proc in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if any(kernel_id in part for part in proc.cmdline()):
                    return [proc] + proc.children(recursive=True)
            except psutil.Error:
                continue
        return []

    def log(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT if os.name != "nt" else signal.SIGTERM)
            try:
                self.process.wait(5)         # a second SIGINT confirms JupyterLab's shutdown
            except subprocess.TimeoutExpired:
                self.process.terminate()
                try:
                    self.process.wait(10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        self._log.close()


# ---------------------------------------------------------------- git

def git(*args, cwd=None) -> str:
    """Run git; return its output, stripped. A failing git fails the test with git's message."""
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stderr}"
    return result.stdout.strip()


def has_git_history() -> bool:
    """Return whether git is here and the course is a git checkout with a commit."""
    if shutil.which("git") is None:
        return False
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True).returncode == 0


def upstream_copy(dest: Path, branch: str) -> Path:
    """Make ``dest`` a bare repository whose ``branch`` is this checkout's HEAD commit; return it.

    Tests clone or pull this copy instead of the public repository. It is made from the HEAD
    commit, never from a branch name: CI checks out a detached HEAD, where no local branch exists
    (``git clone --branch NAME`` of the checkout fails there), and elsewhere the branch that
    [tool.course] names may not be the commit under test. Uncommitted changes are not in it.
    """
    dest = Path(dest)
    git("init", "--quiet", "--bare", "-b", branch, str(dest))
    git("fetch", "--quiet", "--no-tags", str(ROOT), f"HEAD:refs/heads/{branch}", cwd=dest)
    return dest


# ---------------------------------------------------------------- notebook facts

def read(path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def tags(cell) -> list:
    return cell.get("metadata", {}).get("tags", [])


def is_checked(cell) -> bool:
    """Return whether nbval compares this cell's output (tag or comment)."""
    return cell.cell_type == "code" and ("nbval-check-output" in tags(cell)
                                         or "NBVAL_CHECK_OUTPUT" in cell.source)


# A cell magic or line magic whose argument is Python code: timed, or its output captured.
TIMED = re.compile(r"^(\s*)%{1,2}(?:time|timeit|capture)\b(?:\s+-\w+(?:\s+\d+)?)*[ \t]*", re.M)


def python_of(source: str) -> str:
    """Return a code cell's source as Python that ``ast.parse`` reads: the code that %time, %%time
    (and %timeit, %%capture) run stays code, other magics become the calls IPython makes of them."""
    from IPython.core.inputtransformer2 import TransformerManager
    return TransformerManager().transform_cell(TIMED.sub(r"\1", source))


def load_cells(nb) -> list:
    """Return [(cell index, solution path as written)] for the exercise cells."""
    return [(i, m.group(1)) for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for m in LOAD.finditer(c.source)]


def _sanitizers():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "tests" / "nbval_sanitize.cfg", encoding="utf-8")
    return [(re.compile(parser[s]["regex"]), parser[s]["replace"]) for s in parser.sections()]


SANITIZERS = _sanitizers()


def _settle_carriage_returns(text: str) -> str:
    # what a terminal (and JupyterLab) shows: on each line, only what follows the last \r
    return "\n".join(line.rsplit("\r", 1)[-1] for line in text.split("\n"))


def comparable(outputs) -> list:
    """Return a cell's outputs as nbval compares them: [(kind, sanitized text)].

    Streams of the same name are joined (JupyterLab joins them, nbclient does not), images
    and widget states are left out, errors become their name and message.
    """
    items = []
    for out in outputs:
        if out.output_type == "stream":
            if items and items[-1][0] == out.name:
                items[-1] = (out.name, items[-1][1] + out.text)
            else:
                items.append((out.name, out.text))
        elif out.output_type in ("execute_result", "display_data") and "text/plain" in out.data:
            items.append(("text/plain", out.data["text/plain"]))
        elif out.output_type == "error":
            items.append(("error", f"{out.ename}: {out.evalue}"))
    clean = []
    for kind, text in items:
        text = _settle_carriage_returns(text)
        for regex, replace in SANITIZERS:
            text = regex.sub(replace, text)
        clean.append((kind, text.strip("\n")))
    return clean
