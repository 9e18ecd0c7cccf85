"""experiments/transformer_runs.py compares notebook 10's Transformer with notebook 08's LSTM.

Training takes too long for the suite, so these checks read notebook 10's code (as Python syntax trees,
not as text) and the committed results file: the results must come from the notebook's current settings,
the LSTM must be notebook 08's, and the comparison must match parameters and training time.
"""
import ast
import json

import nbformat
import pytest

from experiments import char_lm_runs
from experiments import transformer_runs as runs
from jupyter_support import python_of


@pytest.fixture(scope="module")
def trees():
    nb = nbformat.read(runs.NOTEBOOK, as_version=4)
    return [ast.parse(python_of(c.source)) for c in nb.cells if c.cell_type == "code"]


def nodes(trees, kind):
    return [node for tree in trees for node in ast.walk(tree) if isinstance(node, kind)]


def defaults(trees, class_name: str) -> dict:
    """Return the default values of the keyword arguments of ``class_name.__init__``."""
    init = next(f for c in nodes(trees, ast.ClassDef) if c.name == class_name
                for f in c.body if isinstance(f, ast.FunctionDef) and f.name == "__init__")
    names = [a.arg for a in init.args.args][-len(init.args.defaults):]
    return {name: ast.literal_eval(d) for name, d in zip(names, init.args.defaults)}


@pytest.fixture(scope="module")
def notebook(trees):
    """Return the training settings notebook 10 assigns, its model sizes and the seed of its own run."""
    settings = [n for n in nodes(trees, ast.Assign) if ast.unparse(n.targets[0]).strip("()") == "T, B, n_steps, lr"]
    assert len(settings) == 1, "notebook 10 must set `T, B, n_steps, lr = ...` once"
    facts = dict(zip(("T", "B", "n_steps", "lr"), ast.literal_eval(settings[0].value)))
    facts.update(defaults(trees, "CharTransformer"))
    facts["lstm"] = defaults(trees, "CharLSTM")
    calls = [n for n in nodes(trees, ast.Call) if getattr(n.func, "id", None) == "train_transformer"]
    assert len(calls) == 1, "notebook 10 trains its model with one call of train_transformer(seed=...)"
    facts["seed"] = ast.literal_eval(calls[0].keywords[0].value)
    skip = [n for n in nodes(trees, ast.Assign) if ast.unparse(n.targets[0]) == "SKIP"]
    facts["skip"] = ast.literal_eval(skip[0].value)
    return facts


@pytest.fixture(scope="module")
def results():
    return json.loads(runs.RESULTS.read_text())


def test_results_come_from_the_notebooks_settings(notebook, results):
    setting = results["transformer"]
    for name in ("T", "B", "n_steps", "lr", "D", "n_heads", "n_layers"):
        assert setting[name] == notebook[name], f"{name}: results file {setting[name]}, notebook {notebook[name]}"
    assert all(run["n_steps"] == notebook["n_steps"] for run in results["runs"]["transformer"])
    assert notebook["seed"] in results["seeds"], "the notebook's own run must be one of the compared seeds"
    assert results["skip"] == notebook["skip"] == char_lm_runs.SKIP, "both models must score the same characters"


def test_the_lstm_is_notebook_08s(notebook, results):
    lstm = results["lstm"]
    assert (lstm["E"], lstm["H"], lstm["lr"], lstm["T"], lstm["B"]) == \
        (char_lm_runs.E, char_lm_runs.H, char_lm_runs.LR, char_lm_runs.T, char_lm_runs.B)
    assert notebook["lstm"] == {"E": char_lm_runs.E, "H": char_lm_runs.H}, \
        "notebook 10's CharLSTM must have 08's sizes, since it counts and times 08's model"
    assert results["corpus"] == char_lm_runs.CORPUS


def test_parameters_and_training_time_are_matched(results):
    assert abs(results["transformer"]["parameters"] / results["lstm"]["parameters"] - 1) < 0.05
    transformer, lstm = results["runs"]["transformer"], results["runs"]["lstm"]
    assert [r["seed"] for r in transformer] == [r["seed"] for r in lstm] == runs.SEEDS
    for t, s in zip(transformer, lstm):
        assert 0.75 < s["train_seconds"] / t["train_seconds"] < 1.33, f"seed {t['seed']}: times not matched"
        assert all(1 < r["val_bits"] < 4 and 1 < r["test_bits"] < 4 for r in (t, s))


def test_the_notebook_trains_at_the_rate_validation_chose(notebook, results):
    sweep = results["sweep"]
    assert sorted(run["lr"] for run in sweep["runs"]) == sorted(runs.SWEEP_LR)
    assert sweep["n_steps"] == notebook["n_steps"], "the sweep must train for the notebook's number of steps"
    best = min(sweep["runs"], key=lambda run: run["val_bits"])
    assert sweep["chosen_lr"] == best["lr"] == notebook["lr"], "the notebook must train at the rate the sweep chose"
    assert all("test_bits" not in run for run in sweep["runs"]), "the sweep must not look at the test text"
