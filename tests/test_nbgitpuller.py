"""The instructor's nbgitpuller link, end to end, against a Jupyter server on 127.0.0.1.

The "upstream" repository is a local bare copy of the course's committed HEAD, named like the
public one so that the clone lands in the same folder; the link is the one
``tools/course_links.py`` generates, with the repository replaced by the bare copy's file
URL and the hub's ``/hub/user-redirect/`` dropped (a single-user server answers directly).
nbgitpuller accepts any URL or path git clones from, so no HTTP git server is needed.
"""
import json
import re
import time
import urllib.parse
import urllib.request
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest

from jupyter_support import (COURSE_FOLDERS, ROOT, JupyterServer, artifacts_dir, browser_unavailable, find_chromium,
                             git, has_git_history, upstream_copy)
from tools.course_links import course_config, nbgitpuller_url

NOTEBOOK = "03_linear_rnn_sinusoids.ipynb"
STUDENT_NOTE = "# my own attempt, which the next pull must keep"
UPSTREAM_NOTE = "# the course team's rewording of this cell"


pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not has_git_history(), reason="needs git and the course as a git repository")]


@pytest.fixture
def setup(tmp_path):
    """Return (server, link, bare repository, student's home); the server is stopped after."""
    config = course_config()
    bare = upstream_copy(tmp_path / "upstream" / config["folder"],   # .../course, like github.com/o/course
                         config["branch"])
    home = tmp_path / "home"
    home.mkdir()
    server = JupyterServer(home, tmp_path / "jupyter", app="lab")
    local = dict(config, repository=bare.as_uri())
    link = nbgitpuller_url(local, server.url, NOTEBOOK).replace("/hub/user-redirect/", "/", 1)
    yield server, link, bare, home
    server.stop()


def pull(server, link):
    """Run the pull the link asks for through nbgitpuller's API; return its messages."""
    query = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    api = f"{server.url}/git-pull/api?" + urllib.parse.urlencode(
        {"repo": query["repo"], "branch": query["branch"]})
    request = urllib.request.Request(api, headers={"Authorization": f"token {server.token}"})
    events = []
    with urllib.request.urlopen(request, timeout=120) as stream:
        for raw in stream:
            line = raw.decode().strip()
            if line.startswith("data:"):
                events.append(json.loads(line[5:]))
    phases = [e.get("phase") for e in events]
    assert phases and phases[-1] == "finished", f"nbgitpuller did not finish: {events[-3:]}"
    return events


def commit_upstream(bare, tmp_path, change):
    """Clone the bare repository, apply ``change(folder)``, commit and push it back."""
    work = tmp_path / "team"
    git("clone", "--quiet", bare.as_uri(), str(work))
    change(work)
    git("-c", "user.name=Course team", "-c", "user.email=team@example.invalid",
        "commit", "--quiet", "-am", "upstream change", cwd=work)
    git("push", "--quiet", "origin", "HEAD", cwd=work)


def save_through_server(server, path, nb):
    """Save a notebook as JupyterLab does, through the contents API."""
    body = json.dumps({"type": "notebook", "format": "json", "content": nb}).encode()
    request = urllib.request.Request(f"{server.url}/api/contents/{path}", data=body, method="PUT",
                                     headers={"Authorization": f"token {server.token}",
                                              "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=30).close()


def exercise_cell(nb):
    return next(c for c in nb.cells if c.cell_type == "code" and "%load" in c.source)


def test_link_clones_the_course_then_a_second_pull_keeps_the_students_edit(setup, tmp_path):
    server, link, bare, home = setup
    folder = parse_qs(urlsplit(link).query)["urlpath"][0].split("/")[2]   # lab/tree/<folder>/...
    pull(server, link)

    # the course arrives in the folder the link opens, and its notebooks open
    clone = home / folder
    committed = git("ls-tree", "-r", "--name-only", "HEAD", *COURSE_FOLDERS, cwd=ROOT).splitlines()
    missing = [f for f in committed if not (clone / f).is_file()]
    assert not missing, f"not in the student's copy: {missing}"
    served = server.api(f"contents/{folder}/notebooks/{NOTEBOOK}")
    assert served["type"] == "notebook" and len(served["content"]["cells"]) > 10

    # the student edits an exercise cell and saves; the team changes the same cell upstream,
    # changes notebook 01 and adds a file
    nb = nbformat.read(clone / "notebooks" / NOTEBOOK, as_version=4)
    exercise_cell(nb).source = STUDENT_NOTE + "\n" + exercise_cell(nb).source
    save_through_server(server, f"{folder}/notebooks/{NOTEBOOK}", nb)

    def team_change(work):
        upstream = nbformat.read(work / "notebooks" / NOTEBOOK, as_version=4)
        exercise_cell(upstream).source = UPSTREAM_NOTE + "\n" + exercise_cell(upstream).source
        nbformat.write(upstream, work / "notebooks" / NOTEBOOK)
        first = next((work / "notebooks").glob("01_*.ipynb"))
        changed = nbformat.read(first, as_version=4)
        changed.metadata["updated"] = "yes"
        nbformat.write(changed, first)
        (work / "solutions" / "00_new_file.py").write_text("print('new upstream file')\n")
        git("add", "solutions/00_new_file.py", cwd=work)

    commit_upstream(bare, tmp_path, team_change)
    pull(server, link)

    after = nbformat.read(clone / "notebooks" / NOTEBOOK, as_version=4)   # still valid JSON
    assert STUDENT_NOTE in exercise_cell(after).source, "the pull lost the student's edit"
    assert UPSTREAM_NOTE not in exercise_cell(after).source, "upstream overwrote the student's cell"
    assert (clone / "solutions" / "00_new_file.py").is_file(), "the upstream commit did not arrive"
    first = next((clone / "notebooks").glob("01_*.ipynb"))
    assert nbformat.read(first, as_version=4).metadata.get("updated") == "yes"


@pytest.mark.skipif(browser_unavailable() is not None, reason=str(browser_unavailable()))
def test_link_opens_the_notebook_in_jupyterlab(setup):
    from playwright.sync_api import sync_playwright
    server, link, bare, home = setup
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(),
                                             args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
        page.goto(f"{link}&token={server.token}")
        page.wait_for_url(f"**/lab/tree/**/{NOTEBOOK}*", timeout=120_000)
        expected = nbformat.read(home / course_config()["folder"] / "notebooks" / NOTEBOOK,
                                 as_version=4)
        cells = page.locator(".jp-NotebookPanel .jp-Cell")
        deadline = time.monotonic() + 60
        while cells.count() < len(expected.cells) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert cells.count() == len(expected.cells), \
            f"JupyterLab shows {cells.count()} cells of {NOTEBOOK}, which has {len(expected.cells)}"
        title = next(c.source for c in expected.cells if c.source.startswith("# "))
        page.locator(".jp-NotebookPanel h1", has_text=title.splitlines()[0][2:].strip()) \
            .first.wait_for(timeout=30_000)                # the notebook's title is rendered
        tab = page.locator(".lm-TabBar-tabLabel", has_text=NOTEBOOK)
        assert tab.count() >= 1, "JupyterLab did not open the notebook the link names"
        page.screenshot(path=artifacts_dir("nbgitpuller") / "link-opened.png")
        browser.close()
    assert (home / course_config()["folder"] / "notebooks" / NOTEBOOK).is_file()
