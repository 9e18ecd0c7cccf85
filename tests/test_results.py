"""The numbers a notebook quotes from a results file under ``experiments/results/`` match that file.

A script under ``experiments/`` writes a file ``experiments/results/NAME.json`` (and names it); both are
committed, and a notebook reads the file. Where a notebook's *text* quotes one of its numbers, the number is
followed by an HTML comment naming the file and the key, which the rendered notebook does not show:

    stateful training reaches 1.86<!-- result: experiments/results/char_lm_runs.json runs.stateful.val_bits -->

The key is a dotted path into the JSON (list indices as integers). The quoted number must equal the
value rounded to as many decimals as it is written with; a thousands separator (``19,400``) and a
trailing ``%`` (the value being a fraction) are understood.
"""
import json
import re
from pathlib import Path

import pytest

from tools.layout import RESULTS_DIR, ROOT, notebook_paths

NOTEBOOKS = notebook_paths()
RESULTS = sorted(RESULTS_DIR.glob("*.json"))
QUOTE = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)(\s?%)?\s*<!--\s*result:\s*(\S+)\s+(\S+)\s*-->")
MARKER = re.compile(r"<!--\s*result:")


def lookup(data, key: str):
    """Return the value at a dotted ``key`` (``runs.reset.curve.0.1``) of parsed JSON."""
    for part in key.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def check_quote(number: str, percent: bool, value) -> bool:
    """Is ``number``, as written in the text, ``value`` rounded to the decimals written?"""
    decimals = len(number.split(".")[1]) if "." in number else 0
    value = 100 * value if percent else value
    return round(float(value), decimals) == float(number.replace(",", ""))


def quotes(markdown: str, root: Path = ROOT) -> list:
    """Return (number, file, key, ok) for each quoted result in a markdown text."""
    found = []
    for number, percent, path, key in QUOTE.findall(markdown):
        value = lookup(json.loads((root / path).read_text()), key)
        found.append((number, path, key, check_quote(number, bool(percent), value)))
    return found


def markdown_of(path: Path) -> str:
    nb = json.loads(path.read_text())
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_quoted_results_match_their_files(path):
    text = markdown_of(path)
    found = quotes(text)
    assert len(found) == len(MARKER.findall(text)), "a result marker has no number right before it"
    wrong = [f"{n} quoted, but {file} {key} = {lookup(json.loads((ROOT / file).read_text()), key)}"
             for n, file, key, ok in found if not ok]
    assert not wrong, f"{path.name}: " + "; ".join(wrong)


@pytest.mark.parametrize("results", RESULTS, ids=lambda p: p.stem)
def test_each_results_file_has_its_script_and_a_reader(results):
    writers = [p.name for p in (ROOT / "experiments").glob("*.py") if results.name in p.read_text()]
    assert writers, f"no script under experiments/ names {results.name}"
    json.loads(results.read_text())
    readers = [p.name for p in NOTEBOOKS if results.name in p.read_text()]
    assert readers, f"no notebook reads {results.name}"


def test_a_wrong_quote_is_caught(tmp_path):
    (tmp_path / "r.json").write_text(json.dumps({"a": {"b": [1.2345, 0.5]}, "n": 19400}))
    text = ("1.23<!-- result: r.json a.b.0 --> and 1.24<!-- result: r.json a.b.0 -->, "
            "50%<!-- result: r.json a.b.1 -->, 19,400 <!-- result: r.json n -->")
    assert [ok for *_, ok in quotes(text, root=tmp_path)] == [True, False, True, True]
