"""Links to the course: Colab, Binder and nbgitpuller, all built from pyproject's [tool.course].

Usage (from the repository root), for instructors:
    python tools/course_links.py --hub https://hub.example.edu            # the whole course
    python tools/course_links.py --hub https://hub.example.edu --notebook 03
    python tools/course_links.py --notebook 03                             # Colab and Binder only

Students who click the nbgitpuller link get the course cloned (or updated, keeping their own
changes) into their home folder on the hub, then JupyterLab opens on the notebook.
"""
import argparse
import sys
import tomllib
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.layout import NOTEBOOK_DIR, ROOT, notebook_paths  # noqa: E402


def course_config(pyproject: Path = ROOT / "pyproject.toml") -> dict:
    """Return {"repository": url, "branch": name, "owner_repo": "owner/name", "folder": name}."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["course"]
    repository, branch = config["repository"].rstrip("/"), config["branch"]
    parts = urlsplit(repository)
    if parts.scheme != "https" or parts.netloc != "github.com" or repository.endswith(".git") \
            or len(parts.path.strip("/").split("/")) != 2:
        raise ValueError("[tool.course] repository must look like https://github.com/OWNER/NAME "
                         f"(no trailing .git), got {repository!r}")
    owner_repo = parts.path.strip("/")
    return {"repository": repository, "branch": branch, "owner_repo": owner_repo,
            "folder": owner_repo.split("/")[1]}


def colab_url(config: dict, notebook: str) -> str:
    """Return the link that opens ``notebooks/<notebook>`` from GitHub in Colab."""
    return (f"https://colab.research.google.com/github/{config['owner_repo']}/blob/"
            f"{config['branch']}/notebooks/{notebook}")


def binder_url(config: dict, notebook: str = "") -> str:
    """Return the mybinder.org link that opens JupyterLab on a notebook (or the folder)."""
    return (f"https://mybinder.org/v2/gh/{config['owner_repo']}/{config['branch']}"
            f"?urlpath={quote('lab/tree/notebooks/' + notebook, safe='')}")


def nbgitpuller_url(config: dict, hub: str, notebook: str = "") -> str:
    """Return the nbgitpuller link for a JupyterHub at ``hub`` (e.g. https://hub.example.edu)."""
    hub_parts = urlsplit(hub)
    if hub_parts.scheme not in ("http", "https") or not hub_parts.netloc:
        raise ValueError(f"hub must be the address of a JupyterHub such as "
                         f"https://hub.example.edu, got {hub!r}")
    urlpath = f"lab/tree/{config['folder']}/notebooks/{notebook}"
    return (f"{hub.rstrip('/')}/hub/user-redirect/git-pull"
            f"?repo={quote(config['repository'], safe='')}"
            f"&urlpath={quote(urlpath, safe='')}&branch={quote(config['branch'], safe='')}")


def find_notebook(name: str, folder: Path = NOTEBOOK_DIR) -> str:
    """Return the file name of the one notebook whose name contains ``name`` (e.g. "03")."""
    matches = [p.name for p in notebook_paths(folder) if name in p.name]
    if len(matches) != 1:
        known = ", ".join(p.name for p in notebook_paths(folder))
        raise ValueError(f"{name!r} must match exactly one notebook, matched {matches or 'none'}; "
                         f"notebooks: {known}")
    return matches[0]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Print Colab, Binder and nbgitpuller links.")
    parser.add_argument("--hub", help="your JupyterHub's address, e.g. https://hub.example.edu")
    parser.add_argument("--notebook", default="", help="open this notebook (e.g. 03) instead of the folder")
    args = parser.parse_args(argv)
    try:
        config = course_config()
        notebook = find_notebook(args.notebook) if args.notebook else ""
        if args.hub:
            print("JupyterHub (nbgitpuller):", nbgitpuller_url(config, args.hub, notebook))
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print("Binder:                  ", binder_url(config, notebook))
    if notebook:
        print("Colab:                   ", colab_url(config, notebook))
    return 0


if __name__ == "__main__":
    sys.exit(main())
