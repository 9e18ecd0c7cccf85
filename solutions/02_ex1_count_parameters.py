def count_by_formula(F, H, n_out):
    # n_out is the exercise's O (spelled out: a lone O reads like a zero)
    # input_to_hidden: H*F + H, hidden_to_hidden: H*H + H,
    # hidden_to_output: O*H + O, initial_hidden: H
    return (H * F + H) + (H * H + H) + (n_out * H + n_out) + H


for F, H, n_out in [(1, 3, 1), (4, 10, 2), (26, 128, 26)]:
    model = TinyRNN(F, H, n_out)
    counted = sum(p.numel() for p in model.parameters())
    print(f"F={F:2d} H={H:3d} O={n_out:2d}: formula {count_by_formula(F, H, n_out):6d}, PyTorch {counted:6d}")
    checkpoint(counted == count_by_formula(F, H, n_out), f"the formula is right for F={F}, H={H}, O={n_out}")
# Reading: the formula matches PyTorch's count for every size. The H * H weights of hidden_to_hidden
# dominate as H grows: at H=128 they are most of the parameters, whatever F and O are.
