"""experiments/char_lm_runs.py trains notebook 08's LSTM; its settings and results must match the notebook.

Training takes too long for the suite, so these checks read the notebook's code and the committed
results file instead of training. The code is read as Python (its syntax tree), not as text: a
comment, a line break or another spelling of the same call changes nothing, a changed number does.
"""
import ast
import json

import nbformat
import pytest

from experiments import char_lm_runs as runs
from jupyter_support import python_of


def calls(tree, name: str) -> list:
    """Return the calls of ``name`` (``fit``, or an attribute such as ``torch.optim.Adam``) in ``tree``."""
    found = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and
             (getattr(node.func, "id", None) == name or getattr(node.func, "attr", None) == name)]
    return sorted(found, key=lambda node: (node.lineno, node.col_offset))          # in reading order


def keyword(call: ast.Call, name: str) -> ast.expr:
    """Return the expression passed to ``call`` as ``name=``; fail if there is none."""
    found = [k.value for k in call.keywords if k.arg == name]
    assert found, f"{ast.unparse(call)} has no {name}= argument"
    return found[0]


def assigned(trees, name: str):
    """Return (index of the tree, expression) of the last assignment ``name = ...`` in ``trees``."""
    found = [(i, node.lineno, node.value) for i, tree in enumerate(trees) for node in ast.walk(tree)
             if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets)]
    assert found, f"notebook 08 assigns no {name} before its training"
    i, _, expression = max(found, key=lambda item: item[:2])
    return i, expression


def value(expression: ast.expr, **names):
    """Return the value of a literal or of arithmetic on ``names`` (``40 * batches_per_epoch``)."""
    return eval(compile(ast.Expression(expression), "notebook 08", "eval"), {"__builtins__": {}}, names)


@pytest.fixture(scope="module")
def training():
    """Return notebook 08's training as facts read from its code cells.

    The training is the first ``fit(model, train_loader, ...)``; the model, optimizer, scheduler and
    window sizes are the last ones assigned up to it, the seed the last one set before the model is built.
    """
    nb = nbformat.read(runs.NOTEBOOK, as_version=4)
    cells = [ast.parse(python_of(c.source)) for c in nb.cells if c.cell_type == "code"]
    at, fit = next((i, call) for i, tree in enumerate(cells) for call in calls(tree, "fit")
                   if [ast.unparse(arg) for arg in call.args[:2]] == ["model", "train_loader"])
    before = cells[:at + 1]
    built_at, model = assigned(before, "model")
    sizes = next(node.value for tree in before for node in ast.walk(tree) if isinstance(node, ast.Assign)
                 and ast.unparse(node.targets[0]).strip("()") == "T, B, batches_per_epoch")
    T, B, per_epoch = value(sizes)
    seed = [call for tree in cells[:built_at + 1] for call in calls(tree, "set_seed")][-1]
    facts = {"seed": value(seed.args[0]), "T": T, "B": B, "per_epoch": per_epoch,
             "E": value(keyword(calls(model, "CharLSTM")[0], "E")),
             "H": value(keyword(calls(model, "CharLSTM")[0], "H")),
             "lr": value(keyword(calls(assigned(before, "optimizer")[1], "Adam")[0], "lr")),
             "n_epochs": value(keyword(fit, "n_epochs")), "clip_grad": value(keyword(fit, "clip_grad"))}
    # the rate decays if fit gets a cosine scheduler; its T_max counts steps (batches)
    scheduler = next((k.value for k in fit.keywords if k.arg == "scheduler"), None)
    cosine = calls(assigned(before, scheduler.id)[1], "CosineAnnealingLR") if scheduler is not None else []
    facts["cosine_steps"] = value(keyword(cosine[0], "T_max"), batches_per_epoch=per_epoch) if cosine else None
    return facts


@pytest.fixture(scope="module")
def results():
    return json.loads(runs.RESULTS.read_text())


def test_script_uses_the_notebooks_settings(training):
    assert (training["seed"], training["E"], training["H"], training["lr"]) == (runs.SEED, runs.E, runs.H, runs.LR)
    assert (training["T"], training["B"], training["clip_grad"]) == (runs.T, runs.B, runs.CLIP)
    assert training["n_epochs"] * training["per_epoch"] == runs.SWEEP_STEPS, \
        "the sweep must train for the notebook's number of steps"


def test_sweep_covers_every_setting_and_chose_the_best_on_validation(results):
    sweep = results["sweep"]
    assert sorted((r["H"], r["lr"]) for r in sweep["runs"]) == \
        sorted((h, lr) for h in runs.SWEEP_H for lr in runs.SWEEP_LR)
    best = min(sweep["runs"], key=lambda r: r["final_val_bits"])
    assert sweep["chosen"] == {"H": best["H"], "lr": best["lr"]}
    assert all("test_bits" not in r for r in sweep["runs"]), "the sweep must not look at the test text"


def test_notebook_trains_the_setting_the_sweep_chose(training, results):
    assert {"H": training["H"], "lr": training["lr"]} == results["sweep"]["chosen"]


def test_longer_runs_cover_both_states_and_both_schedules(results):
    assert set(results["runs"]) == {"reset", "stateful", "reset-cosine", "stateful-cosine"}
    assert results["curve_columns"] == ["step", "val_bits", "mean_train_bits", "test_bits"]
    steps = list(range(runs.EVAL_EVERY, runs.N_STEPS + 1, runs.EVAL_EVERY))
    for name, run in results["runs"].items():
        assert run["mode"] == name.split("-")[0]
        assert run["schedule"] == ("cosine" if name.endswith("-cosine") else "constant")
        assert [row[0] for row in run["curve"]] == steps, name
        assert all(len(row) == 4 for row in run["curve"]), name
        assert run["final_val_bits"] == run["curve"][-1][1] and run["test_bits"] == run["curve"][-1][3]
        best = min(run["curve"], key=lambda row: row[1])
        assert (run["best_val_bits"], run["best_val_step"]) == (best[1], best[0]), name


def test_notebook_decays_its_rate_as_validation_chose(training, results):
    schedule, sweep = results["schedule"], results["sweep"]
    assert (schedule["H"], schedule["lr"], schedule["n_steps"]) == \
        (sweep["chosen"]["H"], sweep["chosen"]["lr"], runs.SWEEP_STEPS)
    constant = next(r["final_val_bits"] for r in sweep["runs"]
                    if (r["H"], r["lr"]) == (schedule["H"], schedule["lr"]))
    decays = training["cosine_steps"] is not None
    assert decays == (schedule["cosine_val_bits"] < constant), "validation chose the other schedule"
    if decays:
        assert training["cosine_steps"] == training["n_epochs"] * training["per_epoch"], \
            "the rate must decay to 0 over the notebook's whole training, as the schedule part measured it"


def test_seeds_train_the_notebooks_setting_and_report_test_only_as_a_result(results):
    if "seeds" not in results:
        pytest.skip("the seeds part has not been run yet: python experiments/char_lm_runs.py seeds")
    seeds = results["seeds"]
    setting = (seeds["n_steps"], seeds["H"], seeds["lr"], seeds["schedule"])
    assert setting == (runs.SWEEP_STEPS, runs.H, runs.LR, "cosine")
    assert sorted(run["seed"] for run in seeds["runs"]) == runs.SEEDS
    assert all(1 < run["test_bits"] < 3 and 1 < run["final_val_bits"] < 3 for run in seeds["runs"])


def test_every_part_records_its_text_and_the_seeds_used_the_cleaned_one(results):
    assert all(part.get("corpus") for part in (results, results["sweep"], results["schedule"]))
    assert results.get("seeds", {"corpus": runs.CORPUS})["corpus"] == runs.CORPUS
