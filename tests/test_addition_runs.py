"""experiments/addition_runs.py runs notebook 07's own code; its committed results must match it."""
import hashlib
import inspect
import json

import pytest

from experiments.addition_runs import (CLIP_GRAD, EXTRA_SEEDS, HIDDEN, LEARNING_RATES, N_VAL, RESULTS,
                                 notebook_namespace, validation_examples)


@pytest.fixture(scope="module")
def notebook():
    return notebook_namespace()


@pytest.fixture(scope="module")
def results():
    return json.loads(RESULTS.read_text())


def test_notebook_cells_define_what_the_script_calls(notebook):
    for name in ("train_adder", "make_tensors", "exact_match", "Seq2SeqAdder", "aligned_reversed",
                 "reversed_question", "reversed_answer", "align", "train_examples", "test_examples"):
        assert name in notebook, f"no cell tagged addition-code defines {name}"


def test_partial_reversals_reverse_one_side_only(notebook):
    assert notebook["reversed_question"]("123+4567") == "3210+7654"
    assert notebook["reversed_question"]("4690") == "04690"
    assert notebook["reversed_answer"]("123+4567") == "0123+4567"
    assert notebook["reversed_answer"]("4690") == "09640"


def test_validation_sums_are_neither_training_nor_held_out(notebook):
    val = validation_examples(notebook)
    questions = {q for q, _ in val}
    assert len(questions) == len(val) == N_VAL
    assert not questions & {q for q, _ in notebook["train_examples"] + notebook["test_examples"]}


def test_results_were_made_with_the_notebooks_settings(notebook, results):
    defaults = {k: p.default for k, p in inspect.signature(notebook["train_adder"]).parameters.items()}
    n_epochs, n_slow, batch_size = defaults["n_epochs"], defaults["n_slow"], defaults["batch_size"]
    settings = results["settings"]
    assert (settings["n_epochs"], settings["n_slow"], settings["batch_size"]) == \
        (n_epochs, n_slow, batch_size)
    assert settings["hidden"] == HIDDEN and settings["learning_rates"] == LEARNING_RATES
    assert settings["clip_grad"] == CLIP_GRAD and settings["extra_seeds"] == EXTRA_SEEDS
    for cell, n_hidden in HIDDEN.items():
        model = notebook["Seq2SeqAdder"](cell=cell, n_hidden=n_hidden)
        assert results["chosen"][cell]["n_params"] == sum(p.numel() for p in model.parameters())


def test_the_chosen_rate_has_the_best_validation_score(results):
    for cell in HIDDEN:
        tried = [r for r in results["sweep"] if r["cell"] == cell]
        assert sorted(r["lr"] for r in tried) == LEARNING_RATES
        chosen = [r for r in tried if r["chosen"]]
        assert len(chosen) == 1 and chosen[0]["val_acc"] == max(r["val_acc"] for r in tried)
        assert results["chosen"][cell]["lr"] == chosen[0]["lr"]
        assert results["chosen"][cell]["seeds"] == [0, *EXTRA_SEEDS]
        assert results["chosen"][cell]["test_acc"][0] == chosen[0]["test_acc"]


def test_unreversed_run_is_section_4s_model_with_one_loss_per_batch(notebook, results):
    run = results["unreversed"]
    assert (run["cell"], run["n_hidden"], run["format"], run["seed"]) == ("lstm", 128, "align", 0)
    batches = -(-len(notebook["train_examples"]) // results["settings"]["batch_size"])  # ceil
    assert len(run["train_loss"]) == results["settings"]["n_epochs"] * batches


def test_section5_rnn_weights_are_the_recorded_run(notebook, results):
    """The weights notebook 07 loads are section 5's RNN, and they give the accuracy on record."""
    import torch
    from experiments.addition_runs import RNN_WEIGHTS, ROOT

    run = results["section5_rnn"]
    defaults = {k: p.default for k, p in inspect.signature(notebook["train_adder"]).parameters.items()}
    assert (run["cell"], run["n_hidden"], run["format"], run["seed"]) == ("rnn", 128, "aligned_reversed", 0)
    assert (run["lr"], run["clip_grad"]) == (defaults["lr"], defaults["clip_grad"])
    assert ROOT / run["weights"] == RNN_WEIGHTS
    assert hashlib.sha256(RNN_WEIGHTS.read_bytes()).hexdigest() == run["weights_sha256"], \
        "addition_rnn.pt is not the file the recorded run saved: run experiments/addition_runs.py section5_rnn"
    model = notebook["Seq2SeqAdder"](cell="rnn")
    model.load_state_dict(torch.load(RNN_WEIGHTS))
    x_test, _, y_test = notebook["make_tensors"](notebook["test_examples"], notebook["aligned_reversed"])
    # recomputed from the weights; another machine's arithmetic may flip a borderline sum: two at most
    assert notebook["exact_match"](model, x_test, y_test) == pytest.approx(run["test_acc"], abs=2 / len(y_test))


def test_the_no_bias_lstm_gets_the_rate_with_its_best_validation_score(notebook, results):
    """The LSTM without forget-gate bias is judged at its own rate, chosen like the comparison's."""
    part = results["no_bias_rate"]
    tried = part["sweep"]
    defaults = {k: p.default for k, p in inspect.signature(notebook["train_adder"]).parameters.items()}
    assert sorted(r["lr"] for r in tried) == LEARNING_RATES
    for r in tried:
        assert (r["cell"], r["n_hidden"], r["format"], r["seed"]) == ("lstm", 128, "aligned_reversed", 0)
        assert (r["forget_bias"], r["clip_grad"]) == (None, defaults["clip_grad"])
    chosen = [r for r in tried if r["chosen"]]
    assert len(chosen) == 1 and chosen[0]["val_acc"] == max(r["val_acc"] for r in tried)
    assert part["chosen"]["lr"] == chosen[0]["lr"] and part["chosen"]["seeds"] == [0, 1]
    assert part["chosen"]["test_acc"][0] == chosen[0]["test_acc"]
