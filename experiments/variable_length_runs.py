"""Train notebook 05's copy and reversal models, with and without masks, over several seeds.

Usage (from the repository root):
    python experiments/variable_length_runs.py      # about 2 minutes on an idle 2-core CPU

Writes experiments/results/variable_length.json, which notebook 05 reads for its table of spreads.
The script runs the notebook's own code, the cells tagged ``variable-length-code`` (data, models,
``train_model``, scoring), so its numbers come from the very models the notebook shows. Each
variant is trained with every seed in SEEDS, with the notebook's budget for its task (12 epochs
for the copy, 20 for the reversal); the notebook's own runs are among them (seed 2 for the copy,
seed 3 for the reversal).
"""
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from experiments import notebook_code  # noqa: E402
from tools.layout import NOTEBOOK_DIR, RESULTS_DIR, ROOT  # noqa: E402

NOTEBOOK = NOTEBOOK_DIR / "05_variable_length_sequences.ipynb"
RESULTS = RESULTS_DIR / "variable_length.json"
SEEDS = [0, 1, 2, 3, 4]
EPOCHS = {"copy": 12, "reverse": 20}


def variants(nb: dict) -> dict:
    """Return {(task, masks): (model class, training targets, lengths or None, test targets)}."""
    lengths = nb["train_lengths"]
    targets = {"copy": (nb["train_padded"], nb["test_padded"]),
               "reverse": (nb["train_reversed"], nb["test_reversed"])}
    found = {}
    for task, (train, test) in targets.items():
        found[(task, "none")] = (nb["RNNEncoderDecoder"], train, None, test)
        found[(task, "both")] = (nb["MaskedRNNEncoderDecoder"], nb["masked_targets"](train, lengths),
                                 lengths, test)
    return found


def main() -> int:
    nb = notebook_code.notebook_namespace(NOTEBOOK, "variable-length-code")
    runs = []
    for (task, masks), (model_class, train, lengths, test) in variants(nb).items():
        for seed in SEEDS:
            start = time.perf_counter()
            model = nb["train_model"](model_class, train, lengths, seed=seed, n_epochs=EPOCHS[task])
            test_lengths = nb["test_lengths"] if lengths is not None else None
            predicted = nb["predict_padded"](model, nb["test_padded"], test_lengths)
            real = float(nb["accuracies"](predicted, test, nb["test_lengths"])[1])
            runs.append({"task": task, "masks": masks, "seed": seed, "n_epochs": EPOCHS[task],
                         "real_accuracy": round(real, 4),
                         "seconds": round(time.perf_counter() - start, 1)})
            print(f"{task:8s} masks={masks:5s} seed={seed}  real-symbol accuracy {real:.3f}", flush=True)
    summary = {}
    for task, masks in variants(nb):
        scores = [r["real_accuracy"] for r in runs if (r["task"], r["masks"]) == (task, masks)]
        summary.setdefault(task, {})[masks] = {"min": min(scores), "max": max(scores),
                                              "median": sorted(scores)[len(scores) // 2]}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"seeds": SEEDS, "epochs": EPOCHS, "summary": summary,
                                   "runs": runs}, indent=1) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
