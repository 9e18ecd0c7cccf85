"""Static checks of the notebooks' prose (no execution): headings on their own line, the same shape."""
import json
import re

import pytest

from tools.layout import notebook_paths

PATHS = notebook_paths()
# Notebooks that already have the common shape ("you will learn" list, "Next:" line, no bare Setup cell).
SHAPED = {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10"}

GLUED_HEADING = re.compile(r"[^\s#>]\s*#{1,6} \S")


def markdown_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(i, "".join(c["source"])) for i, c in enumerate(cells) if c["cell_type"] == "markdown"]


def without_code_and_math(src):
    """Return the markdown with fenced code, code spans, math and HTML comments blanked out."""
    src = re.sub(r"```.*?```", " ", src, flags=re.S)
    src = re.sub(r"<!--.*?-->", " ", src, flags=re.S)
    src = re.sub(r"\$\$.*?\$\$", " ", src, flags=re.S)
    src = re.sub(r"`[^`\n]*`", " ", src)
    return re.sub(r"\$[^$\n]+\$", " ", src)


def glued_headings(src):
    """Return the lines of a markdown cell where a heading follows other text on the same line."""
    return [line for line in without_code_and_math(src).splitlines() if GLUED_HEADING.search(line)]


def test_glued_heading_detector():
    assert glued_headings("Three models to score them:## Exercises")
    assert glued_headings("end of a sentence. ### 2.1 Next part")
    assert not glued_headings("## 1. A heading\n\nText with `x # y` and $\\#$ in it.")
    assert not glued_headings("```python\nx = 1  # a comment\n```")
    assert not glued_headings("Use `print(x)  # shows x` here.")


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_heading_starts_its_own_line(path):
    bad = [(i, line) for i, src in markdown_cells(path) for line in glued_headings(src)]
    assert not bad, f"markdown headings glued onto other text (cell, line): {bad}"


@pytest.mark.parametrize("path", [p for p in PATHS if p.name[:2] in SHAPED], ids=lambda p: p.stem)
def test_common_shape(path):
    cells = markdown_cells(path)
    intro = " ".join(src for _, src in cells[:3])
    assert re.search(r"you\s+will\s+learn", intro, re.I) and re.search(r"^\s*[-*] ", intro, re.M), \
        "no bulleted 'you will learn' list at the top"
    assert re.search(r"^(\*\*)?Next:(\*\*)? ", cells[-1][1], re.M), "the last markdown cell has no 'Next:' line"
    bare = [i for i, src in cells if src.strip().startswith("**Setup.**")]
    assert not bare, f"bare '**Setup.**' cell(s) {bare}: fold it into the introduction"
    test_speak = [i for i, src in cells if re.search(r"claim checked|the check(point)? passes", src, re.I)]
    assert not test_speak, f"test vocabulary in the prose of cell(s) {test_speak}"
