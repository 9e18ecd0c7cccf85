"""A real JupyterHub on 127.0.0.1 and a class of students driving it, for tests/test_hub.py and
tools/hub_sizing.py.

The hub runs with the dummy authenticator and the simple local-process spawner (one folder per
student under the hub's work folder), behind configurable-http-proxy (npm). A service token with
an admin role drives it through the Hub's REST API; each student gets a token of their own, follows
the course's nbgitpuller link (the hub's ``user-redirect`` answers it), pulls through nbgitpuller's
streaming API and runs a notebook through the Jupyter kernel API (REST, then the kernel's websocket).
Nothing here reaches beyond 127.0.0.1; the proxy is installed by npm into a cache folder when missing.
"""
import asyncio
import http.cookiejar
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import nbformat

from tools.memory import PeakMemory

PROXY_VERSION = "5.3.0"                                   # configurable-http-proxy on npm
PROXY_VARIABLE = "CONFIGURABLE_HTTP_PROXY"                # a proxy binary to use instead
PROXY_CACHE = Path(os.environ.get("COURSE_HUB_CACHE")
                   or Path.home() / ".cache" / "seqrnn-course" / "configurable-http-proxy")
ROLE_SCOPES = ["admin:users", "admin:servers", "tokens", "access:servers", "list:users", "read:users"]


# ---------------------------------------------------------------- the proxy

def find_proxy(install: bool = True):
    """Return (path of configurable-http-proxy or None, why not).

    Looks at $CONFIGURABLE_HTTP_PROXY, PATH, then the cache folder; with ``install``, runs
    ``npm install`` of the pinned version into the cache folder when none is found.
    """
    named = os.environ.get(PROXY_VARIABLE)
    if named:
        return (named, "") if Path(named).is_file() else (None, f"{PROXY_VARIABLE}={named!r} is not a file")
    cached = PROXY_CACHE / "node_modules" / ".bin" / "configurable-http-proxy"
    for candidate in (shutil.which("configurable-http-proxy"), cached):
        if candidate and Path(candidate).is_file():
            return str(candidate), ""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return None, "Node.js and npm are needed for configurable-http-proxy (Debian: apt-get install nodejs npm)"
    if not install:
        return None, f"configurable-http-proxy is not installed in {PROXY_CACHE}"
    PROXY_CACHE.mkdir(parents=True, exist_ok=True)
    command = ["npm", "install", "--prefix", str(PROXY_CACHE), "--no-audit", "--no-fund",
               f"configurable-http-proxy@{PROXY_VERSION}"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return None, f"`{' '.join(command)}` took over 5 minutes"
    if result.returncode != 0 or not cached.is_file():
        return None, f"`{' '.join(command)}` failed: {result.stderr.strip()[-500:]}"
    return str(cached), ""


# ---------------------------------------------------------------- the hub

def free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hub_config(workdir: Path, proxy: str, ports: dict, token: str, environment: dict) -> str:
    """Return the text of a jupyterhub_config.py for a hub of local students under ``workdir``."""
    args = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []   # CI runs as root
    return "\n".join([
        "c = get_config()  # noqa",
        f"c.JupyterHub.bind_url = 'http://127.0.0.1:{ports['proxy']}'",
        f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{ports['hub']}'",
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{ports['proxy_api']}'",
        f"c.ConfigurableHTTPProxy.command = [{proxy!r}]",
        f"c.ConfigurableHTTPProxy.pid_file = {str(workdir / 'proxy.pid')!r}",
        f"c.JupyterHub.db_url = 'sqlite:///{workdir / 'jupyterhub.sqlite'}'",
        f"c.JupyterHub.cookie_secret_file = {str(workdir / 'cookie_secret')!r}",
        "c.JupyterHub.authenticator_class = 'dummy'",
        "c.Authenticator.allow_all = True",
        "c.JupyterHub.spawner_class = 'simple'",
        f"c.SimpleLocalProcessSpawner.home_dir_template = {str(workdir / 'home' / '{username}')!r}",
        f"c.Spawner.cmd = [{sys.executable!r}, '-m', 'jupyterhub.singleuser']",   # this venv's packages
        f"c.Spawner.args = {args!r}",
        f"c.Spawner.environment = {environment!r}",
        "c.Spawner.start_timeout = 180",
        "c.Spawner.http_timeout = 180",
        "c.JupyterHub.concurrent_spawn_limit = 0",
        "c.JupyterHub.cleanup_servers = True",
        "c.JupyterHub.services = [{'name': 'class-driver', 'api_token': %r}]" % token,
        "c.JupyterHub.load_roles = [{'name': 'class-driver', 'scopes': %r, 'services': ['class-driver']}]"
        % ROLE_SCOPES,
        "",
    ])


class LocalHub:
    """JupyterHub and its proxy on 127.0.0.1, with its database, log and students' homes in ``workdir``."""

    def __init__(self, workdir: Path, proxy: str, environment: dict = None, timeout: float = 90):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.token = os.urandom(16).hex()
        ports = {name: free_port() for name in ("proxy", "hub", "proxy_api")}
        self.url = f"http://127.0.0.1:{ports['proxy']}"
        config = self.workdir / "jupyterhub_config.py"
        config.write_text(hub_config(self.workdir, proxy, ports, self.token, environment or {}))
        self.log_path = self.workdir / "hub.log"
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)],
                                        cwd=self.workdir, stdout=self._log, stderr=subprocess.STDOUT,
                                        start_new_session=True)      # its own process group
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.api("")
                return
            except (OSError, urllib.error.URLError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"JupyterHub did not start; its log:\n{self.log()}")
                time.sleep(0.5)

    def request(self, url: str, method: str = "GET", body=None, token: str = None, timeout: float = 30):
        """Send a request with a token; return (final URL, status, decoded JSON body or text)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Authorization": f"token {token or self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read().decode()
            final, status = response.geturl(), response.status
        try:
            return final, status, json.loads(raw) if raw else None
        except json.JSONDecodeError:
            return final, status, raw

    def api(self, path: str, method: str = "GET", body=None, token: str = None):
        """Call the Hub's REST API (``/hub/api/<path>``); return the decoded JSON (or None)."""
        return self.request(f"{self.url}/hub/api/{path}", method, body, token)[2]

    def add_student(self, name: str) -> str:
        """Create the user, start their server, wait until it is ready; return a token of theirs."""
        self.api(f"users/{name}", "POST")
        self.api(f"users/{name}/server", "POST")
        deadline = time.monotonic() + 180
        while not (self.api(f"users/{name}")["servers"].get("", {}).get("ready")):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"{name}'s server did not become ready; the hub's log:\n{self.log()}")
            time.sleep(0.5)
        return self.api(f"users/{name}/tokens", "POST", {"note": "class test", "expires_in": 3600})["token"]

    def processes(self) -> list:
        """Return the psutil processes under the hub: proxy, single-user servers, kernels."""
        import psutil
        try:
            return psutil.Process(self.process.pid).children(recursive=True)
        except psutil.Error:
            return []

    def log(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")[-6000:]

    def stop(self):
        """Stop the hub (which stops the students' servers and the proxy); kill what is left."""
        import psutil
        left = self.processes()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                pass
        for group in {self.process.pid} | {p.pid for p in left}:
            try:
                os.killpg(group, signal.SIGKILL)        # each server runs in a session of its own
            except (ProcessLookupError, PermissionError):
                pass
        for proc in left:
            try:
                proc.kill()
            except psutil.Error:
                pass
        self.process.wait()
        self._log.close()


# ---------------------------------------------------------------- a student

class Student:
    """One student on the hub: their server's URL, their token, and what they do."""

    def __init__(self, hub: LocalHub, name: str, token: str):
        self.hub, self.name, self.token = hub, name, token
        self.base = f"{hub.url}/user/{name}"
        self.home = hub.workdir / "home" / name
        self._browser = None                     # the student's cookies, once logged in

    def api(self, path: str, method: str = "GET", body=None, timeout: float = 30):
        """Call the student's Jupyter server's REST API (``/user/NAME/api/<path>``)."""
        return self.hub.request(f"{self.base}/api/{path}", method, body, self.token, timeout)[2]

    def click(self, link: str) -> str:
        """Follow an nbgitpuller link in the student's browser session; return the page it ends on.

        The first click logs in (the dummy authenticator takes any password), as a browser would
        with the hub's login form; the hub then redirects through OAuth to the student's server.
        """
        if self._browser is None:
            jar = http.cookiejar.CookieJar()
            self._browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            self._browser.open(f"{self.hub.url}/hub/login", timeout=60).read()     # sets the _xsrf cookie
            xsrf = next((c.value for c in jar if c.name == "_xsrf"), "")
            form = urllib.parse.urlencode({"username": self.name, "password": "class", "_xsrf": xsrf})
            self._browser.open(f"{self.hub.url}/hub/login", data=form.encode(), timeout=60).read()
        with self._browser.open(link, timeout=60) as response:
            assert response.status == 200, f"{link} answered {response.status}"
            return response.geturl()

    def pull(self, link: str) -> list:
        """Run the pull a link asks for through nbgitpuller's streaming API; return its events."""
        query = {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(link).query).items()}
        urlpath = query.get("urlpath", "")
        target = urlpath.split("/")[2] if urlpath.startswith("lab/tree/") else ""
        params = {"repo": query["repo"], "branch": query["branch"]}
        if target:
            params["targetpath"] = target
        request = urllib.request.Request(f"{self.base}/git-pull/api?" + urllib.parse.urlencode(params),
                                         headers={"Authorization": f"token {self.token}"})
        events = []
        with urllib.request.urlopen(request, timeout=300) as stream:
            for raw in stream:
                line = raw.decode().strip()
                if line.startswith("data:"):
                    events.append(json.loads(line[5:]))
        return events

    def run_notebook(self, path: str, cells=None, timeout: float = 900) -> dict:
        """Run the code cells of the notebook at ``path`` (relative to the home) in a new kernel.

        Returns {"outputs": [outputs per code cell, as nbformat nodes], "seconds": wall time of
        the cells, "kernel": kernel id, "error": first unexpected error or None, "peak_bytes",
        "cpu_seconds": the kernel's CPU time (with its children) when the last cell finished}.
        ``cells`` replaces the notebook's code cells by these sources.
        """
        nb = nbformat.read(self.home / path, as_version=4)
        sources = cells if cells is not None else [c.source for c in nb.cells if c.cell_type == "code"]
        allowed = [False] * len(sources) if cells is not None else \
            ["raises-exception" in c.metadata.get("tags", []) for c in nb.cells if c.cell_type == "code"]
        session = self.api("sessions", "POST", {"path": path, "type": "notebook", "name": Path(path).name,
                                                "kernel": {"name": "python3"}})
        kernel = session["kernel"]["id"]
        try:
            result = asyncio.run(self._execute(kernel, sources, allowed, timeout))
            result.update(kernel=kernel, **self.kernel_usage(kernel))
        finally:
            self.api(f"sessions/{session['id']}", "DELETE")
        return result

    def kernel_usage(self, kernel: str) -> dict:
        """Return the kernel's (and its children's) peak resident memory and CPU seconds so far.

        The peak is the sum of the high-water marks the system records (tools/memory.py); where it
        records none (macOS), only the resident size now, which understates a peak already past.
        """
        import psutil
        processes, cpu = [], 0.0
        for proc in self.hub.processes():
            try:
                if not any(kernel in part for part in proc.cmdline()):
                    continue
                for p in [proc] + proc.children(recursive=True):
                    times = p.cpu_times()
                    cpu += times.user + times.system + times.children_user + times.children_system
                    processes.append(p)
            except psutil.Error:
                continue
        return {"peak_bytes": PeakMemory().peak(processes), "cpu_seconds": round(cpu, 2)}

    async def _execute(self, kernel: str, sources: list, allowed: list, timeout: float) -> dict:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect
        session = uuid.uuid4().hex
        url = self.base.replace("http://", "ws://") + f"/api/kernels/{kernel}/channels?session_id={session}"
        socket = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {self.token}"}))
        outputs, error = [], None
        start = time.perf_counter()
        try:
            for i, source in enumerate(sources):
                cell_outputs, cell_error = await self._run_cell(socket, session, source, timeout)
                outputs.append(cell_outputs)
                if cell_error and not allowed[i]:
                    error = f"code cell {i}: {cell_error}"
                    break
        finally:
            socket.close()
        return {"outputs": outputs, "seconds": round(time.perf_counter() - start, 2), "error": error}

    async def _run_cell(self, socket, session: str, source: str, timeout: float):
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                  "username": self.name, "version": "5.3", "date": ""}
        content = {"code": source, "silent": False, "store_history": True, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}
        await socket.write_message(json.dumps({"header": header, "parent_header": {}, "metadata": {},
                                               "content": content, "channel": "shell", "buffers": []}))
        outputs, error, idle, replied = [], None, False, False
        while not (idle and replied):
            raw = await asyncio.wait_for(socket.read_message(), timeout)
            if raw is None:
                raise RuntimeError(f"{self.name}'s kernel connection closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                replied = True
            elif kind == "status":
                idle = msg["content"]["execution_state"] == "idle"
            elif kind in ("stream", "execute_result", "display_data", "error"):
                msg["msg_type"] = kind
                outputs.append(nbformat.v4.output_from_msg(msg))
                if kind == "error":
                    error = f"{msg['content']['ename']}: {msg['content']['evalue']}"
            elif kind == "clear_output":
                outputs = []
        return outputs, error
