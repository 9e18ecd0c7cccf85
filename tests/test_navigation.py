"""Generated notebook parts: header links, Colab set-up cell and diagrams."""
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from tools.course_links import course_config
from tools.sync_notebooks import COLAB_MARK, HEADER_MARK, NOTEBOOKS, sync_all

ROOT = Path(__file__).resolve().parent.parent
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


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


def test_colab_setup_cell_in_a_simulated_colab(tmp_path):
    """Fake google.colab, clone this repository locally, and run the generated cell."""
    config = course_config()
    source = next(c.source for c in nbformat.read(PATHS[0], as_version=4).cells
                  if c.cell_type == "code" and c.source.startswith(COLAB_MARK))
    origin = tmp_path / "origin"
    subprocess.run(["git", "clone", "--quiet", "--branch", config["branch"], str(ROOT), str(origin)],
                   check=True)
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
