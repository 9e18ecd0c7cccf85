"""Train notebook 08's character LSTM two ways, for longer than the notebook does.

Usage (from the repository root, with the Molière text in data/cache/):
    python tools/char_lm_runs.py          # about 25 minutes on a 2-core CPU (both runs in parallel, one core each)

Writes tools/results/char_lm_runs.json, which notebook 08 reads for its plot of validation bits per
character against training steps. The script runs the notebook's own code: the cells tagged
``char-lm-code`` (set-up, corpus, alphabet, splits, windows, model, loss, stream scoring), so the
model and the splits cannot drift away from the ones the notebook shows. Both runs use the
notebook's settings (windows of T = 100 characters, batches of B = 64, Adam with learning rate
0.005, gradient clipping at 1.0, seed 1) and differ only in the state a training window starts from:

* ``reset``: random windows, each starting from a zero state, as the notebook trains;
* ``stateful``: the training text cut into B contiguous streams, read window after window, the
  state carried (and detached) from one window to the next: truncated backpropagation through time
  (notebook 06). The state is reset only when the streams start over.

Every ``EVAL_EVERY`` steps the validation text is scored as one stream, carrying the state, as the
notebook scores it; the test text is scored once, at the end.
"""
import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools import notebook_code  # noqa: E402

ROOT = notebook_code.ROOT
NOTEBOOK = ROOT / "notebooks" / "08_char_rnn.ipynb"
RESULTS = ROOT / "tools" / "results" / "char_lm_runs.json"
N_STEPS, EVAL_EVERY = 2000, 250
T, B, LR, CLIP, SEED, E, H = 100, 64, 0.005, 1.0, 1, 48, 256
SKIP = 8                           # the notebook scores all but the first 8 characters of a split


def notebook_namespace(path: Path = NOTEBOOK) -> dict:
    """Return the globals left by running the notebook's cells tagged ``char-lm-code``."""
    os.chdir(ROOT / "notebooks")                 # the notebook finds data/cache/ from there
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


def one_run(mode: str) -> dict:
    """Train one model; return its validation curve, test bits and training time."""
    import torch
    torch.set_num_threads(1)                     # the two runs share the cores
    nb = notebook_namespace()
    nb["set_seed"](SEED)
    generator = torch.Generator().manual_seed(SEED)
    model = nb["CharLSTM"](nb["V"], E=E, H=H)
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    curve, train_bits, state, seconds = [], [], None, 0.0
    data = batches(nb, mode, generator)
    for step in range(1, N_STEPS + 1):
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
        seconds += time.perf_counter() - start
        train_bits.append(loss.item())
        if step % EVAL_EVERY == 0:
            val = score(nb, model, nb["val_ids"])
            curve.append([step, round(val, 4), round(sum(train_bits[-EVAL_EVERY:]) / EVAL_EVERY, 4)])
            print(f"{mode}: step {step}, validation {val:.3f} bits, {seconds:.0f} s", flush=True)
    best = min(curve, key=lambda row: row[1])
    return {"mode": mode, "curve": curve, "final_val_bits": curve[-1][1],
            "best_val_bits": best[1], "best_val_step": best[0],
            "test_bits": round(score(nb, model, nb["test_ids"]), 4),
            "train_seconds": round(seconds, 1)}


def main() -> int:
    start = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        runs = pool.map(one_run, ["reset", "stateful"])
    result = {"n_steps": N_STEPS, "eval_every": EVAL_EVERY, "T": T, "B": B, "lr": LR,
              "clip_grad": CLIP, "seed": SEED, "E": E, "H": H, "skip": SKIP,
              "curve_columns": ["step", "val_bits", "mean_train_bits"],
              "runs": {run["mode"]: run for run in runs},
              "wall_seconds": round(time.perf_counter() - start, 1)}
    RESULTS.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)} in {result['wall_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
