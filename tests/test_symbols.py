import numpy as np
import pytest
import torch
from numpy.testing import assert_array_equal

from helpers.symbols import (STOP, SymbolDataset, decode, encode, length_mask, masked_targets,
                             one_hot, pad, random_sequences, reverse_padded, shift_right)


def test_random_sequences_fixed_length_and_alphabet():
    seqs = random_sequences(50, "abc", 10, seed=0)
    assert len(seqs) == 50 and all(len(s) == 10 for s in seqs)
    assert set("".join(seqs)) == set("abc")


def test_random_sequences_variable_lengths_cover_the_range():
    seqs = random_sequences(500, "xy", 3, 6, seed=1)
    assert {len(s) for s in seqs} == {3, 4, 5, 6}


def test_random_sequences_same_seed_same_data():
    assert random_sequences(5, "abc", 4, seed=2) == random_sequences(5, "abc", 4, seed=2)
    assert random_sequences(5, "abc", 4, seed=2) != random_sequences(5, "abc", 4, seed=3)


@pytest.mark.parametrize("args, match", [
    ((0, "abc", 3), "n_sequences"),
    ((2, "", 3), "alphabet"),
    ((2, "aab", 3), "distinct"),
    ((2, "abc", 5, 4), "min_length <= max_length"),
])
def test_random_sequences_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        random_sequences(*args)


def test_encode_and_decode_round_trip():
    idx = encode(["abca", "ccba"], "abc")
    assert idx.dtype == np.int64
    assert_array_equal(idx, [[0, 1, 2, 0], [2, 2, 1, 0]])
    assert decode(idx, "abc") == ["abca", "ccba"]


def test_encode_bad_input():
    with pytest.raises(ValueError, match="equally long"):
        encode(["ab", "abc"], "abc")
    with pytest.raises(ValueError, match="'z' is not in the alphabet"):
        encode(["az"], "abc")


def test_length_mask():
    assert_array_equal(length_mask([2, 0, 3], 3),
                       [[True, True, False], [False, False, False], [True, True, True]])
    with pytest.raises(ValueError, match="lengths"):
        length_mask([4], 3)


def test_pad_shifts_symbols_and_ends_with_stop():
    padded, lengths = pad(["ab", "cab", "a"], "abc")
    assert_array_equal(lengths, [2, 3, 1])
    assert_array_equal(padded, [[1, 2, STOP, STOP], [3, 1, 2, STOP], [1, STOP, STOP, STOP]])
    assert decode(padded, "abc", padded=True) == ["ab", "cab", "a"]
    assert pad(["ab"], "abc", n_steps=5)[0].shape == (1, 5)
    with pytest.raises(ValueError, match="shorter than the longest"):
        pad(["abc"], "abc", n_steps=2)


def test_decode_padded_stops_at_first_stop():
    assert decode(np.array([[1, 0, 2, 3]]), "abc", padded=True) == ["a"]


def test_one_hot_shape_and_values():
    x = one_hot(np.array([[0, 2], [1, 1]]), 3)
    assert x.shape == (2, 2, 3) and x.dtype == torch.float32
    assert_array_equal(x.argmax(-1).numpy(), [[0, 2], [1, 1]])
    assert_array_equal(x.sum(-1).numpy(), np.ones((2, 2)))
    with pytest.raises(ValueError, match="0..2"):
        one_hot(np.array([3]), 3)


def test_symbol_dataset_items_and_loader():
    idx = encode(["abc", "cba"], "abc")
    ds = SymbolDataset(idx, idx[:, ::-1].copy(), 3)
    x, y = ds[0]
    assert len(ds) == 2 and x.shape == (3, 3) and y.dtype == torch.int64
    assert_array_equal(x.argmax(-1).numpy(), [0, 1, 2])
    assert_array_equal(y.numpy(), [2, 1, 0])
    xb, yb = next(iter(torch.utils.data.DataLoader(ds, batch_size=2)))
    assert xb.shape == (2, 3, 3) and yb.shape == (2, 3)


def test_symbol_dataset_with_lengths():
    padded, lengths = pad(["ab", "c"], "abc")
    ds = SymbolDataset(padded, padded, 4, lengths=lengths)
    (x, n), y = ds[1]
    assert x.shape == (3, 4) and int(n) == 1
    assert_array_equal(y.numpy(), [3, 0, 0])


def test_symbol_dataset_bad_input():
    with pytest.raises(ValueError, match="equally long"):
        SymbolDataset(np.zeros((3, 2), int), np.zeros((2, 2), int), 2)
    with pytest.raises(ValueError, match="0..1"):
        SymbolDataset(np.full((1, 2), 2), np.zeros((1, 2), int), 2)


def test_reverse_padded_reverses_each_row_within_its_length():
    padded, lengths = pad(["abc", "ab", "c"], "abc")
    reversed_ = reverse_padded(padded, lengths)
    assert reversed_.shape == padded.shape and reversed_.dtype == padded.dtype
    assert decode(reversed_, "abc", padded=True) == ["cba", "ba", "c"]
    assert_array_equal(reversed_[:, -1], [STOP, STOP, STOP])
    assert_array_equal(reverse_padded(reversed_, lengths), padded)


def test_reverse_padded_bad_input():
    with pytest.raises(ValueError, match="lengths"):
        reverse_padded(np.zeros((2, 3), int), [1, 4])
    with pytest.raises(ValueError, match="shapes"):
        reverse_padded(np.zeros((2, 3), int), [1, 2, 3])


def test_masked_targets_keeps_symbols_and_first_stop():
    padded, lengths = pad(["ab", "c"], "abc", n_steps=4)
    assert_array_equal(masked_targets(padded, lengths), [[1, 2, 0, -100], [3, 0, -100, -100]])
    assert_array_equal(masked_targets(padded, lengths, ignore_index=-1)[1], [3, 0, -1, -1])
    with pytest.raises(ValueError, match="shapes"):
        masked_targets(padded, [2])


def test_masked_targets_are_ignored_by_cross_entropy():
    padded, lengths = pad(["ab", "c"], "abc", n_steps=4)
    targets = torch.as_tensor(masked_targets(padded, lengths))            # (B, T)
    logits = torch.randn(2, 4, 4, generator=torch.Generator().manual_seed(0))  # (B, V, T)
    kept = targets != -100
    expected = torch.nn.functional.cross_entropy(logits.permute(0, 2, 1)[kept], targets[kept])
    assert torch.allclose(torch.nn.functional.cross_entropy(logits, targets), expected)


def test_shift_right_starts_with_start_and_drops_the_last_step():
    padded, lengths = pad(["ab", "c"], "abc", n_steps=4)
    previous = shift_right(masked_targets(padded, lengths), start=4)
    assert previous.dtype == padded.dtype
    assert_array_equal(previous, [[4, 1, 2, 0], [4, 3, 0, 0]])
    with pytest.raises(ValueError, match="B, T"):
        shift_right(np.zeros(3, int), start=4)
