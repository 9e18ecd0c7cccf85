"""Notebook 09's encoder-decoders over three seeds: with and without attention, one or two directions, two scores.

Usage (from the repository root):
    python experiments/attention_runs.py                       # every setting
    python experiments/attention_runs.py copy reversal-additive  # only these settings

Writes experiments/results/attention_runs.json (a setting run alone replaces only its own entry), which
notebook 09 reads for its three-seed tables and its accuracy-by-length figure. The models, data, training
recipe and measures are the notebook's own: its cells tagged ``attention-code`` are run here. The additive
score is exercise 2's class, taken from ``solutions/09_ex2_additive.py`` (its class definitions only).
The file records, for each setting, a fingerprint of that code (``code_sha256``), which
tests/test_attention_runs.py compares with the notebook's: change the code, and the runs must be made again.
About 5 minutes on one CPU thread.

For each setting of ``SETTINGS`` and each seed of ``SEEDS`` (seed 0 is the notebook's own run), the
model trains with the notebook's ``train`` and is scored on the notebook's test sets:

* ``short``, ``long``: exact-sequence accuracy on the unseen test set (up to 20 symbols) and on lengths 21-30;
* ``by_length``: exact-sequence accuracy at each length of both test sets (5 to 30: the training set holds
  nearly every shorter sequence, so the unseen test set has none);
* with attention: ``on_it``, ``one_after``, ``elsewhere``, where the largest weight falls (section 5);
* with attention: ``forced_steps``, ``free_steps``, the share of right output steps on lengths 21-30,
  teacher-forced and running free (section 7);
* reversal with attention: ``greedy``, ``beam``, ``beam_normalised``, exact-sequence accuracy on lengths
  21-30 of greedy decoding and of a beam of 4, plain and length-normalised; ``search_could_fix``, the
  share of greedy errors whose true output the model rates above greedy's (section 9).
"""
import ast
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from experiments import notebook_code  # noqa: E402
from tools.layout import NOTEBOOK_DIR, RESULTS_DIR, ROOT  # noqa: E402

NOTEBOOK = NOTEBOOK_DIR / "09_attention.ipynb"
SOLUTION = ROOT / "solutions" / "09_ex2_additive.py"
RESULTS = RESULTS_DIR / "attention_runs.json"
SEEDS = [0, 1, 2]
SETTINGS = {                                  # name: (task, keyword arguments of the notebook's train)
    "copy-no-attention": ("copy", {"attention": False}),
    "copy": ("copy", {}),
    "reversal-no-attention": ("reversal", {"attention": False}),
    "reversal": ("reversal", {}),
    "reversal-bidirectional": ("reversal", {"bidirectional": True}),
    "reversal-additive": ("reversal", {"model_class": "AdditiveSeq2Seq"}),
}


def notebook_namespace() -> dict:
    """Return the globals of notebook 09's ``attention-code`` cells, with exercise 2's class added."""
    os.chdir(NOTEBOOK_DIR)                 # the notebook's working directory
    nb = notebook_code.notebook_namespace(NOTEBOOK, "attention-code", quiet=True)
    tree = ast.parse(SOLUTION.read_text())
    classes = ast.Module(body=[node for node in tree.body if isinstance(node, ast.ClassDef)], type_ignores=[])
    exec(compile(classes, str(SOLUTION), "exec"), nb)
    return nb


def code_fingerprint() -> str:
    """Return a SHA-256 of the code the runs execute: the notebook's tagged cells and exercise 2's classes."""
    import hashlib
    import nbformat
    cells = [c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells
             if c.cell_type == "code" and "attention-code" in c.metadata.get("tags", [])]
    tree = ast.parse(SOLUTION.read_text())
    classes = [ast.unparse(node) for node in tree.body if isinstance(node, ast.ClassDef)]
    return hashlib.sha256("\n".join(cells + classes).encode()).hexdigest()


def one_run(nb: dict, setting: str, seed: int) -> dict:
    """Train one setting with one seed, as the notebook does; return its measures."""
    import numpy as np
    task, args = SETTINGS[setting]
    args = {k: nb[v] if k == "model_class" else v for k, v in args.items()}
    model, _, seconds = nb["train"](task, seed=seed, progress=False, **args)
    run = {"seed": seed, "train_seconds": round(seconds, 1),
           "short": float(nb["exact_match"](model, nb["test_strings"], task)),
           "long": float(nb["exact_match"](model, nb["long_strings"], task)),
           "by_length": nb["accuracy_by_length"](model, nb["test_strings"] + nb["long_strings"], task)}
    if model.attention:
        shares = nb["offset_shares"](nb["alignment_offsets"](model, nb["test_strings"], task))
        run.update({"on_it": shares["on it"], "one_after": shares["one after"], "elsewhere": shares["elsewhere"]})
        forced, free, counts = nb["step_accuracy"](model, nb["long_strings"], task)
        run.update({"forced_steps": float(forced[counts].float().mean()),
                    "free_steps": float(free[counts].float().mean())})
        if task == "reversal":
            rows, _ = nb["compare_decoders"](model, nb["long_strings"], task, K=4)
            wrong = ~rows["greedy"][0]
            could_fix = wrong & (rows["true output"][1] > rows["greedy"][1]).numpy()
            run.update({"greedy": rows["greedy"][0].mean(), "beam": rows["beam, K=4"][0].mean(),
                        "beam_normalised": rows["beam, K=4, normalised"][0].mean(),
                        "search_could_fix": could_fix.sum() / wrong.sum()})
    return {k: round(float(v), 4) if isinstance(v, (float, np.floating)) else v for k, v in run.items()}


def main(argv: list) -> None:
    chosen = notebook_code.chosen_parts(argv, SETTINGS)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"runs": {}}
    nb = notebook_namespace()
    results.update({"seeds": SEEDS, "n_test": len(nb["test_strings"]), "n_long": len(nb["long_strings"]),
                    "settings": {name: [task, args] for name, (task, args) in SETTINGS.items()},
                    "load_average_at_start": round(os.getloadavg()[0], 2)})
    fingerprint = code_fingerprint()
    for setting in chosen:
        start = time.perf_counter()
        results["runs"][setting] = [one_run(nb, setting, seed) for seed in SEEDS]
        results.setdefault("code_sha256", {})[setting] = fingerprint
        print(f"{setting}: {[(r['short'], r['long']) for r in results['runs'][setting]]} "
              f"({time.perf_counter() - start:.0f} s)", flush=True)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    print("wrote", RESULTS.relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
