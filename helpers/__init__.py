"""Shared plumbing for the Sequences & RNNs notebooks: one module per concern.

* ``utils``: seeding, device choice, CPU settings, the end-of-section checks.
* ``data``: sinusoid and adding-problem generators, next-step pairs, a dataset of paired tensors.
* ``symbols``: random symbol strings as index, one-hot and padded arrays, masks, reversal.
* ``arithmetic``: addition problems as text, a held-out split, texts to codes and back.
* ``corpus``: the Molière text of notebook 08: cleaning the Gutenberg file, loading data/moliere.txt.
* ``training``: the epoch loops, ``fit`` and ``predict``.
* ``evaluation``: comparing two models scored on the same text (a paired block bootstrap).
* ``plotting``: the loss curves and sequence plots several notebooks share.

The models being taught are written in the notebooks, not here.
"""
