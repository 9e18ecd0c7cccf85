import numpy as np
import pytest
import torch

from helpers.utils import checkpoint, get_device, set_seed, synchronize, without_onednn


def test_set_seed_returns_seeded_generator():
    g1 = set_seed(3)
    a = (np.random.rand(), torch.rand(1).item(), torch.rand(1, generator=g1).item())
    g2 = set_seed(3)
    b = (np.random.rand(), torch.rand(1).item(), torch.rand(1, generator=g2).item())
    assert isinstance(g1, torch.Generator)
    assert a == b


def test_set_seed_different_seeds_differ():
    set_seed(0)
    a = torch.rand(3)
    set_seed(1)
    assert not torch.equal(a, torch.rand(3))


@pytest.mark.parametrize("bad, exc", [(1.5, TypeError), ("0", TypeError), (True, TypeError),
                                      (-1, ValueError)])
def test_set_seed_rejects_bad_input(bad, exc):
    with pytest.raises(exc, match="seed must be"):
        set_seed(bad)


def test_get_device():
    assert get_device("cpu") == torch.device("cpu")
    assert get_device().type in ("cpu", "cuda", "mps")
    with pytest.raises(ValueError, match="'auto', 'cpu', 'cuda' or 'mps'"):
        get_device("gpu")


def test_checkpoint_prints_when_true(capsys):
    checkpoint(0.001 < 0.01, "the test loss is below 0.01")
    assert capsys.readouterr().out == "Checkpoint passed: the test loss is below 0.01\n"


def test_checkpoint_raises_with_claim_when_false():
    with pytest.raises(AssertionError, match="expected the test loss is below 0.01"):
        checkpoint(0.5 < 0.01, "the test loss is below 0.01")
    with pytest.raises(TypeError, match="claim"):
        checkpoint(True, "")


def test_without_onednn_switches_off_and_restores():
    assert torch.backends.mkldnn.enabled
    with without_onednn():
        assert not torch.backends.mkldnn.enabled
    assert torch.backends.mkldnn.enabled
    with pytest.raises(RuntimeError, match="inside"):
        with without_onednn():
            raise RuntimeError("inside")
    assert torch.backends.mkldnn.enabled


def test_without_onednn_keeps_an_off_setting_off():
    torch.backends.mkldnn.enabled = False
    try:
        with without_onednn():
            pass
        assert not torch.backends.mkldnn.enabled
    finally:
        torch.backends.mkldnn.enabled = True


def test_without_onednn_gives_the_same_lstm_step():
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(3, 8, num_layers=2, batch_first=True)
    x = torch.randn(1, 5, 3)                                   # (B, T, F)
    with torch.no_grad():
        expected, _ = lstm(x)
        state, steps = None, []
        with without_onednn():
            for t in range(5):
                out, state = lstm(x[:, t:t + 1], state)         # one step, carried state
                steps.append(out)
    torch.testing.assert_close(torch.cat(steps, dim=1), expected)


def test_synchronize_on_cpu_returns_and_rejects_strings():
    assert synchronize(torch.device("cpu")) is None
    with pytest.raises(TypeError, match="torch.device"):
        synchronize("cuda")
