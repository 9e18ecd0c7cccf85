"""The README is the course's front door: its commands, map and links must hold."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = re.findall(r"```bash\n(.*?)```", README, re.S)


def test_quick_start_has_the_two_lines_and_ci_runs_the_test_line():
    lines = [line for block in COMMANDS for line in block.splitlines()]
    install_and_open = [ln for ln in lines if "pip install -r requirements.txt" in ln
                        and ln.endswith("jupyter lab notebooks/")]
    install_and_test = [ln for ln in lines if "pip install -r requirements-test.txt" in ln
                        and ln.endswith("&& pytest -n 2")]
    assert len(install_and_open) == 1 and len(install_and_test) == 1
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert install_and_test[0] in ci, ".ci/run must run the README's test command as written"
    assert ci[-1] == install_and_test[0], "the test command is the last thing CI runs"


def test_ci_installs_a_browser_only_when_none_is_there_before_the_tests():
    ci = (ROOT / ".ci" / "run").read_text()
    look = ci.index("has chromium")
    install = ci.index("apt-get update && apt-get install -y chromium")
    assert look < install < ci.index("&& pytest")
    for name in ("${CHROMIUM:-}", "has google-chrome", "has chromium-browser"):
        assert name in ci[:install], f".ci/run should look for {name} before installing Chromium"


def test_readme_shows_the_course_in_jupyterlab():
    shot = re.search(r"!\[[^\]]*\]\((images/jupyterlab\.png)\)", README)
    assert shot, "the README shows images/jupyterlab.png"
    png = (ROOT / shot.group(1)).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000


def test_course_map_lists_every_notebook_with_a_time_and_its_peak_memory():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        row = next((ln for ln in README.splitlines() if f"(notebooks/{path.name})" in ln), None)
        assert row is not None, f"{path.name} is missing from the README course map"
        figures = re.search(r"\|\s*\d+ s\s*\|\s*(\d+(?:\.\d+)?) GB\s*\|$", row)
        assert figures, (f"no measured time and peak memory (e.g. '| 24 s | 0.45 GB |', "
                         f"from tools/run_notebooks.py) for {path.name}")
        assert float(figures.group(1)) <= 1.5, f"{path.name} is over the 1.5 GB memory limit"


def test_relative_links_exist():
    for target in re.findall(r"\]\((?!https?:|#)([^)#\s]+)", README):
        assert (ROOT / target).exists(), f"README links to {target}, which does not exist"
