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
    install_and_test = [ln for ln in lines if "pip install -r requirements.txt" in ln
                        and ln.endswith("&& pytest")]
    assert len(install_and_open) == 1 and len(install_and_test) == 1
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert install_and_test[0] in ci, ".ci/run must run the README's test command as written"


def test_course_map_lists_every_notebook_with_a_time():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        row = next((ln for ln in README.splitlines() if f"(notebooks/{path.name})" in ln), None)
        assert row is not None, f"{path.name} is missing from the README course map"
        assert re.search(r"\|\s*\d+ s\s*\|$", row), f"no measured time for {path.name}"


def test_relative_links_exist():
    for target in re.findall(r"\]\((?!https?:|#)([^)#\s]+)", README):
        assert (ROOT / target).exists(), f"README links to {target}, which does not exist"
