"""How much a class needs on a JupyterHub: measured with 1, 2, 4 and 8 students at once on this machine.

Usage (from the repository root; needs jupyterhub, and Node.js for configurable-http-proxy):
    python tools/hub_sizing.py            # 1, 2, 4, 8 students: prints the table, writes hub/sizing.json
    python tools/hub_sizing.py --quick    # 1 and 2 students, one training epoch, writes nothing: a check

For each class size, a real JupyterHub on 127.0.0.1 (tools/local_hub.py) starts a server per student;
each student pulls the course through its nbgitpuller link (from a local bare copy of HEAD) and then,
all at once, runs two workloads in a fresh kernel each:

* ``short``: notebook SHORT_NOTEBOOK, every code cell, as saved;
* ``training``: notebook 08's training cell (its 40 epochs of 25 steps: 1,000 Adam steps on windows of
  100 characters, batches of 64, an LSTM of 256 units, validation after each epoch), run after the
  notebook's cells tagged ``char-lm-code`` (set-up, corpus, alphabet, splits, windows, model, loss).
  To stay affordable it runs ``--epochs`` epochs instead of 40; its wall time and CPU time are
  measured around ``fit`` and scaled linearly to 40 epochs (an extrapolation, stated as such in the
  results file). Its peak memory is measured, not scaled (the model and data do not grow with steps).

Per student and workload: wall seconds, the kernel's peak resident memory (with its children: the
high-water marks Linux and Windows record, see tools/memory.py) and its CPU seconds. Kernels run
with OMP_NUM_THREADS=1 (one PyTorch thread each, as the hub configurations in hub/ set it). The
corpus is the one the course ships (data/moliere.txt): nothing is downloaded.

The model written into the results file: a class of N students on C cores finishes each cell within
twice its single-student time when C >= N x (CPU seconds per student) / (2 x single-student time),
the single-student time being the lone student's CPU seconds (one thread: its wall time on a free
core, so the model does not depend on the load of the machine that measured it); it needs
N x (kernel peak + single-user server) + the hub's own memory. "model s" in the table is what the
model predicts for this machine idle: max(single-student time, N x CPU s / cores).
"""
import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.course_links import course_config, nbgitpuller_url  # noqa: E402
from tools.layout import ROOT  # noqa: E402
from tools.local_hub import LocalHub, Student, find_proxy  # noqa: E402
from tools.memory import resident  # noqa: E402

RESULTS = ROOT / "hub" / "sizing.json"
SHORT_NOTEBOOK = "01_sequential_data.ipynb"
TRAINING_NOTEBOOK = "08_char_rnn.ipynb"
FULL_EPOCHS = 40                     # notebook 08 trains 40 epochs of 25 batches
CLASSES = (30, 100)
SLOWDOWN = 2.0                       # a cell may take up to twice its single-student time
MEMORY_MARGIN = 0.25                 # the hub configurations' memory limit: 25 % above the heaviest need

SETUP_CELL = """\
import sys
from pathlib import Path
sys.path.insert(0, "..")                      # the course folder the student pulled
from experiments.notebook_code import notebook_namespace
globals().update(notebook_namespace(Path("08_char_rnn.ipynb"), "char-lm-code"))
"""
# Notebook 08's training cell and the cells it depends on (windows, loaders, model, optimizer),
# as in main's notebook of 2026-12-05, with its n_epochs=40 replaced by EPOCHS.
TRAINING_CELL = """\
import json
import time
from torch.utils.data import DataLoader, RandomSampler
T, B, batches_per_epoch = 100, 64, 25
train_windows = TextWindows(train_ids, T)
val_windows = TextWindows(val_ids, T, stride=T)
val_loader = DataLoader(val_windows, batch_size=len(val_windows), num_workers=0)
generator = set_seed(1)
sampler = RandomSampler(train_windows, num_samples=batches_per_epoch * B, generator=generator)
train_loader = DataLoader(train_windows, batch_size=B, sampler=sampler, num_workers=0)
model = CharLSTM(V, E=48, H=256).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=40 * batches_per_epoch)
wall, cpu = time.perf_counter(), time.process_time()
history = fit(model, train_loader, bits_per_char, optimizer, n_epochs=EPOCHS, test_loader=val_loader,
              clip_grad=1.0, scheduler=scheduler, progress=False)
print("SIZING", json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                            "corpus": "data/moliere.txt"}))
"""


def training_cell_drift(notebook: Path = ROOT / "notebooks" / TRAINING_NOTEBOOK) -> list:
    """Return the lines of TRAINING_CELL's set-up that notebook 08 no longer contains (empty: in step)."""
    import nbformat
    source = "\n".join(cell.source for cell in nbformat.read(notebook, as_version=4).cells
                        if cell.cell_type == "code")
    measured = TRAINING_CELL.split("wall, cpu =", 1)[0].splitlines()
    return [line for line in measured if line.strip() and not line.startswith(("import ", "from "))
            and line.split("  #")[0].rstrip() not in source]


def git(*args, cwd=None):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def readme_peaks(readme: Path = ROOT / "README.md") -> dict:
    """Return {notebook number: peak memory in GB} from the README's course map."""
    peaks = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| \[(\d\d) .*\| ([\d.]+) GB \|$", line)
        if match:
            peaks[match.group(1)] = float(match.group(2))
    if not peaks:
        raise ValueError("no peak memory found in the README's course map")
    return peaks


def rss(processes) -> int:
    """Return the processes' total resident bytes now."""
    return sum(resident(proc) for proc in processes)


def one_class(hub: LocalHub, link: str, n: int, epochs: int) -> dict:
    """Run both workloads with n students at once; return their measurements."""
    import psutil
    names = [f"c{n}s{i}" for i in range(1, n + 1)]
    folder = course_config()["folder"]

    def arrive(name):
        student = Student(hub, name, hub.add_student(name))
        events = student.pull(link)
        assert events and events[-1].get("phase") == "finished", f"{name}'s pull: {events[-3:]}"
        return student

    with ThreadPoolExecutor(n) as pool:
        students = list(pool.map(arrive, names))
    servers = {}
    for proc in hub.processes():
        try:
            line = " ".join(proc.cmdline())
        except psutil.Error:
            continue
        if "jupyterhub.singleuser" in line:
            servers[proc.environ().get("JUPYTERHUB_USER")] = proc
    result = {"students": n, "server_rss_bytes": max(rss([servers[s.name]]) for s in students)}

    def short(student):
        run = student.run_notebook(f"{folder}/notebooks/{SHORT_NOTEBOOK}")
        assert run["error"] is None, f"{student.name}: {run['error']}"
        return {"wall_s": run["seconds"], "peak_bytes": run["peak_bytes"], "cpu_s": run["cpu_seconds"]}

    def training(student):
        cells = [SETUP_CELL, TRAINING_CELL.replace("EPOCHS", str(epochs))]
        run = student.run_notebook(f"{folder}/notebooks/{TRAINING_NOTEBOOK}", cells=cells)
        assert run["error"] is None, f"{student.name}: {run['error']}"
        text = "".join(o.get("text", "") for o in run["outputs"][-1] if o.output_type == "stream")
        measured = json.loads(text.split("SIZING ", 1)[1].splitlines()[0])
        scale = FULL_EPOCHS / epochs
        return {"wall_s": round(measured["wall"] * scale, 1), "cpu_s": round(measured["cpu"] * scale, 1),
                "peak_bytes": run["peak_bytes"], "corpus": measured["corpus"]}

    for name, work in (("short", short), ("training", training)):
        start = time.perf_counter()
        with ThreadPoolExecutor(n) as pool:
            rows = list(pool.map(work, students))
        result[name] = {"per_student": rows, "round_s": round(time.perf_counter() - start, 1),
                        "wall_s": round(max(r["wall_s"] for r in rows), 1),
                        "cpu_s": round(sum(r["cpu_s"] for r in rows) / n, 1),
                        "peak_gb": round(max(r["peak_bytes"] for r in rows) / 1e9, 2)}
    for name in names:
        hub.api(f"users/{name}/server", "DELETE")
    return result


def class_needs(rounds: list, hub_rss: int, cores: int, heaviest_gb: float) -> dict:
    """Apply the stated model to the measurements: cores and memory for classes of CLASSES students.

    A kernel runs one thread, so a student alone on a free core takes as long as the CPU seconds
    the single-student round measured: that is the single-student time, whatever the machine's load.
    """
    alone = next(r for r in rounds if r["students"] == 1)
    server = max(r["server_rss_bytes"] for r in rounds) / 1e9
    needs = {}
    for name in ("short", "training"):
        cpu = max(r[name]["cpu_s"] for r in rounds)          # CPU seconds per student (the worst round)
        kernel = max(r[name]["peak_gb"] for r in rounds)
        for n in CLASSES:
            needs[f"{name}, {n} students"] = {
                "cores": math.ceil(n * cpu / (SLOWDOWN * alone[name]["cpu_s"])),
                "memory_gb": round(n * (kernel + server) + hub_rss / 1e9, 1),
                "cpu_s_per_student": cpu, "alone_s": alone[name]["cpu_s"], "kernel_peak_gb": kernel}
        for r in rounds:                                     # what the model predicts on this machine, idle
            r[name]["model_wall_s"] = round(max(alone[name]["cpu_s"], r["students"] * cpu / cores), 1)
    for n in CLASSES:                                        # the heaviest whole notebook (README's peak)
        needs[f"heaviest notebook, {n} students"] = {"memory_gb": round(n * (heaviest_gb + server)
                                                                        + hub_rss / 1e9, 1)}
    return needs


def table(results: dict) -> str:
    lines = [f"{'students':>8} | {'workload':<8} | {'wall s (max)':>12} | {'model s':>7} | "
             f"{'CPU s/student':>13} | {'kernel peak GB':>14}"]
    for r in results["rounds"]:
        for name in ("short", "training"):
            w = r[name]
            lines.append(f"{r['students']:>8} | {name:<8} | {w['wall_s']:>12} | {w['model_wall_s']:>7} | "
                         f"{w['cpu_s']:>13} | {w['peak_gb']:>14}")
    lines.append("")
    lines.append(f"{'class':<33} | {'cores':>5} | {'memory GB':>9}")
    for name, need in results["class_needs"].items():
        lines.append(f"{name:<33} | {need.get('cores', ''):>5} | {need['memory_gb']:>9}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 and 2 students, 1 epoch; write nothing")
    parser.add_argument("--students", type=int, nargs="+", help="class sizes (default 1 2 4 8)")
    parser.add_argument("--epochs", type=int, help="training epochs measured (default 2; 40 is the notebook's)")
    parser.add_argument("--out", type=Path, help=f"results file (default {RESULTS.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    sizes = args.students or ([1, 2] if args.quick else [1, 2, 4, 8])
    epochs = args.epochs or (1 if args.quick else 2)
    out = args.out or (None if args.quick else RESULTS)
    if 1 not in sizes:
        parser.error("the model needs the single-student round: include 1 in --students")
    drift = training_cell_drift()
    if drift:
        sys.exit(f"TRAINING_CELL no longer matches notebook 08's training set-up: {drift}")
    proxy, why = find_proxy(install=True)
    if proxy is None:
        sys.exit(f"no configurable-http-proxy: {why}")
    environment = {"OMP_NUM_THREADS": "1"}
    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="hub-sizing-"))
    hub = None
    try:
        config = course_config()
        bare = work / "upstream" / config["folder"]
        git("init", "--quiet", "--bare", "-b", config["branch"], str(bare))
        git("fetch", "--quiet", "--no-tags", str(ROOT), f"HEAD:refs/heads/{config['branch']}", cwd=bare)
        hub = LocalHub(work / "hub", proxy, environment=environment)
        link = nbgitpuller_url(dict(config, repository=str(bare)), hub.url, SHORT_NOTEBOOK)
        rounds = []
        for n in sorted(sizes):
            print(f"{n} student(s)...", flush=True)
            rounds.append(one_class(hub, link, n, epochs))
        import psutil
        hub_rss = rss([psutil.Process(hub.process.pid)] +
                      [p for p in hub.processes() if "configurable-http-proxy" in " ".join(p.cmdline())])
    finally:
        if hub is not None:
            hub.stop()
        shutil.rmtree(work, ignore_errors=True)
    cores = os.cpu_count()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    results = {
        "machine": {"cores": cores, "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in os.getloadavg()],
                    "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "commit": commit.stdout.strip()},
        "method": {"short_notebook": SHORT_NOTEBOOK, "training": f"{TRAINING_NOTEBOOK}'s training cell, "
                   f"{epochs} of its {FULL_EPOCHS} epochs measured, wall and CPU seconds scaled linearly to "
                   f"{FULL_EPOCHS} (extrapolated); peak memory measured", "threads_per_kernel": 1,
                   "model": f"cores = ceil(N x CPU s per student / ({SLOWDOWN:g} x single-student s)), "
                   "the single-student time being its CPU seconds (one thread: its wall time on a free core); "
                   "memory = N x (kernel peak + single-user server) + hub and proxy",
                   "limits": "one small machine, shared with other jobs (see load averages), extrapolated "
                   "linearly to larger classes; the hub's own CPU and the pulls are not counted"},
        "hub_rss_gb": round(hub_rss / 1e9, 2),
        "server_rss_gb": round(max(r["server_rss_bytes"] for r in rounds) / 1e9, 2),
        "notebook_peaks_gb": {"source": "README.md course map (tools/run_notebooks.py, one kernel alone)",
                              **readme_peaks()},
        "memory_margin": MEMORY_MARGIN,
        "rounds": rounds,
    }
    heaviest = max(v for k, v in results["notebook_peaks_gb"].items() if k != "source")
    results["class_needs"] = class_needs(rounds, hub_rss, cores, heaviest)
    for r in rounds:
        for name in ("short", "training"):
            for row in r[name]["per_student"]:
                row["peak_gb"] = round(row.pop("peak_bytes") / 1e9, 2)
    print(table(results))
    print(f"load average before {results['machine']['load_average_before']}, "
          f"after {results['machine']['load_average_after']}")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=1) + "\n")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
