"""A class on a real JupyterHub: 8 students click the course's nbgitpuller link at once.

JupyterHub (PyPI) and configurable-http-proxy (npm, installed into a cache folder when missing)
run on 127.0.0.1 with the dummy authenticator and the simple local-process spawner; each student's
server runs with this test's Python, so it has nbgitpuller and the course's packages. The
"upstream" repository is a local bare copy of the course's committed HEAD, named like the public
one; the link is the one ``tools/course_links.py --hub`` prints, with the repository replaced by
the bare copy's file URL. The whole class works at the same time: server start, click, pull, and
notebook NOTEBOOK run through the kernel API, whose checked outputs must match the saved ones.
Then the course team commits upstream and a second click must merge it and keep each student's edit.
The test prints how long the class took but asserts no time (a busy machine is slow, not wrong);
each step has a timeout of its own, so a hang still fails.
"""
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest

from jupyter_support import comparable, git, has_git_history, is_checked, upstream_copy
from test_nbgitpuller import commit_upstream, exercise_cell
from tools.course_links import course_config
from tools.layout import NOTEBOOK_DIR, ROOT
from tools.local_hub import LocalHub, Student, find_proxy

NOTEBOOK = "01_sequential_data.ipynb"     # a few seconds alone: 8 at once keep the test short
N_STUDENTS = 8
STUDENT_NOTE = "# {name}'s own attempt, which the next click must keep"
UPSTREAM_NOTE = "# the course team's rewording of this cell"

pytestmark = [pytest.mark.e2e, pytest.mark.slow,
              pytest.mark.skipif(not has_git_history(), reason="needs git and the course as a git repository")]


@pytest.fixture
def proxy():
    path, why = find_proxy(install=False)        # .ci/run installs it; tests stay offline
    if path is None:
        pytest.skip(why)
    return path


@pytest.fixture
def upstream(tmp_path):
    """Return the bare copy of the course's HEAD, in a folder named like the public repository."""
    config = course_config()
    return upstream_copy(tmp_path / "upstream" / config["folder"], config["branch"])


@pytest.fixture
def hub(tmp_path, proxy):
    """A running hub; stopped after the test, with every server and kernel, also on failure."""
    hub = LocalHub(tmp_path / "hub", proxy, environment={"OMP_NUM_THREADS": "1"})
    try:
        yield hub
    finally:
        hub.stop()


def class_link(hub_url: str, bare) -> str:
    """Return the link ``tools/course_links.py --hub`` prints, pointing at the bare copy."""
    printed = subprocess.run([sys.executable, "tools/course_links.py", "--hub", hub_url, "--notebook", NOTEBOOK[:2]],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout
    link = next(line.split(": ", 1)[1] for line in printed.splitlines() if line.startswith("JupyterHub"))
    public = urllib.parse.quote(course_config()["repository"], safe="")
    assert f"repo={public}&" in link
    return link.replace(f"repo={public}&", f"repo={urllib.parse.quote(bare.as_uri(), safe='')}&")


def arrive(hub, name, link):
    """One student: a server, a click on the link, the pull, and the notebook run."""
    student = Student(hub, name, hub.add_student(name))
    landed = student.click(link)
    events = student.pull(link)
    folder = course_config()["folder"]
    run = student.run_notebook(f"{folder}/notebooks/{NOTEBOOK}")
    return student, landed, events, run


def test_a_class_of_eight_pulls_and_runs_the_course_at_once(hub, upstream, tmp_path):
    start = time.perf_counter()
    link = class_link(hub.url, upstream)
    names = [f"student{i:02d}" for i in range(1, N_STUDENTS + 1)]
    with ThreadPoolExecutor(N_STUDENTS) as pool:
        arrivals = list(pool.map(lambda name: arrive(hub, name, link), names))
    first_round = time.perf_counter() - start

    folder = course_config()["folder"]
    saved = nbformat.read(NOTEBOOK_DIR / NOTEBOOK, as_version=4)
    saved_code = [c for c in saved.cells if c.cell_type == "code"]
    checked = [i for i, c in enumerate(saved_code) if is_checked(c)]
    assert checked, f"{NOTEBOOK} has no checked cell: nothing would be compared"
    for student, landed, events, run in arrivals:
        # the hub sent the click to the student's own nbgitpuller page, and the pull finished
        assert f"/user/{student.name}/git-pull?" in landed, f"{student.name}'s click landed on {landed}"
        assert events and events[-1].get("phase") == "finished", f"{student.name}'s pull: {events[-3:]}"
        assert (student.home / folder / "notebooks" / NOTEBOOK).is_file()
        # every cell ran, and every checked output is the saved one
        assert run["error"] is None, f"{student.name}: {run['error']}"
        assert len(run["outputs"]) == len(saved_code), f"{student.name} ran {len(run['outputs'])} cells"
        for i in checked:
            assert comparable(run["outputs"][i]) == comparable(saved_code[i].outputs), \
                f"{student.name}, code cell {i} of {NOTEBOOK}: the output differs from the saved one"

    # each student edits the exercise cell and saves; the team rewords the same cell upstream and adds a file
    path = f"{folder}/notebooks/{NOTEBOOK}"
    for student, *_ in arrivals:
        nb = nbformat.read(student.home / path, as_version=4)
        exercise_cell(nb).source = STUDENT_NOTE.format(name=student.name) + "\n" + exercise_cell(nb).source
        student.api(f"contents/{path}", "PUT", {"type": "notebook", "format": "json", "content": nb})

    def team_change(work):
        upstream_nb = nbformat.read(work / "notebooks" / NOTEBOOK, as_version=4)
        exercise_cell(upstream_nb).source = UPSTREAM_NOTE + "\n" + exercise_cell(upstream_nb).source
        nbformat.write(upstream_nb, work / "notebooks" / NOTEBOOK)
        (work / "solutions" / "00_new_file.py").write_text("print('new upstream file')\n")
        git("add", "solutions/00_new_file.py", cwd=work)

    commit_upstream(upstream, tmp_path, team_change)
    with ThreadPoolExecutor(N_STUDENTS) as pool:
        second = list(pool.map(lambda arrival: (arrival[0].click(link), arrival[0].pull(link)), arrivals))
    for (student, *_), (landed, events) in zip(arrivals, second):
        assert events and events[-1].get("phase") == "finished", f"{student.name}'s second pull: {events[-3:]}"
        after = nbformat.read(student.home / path, as_version=4)
        assert STUDENT_NOTE.format(name=student.name) in exercise_cell(after).source, \
            f"the second click lost {student.name}'s edit"
        assert UPSTREAM_NOTE not in exercise_cell(after).source, f"upstream overwrote {student.name}'s cell"
        assert (student.home / folder / "solutions" / "00_new_file.py").is_file(), \
            f"the upstream commit did not reach {student.name}"

    seconds = time.perf_counter() - start
    print(f"\n{N_STUDENTS} students: servers, pulls and {NOTEBOOK} in {first_round:.0f} s; "
          f"with the second click {seconds:.0f} s; notebook wall time per student: "
          f"{', '.join(str(round(a[3]['seconds'])) for a in arrivals)} s")
