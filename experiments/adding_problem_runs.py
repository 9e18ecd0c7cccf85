"""Train notebook 06's models on the adding problem: every layer, length and learning rate.

Usage (from the repository root):
    python experiments/adding_problem_runs.py            # about 10 minutes on an idle 2-core CPU

Writes experiments/results/adding_problem.json, which notebook 06 reads for its sweep table and plot.
The script runs the notebook's own code: the cells tagged ``adding-code`` (set-up, model,
training and scoring functions), so the numbers cannot drift away from the models the notebook
shows. For every layer (RNN, LSTM, GRU) and sequence length it trains with each learning rate
(seed 0), keeps the one with the best validation R2 ("chosen"), scores it on the test set, and
trains the chosen setting again with two more seeds to show the spread.
"""
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from experiments import notebook_code  # noqa: E402
from tools.layout import NOTEBOOK_DIR, RESULTS_DIR, ROOT  # noqa: E402

NOTEBOOK = NOTEBOOK_DIR / "06_vanishing_gradients.ipynb"
RESULTS = RESULTS_DIR / "adding_problem.json"
LENGTHS = [10, 30, 100]
LEARNING_RATES = [0.003, 0.01, 0.03]
EXTRA_SEEDS = [1, 2]


def notebook_namespace(path: Path = NOTEBOOK) -> dict:
    """Return the globals left by running the notebook's cells tagged ``adding-code``."""
    return notebook_code.notebook_namespace(path, "adding-code")


def one_run(nb: dict, cell: str, n_steps: int, lr: float, seed: int, data: tuple) -> dict:
    """Train one model; return its settings, validation and test scores and training time."""
    (x_val, y_val), (x_test, y_test) = data
    start = time.perf_counter()
    model, _ = nb["train_reader"](cell, n_steps, lr, seed=seed)
    seconds = time.perf_counter() - start
    val_r2, _ = nb["score"](model, x_val, y_val)
    test_r2, test_accuracy = nb["score"](model, x_test, y_test)
    return {"cell": cell, "n_steps": n_steps, "lr": lr, "seed": seed, "val_r2": round(val_r2, 4),
            "test_r2": round(test_r2, 4), "test_accuracy": round(test_accuracy, 4),
            "seconds": round(seconds, 1), "chosen": False}


def main() -> int:
    nb = notebook_namespace()
    nb_config = nb["train_reader"].__defaults__       # n_batches, batch_size, clip_grad, seed, ...
    runs = []
    for n_steps in LENGTHS:
        data = nb["held_out"](n_steps)
        for cell in nb["HIDDEN"]:
            tried = [one_run(nb, cell, n_steps, lr, 0, data) for lr in LEARNING_RATES]
            best = max(tried, key=lambda r: r["val_r2"])
            best["chosen"] = True
            runs += tried
            runs += [one_run(nb, cell, n_steps, best["lr"], seed, data) for seed in EXTRA_SEEDS]
            print(f"T={n_steps:3d} {cell:4s} lr={best['lr']:<6g} test R2 {best['test_r2']:.3f} "
                  f"({sum(r['seconds'] for r in runs[-5:]):.0f} s)", flush=True)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({
        "lengths": LENGTHS, "learning_rates": LEARNING_RATES, "extra_seeds": EXTRA_SEEDS,
        "n_batches": nb_config[0], "batch_size": nb_config[1], "clip_grad": nb_config[2],
        "seed": nb_config[3], "hidden": nb["HIDDEN"], "runs": runs}, indent=1) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
