"""Arithmetic problems as text: a seeded generator, a held-out split, texts to codes and back.

Notebook 07 teaches a sequence-to-sequence model to add: the question ``"123+4567"``
goes in as characters, the answer ``"4690"`` comes out as characters.
"""
from typing import Optional, Sequence

import numpy as np
import torch


def _check_length(name: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}")


def generate_additions(n_examples: int, min_len_x: int = 3, max_len_x: int = 4,
                       min_len_y: int = 3, max_len_y: int = 4, operator: str = "+",
                       seed: Optional[int] = None) -> list:
    """Return ``n_examples`` pairs ``(question, answer)`` such as ``("123+4567", "4690")``.

    ``x`` has between ``min_len_x`` and ``max_len_x`` digits, drawn uniformly among those
    integers (so most have the maximum length), and ``y`` likewise. ``operator`` is
    ``"+"`` or ``"-"``; a difference may be negative (``"123-4567"``, ``"-4444"``).
    """
    _check_length("n_examples", n_examples)
    for name, value in [("min_len_x", min_len_x), ("max_len_x", max_len_x),
                        ("min_len_y", min_len_y), ("max_len_y", max_len_y)]:
        _check_length(name, value)
    if min_len_x > max_len_x or min_len_y > max_len_y:
        raise ValueError(f"min lengths must not exceed max lengths, got x: {min_len_x}..{max_len_x},"
                         f" y: {min_len_y}..{max_len_y}")
    if operator not in ("+", "-"):
        raise ValueError(f"operator must be '+' or '-', got {operator!r}")
    rng = np.random.default_rng(seed)
    xs = rng.integers(10 ** (min_len_x - 1), 10 ** max_len_x, n_examples)
    ys = rng.integers(10 ** (min_len_y - 1), 10 ** max_len_y, n_examples)
    results = xs + ys if operator == "+" else xs - ys
    return [(f"{x}{operator}{y}", f"{r}") for x, y, r in zip(xs, ys, results)]


def held_out_split(examples: Sequence[tuple], n_test: int, seed: Optional[int] = None) -> tuple:
    """Return (train, test) lists of examples; no test question appears in train.

    Duplicate questions are dropped first (keeping the first), then ``n_test``
    distinct questions are drawn at random for the test list.
    """
    unique = list({question: (question, answer) for question, answer in reversed(examples)}
                  .values())[::-1]
    if not isinstance(n_test, (int, np.integer)) or not 0 < n_test < len(unique):
        raise ValueError(f"n_test must be an int between 1 and {len(unique) - 1} (the number of "
                         f"distinct questions minus one), got {n_test!r}")
    order = np.random.default_rng(seed).permutation(len(unique))
    test = [unique[i] for i in sorted(order[:n_test])]
    train = [unique[i] for i in sorted(order[n_test:])]
    return train, test


def texts_to_codes(texts: Sequence[str], alphabet: str, length: int) -> torch.Tensor:
    """Return the indices of ``texts`` in ``alphabet``, shape (B, T=length), int64.

    ``alphabet[0]`` is the padding symbol: shorter texts are padded with index 0
    at the end.
    """
    _check_length("length", length)
    if isinstance(texts, str):
        raise TypeError("texts must be a sequence of strings, got a single string")
    index = {symbol: i for i, symbol in enumerate(alphabet)}
    codes = np.zeros((len(texts), length), dtype=np.int64)                  # (B, T)
    for row, text in enumerate(texts):
        if len(text) > length:
            raise ValueError(f"text {text!r} has {len(text)} symbols, more than length={length}")
        unknown = set(text) - set(index)
        if unknown:
            raise ValueError(f"text {text!r} has symbols {sorted(unknown)} that are not in the "
                             f"alphabet {alphabet!r}")
        codes[row, :len(text)] = [index[symbol] for symbol in text]
    return torch.from_numpy(codes)


def codes_to_texts(codes, alphabet: str) -> list:
    """Return the strings that the rows of ``codes`` (B, T) spell; trailing padding is removed."""
    codes = np.asarray(codes)
    if codes.ndim != 2:
        raise ValueError(f"codes must have shape (B, T), got shape {codes.shape}")
    if codes.size and (codes.min() < 0 or codes.max() >= len(alphabet)):
        raise ValueError(f"codes must lie in 0..{len(alphabet) - 1}, got values "
                         f"{codes.min()}..{codes.max()}")
    return ["".join(alphabet[i] for i in row).rstrip(alphabet[0]) for row in codes]
