"""Seeding, device choice, CPU settings and the checkpoints that close each training section."""
import contextlib
import random
from collections.abc import Iterator

import numpy as np
import torch


def set_seed(seed: int) -> torch.Generator:
    """Seed Python, NumPy and torch; return a torch generator for DataLoaders."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    if seed < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    generator = torch.Generator()
    generator.manual_seed(seed)
    return generator


def get_device(prefer: str = "auto") -> torch.device:
    """Return the device to compute on: CUDA, then Apple MPS, then CPU.

    ``prefer`` forces one of ``"cpu"``, ``"cuda"`` or ``"mps"``; ``"auto"`` picks the best.
    """
    if prefer not in ("auto", "cpu", "cuda", "mps"):
        raise ValueError(f"prefer must be 'auto', 'cpu', 'cuda' or 'mps', got {prefer!r}")
    if prefer != "auto":
        return torch.device(prefer)
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


@contextlib.contextmanager
def without_onednn() -> Iterator[None]:
    """Run the block with PyTorch's oneDNN (MKLDNN) CPU kernels off; restore the setting after.

    On a CPU, ``nn.LSTM`` runs through oneDNN, which prepares its weights at each call. Over a
    100-step sequence that cost is shared; for generation, one step per call, it is most of the
    time, and a step runs 2-3x faster without it. No effect on a GPU.
    """
    previous = torch.backends.mkldnn.enabled
    torch.backends.mkldnn.enabled = False
    try:
        yield
    finally:
        torch.backends.mkldnn.enabled = previous


def synchronize(device: torch.device) -> None:
    """Wait until the work queued on ``device`` is done (CUDA and MPS run asynchronously).

    Call it before reading a clock, or a timing measures only the launching of the work.
    On a CPU it returns at once.
    """
    if not isinstance(device, torch.device):
        raise TypeError(f"device must be a torch.device, got {type(device).__name__}")
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def checkpoint(passed: bool, claim: str) -> None:
    """Print a one-line confirmation of ``claim``; raise AssertionError if it failed.

    Each training section of the course ends with a claim (``"test loss < 0.01"``);
    this turns it into a check that a learner reads and that CI enforces.
    """
    if not isinstance(claim, str) or not claim:
        raise TypeError("claim must be a non-empty string describing what should be true")
    if not bool(passed):
        raise AssertionError(f"Checkpoint failed: expected {claim}. Re-run the section from "
                             "its first cell; if it still fails, the training did not work.")
    print(f"Checkpoint passed: {claim}")
