"""The epoch loops and the fit loop that notebooks 03 onwards share.

These are the functions notebook 02 builds step by step (``train_epoch``, ``test_epoch``
here called ``evaluate``, and ``fit_mse_adam`` here generalised to any loss and optimizer
as ``fit``), with a few additions: batches are moved to the model's device, ``fit``
shows a progress bar, and when a loader yields its inputs as a tuple ``((a, b), y)``
the model is called as ``model(a, b)`` (useful for decoders that also read the target).
``predict`` gathers a model's outputs over a whole loader, for accuracies.
"""
import time
from typing import Callable, Optional

import numpy as np
import torch
from tqdm.auto import tqdm


def _model_device(model: torch.nn.Module) -> torch.device:
    param = next(model.parameters(), None)
    return param.device if param is not None else torch.device("cpu")


def _to(batch, device):
    """Move a tensor, or a tuple/list of tensors, to ``device``."""
    if isinstance(batch, (tuple, list)):
        return type(batch)(_to(b, device) for b in batch)
    return batch.to(device)


def _forward(model, x):
    """Call the model on ``x``; a tuple or list of inputs is passed as separate arguments."""
    return model(*x) if isinstance(x, (tuple, list)) else model(x)


def _check_loader(loader, name: str) -> None:
    if not hasattr(loader, "__iter__") or not hasattr(loader, "__len__"):
        raise TypeError(f"{name} must be an iterable of (inputs, targets) batches with a "
                        f"length, such as a DataLoader; got {type(loader).__name__}")
    if len(loader) == 0:
        raise ValueError(f"{name} yields no batches: is the dataset empty?")


def train_epoch(model: torch.nn.Module, loader, criterion: Callable,
                optimizer: torch.optim.Optimizer, clip_grad: Optional[float] = None,
                on_batch: Optional[Callable] = None,
                grad_norms: Optional[list] = None) -> np.ndarray:
    """Train for one pass over ``loader``; return the loss of each batch, shape (n_batches,).

    With ``clip_grad``, the gradient's total norm is cut to ``clip_grad`` before each step.
    If ``grad_norms`` is a list, the total norm of each batch's gradient (before any
    clipping) is appended to it.
    """
    _check_loader(loader, "loader")
    device = _model_device(model)
    model.train()
    losses = []
    for x, y in loader:
        x, y = _to(x, device), _to(y, device)
        loss = criterion(_forward(model, x), y)
        optimizer.zero_grad()
        loss.backward()
        if clip_grad is not None or grad_norms is not None:  # an infinite limit only measures
            norm = torch.nn.utils.clip_grad_norm_(model.parameters(),
                                                  float("inf") if clip_grad is None else clip_grad)
            if grad_norms is not None:
                grad_norms.append(norm.item())
        optimizer.step()
        losses.append(loss.item())
        if on_batch is not None:
            on_batch()
    return np.array(losses)


def evaluate(model: torch.nn.Module, loader, criterion: Callable) -> np.ndarray:
    """Return the loss of each batch of ``loader``, without gradients, shape (n_batches,)."""
    _check_loader(loader, "loader")
    device = _model_device(model)
    model.eval()
    losses = []
    with torch.no_grad():
        for x, y in loader:
            x, y = _to(x, device), _to(y, device)
            losses.append(criterion(_forward(model, x), y).item())
    return np.array(losses)


def predict(model: torch.nn.Module, loader) -> tuple:
    """Return (outputs, targets) over all batches of ``loader``, concatenated, on the CPU.

    Batches are scored without gradients, in evaluation mode: outputs have shape
    (N, ...) as the model returns them, targets (N, ...) as the loader yields them.
    """
    _check_loader(loader, "loader")
    device = _model_device(model)
    model.eval()
    outputs, targets = [], []
    with torch.no_grad():
        for x, y in loader:
            outputs.append(_forward(model, _to(x, device)).cpu())
            targets.append(y)
    return torch.cat(outputs), torch.cat(targets)


def fit(model: torch.nn.Module, train_loader, criterion: Callable,
        optimizer: torch.optim.Optimizer, n_epochs: int, test_loader=None,
        clip_grad: Optional[float] = None, progress: bool = True,
        record_grad_norm: bool = False, scheduler=None) -> dict:
    """Train for ``n_epochs``; return per-batch losses.

    The result has ``"train"`` of shape (n_epochs, n_train_batches) and, when a
    ``test_loader`` is given, ``"test"`` of shape (n_epochs, n_test_batches), the test
    set being scored after each epoch. With ``record_grad_norm``, ``"grad_norm"`` of shape
    (n_epochs, n_train_batches) holds each batch's gradient norm, measured before clipping.
    A ``scheduler`` (from ``torch.optim.lr_scheduler``) is stepped after every batch, so its
    length counts batches, not epochs.
    """
    if not isinstance(n_epochs, int) or n_epochs < 1:
        raise ValueError(f"n_epochs must be a positive int, got {n_epochs!r}")
    _check_loader(train_loader, "train_loader")
    history = {"train": [], "test": [], "grad_norm": []}
    start = time.perf_counter()
    # At most one refresh a second: each refresh is a message from the kernel, and a long cell that
    # sends thousands of them can overflow the client's queue (nbval then misses the cell's end).
    bar = tqdm(total=n_epochs * len(train_loader), desc="training", unit="batch",
               disable=not progress, mininterval=1.0)

    def after_batch():
        bar.update(1)
        if scheduler is not None:
            scheduler.step()

    for _ in range(n_epochs):
        norms = [] if record_grad_norm else None
        history["train"].append(train_epoch(model, train_loader, criterion, optimizer,
                                            clip_grad, after_batch, norms))
        history["grad_norm"].append(norms)
        postfix = {"train loss": f"{history['train'][-1].mean():.4g}"}
        if test_loader is not None:
            history["test"].append(evaluate(model, test_loader, criterion))
            postfix["test loss"] = f"{history['test'][-1].mean():.4g}"
        bar.set_postfix(postfix)
    bar.close()
    if progress:  # a plain-text record that stays readable where widgets do not render
        print(f"{n_epochs} epochs of {len(train_loader)} batches in "
              f"{time.perf_counter() - start:.1f} s; last epoch: "
              + ", ".join(f"{k} {v}" for k, v in postfix.items()))
    result = {"train": np.array(history["train"])}
    if test_loader is not None:
        result["test"] = np.array(history["test"])
    if record_grad_norm:
        result["grad_norm"] = np.array(history["grad_norm"])
    return result
