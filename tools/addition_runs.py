"""Train notebook 07's adder fairly: plain RNN against LSTM, learning rates, and ablations.

Usage (from the repository root):
    python tools/addition_runs.py            # about 20 minutes on a 2-core CPU (16 runs)

Writes tools/results/addition.json, which notebook 07 reads for its comparison table. The script
runs the notebook's own code: the cells tagged ``addition-code`` (set-up, data, model, training
and scoring functions, formats), so the numbers cannot drift away from the model the notebook
shows. Every run uses the notebook's recipe (aligned and reversed sums, teacher forcing, 20 epochs,
the last 4 at a 10 times smaller learning rate, seed 0 unless noted) and one clipping rule for
both layers (gradient norm cut to ``CLIP_GRAD``).

* The comparison is at a matched number of parameters: a plain RNN of 128 units against an LSTM of
  64 units (about 38,000 and 41,000 parameters; the LSTM has four weight sets per unit).
* For each, the learning rate is chosen among ``LEARNING_RATES`` (seed 0) by exact match on a
  validation set: 2,000 sums drawn with another seed, none of them a training or held-out question.
  The chosen setting is trained again with ``EXTRA_SEEDS``; held-out (test) exact match is reported.
* Ablations of the chosen LSTM, one change each: forget-gate bias left at PyTorch's default (all
  three seeds); the input reversed but not the answer; the answer reversed but not the input; neither.
"""
import contextlib
import inspect
import io
import json
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "07_lstm_addition.ipynb"
RESULTS = ROOT / "tools" / "results" / "addition.json"
HIDDEN = {"rnn": 128, "lstm": 64}
LEARNING_RATES = [0.003, 0.01, 0.03]
CLIP_GRAD = 1.0
EXTRA_SEEDS = [1, 2]
N_VAL = 2_000


def notebook_namespace(path: Path = NOTEBOOK) -> dict:
    """Return the globals left by running the notebook's cells tagged ``addition-code``."""
    sys.path.insert(0, str(ROOT))
    namespace = {}
    cells = [c for c in nbformat.read(path, as_version=4).cells
             if "addition-code" in c.metadata.get("tags", [])]
    if not cells:
        raise ValueError(f"{path.name} has no cell tagged 'addition-code'")
    with contextlib.redirect_stdout(io.StringIO()):     # the cells' own printouts
        for cell in cells:
            exec(compile(cell.source, f"{path.name}:addition-code", "exec"), namespace)
    return namespace


def validation_examples(nb: dict, n: int = N_VAL) -> list:
    """Return ``n`` sums drawn with another seed, none a training or held-out question."""
    seen = {q for q, _ in nb["train_examples"]} | {q for q, _ in nb["test_examples"]}
    fresh = nb["generate_additions"](4 * n, min_len_x=3, max_len_x=4, min_len_y=3, max_len_y=4,
                                     seed=1)
    unique = list({q: (q, a) for q, a in fresh if q not in seen}.values())
    return unique[:n]


def one_run(nb: dict, val: list, cell: str, lr: float, seed: int = 0, fmt: str = "aligned_reversed",
            forget_bias: float = 1.0) -> dict:
    """Train one model; return its settings, validation and test exact match, and time."""
    model, _, test_acc, seconds = nb["train_adder"](
        nb[fmt], lr=lr, seed=seed, clip_grad=CLIP_GRAD, cell=cell, n_hidden=HIDDEN[cell],
        forget_bias=forget_bias)
    x_val, _, y_val = nb["make_tensors"](val, nb[fmt])
    run = {"cell": cell, "n_hidden": HIDDEN[cell], "lr": lr, "seed": seed, "format": fmt,
           "forget_bias": forget_bias if cell == "lstm" else None,
           "n_params": sum(p.numel() for p in model.parameters()),
           "val_acc": round(nb["exact_match"](model, x_val, y_val), 4),
           "test_acc": round(test_acc, 4), "seconds": round(seconds, 1)}
    print(f"{cell:4s} lr={lr:<6g} seed={seed} {fmt:17s} forget_bias={run['forget_bias']}: "
          f"val {run['val_acc']:.2%} test {run['test_acc']:.2%} ({seconds:.0f} s)", flush=True)
    return run


def spread(runs: list) -> dict:
    """Return the test exact matches of ``runs`` (one per seed) with their minimum and maximum."""
    accs = [r["test_acc"] for r in runs]
    return {"seeds": [r["seed"] for r in runs], "test_acc": accs, "min": min(accs), "max": max(accs)}


def main() -> int:
    start = time.perf_counter()
    nb = notebook_namespace()
    val = validation_examples(nb)
    sweep, chosen = [], {}
    for cell in HIDDEN:
        tried = [one_run(nb, val, cell, lr) for lr in LEARNING_RATES]
        best = max(tried, key=lambda r: r["val_acc"])      # the first of equals: the smaller rate
        for r in tried:
            r["chosen"] = r is best
        sweep += tried
        seeds = [best] + [one_run(nb, val, cell, best["lr"], seed) for seed in EXTRA_SEEDS]
        chosen[cell] = {"lr": best["lr"], "n_hidden": HIDDEN[cell], "n_params": best["n_params"],
                        **spread(seeds)}
    lr = chosen["lstm"]["lr"]
    no_bias = [one_run(nb, val, "lstm", lr, seed, forget_bias=None) for seed in [0, *EXTRA_SEEDS]]
    ablations = {"no_forget_bias": spread(no_bias)}
    for name, fmt in [("reverse_input_only", "reversed_question"),
                      ("reverse_output_only", "reversed_answer"), ("no_reversal", "align")]:
        ablations[name] = one_run(nb, val, "lstm", lr, fmt=fmt)
    defaults = {name: p.default for name, p in inspect.signature(nb["train_adder"]).parameters.items()}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({
        "settings": {"hidden": HIDDEN, "learning_rates": LEARNING_RATES, "clip_grad": CLIP_GRAD,
                     "extra_seeds": EXTRA_SEEDS, "n_val": len(val), "n_epochs": defaults["n_epochs"],
                     "n_slow": defaults["n_slow"], "batch_size": defaults["batch_size"],
                     "n_train": len(nb["train_examples"]), "n_test": len(nb["test_examples"])},
        "sweep": sweep, "chosen": chosen, "ablations": ablations,
        "minutes": round((time.perf_counter() - start) / 60, 1)}, indent=1) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)} in {(time.perf_counter() - start) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
