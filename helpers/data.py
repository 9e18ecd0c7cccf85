"""Data generators and datasets shared by the notebooks."""
from typing import Optional, Sequence

import numpy as np
import torch


def generate_sinusoids(n_samples: int, frequencies: Sequence[float] = (1.0,),
                       weights: Optional[Sequence[float]] = None, n_steps: int = 100,
                       dt: float = 0.1, noise: float = 0.0,
                       seed: Optional[int] = None) -> np.ndarray:
    """Return sums of sinusoids with random phases, shape (B, T), float32.

    Each sample is ``sum_k weights[k] * sin(2 pi f_k t + phase_k)`` at ``t = 0, dt, ...``,
    with one random phase per sample and frequency, plus Gaussian noise of std ``noise``.
    Weights default to ``1 / len(frequencies)`` each, so the amplitude stays <= 1.
    """
    if not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise ValueError(f"n_samples must be a positive int, got {n_samples!r}")
    if not isinstance(n_steps, (int, np.integer)) or n_steps < 2:
        raise ValueError(f"n_steps must be an int >= 2, got {n_steps!r}")
    freqs = np.asarray(frequencies, dtype=np.float64)
    if freqs.ndim != 1 or freqs.size == 0:
        raise ValueError(f"frequencies must be a non-empty 1-D sequence, got {frequencies!r}")
    w = np.full(freqs.size, 1.0 / freqs.size) if weights is None else np.asarray(weights, float)
    if w.shape != freqs.shape:
        raise ValueError(f"weights must have one entry per frequency ({freqs.size}), "
                         f"got shape {w.shape}")
    if dt <= 0 or noise < 0:
        raise ValueError(f"dt must be > 0 and noise >= 0, got dt={dt}, noise={noise}")
    rng = np.random.default_rng(seed)
    t = np.arange(n_steps) * dt                                 # (T,)
    phases = rng.uniform(0, 2 * np.pi, (n_samples, 1, freqs.size))  # (B, 1, K)
    waves = np.sin(2 * np.pi * t[:, None] * freqs + phases)     # (B, T, K)
    signal = waves @ w                                          # (B, T)
    signal += noise * rng.standard_normal(signal.shape)
    return signal.astype(np.float32)


class ZipDataset(torch.utils.data.Dataset):
    """Dataset whose item ``i`` is the tuple ``(a[i], b[i], ...)`` of equally long arrays."""

    def __init__(self, *arrays):
        if not arrays:
            raise ValueError("ZipDataset needs at least one array, got none")
        lengths = {len(a) for a in arrays}
        if len(lengths) != 1:
            raise ValueError(f"all arrays must have the same length, got lengths "
                             f"{[len(a) for a in arrays]}")
        self.arrays = arrays

    def __len__(self):
        return len(self.arrays[0])

    def __getitem__(self, i):
        return tuple(a[i] for a in self.arrays)


def next_step_pairs(series: np.ndarray) -> tuple:
    """Return (inputs, targets) tensors of shape (B, T-1, 1): targets are inputs shifted by one."""
    x = torch.as_tensor(np.asarray(series, dtype=np.float32))
    if x.ndim != 2 or x.shape[1] < 2:
        raise ValueError(f"series must have shape (B, T) with T >= 2, got {tuple(x.shape)}")
    x = x.unsqueeze(-1)                                          # (B, T, 1)
    return x[:, :-1], x[:, 1:]


def adding_problem(n_samples: int, n_steps: int, seed: Optional[int] = None) -> tuple:
    """Return (inputs (B, T, 2), targets (B,)) of the adding problem, float32.

    Channel 0 holds random values in [0, 1); channel 1 marks two steps with a 1, one in
    each half of the sequence. The target is the sum of the two marked values (Hochreiter
    & Schmidhuber 1997): the first marker lies at least ``n_steps // 2`` steps before the end.
    """
    if not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise ValueError(f"n_samples must be a positive int, got {n_samples!r}")
    if not isinstance(n_steps, (int, np.integer)) or n_steps < 2:
        raise ValueError(f"n_steps must be an int >= 2, got {n_steps!r}")
    rng = np.random.default_rng(seed)
    values = rng.random((n_samples, n_steps))                     # (B, T)
    half = n_steps // 2
    first = rng.integers(0, half, n_samples)                      # (B,)
    second = rng.integers(half, n_steps, n_samples)               # (B,)
    markers = np.zeros((n_samples, n_steps))
    markers[np.arange(n_samples), first] = 1.0
    markers[np.arange(n_samples), second] = 1.0
    inputs = np.stack([values, markers], axis=-1)                 # (B, T, 2)
    targets = (values * markers).sum(axis=1)                      # (B,)
    return torch.tensor(inputs, dtype=torch.float32), torch.tensor(targets, dtype=torch.float32)
