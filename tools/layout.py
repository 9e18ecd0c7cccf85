"""Where things are in the course repository, and the limits that tools, experiments and tests share.

Import these names rather than re-deriving them (``Path(__file__).parent.parent``, a glob typed
again, a second copy of a regex): a folder that moves, or a limit that changes, then changes here
only. Tests import this module too (the root conftest.py puts the repository on ``sys.path``).
The notebooks do not: a learner's copy of the course has no tools/.
"""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
SOLUTION_DIR = ROOT / "solutions"
IMAGE_DIR = ROOT / "images"
RESULTS_DIR = ROOT / "experiments" / "results"      # written by experiments/*.py, read by notebooks
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"                 # the course's notebooks: 01_..., 02_..., in order

# The folders of a learner's copy of the course (what Binder, a hub's nbgitpuller clone and the
# browser test's copy give a notebook to read), relative to ROOT. A notebook reads files only
# from these: tests/test_notebook_paths.py checks it.
COURSE_FOLDERS = ("notebooks", "solutions", "images", "helpers", "data", "experiments/results")

# An exercise cell ends with this commented-out line; group 1 is the solution's path, relative to
# notebooks/ ("../solutions/04_ex1_reverse.py"). Uncommented, IPython's %load puts the file in the cell.
LOAD = re.compile(r"^#\s*%load\s+(\S+)\s*$", re.M)

# The peak memory one notebook's kernel may reach: Binder gives a session 2 GB, and the server
# itself needs some of it. tools/run_notebooks.py, tests/test_notebooks.py and tests/test_browser.py
# enforce it. (hub/config.yaml and hub/tljh-setup.sh size a hub's limit separately, from
# hub/sizing.json: see tests/test_hub_config.py.)
MEMORY_LIMIT_GB = 1.5
MEMORY_LIMIT_BYTES = int(MEMORY_LIMIT_GB * 1e9)


def notebook_paths(folder: Path = NOTEBOOK_DIR) -> list:
    """Return the course's notebooks in ``folder`` (``NN_name.ipynb``), in course order."""
    return sorted(Path(folder).glob(NOTEBOOK_GLOB))
