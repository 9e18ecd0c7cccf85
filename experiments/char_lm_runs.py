"""Notebook 08's character LSTM: its size and rate chosen on validation, and trained longer two ways.

Usage (from the repository root; the text is the course's data/moliere.txt):
    python experiments/char_lm_runs.py            # every part (two runs at a time, one core each)
    python experiments/char_lm_runs.py longer     # only one part: reset against stateful, constant rate
                                            # against cosine decay, 2,000 steps each
    python experiments/char_lm_runs.py sweep      # size and learning rate at the notebook's 1,000 steps
    python experiments/char_lm_runs.py schedule   # the chosen setting at 1,000 steps, the rate decayed
    python experiments/char_lm_runs.py seeds      # the notebook's training (1,000 steps, cosine) for
                                            # SEEDS: validation and test bits of each

Writes experiments/results/char_lm_runs.json (a part run alone replaces only its own entries), which
notebook 08 reads for its plot of validation and test bits per character against training steps and
for its table of sizes and learning rates. The script runs the notebook's own code: the cells tagged
``char-lm-code`` (set-up, corpus, alphabet, splits, windows, model, loss, stream scoring), so the
model and the splits cannot drift away from the ones the notebook shows.

* ``longer``: four runs of ``N_STEPS`` steps with the notebook's settings (windows of T = 100
  characters, batches of B = 64, 256 units, Adam with learning rate 0.01, the size and rate the
  sweep chose, gradient clipping at 1.0, seed 1), which differ in the state a training window
  starts from:

  - ``reset``: random windows, each starting from a zero state, as the notebook trains;
  - ``stateful``: the training text cut into B contiguous streams, read window after window, the
    state carried (and detached) from one window to the next: truncated backpropagation through
    time (notebook 06). The state is reset only when the streams start over.

  and in the learning rate: constant, or decayed from 0.01 to 0 along a cosine over the ``N_STEPS``
  steps (``-cosine`` in the run's name; the notebook decays it over its own 1,000 steps). Every
  ``EVAL_EVERY`` steps the validation and the test text are each scored as one stream, carrying the
  state, as the notebook scores them. The test column is a report, never a choice: the notebook
  chooses on validation.

* ``sweep``: reset-state training for the notebook's budget of ``SWEEP_STEPS`` steps, for every size
  in ``SWEEP_H`` and learning rate in ``SWEEP_LR``, scored on the validation text only (the choice is
  made there; the notebook's test text stays unread).

* ``seeds``: the notebook's own setting and budget (reset state, ``SWEEP_STEPS`` steps, the rate
  decayed along a cosine) for each seed in ``SEEDS``, scored on validation and test at the end: the
  LSTM's test score with its spread over seeds, which the notebook quotes beside its own run.

* ``schedule``: the setting the sweep chose, for the notebook's ``SWEEP_STEPS`` steps with the rate
  decayed along a cosine, scored on the validation text only, against the sweep's constant rate.
"""
import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from experiments import notebook_code  # noqa: E402
from tools.layout import NOTEBOOK_DIR, RESULTS_DIR, ROOT  # noqa: E402

NOTEBOOK = NOTEBOOK_DIR / "08_char_rnn.ipynb"
RESULTS = RESULTS_DIR / "char_lm_runs.json"
N_STEPS, EVAL_EVERY = 2000, 250
T, B, LR, CLIP, SEED, E, H = 100, 64, 0.01, 1.0, 1, 48, 256
SKIP = 8                           # the notebook scores all but the first 8 characters of a split
SWEEP_STEPS, SWEEP_H, SWEEP_LR = 1000, [128, 256], [0.0025, 0.005, 0.01]
SEEDS = [1, 2, 3]
CORPUS = "data/moliere.txt (cleaned), 90/5/5 split"      # recorded with each part


def notebook_namespace(path: Path = NOTEBOOK) -> dict:
    """Return the globals left by running the notebook's cells tagged ``char-lm-code``."""
    os.chdir(NOTEBOOK_DIR)                 # the notebook's working directory
    return notebook_code.notebook_namespace(path, "char-lm-code")


def batches(nb: dict, mode: str, generator):
    """Yield (x, y, restart) training batches of shape (B, T); restart: start from a zero state."""
    import torch
    train_ids = nb["train_ids"]
    if mode == "reset":
        windows = nb["TextWindows"](train_ids, T)
        while True:
            starts = torch.randint(len(windows), (B,), generator=generator)
            x, y = zip(*(windows[int(s)] for s in starts))
            yield torch.stack(x), torch.stack(y), True
    L = (len(train_ids) - 1) // B                                   # stream length
    x_streams = train_ids[:B * L].view(B, L)                        # (B, L)
    y_streams = train_ids[1:B * L + 1].view(B, L)                   # (B, L): shifted by one overall
    n_windows = L // T
    while True:
        for w in range(n_windows):
            yield x_streams[:, w * T:(w + 1) * T], y_streams[:, w * T:(w + 1) * T], w == 0


def score(nb: dict, model, ids) -> float:
    """Bits per character of ids[SKIP:], read as one stream."""
    import numpy as np
    return float(-np.log2(nb["lstm_probs"](model, ids, SKIP)).mean())


def one_run(mode: str, n_hidden: int = H, lr: float = LR, n_steps: int = N_STEPS,
            eval_every: int = EVAL_EVERY, test: bool = True, cosine: bool = False, seed: int = SEED) -> dict:
    """Train one model; return its curve (validation, and test unless not ``test``) and training time."""
    import torch
    torch.set_num_threads(1)                     # the two runs share the cores
    nb = notebook_namespace()
    nb["set_seed"](seed)
    generator = torch.Generator().manual_seed(seed)
    model = nb["CharLSTM"](nb["V"], E=E, H=n_hidden)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, n_steps) if cosine else None
    curve, train_bits, state, seconds = [], [], None, 0.0
    data = batches(nb, mode, generator)
    for step in range(1, n_steps + 1):
        start = time.perf_counter()
        model.train()
        x, y, restart = next(data)
        if restart:
            state = None
        logits, state = model(x, state)
        state = tuple(s.detach() for s in state)             # carried, but no gradient through it
        loss = nb["bits_per_char"]((logits, None), y)
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
        optimizer.step()
        if schedule is not None:
            schedule.step()
        seconds += time.perf_counter() - start
        train_bits.append(loss.item())
        if step % eval_every == 0:
            val = score(nb, model, nb["val_ids"])
            row = [step, round(val, 4), round(sum(train_bits[-eval_every:]) / eval_every, 4)]
            if test:
                row.append(round(score(nb, model, nb["test_ids"]), 4))
            curve.append(row)
            print(f"{mode} H={n_hidden} lr={lr:g} cosine={cosine}: step {step}, validation {val:.3f} "
                  f"bits, {seconds:.0f} s", flush=True)
    best = min(curve, key=lambda row: row[1])
    run = {"mode": mode, "schedule": "cosine" if cosine else "constant", "H": n_hidden, "lr": lr,
           "curve": curve, "final_val_bits": curve[-1][1], "best_val_bits": best[1],
           "best_val_step": best[0], "seed": seed, "train_seconds": round(seconds, 1)}
    if test:
        run["test_bits"] = curve[-1][3]
    return run


def longer_run(setting: tuple) -> dict:
    mode, cosine = setting
    return one_run(mode, cosine=cosine)


def sweep_run(setting: tuple) -> dict:
    n_hidden, lr = setting
    return one_run("reset", n_hidden, lr, SWEEP_STEPS, SWEEP_STEPS, test=False)


def seed_run(seed: int) -> dict:
    return one_run("reset", n_steps=SWEEP_STEPS, eval_every=SWEEP_STEPS, cosine=True, seed=seed)


def seeds() -> dict:
    """The notebook's setting and budget for each seed in SEEDS, two at a time; validation and test bits."""
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        runs = pool.map(seed_run, SEEDS, chunksize=1)
    return {"seeds": {"corpus": CORPUS, "n_steps": SWEEP_STEPS, "H": H, "lr": LR, "schedule": "cosine",
                      "E": E, "T": T, "B": B,
                      "runs": [{k: run[k] for k in ("seed", "final_val_bits", "test_bits", "train_seconds")}
                               for run in runs]}}


def longer() -> dict:
    """Reset against stateful training, constant rate against cosine decay: N_STEPS each, two at a time."""
    settings = [(mode, cosine) for cosine in (False, True) for mode in ("reset", "stateful")]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        runs = pool.map(longer_run, settings, chunksize=1)
    return {"corpus": CORPUS, "n_steps": N_STEPS, "eval_every": EVAL_EVERY, "T": T, "B": B, "lr": LR,
            "clip_grad": CLIP, "seed": SEED, "E": E, "H": H, "skip": SKIP,
            "curve_columns": ["step", "val_bits", "mean_train_bits", "test_bits"],
            "runs": {run["mode"] + ("-cosine" if run["schedule"] == "cosine" else ""): run
                     for run in runs}}


def sweep() -> dict:
    """Every size and learning rate at the notebook's budget, two runs at a time."""
    settings = [(n_hidden, lr) for n_hidden in SWEEP_H for lr in SWEEP_LR]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        runs = pool.map(sweep_run, settings)
    best = min(runs, key=lambda run: run["final_val_bits"])
    return {"sweep": {"corpus": CORPUS, "n_steps": SWEEP_STEPS, "H": SWEEP_H, "lr": SWEEP_LR, "E": E, "T": T, "B": B,
                      "seed": SEED, "chosen": {"H": best["H"], "lr": best["lr"]},
                      "runs": [{k: run[k] for k in ("H", "lr", "final_val_bits", "train_seconds")}
                               for run in runs]}}


def schedule() -> dict:
    """The sweep's chosen setting with a cosine decay over the notebook's budget (validation only)."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if "sweep" not in results:
        sys.exit("the schedule part starts from the sweep's choice: "
                 "run `python experiments/char_lm_runs.py sweep` first")
    chosen = results["sweep"]["chosen"]
    run = one_run("reset", chosen["H"], chosen["lr"], SWEEP_STEPS, SWEEP_STEPS, test=False, cosine=True)
    return {"schedule": {"corpus": CORPUS, "n_steps": SWEEP_STEPS, "H": chosen["H"], "lr": chosen["lr"],
                         "cosine_val_bits": run["final_val_bits"], "train_seconds": run["train_seconds"]}}


PARTS = {"seeds": seeds, "longer": longer, "sweep": sweep, "schedule": schedule}


def main(argv: list) -> int:
    parts = notebook_code.chosen_parts(argv, PARTS)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for part in parts:
        start = time.perf_counter()
        results.update(PARTS[part]())
        results.setdefault("wall_seconds", {})[part] = round(time.perf_counter() - start, 1)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")
        print(f"{part}: wrote {RESULTS.relative_to(ROOT)} in {results['wall_seconds'][part]:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
