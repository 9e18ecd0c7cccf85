"""Run the cells of a notebook that carry a given tag, for the scripts that regenerate its results.

A results script (experiments/*_runs.py) trains the models a notebook defines, with more seeds or
settings than the notebook has time for. It takes the code from the notebook itself, so that the
numbers in the results file cannot drift away from the models the notebook shows.
"""
import contextlib
import io
import sys
from pathlib import Path

import nbformat

from tools.layout import ROOT


def notebook_namespace(path: Path, tag: str, quiet: bool = False) -> dict:
    """Return the globals left by running, in order, the cells of ``path`` tagged ``tag``.

    With ``quiet``, what the cells print is swallowed.
    """
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    cells = [c for c in nbformat.read(path, as_version=4).cells
             if c.cell_type == "code" and tag in c.metadata.get("tags", [])]
    if not cells:
        raise ValueError(f"{path.name} has no code cell tagged {tag!r}")
    namespace = {}
    with contextlib.redirect_stdout(io.StringIO()) if quiet else contextlib.nullcontext():
        for cell in cells:
            exec(compile(cell.source, f"{path.name}:{tag}", "exec"), namespace)
    return namespace


def chosen_parts(argv: list, parts: dict) -> list:
    """Return the names of the parts ``argv`` asks for (every part if none); exit on an unknown one.

    A results script made of parts (``python experiments/X_runs.py [part ...]``) runs only those named.
    """
    chosen = argv or list(parts)
    unknown = sorted(set(chosen) - set(parts))
    if unknown:
        sys.exit(f"unknown part(s) {unknown}: choose among {list(parts)}")
    return chosen
