import numpy as np
import pytest
import torch
from numpy.testing import assert_allclose

from helpers.data import ZipDataset, adding_problem, generate_sinusoids, next_step_pairs


def test_generate_sinusoids_shape_dtype_range():
    x = generate_sinusoids(7, frequencies=(1.0, 2.0), n_steps=50, seed=0)
    assert x.shape == (7, 50)
    assert x.dtype == np.float32
    assert np.abs(x).max() <= 1.0 + 1e-6


def test_generate_sinusoids_same_seed_same_data():
    assert_allclose(generate_sinusoids(4, seed=1), generate_sinusoids(4, seed=1))
    assert not np.allclose(generate_sinusoids(4, seed=1), generate_sinusoids(4, seed=2))


def test_generate_sinusoids_is_a_sinusoid_of_the_frequency():
    x = generate_sinusoids(1, frequencies=(1.0,), n_steps=200, dt=0.1, seed=0)[0]
    spectrum = np.abs(np.fft.rfft(x))
    freqs = np.fft.rfftfreq(200, d=0.1)
    assert_allclose(freqs[spectrum.argmax()], 1.0)


def test_generate_sinusoids_weights_and_noise():
    clean = generate_sinusoids(3, frequencies=(1.0,), weights=(2.0,), seed=0)
    assert_allclose(np.abs(clean).max(), 2.0, atol=0.02)
    noisy = generate_sinusoids(3, frequencies=(1.0,), weights=(2.0,), noise=0.1, seed=0)
    assert 0.05 < (noisy - clean).std() < 0.15


@pytest.mark.parametrize("kwargs, match", [
    (dict(n_samples=0), "n_samples"),
    (dict(n_samples=2, n_steps=1), "n_steps"),
    (dict(n_samples=2, frequencies=()), "frequencies"),
    (dict(n_samples=2, frequencies=(1, 2), weights=(1,)), "one entry per frequency"),
    (dict(n_samples=2, dt=0), "dt must be > 0"),
])
def test_generate_sinusoids_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        generate_sinusoids(**kwargs)


def test_zip_dataset_items_and_loader():
    a, b = torch.arange(6).reshape(3, 2), torch.tensor([10, 11, 12])
    ds = ZipDataset(a, b)
    assert len(ds) == 3
    x, y = ds[1]
    assert torch.equal(x, torch.tensor([2, 3])) and y.item() == 11
    xb, yb = next(iter(torch.utils.data.DataLoader(ds, batch_size=3)))
    assert xb.shape == (3, 2) and yb.shape == (3,)


def test_zip_dataset_rejects_bad_input():
    with pytest.raises(ValueError, match="same length"):
        ZipDataset(torch.zeros(3), torch.zeros(4))
    with pytest.raises(ValueError, match="at least one"):
        ZipDataset()


def test_next_step_pairs_shifts_by_one():
    series = np.arange(10, dtype=np.float32).reshape(2, 5)
    x, y = next_step_pairs(series)
    assert x.shape == y.shape == (2, 4, 1)
    assert x.dtype == torch.float32
    assert torch.equal(x[:, 1:], y[:, :-1])
    assert y[0, -1, 0].item() == 4.0


def test_next_step_pairs_rejects_bad_shape():
    with pytest.raises(ValueError, match=r"shape \(B, T\)"):
        next_step_pairs(np.zeros(5))


def test_adding_problem_shapes_markers_and_targets():
    x, y = adding_problem(50, 20, seed=0)
    assert x.shape == (50, 20, 2) and y.shape == (50,) and x.dtype == y.dtype == torch.float32
    markers = x[..., 1]
    assert (markers.sum(dim=1) == 2).all()
    first, second = markers[:, :10].argmax(dim=1), markers[:, 10:].argmax(dim=1) + 10
    assert (markers[:, :10].sum(dim=1) == 1).all() and (markers[:, 10:].sum(dim=1) == 1).all()
    rows = torch.arange(50)
    assert_allclose(y, x[rows, first, 0] + x[rows, second, 0], rtol=1e-6)
    assert ((x[..., 0] >= 0) & (x[..., 0] < 1)).all()


def test_adding_problem_is_seeded():
    assert torch.equal(adding_problem(5, 8, seed=3)[0], adding_problem(5, 8, seed=3)[0])
    assert not torch.equal(adding_problem(5, 8, seed=3)[0], adding_problem(5, 8, seed=4)[0])


@pytest.mark.parametrize("args", [(0, 10), (5, 1), (2.5, 10)])
def test_adding_problem_bad_sizes(args):
    with pytest.raises(ValueError, match="must be"):
        adding_problem(*args)
