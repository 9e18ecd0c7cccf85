"""Train notebook 07's adder fairly (plain RNN against LSTM), and take its recipe apart.

Usage (from the repository root):
    python experiments/addition_runs.py                # every part, about 16 minutes on an idle 2-core CPU
    python experiments/addition_runs.py comparison     # only one part (12 runs, about 6 minutes)
    python experiments/addition_runs.py ablations      # (6 runs, about 5 minutes)
    python experiments/addition_runs.py no_bias_rate   # (4 or 5 runs, about 4 minutes)
    python experiments/addition_runs.py unreversed     # (1 run, about 1 minute)
    python experiments/addition_runs.py section5_rnn   # (1 run, about 30 seconds)

Writes experiments/results/addition.json (a part run alone replaces only its own entries), which notebook
07 reads for its tables, and the weights of section 5's plain RNN, experiments/results/addition_rnn.pt.
The script runs the notebook's own code: the cells tagged
``addition-code`` (set-up, data, model, training and scoring functions, formats), so the numbers
cannot drift away from the model the notebook shows. Every run uses the notebook's recipe unless
said otherwise: aligned and reversed sums, teacher forcing, 20 epochs, the last 4 at a 10 times
smaller learning rate, seed 0.

* comparison: a plain RNN of 128 units against an LSTM of 64 units, a matched number of parameters
  (37,771 and 40,651; an LSTM has four weight sets per unit), with one clipping rule for both
  (gradient norm cut to ``CLIP_GRAD``). For each, the learning rate is chosen among
  ``LEARNING_RATES`` (seed 0) by exact match on a validation set: 2,000 sums drawn with another
  seed, none of them a training or held-out question. The chosen setting is trained again with
  ``EXTRA_SEEDS``; held-out (test) exact match is reported.
* ablations: the LSTM of the notebook's section 4 (128 units, learning rate 0.01, no clipping:
  ``train_adder``'s defaults), one change at a time: the forget-gate bias left at PyTorch's
  default (seeds 0 and 1, next to the recipe with the same seeds); the input reversed but not the
  answer; the answer reversed but not the input.
* no_bias_rate: the LSTM without the forget-gate bias given its own learning rate: chosen among
  ``LEARNING_RATES`` (seed 0) on the validation set, as the comparison does, then trained again with
  seed 1, so that the ablation does not judge it at a rate tuned for the model with the bias.
* unreversed: the same LSTM on sums aligned but not reversed (most significant digit first), with
  its loss after every batch: notebook 07's section 4 plots it beside the reversed run it trains.
* section5_rnn: the plain RNN of the notebook's section 5, ``train_adder``'s defaults with
  ``cell="rnn"`` (the LSTM's settings), whose weights the notebook loads and examines.
"""
import hashlib
import inspect
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from experiments import notebook_code  # noqa: E402
from tools.layout import NOTEBOOK_DIR, RESULTS_DIR, ROOT  # noqa: E402

NOTEBOOK = NOTEBOOK_DIR / "07_lstm_addition.ipynb"
RESULTS = RESULTS_DIR / "addition.json"
RNN_WEIGHTS = RESULTS_DIR / "addition_rnn.pt"
HIDDEN = {"rnn": 128, "lstm": 64}
LEARNING_RATES = [0.001, 0.003, 0.01, 0.03]
CLIP_GRAD = 1.0
EXTRA_SEEDS = [1, 2]
N_VAL = 2_000


def notebook_namespace(path: Path = NOTEBOOK) -> dict:
    """Return the globals left by running the notebook's cells tagged ``addition-code``."""
    return notebook_code.notebook_namespace(path, "addition-code", quiet=True)


def validation_examples(nb: dict, n: int = N_VAL) -> list:
    """Return ``n`` sums drawn with another seed, none a training or held-out question."""
    seen = {q for q, _ in nb["train_examples"]} | {q for q, _ in nb["test_examples"]}
    fresh = nb["generate_additions"](4 * n, min_len_x=3, max_len_x=4, min_len_y=3, max_len_y=4,
                                     seed=1)
    unique = list({q: (q, a) for q, a in fresh if q not in seen}.values())
    return unique[:n]


def one_run(nb: dict, val: list, cell: str = "lstm", n_hidden: int = 128, lr: float = 0.01,
            clip_grad=None, seed: int = 0, fmt: str = "aligned_reversed",
            forget_bias: float = 1.0, keep_losses: bool = False, weights: Path = None) -> dict:
    """Train one model; return its settings, validation and test exact match, and time.

    With ``keep_losses``, also the training loss of every batch (``train_loss``, 5 significant digits).
    With ``weights``, the trained model's ``state_dict`` is saved to that file.
    """
    model, history, test_acc, seconds = nb["train_adder"](
        nb[fmt], lr=lr, seed=seed, clip_grad=clip_grad, cell=cell, n_hidden=n_hidden,
        forget_bias=forget_bias)
    x_val, _, y_val = nb["make_tensors"](val, nb[fmt])
    run = {"cell": cell, "n_hidden": n_hidden, "lr": lr, "clip_grad": clip_grad, "seed": seed,
           "format": fmt, "forget_bias": forget_bias if cell == "lstm" else None,
           "n_params": sum(p.numel() for p in model.parameters()),
           "val_acc": round(nb["exact_match"](model, x_val, y_val), 4),
           "test_acc": round(test_acc, 4), "seconds": round(seconds, 1)}
    if weights is not None:
        import torch
        torch.save(model.state_dict(), weights)
        run["weights"] = weights.relative_to(ROOT).as_posix()
        run["weights_sha256"] = hashlib.sha256(weights.read_bytes()).hexdigest()
    if keep_losses:
        run["train_loss"] = [float(f"{loss:.5g}") for loss in history["train"].ravel()]
    print(f"{cell:4s} {n_hidden:3d} lr={lr:<6g} clip={clip_grad} seed={seed} {fmt:17s} "
          f"forget_bias={run['forget_bias']}: val {run['val_acc']:.2%} test {run['test_acc']:.2%} "
          f"({seconds:.0f} s)", flush=True)
    return run


def spread(runs: list) -> dict:
    """Return the test exact matches of ``runs`` (one per seed) with their minimum and maximum."""
    accs = [r["test_acc"] for r in runs]
    return {"seeds": [r["seed"] for r in runs], "test_acc": accs, "min": min(accs), "max": max(accs)}


def comparison(nb: dict, val: list) -> dict:
    """Return the learning-rate sweep and the chosen setting's seeds, for each layer."""
    sweep, chosen = [], {}
    for cell, n_hidden in HIDDEN.items():
        tried = [one_run(nb, val, cell, n_hidden, lr, CLIP_GRAD) for lr in LEARNING_RATES]
        best = max(tried, key=lambda r: r["val_acc"])      # the first of equals: the smaller rate
        for r in tried:
            r["chosen"] = r is best
        sweep += tried
        seeds = [best] + [one_run(nb, val, cell, n_hidden, best["lr"], CLIP_GRAD, seed)
                          for seed in EXTRA_SEEDS]
        chosen[cell] = {"lr": best["lr"], "n_hidden": n_hidden, "n_params": best["n_params"],
                        **spread(seeds)}
    return {"sweep": sweep, "chosen": chosen}


def ablations(nb: dict, val: list) -> dict:
    """Return the section-4 LSTM with and without the forget-gate bias, and the partial reversals."""
    seeds = [0, 1]
    return {"recipe": spread([one_run(nb, val, seed=seed) for seed in seeds]),
            "no_forget_bias": spread([one_run(nb, val, seed=seed, forget_bias=None)
                                      for seed in seeds]),
            "reverse_input_only": one_run(nb, val, fmt="reversed_question"),
            "reverse_output_only": one_run(nb, val, fmt="reversed_answer")}


def no_bias_rate(nb: dict, val: list) -> dict:
    """Return the section-4 LSTM without forget-gate bias at each rate, and its chosen rate's seeds."""
    tried = [one_run(nb, val, lr=lr, forget_bias=None) for lr in LEARNING_RATES]
    best = max(tried, key=lambda r: r["val_acc"])          # the first of equals: the smaller rate
    for r in tried:
        r["chosen"] = r is best
    seeds = [best, one_run(nb, val, lr=best["lr"], forget_bias=None, seed=1)]
    return {"sweep": tried, "chosen": {"lr": best["lr"], **spread(seeds)}}


def unreversed(nb: dict, val: list) -> dict:
    """Return the section-4 LSTM trained on aligned sums, most significant digit first."""
    return one_run(nb, val, fmt="align", keep_losses=True)


def section5_rnn(nb: dict, val: list) -> dict:
    """Return section 5's plain RNN, trained on the LSTM's settings, and save its weights."""
    RNN_WEIGHTS.parent.mkdir(exist_ok=True)
    return one_run(nb, val, cell="rnn", weights=RNN_WEIGHTS)


PARTS = {"comparison": comparison, "ablations": ablations, "no_bias_rate": no_bias_rate,
         "unreversed": unreversed,
         "section5_rnn": section5_rnn}


def main(argv: list) -> int:
    parts = notebook_code.chosen_parts(argv, PARTS)
    nb = notebook_namespace()
    val = validation_examples(nb)
    defaults = {name: p.default for name, p in inspect.signature(nb["train_adder"]).parameters.items()}
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["settings"] = {
        "hidden": HIDDEN, "learning_rates": LEARNING_RATES, "clip_grad": CLIP_GRAD,
        "extra_seeds": EXTRA_SEEDS, "n_val": len(val), "n_epochs": defaults["n_epochs"],
        "n_slow": defaults["n_slow"], "batch_size": defaults["batch_size"],
        "n_train": len(nb["train_examples"]), "n_test": len(nb["test_examples"])}
    results.setdefault("minutes", {})
    for part in parts:
        start = time.perf_counter()
        found = PARTS[part](nb, val)
        results.update(found if part == "comparison" else {part: found})
        results["minutes"][part] = round((time.perf_counter() - start) / 60, 1)
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")
        print(f"{part}: wrote {RESULTS.relative_to(ROOT)} ({results['minutes'][part]} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
