"""Comparing two models scored on the same text: a paired block-bootstrap interval."""
from typing import NamedTuple

import numpy as np


class Interval(NamedTuple):
    """A mean and its bootstrap interval [low, high] at ``level``."""
    mean: float
    low: float
    high: float
    level: float

    def verdict(self, better: str = "first model lower", worse: str = "second model lower") -> str:
        """Return ``better``/``worse`` when the interval excludes 0 (by the sign), else "within noise"."""
        if self.high < 0:
            return better
        return worse if self.low > 0 else "within noise"


def block_bootstrap_diff(loss_a, loss_b, block: int = 1000, n_boot: int = 2000, level: float = 0.95,
                         seed: int = 0) -> Interval:
    """Return the mean of loss_a - loss_b, shapes (N,), with a paired moving-block bootstrap interval.

    Each replicate rebuilds N positions from random blocks of ``block`` consecutive positions of the
    paired differences (neighbouring characters are correlated, so single positions would give an
    interval that is too narrow) and takes their mean; the interval is the replicates' percentiles.
    """
    a, b = np.asarray(loss_a, dtype=float), np.asarray(loss_b, dtype=float)
    if a.ndim != 1 or a.shape != b.shape:
        raise ValueError(f"loss_a and loss_b must be 1-D of the same length, got shapes {a.shape} and {b.shape}")
    if not 1 <= block <= len(a):
        raise ValueError(f"block must be between 1 and the number of positions {len(a)}, got {block}")
    if not 0 < level < 1 or n_boot < 10:
        raise ValueError(f"need 0 < level < 1 and n_boot >= 10, got level={level}, n_boot={n_boot}")
    d = a - b                                                              # (N,)
    sums = np.r_[0.0, np.cumsum(d)]                                        # block sums by differences
    n_blocks = -(-len(d) // block)                                         # ceil(N / block)
    rng = np.random.default_rng(seed)
    starts = rng.integers(0, len(d) - block + 1, size=(n_boot, n_blocks))  # (n_boot, n_blocks)
    means = (sums[starts + block] - sums[starts]).sum(axis=1) / (n_blocks * block)   # (n_boot,)
    low, high = np.quantile(means, [(1 - level) / 2, (1 + level) / 2])
    return Interval(float(d.mean()), float(low), float(high), level)
