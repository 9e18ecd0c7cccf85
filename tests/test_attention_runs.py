"""experiments/attention_runs.py trains notebook 09's models over three seeds.

Training takes minutes, so these checks read the committed results file and notebook 09's code (as
Python syntax trees, not as text): the runs must come from the notebook's current code, every model the
notebook trains must be one of the compared settings, and the notebook's own run must be one of the seeds.
"""
import ast
import json

import nbformat
import pytest

from experiments import attention_runs as runs
from jupyter_support import python_of


@pytest.fixture(scope="module")
def trees():
    nb = nbformat.read(runs.NOTEBOOK, as_version=4)
    return [ast.parse(python_of(c.source)) for c in nb.cells if c.cell_type == "code"]


@pytest.fixture(scope="module")
def results():
    return json.loads(runs.RESULTS.read_text())


def train_calls(trees):
    """Return (task, keyword arguments) of every ``train(...)`` call in the notebook's code cells."""
    calls = [node for tree in trees for node in ast.walk(tree)
             if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "train"]
    return [(ast.literal_eval(c.args[0]), {k.arg: ast.unparse(k.value) for k in c.keywords}) for c in calls]


def setting_of(task, keywords):
    """Return the name of the SETTINGS entry that a call ``train(task, **keywords)`` trains."""
    keywords = {k: ast.literal_eval(v) if k != "model_class" else v for k, v in keywords.items()}
    return next((name for name, (t, args) in runs.SETTINGS.items() if t == task and args == keywords), None)


def test_results_come_from_the_notebooks_current_code(results):
    assert set(results["runs"]) == set(runs.SETTINGS), "every setting must have been run"
    stale = [s for s, sha in results["code_sha256"].items() if sha != runs.code_fingerprint()]
    assert not stale, f"notebook 09's attention-code cells (or exercise 2's class) changed since {stale} ran: " \
                      "run `python experiments/attention_runs.py` again"


def test_every_model_the_notebook_trains_is_compared(trees, results):
    calls = train_calls(trees)
    assert len(calls) == 3, "notebook 09 trains three models: the copy without attention, the copy, the reversal"
    for task, keywords in calls:
        assert "seed" not in keywords, "the notebook's runs use train's default seed"
        assert setting_of(task, keywords) in results["runs"], f"train({task!r}, {keywords}) is not a compared setting"


def test_the_notebooks_seed_is_one_of_the_runs(trees, results):
    train = next(node for tree in trees for node in ast.walk(tree)
                 if isinstance(node, ast.FunctionDef) and node.name == "train")
    names = [a.arg for a in train.args.args][-len(train.args.defaults):]
    seed = ast.literal_eval(train.args.defaults[names.index("seed")])
    assert seed in results["seeds"] == runs.SEEDS
    assert all([r["seed"] for r in setting] == runs.SEEDS for setting in results["runs"].values())


def test_the_measures_are_complete(results):
    for name, setting in results["runs"].items():
        task, args = runs.SETTINGS[name]
        for run in setting:
            assert set(range(10, 31)) <= set(map(int, run["by_length"])), f"{name}: lengths 10-30 needed"
            assert 0 <= run["short"] <= 1 and 0 <= run["long"] <= 1
            if args.get("attention", True):
                assert abs(run["on_it"] + run["one_after"] + run["elsewhere"] - 1) < 1e-3
                assert 0 <= run["free_steps"] <= 1 and 0 <= run["forced_steps"] <= 1
            if task == "reversal" and args.get("attention", True):
                assert {"greedy", "beam", "beam_normalised", "search_could_fix"} <= set(run)


def test_the_settings_name_existing_code():
    nb = runs.notebook_namespace()
    assert issubclass(nb["AdditiveSeq2Seq"], nb["Seq2Seq"]), "exercise 2's class must extend the notebook's model"
    assert len(nb["test_strings"]) == 1000 and not set(nb["test_strings"]) & set(nb["train_strings"])
