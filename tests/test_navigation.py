"""Generated notebook parts: header links, Colab set-up cell and diagrams."""
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from jupyter_support import has_git_history, upstream_copy
from tools.course_links import course_config
from tools.layout import LOAD, NOTEBOOK_DIR as NOTEBOOKS, ROOT, notebook_paths
from tools.sync_notebooks import (COLAB_MARK, HEADER_MARK, WIDGET_STATE, WIDGET_VIEW, finish_progress_text,
                                  sync_all, sync_exercise)

PATHS = notebook_paths()


def test_generated_parts_are_up_to_date():
    stale = sync_all(check=True)
    assert not stale, f"stale header, Colab cell or images in {stale}: run python tools/sync_notebooks.py"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_header_first_and_links_point_to_existing_notebooks(path):
    nb = nbformat.read(path, as_version=4)
    header = nb.cells[0].source
    assert header.startswith(HEADER_MARK)
    assert path.name in header  # the badges open this very notebook
    targets = re.findall(r"\]\(([\w.]+\.ipynb)\)", header)
    assert targets and all((NOTEBOOKS / t).is_file() for t in targets)
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert first_code.source.startswith(COLAB_MARK)
    assert first_code.metadata["jupyter"]["source_hidden"]          # JupyterLab: one folded line
    assert first_code.metadata["cellView"] == "form"                # Colab: the #@title line only
    assert '{ display-mode: "form" }' in first_code.source.splitlines()[0]


@pytest.mark.skipif(not has_git_history(), reason="needs git and the course as a git repository")
def test_colab_setup_cell_in_a_simulated_colab(tmp_path):
    """Fake google.colab, let the generated cell clone this commit locally, and run it."""
    config = course_config()
    source = next(c.source for c in nbformat.read(PATHS[0], as_version=4).cells
                  if c.cell_type == "code" and c.source.startswith(COLAB_MARK))
    origin = upstream_copy(tmp_path / "origin", config["branch"])      # the branch the cell clones
    cell = (source.replace(config["repository"], origin.as_uri())
                  .replace('"/content/', f'"{tmp_path.as_posix()}/content/')
                  .replace('"--quiet",', '"--quiet", "--dry-run",'))  # do not touch this venv
    assert cell != source
    program = textwrap.dedent("""
        import json, os, sys, types
        sys.modules["google"] = types.ModuleType("google")
        sys.modules["google.colab"] = types.ModuleType("google.colab")
        exec(compile(open(sys.argv[1]).read(), "colab_cell", "exec"))
        import helpers.utils
        print(json.dumps({"cwd": os.getcwd(), "helpers": helpers.utils.__file__,
                          "solutions": sorted(os.listdir("../solutions"))}))
    """)
    (tmp_path / "cell.py").write_text(cell)
    (tmp_path / "run.py").write_text(program)
    done = subprocess.run([sys.executable, str(tmp_path / "run.py"), str(tmp_path / "cell.py")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    course = tmp_path / "content" / config["folder"]
    assert Path(result["cwd"]) == course / "notebooks"
    assert Path(result["helpers"]).parent == course / "helpers"
    assert result["solutions"]


def test_colab_setup_cell_does_nothing_elsewhere():
    source = next(c.source for c in nbformat.read(PATHS[0], as_version=4).cells
                  if c.cell_type == "code" and c.source.startswith(COLAB_MARK))
    done = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True,
                          cwd=NOTEBOOKS, timeout=60)
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""


def test_setup_cell_finds_the_course_helpers_when_they_are_not_installed():
    """As on a JupyterHub where only the packages are installed: python -S hides site-packages."""
    source = next(c.source for c in nbformat.read(PATHS[0], as_version=4).cells
                  if c.cell_type == "code" and c.source.startswith(COLAB_MARK))
    probe = "import importlib.util; print(importlib.util.find_spec('helpers') is None)"
    hidden = subprocess.run([sys.executable, "-S", "-c", probe], capture_output=True, text=True,
                            cwd=NOTEBOOKS, timeout=60)
    assert hidden.stdout.strip() == "True", hidden.stderr       # not importable without the cell
    check = source + "\nimport helpers; print(helpers.__file__)"
    done = subprocess.run([sys.executable, "-S", "-c", check],
                          capture_output=True, text=True, cwd=NOTEBOOKS, timeout=60)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == ROOT / "helpers" / "__init__.py"


def test_every_exercise_cell_says_what_load_does_and_how_to_read_a_solution_on_colab():
    checked = 0
    for path in PATHS:
        for cell in nbformat.read(path, as_version=4).cells:
            for target in LOAD.findall(cell.source) if cell.cell_type == "code" else ():
                assert "REPLACES" in cell.source and f"%pycat {target}" in cell.source, path.name
                checked += 1
    assert checked >= len(PATHS), "fewer exercises than notebooks: is the %load pattern still the one used?"


def test_an_exercise_cell_gets_the_current_instructions_and_keeps_its_target():
    cell = nbformat.v4.new_code_cell("# Exercise 2: your code here.\n# old words\n# %load ../solutions/x.py")
    sync_exercise(cell)
    assert cell.source.startswith("# Exercise 2: your code here.\n")
    assert cell.source.endswith("\n# %load ../solutions/x.py") and "%pycat ../solutions/x.py" in cell.source
    edited = nbformat.v4.new_code_cell("# Exercise 2: your code here.\nx = 1\n# %load ../solutions/x.py")
    sync_exercise(edited)                          # a student's code is never rewritten
    assert edited.source.endswith("x = 1\n# %load ../solutions/x.py")


def _bar_state(value, total):
    ids = ["box", "left", "bar", "right"]
    state = {"box": {"model_name": "HBoxModel",
                     "state": {"children": [f"IPY_MODEL_{i}" for i in ids[1:]]}},
             "left": {"model_name": "HTMLModel", "state": {"value": "training:\u2007100%"}},
             "bar": {"model_name": "FloatProgressModel", "state": {"value": value, "max": total}},
             "right": {"model_name": "HTMLModel", "state": {"value": f" {value}/{total} [00:01&lt;00:00]"}}}
    return {"widgets": {WIDGET_STATE: {"state": state}}}


def test_a_saved_progress_bar_reads_as_it_finished_where_widgets_do_not_render():
    cell = nbformat.v4.new_code_cell("fit(...)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/plain": "training:   0%|          | 0/50 [00:00<?, ?batch/s]",
        WIDGET_VIEW: {"model_id": "box", "version_major": 2, "version_minor": 0}})]
    finish_progress_text(cell, _bar_state(50, 50))
    assert cell.outputs[0]["data"]["text/plain"] == "training: 100%|██████████| 50/50 [00:01<00:00]"
    finish_progress_text(cell, {})                 # no saved state: left as it was
    assert "100%" in cell.outputs[0]["data"]["text/plain"]


def test_no_saved_progress_bar_reads_0_percent():
    for path in PATHS:
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                if WIDGET_VIEW in output.get("data", {}):
                    assert " 0%|" not in output["data"].get("text/plain", ""), path.name
