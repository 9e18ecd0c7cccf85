"""Notebook 10's Transformer against notebook 08's LSTM: same text, about the same parameters, same time.

Usage (from the repository root; the text is the course's data/moliere.txt):
    python experiments/transformer_runs.py          # both parts
    python experiments/transformer_runs.py sweep    # the Transformer's learning rate, chosen on validation
    python experiments/transformer_runs.py seeds    # the matched comparison, for each seed in SEEDS

Writes experiments/results/transformer_runs.json, which notebook 10 reads for its comparison table.
Both models run their own notebook's code, so neither can drift away from what the notebooks show:

* the Transformer: notebook 10's cells tagged ``transformer-code`` (set-up, text and split, model,
  ``train_transformer`` with the notebook's settings, ``transformer_probs`` for scoring);
* the LSTM: notebook 08's cells tagged ``char-lm-code``, trained by ``experiments/char_lm_runs.py``'s
  ``one_run`` with 08's settings (E = 48, H = 256, Adam from 0.01 decayed along a cosine, windows of
  T = 100 in batches of B = 64, clipping at 1.0) and scored as 08 scores it, one stream with its state carried.

* ``sweep``: the notebook's Transformer with each learning rate in ``SWEEP_LR`` (seed 1, the notebook's
  other settings), scored on the validation text only. The notebook trains with the rate chosen here,
  as notebook 08's LSTM trains with the rate its own sweep chose.

* ``seeds``: for each seed in ``SEEDS``, the Transformer trains for the notebook's number of steps. The LSTM's
seconds per step are then measured over ``CALIBRATION_STEPS`` steps, and the LSTM trains for as many
steps as fit in the Transformer's training time (its cosine spread over those steps): matched time,
not matched steps. Everything runs on one CPU thread, one run after the other, so that the two
models share the machine alike; the load average at the start is recorded, as the times depend on it.
"""
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from experiments import char_lm_runs, notebook_code  # noqa: E402
from tools.layout import NOTEBOOK_DIR, RESULTS_DIR, ROOT  # noqa: E402

NOTEBOOK = NOTEBOOK_DIR / "10_transformers.ipynb"
RESULTS = RESULTS_DIR / "transformer_runs.json"
SEEDS = [1, 2, 3]
SWEEP_LR = [0.001, 0.003, 0.01]
CALIBRATION_STEPS = 20


def notebook_namespace(path: Path = NOTEBOOK) -> dict:
    """Return the globals left by running the notebook's cells tagged ``transformer-code``."""
    os.chdir(NOTEBOOK_DIR)                 # the notebook's working directory
    return notebook_code.notebook_namespace(path, "transformer-code", quiet=True)


def transformer_run(nb: dict, seed: int) -> dict:
    """Train notebook 10's Transformer with its settings; return its time and its bits per character."""
    import numpy as np
    model, _, seconds = nb["train_transformer"](seed, progress=False)
    bits = {name: float(-np.log2(nb["transformer_probs"](model, nb[name + "_ids"])).mean())
            for name in ("val", "test")}
    return {"seed": seed, "n_steps": nb["n_steps"], "train_seconds": round(seconds, 1),
            "val_bits": round(bits["val"], 4), "test_bits": round(bits["test"], 4)}


def lstm_run(seed: int, seconds: float) -> dict:
    """Train notebook 08's LSTM for about ``seconds`` of training; return its steps, time and bits."""
    calibration = char_lm_runs.one_run("reset", n_steps=CALIBRATION_STEPS, eval_every=CALIBRATION_STEPS,
                                       test=False, cosine=True, seed=seed)
    n_steps = max(1, round(seconds * CALIBRATION_STEPS / calibration["train_seconds"]))
    run = char_lm_runs.one_run("reset", n_steps=n_steps, eval_every=n_steps, cosine=True, seed=seed)
    return {"seed": seed, "n_steps": n_steps, "train_seconds": run["train_seconds"],
            "val_bits": run["final_val_bits"], "test_bits": run["test_bits"],
            "calibration_seconds_per_step": round(calibration["train_seconds"] / CALIBRATION_STEPS, 4)}


def sweep() -> dict:
    """The Transformer at each rate of SWEEP_LR, seed 1, scored on validation only."""
    import numpy as np
    nb = notebook_namespace()
    runs = []
    for lr in SWEEP_LR:
        nb["lr"] = lr                                 # train_transformer reads the notebook's global lr
        model, _, seconds = nb["train_transformer"](1, progress=False)
        bits = float(-np.log2(nb["transformer_probs"](model, nb["val_ids"])).mean())
        runs.append({"lr": lr, "val_bits": round(bits, 4), "train_seconds": round(seconds, 1)})
        print(f"sweep: lr {lr:g}, validation {bits:.3f} bits, {seconds:.0f} s", flush=True)
    best = min(runs, key=lambda run: run["val_bits"])
    return {"sweep": {"seed": 1, "n_steps": nb["n_steps"], "lr": SWEEP_LR, "chosen_lr": best["lr"], "runs": runs}}


def seeds() -> dict:
    """The matched comparison: the Transformer and 08's LSTM for each seed, one after the other."""
    nb = notebook_namespace()
    count = nb["n_parameters"]
    runs = {"transformer": [], "lstm": []}
    for seed in SEEDS:
        runs["transformer"].append(transformer_run(nb, seed))
        runs["lstm"].append(lstm_run(seed, runs["transformer"][-1]["train_seconds"]))
        print(f"seed {seed}: transformer {runs['transformer'][-1]}, lstm {runs['lstm'][-1]}", flush=True)
    r = char_lm_runs
    model = nb["CharTransformer"](nb["V"])
    return {
        "corpus": r.CORPUS, "threads": 1, "cpu_count": os.cpu_count(), "skip": nb["SKIP"], "seeds": SEEDS,
        "transformer": {"T": nb["T"], "B": nb["B"], "n_steps": nb["n_steps"], "lr": nb["lr"], "schedule": "cosine",
                        "D": model.D, "n_heads": model.n_heads, "n_layers": model.n_layers,
                        "parameters": count(model),
                        "scoring": "windows of T moved by T/2: each character predicted from >= T/2 before it"},
        "lstm": {"T": r.T, "B": r.B, "lr": r.LR, "schedule": "cosine", "E": r.E, "H": r.H,
                 "parameters": count(nb["CharLSTM"](nb["V"], E=r.E, H=r.H)),
                 "scoring": "one stream, state carried (notebook 08)"},
        "runs": runs,
    }


PARTS = {"sweep": sweep, "seeds": seeds}


def main(argv: list) -> int:
    import torch
    torch.set_num_threads(1)
    parts = notebook_code.chosen_parts(argv, PARTS)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for part in parts:
        start, load = time.perf_counter(), os.getloadavg()[0]
        results.update(PARTS[part]())
        results.setdefault("wall_seconds", {})[part] = round(time.perf_counter() - start, 1)
        results.setdefault("load_average_at_start", {})[part] = round(load, 2)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")
        print(f"{part}: wrote {RESULTS.relative_to(ROOT)} in {results['wall_seconds'][part]:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
