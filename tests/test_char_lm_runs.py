"""experiments/char_lm_runs.py trains notebook 08's LSTM; its settings and results must match the notebook.

Training takes too long for the suite, so these checks read the notebook's source and the committed
results file instead of training.
"""
import json
import re

import nbformat
import pytest

from experiments import char_lm_runs as runs

# the cell that builds the model: set_seed(...), then non-blank lines only (cells are joined by a blank one)
TRAINING_CELL = re.compile(r"set_seed\((\d+)\)\n(?:[^\n]+\n)*?model = CharLSTM\(V, E=(\d+), H=(\d+)\)\.to\(device\)\n"
                           r"optimizer = torch\.optim\.Adam\(model\.parameters\(\), lr=([\d.]+)\)")


@pytest.fixture(scope="module")
def notebook_code():
    nb = nbformat.read(runs.NOTEBOOK, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.fixture(scope="module")
def results():
    return json.loads(runs.RESULTS.read_text())


def test_script_uses_the_notebooks_settings(notebook_code):
    seed, E, H, lr = TRAINING_CELL.search(notebook_code).groups()
    assert (int(seed), int(E), int(H), float(lr)) == (runs.SEED, runs.E, runs.H, runs.LR)
    T, B, per_epoch = map(int, re.search(r"^T, B, batches_per_epoch = (\d+), (\d+), (\d+)$",
                                         notebook_code, re.M).groups())
    assert (T, B) == (runs.T, runs.B)
    assert f"clip_grad={runs.CLIP}" in notebook_code
    n_epochs = int(re.search(r"fit\(model, train_loader, .*n_epochs=(\d+),", notebook_code).group(1))
    assert n_epochs * per_epoch == runs.SWEEP_STEPS, "the sweep must train for the notebook's number of steps"


def test_sweep_covers_every_setting_and_chose_the_best_on_validation(results):
    sweep = results["sweep"]
    assert sorted((r["H"], r["lr"]) for r in sweep["runs"]) == \
        sorted((h, lr) for h in runs.SWEEP_H for lr in runs.SWEEP_LR)
    best = min(sweep["runs"], key=lambda r: r["final_val_bits"])
    assert sweep["chosen"] == {"H": best["H"], "lr": best["lr"]}
    assert all("test_bits" not in r for r in sweep["runs"]), "the sweep must not look at the test text"


def test_notebook_trains_the_setting_the_sweep_chose(notebook_code, results):
    _, _, H, lr = TRAINING_CELL.search(notebook_code).groups()
    assert {"H": int(H), "lr": float(lr)} == results["sweep"]["chosen"]


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


def test_notebook_decays_its_rate_as_validation_chose(notebook_code, results):
    schedule, sweep = results["schedule"], results["sweep"]
    assert (schedule["H"], schedule["lr"], schedule["n_steps"]) == \
        (sweep["chosen"]["H"], sweep["chosen"]["lr"], runs.SWEEP_STEPS)
    constant = next(r["final_val_bits"] for r in sweep["runs"]
                    if (r["H"], r["lr"]) == (schedule["H"], schedule["lr"]))
    decays = "torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=40 * batches_per_epoch)" in notebook_code
    assert decays == (schedule["cosine_val_bits"] < constant)
    assert decays == ("scheduler=scheduler)" in notebook_code.split("history = fit(model, train_loader")[1][:200])


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
