import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.plotting import plot_losses, plot_sequences  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_plot_losses_per_batch_and_epoch():
    history = {"train": np.ones((3, 4)), "test": np.ones((3, 2))}
    ax = plot_losses(history, log=True)
    assert [len(line.get_xdata()) for line in ax.lines] == [12, 6]
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "epoch" and ax.get_title()
    ax = plot_losses(history, per="epoch")
    assert [list(line.get_xdata()) for line in ax.lines] == [[1, 2, 3], [1, 2, 3]]


def test_plot_losses_batch_positions_end_on_epochs():
    ax = plot_losses({"train": np.arange(6.0).reshape(2, 3)})
    assert np.allclose(ax.lines[0].get_xdata(), [1 / 3, 2 / 3, 1, 4 / 3, 5 / 3, 2])


def test_plot_losses_rejects_bad_input():
    with pytest.raises(TypeError, match="dict returned by fit"):
        plot_losses([1, 2, 3])
    with pytest.raises(ValueError, match="'batch' or 'epoch'"):
        plot_losses({"train": np.ones((2, 2))}, per="step")
    with pytest.raises(ValueError, match=r"\(n_epochs, n_batches\)"):
        plot_losses({"train": np.ones(5)})


def test_plot_sequences():
    ax = plot_sequences(np.zeros((2, 10)), labels=["a", "b"], title="t")
    assert len(ax.lines) == 2 and ax.get_xlabel() == "time step"
    assert len(plot_sequences(np.zeros(10)).lines) == 1
    with pytest.raises(ValueError, match="2 series"):
        plot_sequences(np.zeros((2, 10)), labels=["a"])
    with pytest.raises(ValueError, match=r"shape \(T,\) or \(B, T\)"):
        plot_sequences(np.zeros((2, 2, 2)))
