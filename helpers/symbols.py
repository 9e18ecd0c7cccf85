"""Symbol sequences: random strings over an alphabet, index codes, one-hot codes, padding.

Notebooks 04 and 05 (copy task), 07 (additions) and 09 (attention) share these. Index ``k`` stands for
``alphabet[k]``; in padded arrays index 0 is the stop symbol and ``alphabet[k]`` is ``k + 1``.
"""
from typing import Optional, Sequence

import numpy as np
import torch

STOP = 0  # index of the stop symbol in padded arrays


def _check_alphabet(alphabet) -> str:
    if isinstance(alphabet, np.ndarray):
        alphabet = "".join(alphabet.tolist())
    if not isinstance(alphabet, str) or not alphabet or len(set(alphabet)) != len(alphabet):
        raise ValueError(f"alphabet must be a non-empty string of distinct symbols, got {alphabet!r}")
    return alphabet


def random_sequences(n_sequences: int, alphabet: str, min_length: int,
                     max_length: Optional[int] = None, seed: Optional[int] = None) -> list:
    """Return ``n_sequences`` random strings over ``alphabet``.

    Every string has ``min_length`` symbols, or, when ``max_length`` is given, a length
    drawn uniformly from ``min_length`` to ``max_length`` (both included).
    """
    alphabet = _check_alphabet(alphabet)
    max_length = min_length if max_length is None else max_length
    if not isinstance(n_sequences, (int, np.integer)) or n_sequences < 1:
        raise ValueError(f"n_sequences must be a positive int, got {n_sequences!r}")
    if not 1 <= min_length <= max_length:
        raise ValueError(f"need 1 <= min_length <= max_length, got {min_length}, {max_length}")
    rng = np.random.default_rng(seed)
    lengths = rng.integers(min_length, max_length + 1, n_sequences)
    symbols = np.array(list(alphabet))
    return ["".join(symbols[rng.integers(0, len(alphabet), n)]) for n in lengths]


def encode(sequences: Sequence[str], alphabet: str) -> np.ndarray:
    """Return the index of each symbol of equally long strings, shape (B, T), int64."""
    alphabet = _check_alphabet(alphabet)
    lengths = {len(s) for s in sequences}
    if len(lengths) != 1:
        raise ValueError(f"encode needs equally long strings, got lengths {sorted(lengths)}: "
                         "use pad() for variable lengths")
    lookup = {c: k for k, c in enumerate(alphabet)}
    try:
        return np.array([[lookup[c] for c in s] for s in sequences], dtype=np.int64)
    except KeyError as err:
        raise ValueError(f"symbol {err.args[0]!r} is not in the alphabet {alphabet!r}") from None


def length_mask(lengths, n_steps: int) -> np.ndarray:
    """Return a boolean mask of shape (B, n_steps), True at the first ``lengths[b]`` steps."""
    lengths = np.asarray(lengths)
    if lengths.ndim != 1 or (lengths < 0).any() or (lengths > n_steps).any():
        raise ValueError(f"lengths must be a 1-D array of values in 0..{n_steps}, got {lengths}")
    return lengths[:, None] > np.arange(n_steps)                 # (B, T)


def pad(sequences: Sequence[str], alphabet: str, n_steps: Optional[int] = None) -> tuple:
    """Return (indices (B, T) int64, lengths (B,) int64) for strings of any length.

    ``alphabet[k]`` becomes ``k + 1`` and every string is followed by the stop symbol 0 up
    to ``T = n_steps`` (default: the longest length + 1, so every row ends with a stop).
    """
    alphabet = _check_alphabet(alphabet)
    lengths = np.array([len(s) for s in sequences], dtype=np.int64)
    n_steps = int(lengths.max()) + 1 if n_steps is None else n_steps
    if lengths.max() > n_steps:
        raise ValueError(f"n_steps={n_steps} is shorter than the longest sequence ({lengths.max()})")
    padded = np.full((len(sequences), n_steps), STOP, dtype=np.int64)
    padded[length_mask(lengths, n_steps)] = encode(list("".join(sequences)), alphabet)[:, 0] + 1
    return padded, lengths


def decode(indices, alphabet: str, padded: bool = False) -> list:
    """Return the strings of index rows (B, T); with ``padded``, 0 is a stop that ends a row."""
    alphabet = _check_alphabet(alphabet)
    rows = np.asarray(indices)
    if rows.ndim != 2:
        raise ValueError(f"indices must have shape (B, T), got {rows.shape}")
    if not padded:
        return ["".join(alphabet[k] for k in row) for row in rows]
    out = []
    for row in rows:
        stops = np.flatnonzero(row == STOP)
        row = row[:stops[0]] if stops.size else row
        out.append("".join(alphabet[k - 1] for k in row))
    return out


def reverse_padded(padded, lengths) -> np.ndarray:
    """Return padded rows (B, T) with each row's first ``lengths[b]`` symbols reversed, stops in place."""
    padded, lengths = np.asarray(padded), np.asarray(lengths)
    if padded.ndim != 2 or lengths.shape != (len(padded),):
        raise ValueError(f"need padded (B, T) and lengths (B,), got shapes {padded.shape}, {lengths.shape}")
    length_mask(lengths, padded.shape[1])                      # checks 0 <= lengths <= T
    position = np.arange(padded.shape[1])                      # (T,)
    source = np.where(position < lengths[:, None], lengths[:, None] - 1 - position, position)  # (B, T)
    return np.take_along_axis(padded, source, axis=1)          # (B, T)


def masked_targets(padded, lengths, ignore_index: int = -100) -> np.ndarray:
    """Return padded rows (B, T) with ``ignore_index`` after each row's first stop symbol.

    The real symbols and the first stop (at ``t = lengths[b]``) are kept, so that a loss with
    this ``ignore_index`` counts them and skips the rest of the padding.
    """
    padded, lengths = np.asarray(padded), np.asarray(lengths)
    if padded.ndim != 2 or lengths.shape != (len(padded),):
        raise ValueError(f"need padded (B, T) and lengths (B,), got shapes {padded.shape}, {lengths.shape}")
    keep = np.arange(padded.shape[1]) <= lengths[:, None]      # (B, T)
    return np.where(keep, padded, ignore_index)


def shift_right(targets, start: int) -> np.ndarray:
    """Return the decoder's inputs for teacher forcing, shape (B, T): ``start``, then targets[:, :-1].

    Entries of ``targets`` below 0 (an ``ignore_index``) come out as the stop symbol.
    """
    targets = np.asarray(targets)
    if targets.ndim != 2:
        raise ValueError(f"targets must have shape (B, T), got {targets.shape}")
    previous = np.maximum(targets[:, :-1], STOP)               # (B, T-1)
    return np.concatenate([np.full((len(targets), 1), start, dtype=targets.dtype), previous], axis=1)


def one_hot(indices, n_symbols: int) -> torch.Tensor:
    """Return the one-hot code of integer indices (...,) as a float32 tensor (..., V)."""
    idx = torch.as_tensor(np.asarray(indices), dtype=torch.int64)
    if idx.numel() and (idx.min() < 0 or idx.max() >= n_symbols):
        raise ValueError(f"indices must lie in 0..{n_symbols - 1}, got {idx.min()}..{idx.max()}")
    return torch.nn.functional.one_hot(idx, n_symbols).float()


class SymbolDataset(torch.utils.data.Dataset):
    """Item ``i`` is (one-hot inputs (T, V), targets (T',)), or ((inputs, length), targets).

    ``inputs`` and ``targets`` are index arrays (B, T) and (B, T'); with ``lengths`` (B,)
    the model is called as ``model(inputs, lengths)`` by ``helpers.training.fit``.
    """

    def __init__(self, inputs, targets, n_symbols: int, lengths=None):
        self.inputs = torch.as_tensor(np.asarray(inputs), dtype=torch.int64)
        self.targets = torch.as_tensor(np.asarray(targets), dtype=torch.int64)
        self.n_symbols = n_symbols
        self.lengths = None if lengths is None else torch.as_tensor(np.asarray(lengths))
        sizes = {len(self.inputs), len(self.targets)} | (
            set() if self.lengths is None else {len(self.lengths)})
        if self.inputs.ndim != 2 or len(sizes) != 1:
            raise ValueError(f"inputs must be (B, T) and all arrays equally long, got shapes "
                             f"{tuple(self.inputs.shape)}, {tuple(self.targets.shape)}")
        if self.inputs.min() < 0 or self.inputs.max() >= n_symbols:
            raise ValueError(f"input indices must lie in 0..{n_symbols - 1}")
        # one-hot codes computed once here: encoding item by item dominates the time of a batch
        self.one_hot = torch.nn.functional.one_hot(self.inputs, n_symbols).float()  # (B, T, V)

    def __len__(self):
        return len(self.inputs)

    def __getitem__(self, i):
        x = self.one_hot[i]                                                      # (T, V)
        if self.lengths is None:
            return x, self.targets[i]
        return (x, self.lengths[i]), self.targets[i]
