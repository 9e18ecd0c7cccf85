"""experiments/adding_problem_runs.py runs notebook 06's own code; its committed results must match it."""
import json

import pytest

from experiments.adding_problem_runs import (EXTRA_SEEDS, LEARNING_RATES, LENGTHS, RESULTS,
                                       notebook_namespace)


@pytest.fixture(scope="module")
def notebook():
    return notebook_namespace()


@pytest.fixture(scope="module")
def results():
    return json.loads(RESULTS.read_text())


def test_notebook_cells_define_what_the_script_calls(notebook):
    for name in ("Reader", "HIDDEN", "train_reader", "score", "held_out"):
        assert name in notebook, f"no cell tagged adding-code defines {name}"


def test_results_were_made_with_the_notebooks_settings(notebook, results):
    n_batches, batch_size, clip_grad, seed = notebook["train_reader"].__defaults__[:4]
    assert (results["n_batches"], results["batch_size"], results["clip_grad"], results["seed"]) == \
        (n_batches, batch_size, clip_grad, seed)
    assert results["hidden"] == notebook["HIDDEN"]
    assert results["lengths"] == LENGTHS and results["learning_rates"] == LEARNING_RATES


def test_one_chosen_run_per_layer_and_length_with_the_best_validation_score(notebook, results):
    for cell in notebook["HIDDEN"]:
        for n_steps in LENGTHS:
            tried = [r for r in results["runs"] if (r["cell"], r["n_steps"], r["seed"]) ==
                     (cell, n_steps, 0)]
            assert sorted(r["lr"] for r in tried) == LEARNING_RATES
            chosen = [r for r in tried if r["chosen"]]
            assert len(chosen) == 1 and chosen[0]["val_r2"] == max(r["val_r2"] for r in tried)
            seeds = {r["seed"] for r in results["runs"] if (r["cell"], r["n_steps"], r["lr"]) ==
                     (cell, n_steps, chosen[0]["lr"])}
            assert seeds == {0, *EXTRA_SEEDS}


def test_one_run_trains_and_scores_like_the_notebook(notebook):
    """A short run through the script's path: the LSTM learns the task in 300 steps at T = 10."""
    data = notebook["held_out"](10)
    model, history = notebook["train_reader"]("lstm", 10, 0.03, n_batches=300)
    r2, accuracy = notebook["score"](model, *data[0])
    assert history["train"].shape == history["grad_norm"].shape == (1, 300)
    assert 0.0 <= accuracy <= 1.0 and r2 > 0.9


def test_input_gradients_backpropagate_in_training_mode(notebook):
    """cuDNN (CUDA GPUs) backpropagates through nn.RNN/LSTM/GRU only in training mode: a model left in
    evaluation mode by score() must be switched back before the backward pass, with the same result."""
    import torch

    x, y = notebook["adding_problem"](8, 20, seed=0)
    for cell in notebook["HIDDEN"]:
        model = notebook["Reader"](cell, 8)
        notebook["score"](model, x, y)                     # predict() leaves the model in eval mode
        assert not model.training
        norms = notebook["input_gradients"](model, x)      # (T,)
        assert model.training, f"{cell}: input_gradients ran its backward pass in evaluation mode"
        assert norms.shape == (20,) and torch.isfinite(norms).all() and (norms > 0).all()
