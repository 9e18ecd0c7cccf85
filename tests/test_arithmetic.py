import re

import numpy as np
import pytest
import torch

from helpers.arithmetic import codes_to_texts, generate_additions, held_out_split, texts_to_codes


def test_generate_additions_are_correct_sums_of_the_right_lengths():
    examples = generate_additions(500, min_len_x=2, max_len_x=3, min_len_y=1, max_len_y=4, seed=0)
    assert len(examples) == 500
    for question, answer in examples:
        x, y = question.split("+")
        assert 2 <= len(x) <= 3 and 1 <= len(y) <= 4
        assert not x.startswith("0") and not y.startswith("0")
        assert int(answer) == int(x) + int(y)
    lengths = {len(q.split("+")[0]) for q, _ in examples}
    assert lengths == {2, 3}


def test_generate_additions_default_lengths_mostly_max_length():
    xs = [q.split("+")[0] for q, _ in generate_additions(2000, seed=1)]
    share_4_digits = np.mean([len(x) == 4 for x in xs])
    assert 0.85 < share_4_digits < 0.95   # 9000 of the 9900 numbers in 100..9999


def test_generate_additions_subtraction():
    for question, answer in generate_additions(200, operator="-", seed=0):
        x, y = question.split("-")
        assert int(answer) == int(x) - int(y)
    assert any(a.startswith("-") for _, a in generate_additions(200, operator="-", seed=0))


def test_generate_additions_same_seed_same_data():
    assert generate_additions(50, seed=3) == generate_additions(50, seed=3)
    assert generate_additions(50, seed=3) != generate_additions(50, seed=4)


@pytest.mark.parametrize("kwargs, match", [
    (dict(n_examples=0), "n_examples"),
    (dict(n_examples=5, min_len_x=0), "min_len_x"),
    (dict(n_examples=5, min_len_y=3, max_len_y=2), "must not exceed"),
    (dict(n_examples=5, operator="*"), "operator"),
])
def test_generate_additions_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        generate_additions(**kwargs)


def test_held_out_split_has_no_shared_question_and_keeps_all():
    examples = generate_additions(1000, max_len_x=3, max_len_y=3, min_len_x=1, min_len_y=1, seed=0)
    n_unique = len({q for q, _ in examples})
    assert n_unique < 1000          # small numbers: some questions repeat
    train, test = held_out_split(examples, 100, seed=0)
    assert len(test) == 100 and len(train) == n_unique - 100
    assert not {q for q, _ in train} & {q for q, _ in test}
    assert set(train) | set(test) == set(examples)


def test_held_out_split_same_seed_same_split():
    examples = generate_additions(300, seed=0)
    assert held_out_split(examples, 30, seed=1) == held_out_split(examples, 30, seed=1)
    assert held_out_split(examples, 30, seed=1)[1] != held_out_split(examples, 30, seed=2)[1]


@pytest.mark.parametrize("n_test", [0, 300, 1.5])
def test_held_out_split_bad_size(n_test):
    with pytest.raises(ValueError, match="n_test"):
        held_out_split(generate_additions(300, seed=0), n_test)


def test_texts_to_codes_pads_with_index_zero_and_codes_to_texts_inverts():
    alphabet = " 0123456789+"
    codes = texts_to_codes(["12+3", "9+87"], alphabet, 6)
    assert codes.dtype == torch.int64 and codes.shape == (2, 6)
    assert codes[0].tolist() == [2, 3, 11, 4, 0, 0]
    assert codes_to_texts(codes, alphabet) == ["12+3", "9+87"]
    assert codes_to_texts(codes.numpy(), alphabet) == ["12+3", "9+87"]


def test_codes_to_texts_keeps_padding_inside_a_row():
    assert codes_to_texts([[2, 0, 3, 0]], " 0123456789") == ["1 2"]


def test_texts_to_codes_bad_input():
    with pytest.raises(ValueError, match="more than length"):
        texts_to_codes(["12345"], "0123456789", 4)
    with pytest.raises(ValueError, match=re.escape("['-']")):
        texts_to_codes(["1-2"], " 0123456789+", 4)
    with pytest.raises(TypeError, match="single string"):
        texts_to_codes("12", " 0123456789", 4)


def test_codes_to_texts_bad_input():
    with pytest.raises(ValueError, match="shape"):
        codes_to_texts([1, 2], " 01")
    with pytest.raises(ValueError, match="0..2"):
        codes_to_texts([[3]], " 01")
