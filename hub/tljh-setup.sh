#!/usr/bin/env bash
# The course on The Littlest JupyterHub (one server), for every user. Run as root on the server,
# from a clone of the course's repository, after TLJH's own installation:
#     curl -L https://tljh.jupyter.org/bootstrap.py | sudo python3 - --admin <your-admin-name>
#     sudo bash hub/tljh-setup.sh
# Limits as in hub/config.yaml (Kubernetes), from hub/sizing.json; see hub/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# the users' environment: PyTorch's CPU build, then the course's pinned requirements without its
# own helpers (the notebooks use the copy each student pulls with the class link)
/opt/tljh/user/bin/pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
grep -v '^-e ' requirements.txt > /tmp/course-requirements.txt
/opt/tljh/user/bin/pip install --no-cache-dir -r /tmp/course-requirements.txt
# per-student limits, and one PyTorch thread per kernel
tljh-config set limits.memory 1.5G
tljh-config set limits.cpu 1
tljh-config set services.cull.timeout 3600
mkdir -p /opt/tljh/config/jupyterhub_config.d
echo 'c.Spawner.environment = {"OMP_NUM_THREADS": "1"}' > /opt/tljh/config/jupyterhub_config.d/course.py
tljh-config reload
