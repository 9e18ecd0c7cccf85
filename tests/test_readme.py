"""The README is the course's front door: its commands, map, links and licences must hold.

MAINTAINING.md and CONTRIBUTING.md, which the README links, are checked for their links too.
"""
import json
import re
import tomllib

import pytest
import yaml

from tools.layout import ROOT, notebook_paths

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = re.findall(r"```bash\n(.*?)```", README, re.S)
COMMAND_LINES = [line for block in COMMANDS for line in block.splitlines()]
NOTEBOOKS = notebook_paths()
QUICK_TIER = 'pytest -m "not slow and not e2e"'
MAX_WORDS = 1200
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def map_row(name: str):
    """Return the README course map's row for notebook file ``name``, or None."""
    return next((ln for ln in README.splitlines() if ln.startswith("| [") and f"(notebooks/{name})" in ln), None)


def test_quick_start_has_the_two_lines_and_ci_runs_the_test_line():
    install_and_open = [ln for ln in COMMAND_LINES if "pip install -r requirements.txt" in ln
                        and ln.endswith("jupyter lab notebooks/")]
    install_and_test = [ln for ln in COMMAND_LINES if "pip install -r requirements-test.txt" in ln
                        and ln.endswith("&& pytest -n 2")]
    assert len(install_and_open) == 1 and len(install_and_test) == 1
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert install_and_test[0] in ci, ".ci/run must run the README's test command as written"
    assert ci[-1] == install_and_test[0], "the test command is the last thing CI runs"


def test_the_cpu_wheel_tip_comes_before_the_install_line():
    cpu = README.find("--index-url https://download.pytorch.org/whl/cpu")
    install = README.find("pip install -r requirements.txt &&")
    assert 0 < cpu < install, "a newcomer reads the CPU-wheel tip before copying the install line"


def test_readme_shows_the_quick_tier_command():
    assert QUICK_TIER in COMMAND_LINES, f"the README shows the quick tier, {QUICK_TIER}, as a command"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    markers = [m.split(":")[0] for m in pyproject["tool"]["pytest"]["ini_options"]["markers"]]
    assert {"slow", "e2e"} <= set(markers), "the quick tier deselects markers that pyproject registers"


def test_ci_installs_a_browser_only_when_none_is_there_before_the_tests():
    ci = (ROOT / ".ci" / "run").read_text()
    look = ci.index("has chromium")
    install = ci.index("apt-get update && apt-get install -y chromium")
    assert look < install < ci.index("&& pytest")
    for name in ("${CHROMIUM:-}", "has google-chrome", "has chromium-browser"):
        assert name in ci[:install], f".ci/run should look for {name} before installing Chromium"


def test_readme_has_at_most_1200_words():
    words = len(README.split())            # as `wc -w` counts: an upper bound of the prose's words
    assert words <= MAX_WORDS, f"README.md has {words} words, more than {MAX_WORDS}: move detail to MAINTAINING.md"


def test_readme_shows_the_course_in_jupyterlab():
    shot = re.search(r"!\[[^\]]*\]\((images/jupyterlab\.png)\)", README)
    assert shot, "the README shows images/jupyterlab.png"
    png = (ROOT / shot.group(1)).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000


def test_course_map_is_the_anchor_the_notebooks_link_to():
    assert re.search(r"^## Course map$", README, re.M), "each notebook's header links README.md#course-map"


def test_course_map_lists_every_notebook_with_a_time_and_its_peak_memory():
    for path in NOTEBOOKS:
        row = map_row(path.name)
        assert row is not None, f"{path.name} is missing from the README course map"
        figures = re.search(r"\|\s*\d+ s\s*\|\s*(\d+(?:\.\d+)?) GB\s*\|$", row)
        assert figures, (f"no measured time and peak memory (e.g. '| 24 s | 0.45 GB |', "
                         f"from tools/run_notebooks.py) for {path.name}")
        assert float(figures.group(1)) <= 1.5, f"{path.name} is over the 1.5 GB memory limit"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_course_map_gives_each_notebook_its_own_title(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    heading = next(m.group(1) for c in cells if c["cell_type"] == "markdown"
                   for m in [re.search(r"^#\s+(\d\d\s*·\s*.+?)\s*$", "".join(c["source"]), re.M)] if m)
    link_text = re.match(r"\| \[(.+?)\]\(notebooks/", map_row(path.name) or "")
    assert link_text and link_text.group(1) == heading, f"the course map should call {path.name} {heading!r}"


def test_course_map_gives_a_study_time_labelled_as_an_estimate():
    header = next(ln for ln in README.splitlines() if ln.startswith("| notebook |"))
    columns = [c.strip() for c in header.strip("|").split("|")]
    study = next((i for i, c in enumerate(columns) if "study time" in c), None)
    assert study is not None and "estimate" in columns[study], "a 'study time (estimate)' column"
    assert columns[-2:] == ["run time", "peak memory"], "study time stands beside the measured columns"
    for path in NOTEBOOKS:
        cell = [c.strip() for c in map_row(path.name).strip("|").split("|")][study]
        assert re.fullmatch(r"~\s?\d+(\.\d+)? h|~\s?\d+ min", cell), f"{path.name}: study time {cell!r}"


def test_licence_files_exist_and_the_readme_names_both_licences():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "the Sequences & RNNs course authors" in licence
    assert "CC BY 4.0" in licence and CC_BY in licence, "LICENSE says which files are under CC BY 4.0"
    licence_section = README[README.index("## Licence"):]
    assert "MIT" in licence_section and "CC BY 4.0" in licence_section and CC_BY in licence_section
    assert "(LICENSE)" in licence_section and "(CITATION.cff)" in licence_section


def test_citation_file_is_valid_cff_1_2_0_and_points_at_the_repository():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert {"cff-version", "message", "title", "authors"} <= set(cff), "CFF 1.2.0's required keys"
    allowed = {"abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers",
               "keywords", "license", "license-url", "message", "preferred-citation", "references", "repository",
               "repository-artifact", "repository-code", "title", "type", "url", "version"}
    assert set(cff) <= allowed, f"keys CFF 1.2.0 does not know: {set(cff) - allowed}"
    assert cff["cff-version"] == "1.2.0" and cff.get("type", "software") in ("software", "dataset")
    assert cff["authors"] and all(isinstance(a, dict) and (a.get("name") or a.get("family-names"))
                                  for a in cff["authors"])
    assert re.fullmatch(r"\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])", str(cff["date-released"]))
    assert cff["license"] == "MIT" and str(cff["version"])
    repository = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["course"]["repository"]
    assert cff["repository-code"] == repository, "CITATION.cff names pyproject's [tool.course] repository"


@pytest.mark.parametrize("name", ["README.md", "MAINTAINING.md", "CONTRIBUTING.md"])
def test_relative_links_exist(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    text = re.sub(r"```.*?```|`[^`\n]*`", "", text, flags=re.S)     # code shows paths, it does not link them
    targets = re.findall(r"\]\((?!https?:|#|mailto:)([^)#\s]+)", text)
    assert targets, f"{name} links nothing"
    for target in targets:
        assert (ROOT / name).parent.joinpath(target).exists(), f"{name} links to {target}, which does not exist"
