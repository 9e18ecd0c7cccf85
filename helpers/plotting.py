"""Plots that several notebooks share. Each returns the matplotlib Axes it drew on."""
from typing import Optional

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator


def plot_losses(history: dict, per: str = "batch", log: bool = False,
                title: str = "Loss during training", ylabel: str = "loss", ax=None):
    """Plot the ``"train"`` (and ``"test"``) losses returned by ``training.fit``.

    ``per="batch"`` draws every batch, the test curve spread over the same epochs;
    ``per="epoch"`` draws one mean value per epoch.
    """
    if not isinstance(history, dict) or "train" not in history:
        raise TypeError("history must be the dict returned by fit(), with a 'train' entry")
    if per not in ("batch", "epoch"):
        raise ValueError(f"per must be 'batch' or 'epoch', got {per!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3))
    for name in ("train", "test"):
        losses = np.asarray(history.get(name, []))
        if losses.size == 0:
            continue
        if losses.ndim != 2:
            raise ValueError(f"history[{name!r}] must have shape (n_epochs, n_batches), "
                             f"got {losses.shape}")
        n_epochs, n_batches = losses.shape
        if per == "epoch":
            ax.plot(np.arange(1, n_epochs + 1), losses.mean(axis=1), "o-", label=name)
        else:  # batch b of epoch e sits at x = e + (b + 1) / n_batches
            x = (np.arange(n_epochs)[:, None] + (np.arange(n_batches) + 1) / n_batches)
            ax.plot(x.ravel(), losses.ravel(), label=name, alpha=0.8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if log:
        ax.set_yscale("log")
    ax.legend()
    return ax


def plot_sequences(series, labels: Optional[list] = None, title: str = "",
                   xlabel: str = "time step", ylabel: str = "value", ax=None):
    """Plot one line per row of ``series`` (shape (B, T) or (T,)) against the time step."""
    arr = np.asarray(series, dtype=float)
    if arr.ndim == 1:
        arr = arr[None]
    if arr.ndim != 2:
        raise ValueError(f"series must have shape (T,) or (B, T), got {arr.shape}")
    if labels is not None and len(labels) != len(arr):
        raise ValueError(f"got {len(labels)} labels for {len(arr)} series")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 2.5))
    for i, row in enumerate(arr):
        ax.plot(row, label=None if labels is None else labels[i])
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if labels is not None:
        ax.legend()
    return ax
