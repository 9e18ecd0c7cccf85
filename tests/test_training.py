import numpy as np
import pytest
import torch
from numpy.testing import assert_allclose

from helpers.data import ZipDataset
from helpers.training import evaluate, fit, predict, train_epoch
from helpers.utils import set_seed


def _regression_loaders(generator):
    x = torch.randn(64, 3, generator=generator)
    y = x @ torch.tensor([[1.0], [-2.0], [0.5]])
    train = torch.utils.data.DataLoader(ZipDataset(x[:48], y[:48]), batch_size=8,
                                        shuffle=True, generator=generator)
    test = torch.utils.data.DataLoader(ZipDataset(x[48:], y[48:]), batch_size=8)
    return train, test


def _run(seed, n_epochs=20):
    g = set_seed(seed)
    train, test = _regression_loaders(g)
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    return fit(model, train, torch.nn.MSELoss(), opt, n_epochs, test, progress=False)


def test_fit_shapes_and_learning():
    history = _run(0)
    assert history["train"].shape == (20, 6)
    assert history["test"].shape == (20, 2)
    assert history["test"][-1].mean() < 0.01 * history["test"][0].mean()


def test_fit_same_seed_same_losses():
    assert_allclose(_run(5, 3)["train"], _run(5, 3)["train"])


def test_fit_without_test_loader_has_no_test_key():
    g = set_seed(0)
    train, _ = _regression_loaders(g)
    model = torch.nn.Linear(3, 1)
    h = fit(model, train, torch.nn.MSELoss(), torch.optim.SGD(model.parameters(), 0.1), 2,
            progress=False)
    assert set(h) == {"train"}


def test_train_epoch_updates_and_evaluate_does_not():
    g = set_seed(0)
    train, test = _regression_loaders(g)
    model = torch.nn.Linear(3, 1)
    before = model.weight.detach().clone()
    losses = evaluate(model, test, torch.nn.MSELoss())
    assert losses.shape == (2,) and torch.equal(model.weight, before)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = train_epoch(model, train, torch.nn.MSELoss(), opt, clip_grad=1.0)
    assert losses.shape == (6,) and losses.dtype == np.float64
    assert not torch.equal(model.weight, before)


def test_bad_input_raises():
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    with pytest.raises(ValueError, match="n_epochs must be a positive int"):
        fit(model, [(torch.zeros(1, 3), torch.zeros(1, 1))], torch.nn.MSELoss(), opt, 0)
    with pytest.raises(TypeError, match="iterable of \\(inputs, targets\\) batches"):
        train_epoch(model, 42, torch.nn.MSELoss(), opt)
    with pytest.raises(ValueError, match="yields no batches"):
        evaluate(model, [], torch.nn.MSELoss())


class _TwoInputs(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(3, 1)

    def forward(self, a, b):
        return self.lin(a) + b


def test_tuple_inputs_are_passed_as_arguments_and_predict_concatenates():
    g = set_seed(0)
    a, b = torch.randn(10, 3, generator=g), torch.randn(10, 1, generator=g)
    y = torch.zeros(10, 1)
    loader = torch.utils.data.DataLoader(ZipDataset(list(zip(a, b)), y), batch_size=4)
    model = _TwoInputs()
    losses = train_epoch(model, loader, torch.nn.MSELoss(),
                         torch.optim.SGD(model.parameters(), lr=0.01))
    assert losses.shape == (3,)
    out, targets = predict(model, loader)
    assert out.shape == (10, 1) and targets.shape == (10, 1)
    assert_allclose(out.numpy(), (model.lin(a) + b).detach().numpy(), rtol=1e-6)
    assert not out.requires_grad


def test_fit_prints_a_summary_only_with_progress(capsys):
    g = set_seed(0)
    train, test = _regression_loaders(g)
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    fit(model, train, torch.nn.MSELoss(), opt, 2, test, progress=False)
    assert capsys.readouterr().out == ""
    fit(model, train, torch.nn.MSELoss(), opt, 2, test, progress=True)
    out = capsys.readouterr().out
    assert out.startswith("2 epochs of 6 batches in ") and "train loss" in out and "test loss" in out


def test_fit_records_the_gradient_norm_before_clipping():
    g = set_seed(0)
    train, _ = _regression_loaders(g)
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    history = fit(model, train, torch.nn.MSELoss(), opt, 2, clip_grad=1e-3, progress=False,
                  record_grad_norm=True)
    assert history["grad_norm"].shape == history["train"].shape == (2, 6)
    assert (history["grad_norm"] > 1e-3).all()          # the norms measured before the cut


def test_train_epoch_grad_norms_match_a_manual_computation():
    g = set_seed(0)
    x, y = torch.randn(8, 3, generator=g), torch.randn(8, 1, generator=g)
    loader = torch.utils.data.DataLoader(ZipDataset(x, y), batch_size=8)
    model = torch.nn.Linear(3, 1)
    loss = torch.nn.MSELoss()(model(x), y)
    expected = torch.cat([p.flatten() for p in torch.autograd.grad(loss, model.parameters())]).norm()
    norms = []
    train_epoch(model, loader, torch.nn.MSELoss(), torch.optim.SGD(model.parameters(), lr=0.1),
                grad_norms=norms)
    assert norms == pytest.approx([expected.item()], rel=1e-6)


def test_fit_steps_the_scheduler_after_every_batch():
    g = set_seed(0)
    train, _ = _regression_loaders(g)
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    seen = []                                           # the rate each batch is trained with

    def loss(prediction, y):
        seen.append(opt.param_groups[0]["lr"])
        return torch.nn.functional.mse_loss(prediction, y)

    schedule = torch.optim.lr_scheduler.LambdaLR(opt, lambda step: 1 / (step + 1))
    fit(model, train, loss, opt, 2, progress=False, scheduler=schedule)
    assert seen == pytest.approx([0.1 / (i + 1) for i in range(12)])   # 2 epochs of 6 batches
    assert schedule.last_epoch == 12
