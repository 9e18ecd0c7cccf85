"""The hub configurations in hub/ against the measurements: static and fast (no hub is started).

The memory a student's server needs is the heaviest notebook's measured peak (the README's course
map, from tools/run_notebooks.py, or the class measurement of hub/sizing.json, whichever is higher)
plus the single-user server's own memory (hub/sizing.json); the limit must cover it with the margin
hub/sizing.json states, and the image must install the course's pinned requirements.
"""
import importlib.metadata
import importlib.util
import json
import re

import pytest
import yaml

from tools.course_links import course_config, nbgitpuller_url
from tools.hub_sizing import readme_peaks
from tools.layout import ROOT

HUB = ROOT / "hub"
UNITS = {"": 1, "k": 1e3, "M": 1e6, "G": 1e9, "Ki": 2 ** 10, "Mi": 2 ** 20, "Gi": 2 ** 30}


def quantity(text) -> float:
    """Return a Kubernetes memory quantity ("1.5G", "512Mi") in bytes."""
    match = re.fullmatch(r"([\d.]+)\s*([kMG]i?|)", str(text))
    if not match:
        raise ValueError(f"not a memory quantity: {text!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load((HUB / "config.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sizing():
    return json.loads((HUB / "sizing.json").read_text(encoding="utf-8"))


def memory_need(sizing) -> float:
    """Bytes a student's server needs: the heaviest measured kernel peak plus the server itself."""
    measured = [r[name]["peak_gb"] for r in sizing["rounds"] for name in ("short", "training")]
    heaviest = max(max(readme_peaks().values()), *measured)
    return (heaviest + sizing["server_rss_gb"]) * 1e9


def pins(path) -> dict:
    return dict(line.split("==") for line in path.read_text().splitlines() if "==" in line and line[0] != "#")


def test_memory_limit_covers_the_heaviest_notebook_with_the_stated_margin(config, sizing):
    memory, need = config["singleuser"]["memory"], memory_need(sizing)
    assert sizing["memory_margin"] >= 0.2, "hub/sizing.json states too thin a margin"
    assert quantity(memory["guarantee"]) >= need, \
        f"guarantee {memory['guarantee']} is below the measured need of {need / 1e9:.2f} GB"
    assert quantity(memory["limit"]) >= need * (1 + sizing["memory_margin"]), \
        f"limit {memory['limit']} does not cover {need / 1e9:.2f} GB plus {sizing['memory_margin']:.0%}"
    assert quantity(memory["limit"]) >= quantity(memory["guarantee"])


def test_cpu_guarantee_keeps_a_cell_within_twice_its_single_student_time(config, sizing):
    cpu = config["singleuser"]["cpu"]
    for name in ("short", "training"):
        need = next(v for k, v in sizing["class_needs"].items() if k.startswith(name))
        share = need["cpu_s_per_student"] / (2 * need["alone_s"])        # cores per student in the model
        assert cpu["guarantee"] >= share - 0.05, f"{name}: {share:.2f} core per student needed"
    assert cpu["limit"] >= cpu["guarantee"]
    threads = sizing["method"]["threads_per_kernel"]
    assert config["singleuser"]["extraEnv"]["OMP_NUM_THREADS"] == str(threads), \
        "the kernels must run with as many threads as were measured"


def test_idle_servers_are_culled(config):
    assert config["cull"]["enabled"] is True and 0 < config["cull"]["timeout"] <= 4 * 3600


def test_the_image_installs_the_pinned_requirements():
    dockerfile = (HUB / "Dockerfile").read_text()
    required = pins(ROOT / "requirements.txt")
    assert "COPY requirements.txt" in dockerfile and re.search(r"pip install .*-r /tmp/requirements", dockerfile)
    assert f"torch=={required['torch']}" in dockerfile, "the image's PyTorch is not the pinned one"
    assert "nbgitpuller" in required, "requirements.txt must pin nbgitpuller, which the class link needs"
    hub_pin = re.search(r"jupyterhub==([\d.]+)", dockerfile).group(1)
    tested = importlib.metadata.version("jupyterhub") if importlib.util.find_spec("jupyterhub") else hub_pin
    assert hub_pin.split(".")[0] == tested.split(".")[0], \
        f"the image's jupyterhub {hub_pin} is not the major version the hub test runs ({tested})"
    assert not (ROOT / "Dockerfile").exists(), "a Dockerfile at the root would replace Binder's environment.yml"
    tljh = (HUB / "tljh-setup.sh").read_text()
    assert f"torch=={required['torch']}" in tljh and "-r /tmp/course-requirements.txt" in tljh


def test_tljh_sets_the_same_limits(config):
    tljh = (HUB / "tljh-setup.sh").read_text()
    assert f"limits.memory {config['singleuser']['memory']['limit']}" in tljh
    assert f"limits.cpu {config['singleuser']['cpu']['limit']}" in tljh
    assert f"services.cull.timeout {config['cull']['timeout']}" in tljh


def test_the_class_link_in_the_config_is_the_generated_one():
    link = nbgitpuller_url(course_config(), "https://hub.example.edu", "08_char_rnn.ipynb")
    assert f"# {link}\n" in (HUB / "config.yaml").read_text()
