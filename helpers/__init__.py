"""Shared plumbing for the Sequences & RNNs notebooks.

One module per concern: ``utils`` (seeding, device, checkpoints), ``data`` (generators
and datasets), ``training`` (epoch loops and ``fit``), ``plotting``, ``corpus`` (the Molière
text) and ``evaluation`` (comparing two models on the same text). The models
being taught are written in the notebooks, not here.
"""
