"""Shared plumbing for the Sequences & RNNs notebooks.

One module per concern: ``utils`` (seeding, device, checkpoints), ``data`` (generators
and datasets), ``training`` (epoch loops and ``fit``) and ``plotting``. The models
being taught are written in the notebooks, not here.
"""
