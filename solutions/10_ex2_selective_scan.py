# Only A changes: A_t = a_t, one number per step (and per sequence), instead of the same a everywhere.
def selective_loop(a, b, x):                    # a, x (B, T)
    h, hs = torch.zeros_like(x[:, 0]), []
    for t in range(x.shape[1]):
        h = a[:, t] * h + b * x[:, t]                                  # (B,)
        hs.append(h)
    return torch.stack(hs, dim=1)                                      # (B, T)


def selective_scan(a, b, x):                    # a, x (B, T)
    A, C = a.clone(), b * x                                            # step t maps h to a_t h + b x_t
    shift = 1
    while shift < x.shape[1]:
        A_back = F.pad(A[:, :-shift], (shift, 0), value=1.0)
        C_back = F.pad(C[:, :-shift], (shift, 0), value=0.0)
        A, C = A * A_back, A * C_back + C
        shift *= 2
    return C


set_seed(0)
x = torch.randn(4, 1000, dtype=torch.float64)                         # (B, T)
a = torch.sigmoid(2 * x)                                               # the input decides what to keep
difference = (selective_loop(a, 0.5, x) - selective_scan(a, 0.5, x)).abs().max().item()
print(f"a_t from {a.min():.3f} to {a.max():.3f}; largest difference {difference:.1e}")
checkpoint(difference < 1e-10, "the scan computes the selective recurrence too")

# What to read: the two agree to rounding. The scan never needed a to be constant: composing
# h -> a_1 h + c_1 and h -> a_2 h + c_2 gives h -> a_2 a_1 h + (a_2 c_1 + c_2) whatever the numbers.
# What it needs is that h enters each step linearly. Here a_t depends on x_t, not on h, which is
# Mamba's choice: its gates read the input, so the recurrence stays linear in the state.
