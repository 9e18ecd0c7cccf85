"""Tests of the paired block-bootstrap interval."""
import numpy as np
import pytest

from helpers.evaluation import Interval, block_bootstrap_diff


def correlated_noise(n, rng, rho=0.9):
    """Return an AR(1) series of shape (n,) with unit innovations: neighbours are correlated."""
    e = rng.normal(size=n)
    x = np.empty(n)
    x[0] = e[0]
    for t in range(1, n):
        x[t] = rho * x[t - 1] + e[t]
    return x


def test_interval_covers_a_known_gap_and_excludes_zero():
    rng = np.random.default_rng(1)
    base = 2 + correlated_noise(20_000, rng)
    a, b = base + 0.3 + 0.2 * rng.normal(size=base.size), base
    ci = block_bootstrap_diff(a, b, block=500, seed=0)
    assert ci.low < 0.3 < ci.high and ci.low > 0
    assert ci.verdict("a lower", "b lower") == "b lower"


def test_two_equal_models_are_within_noise():
    rng = np.random.default_rng(2)
    a, b = 2 + correlated_noise(20_000, rng), 2 + correlated_noise(20_000, rng)
    ci = block_bootstrap_diff(a, b, block=500, seed=0)
    assert ci.low < 0 < ci.high
    assert ci.verdict() == "within noise"


def test_blocks_widen_the_interval_on_correlated_losses():
    rng = np.random.default_rng(3)
    a, b = correlated_noise(20_000, rng, rho=0.95), np.zeros(20_000)
    narrow, wide = block_bootstrap_diff(a, b, block=1), block_bootstrap_diff(a, b, block=1000)
    assert (wide.high - wide.low) > 3 * (narrow.high - narrow.low)


def test_same_seed_same_interval_and_fields():
    a, b = np.linspace(0, 1, 5000), np.linspace(0, 1.1, 5000)
    first, second = block_bootstrap_diff(a, b, seed=7), block_bootstrap_diff(a, b, seed=7)
    assert first == second and isinstance(first, Interval) and first.level == 0.95
    assert first.low <= first.mean <= first.high
    np.testing.assert_allclose(first.mean, (a - b).mean())


@pytest.mark.parametrize("a, b, kwargs, match", [
    (np.zeros(10), np.zeros(9), {}, "same length"),
    (np.zeros((2, 5)), np.zeros((2, 5)), {}, "1-D"),
    (np.zeros(10), np.zeros(10), {"block": 11}, "block must be"),
    (np.zeros(10), np.zeros(10), {"block": 5, "level": 1.5}, "level"),
])
def test_bad_input_raises(a, b, kwargs, match):
    with pytest.raises(ValueError, match=match):
        block_bootstrap_diff(a, b, **kwargs)
