# Exercise 3: the IRNN (Le et al. 2015) at T = 30: ReLU units, identity recurrent weights, zero biases,
# small random input weights. Adam at 1e-3 had the best validation R2 of 1e-4, 3e-4 and 1e-3 in our tries.
def irnn_reader(seed=0):
    set_seed(seed)
    model = Reader("rnn", HIDDEN["rnn"])
    model.rnn = nn.RNN(2, HIDDEN["rnn"], nonlinearity="relu", batch_first=True)
    with torch.no_grad():
        model.rnn.weight_hh_l0.copy_(torch.eye(HIDDEN["rnn"]))          # (H, H) identity
        model.rnn.bias_hh_l0.zero_()
        model.rnn.bias_ih_l0.zero_()
        model.rnn.weight_ih_l0.normal_(0, 0.001)                        # (H, 2)
    return model.to(device)


def train_irnn(n_batches, lr=1e-3, n_steps=30, seed=0):
    x, y = adding_problem(n_batches * 64, n_steps, seed=seed)            # (N, T, 2), (N,)
    model = irnn_reader(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    fit(model, list(zip(x.split(64), y.split(64))), nn.MSELoss(), optimizer, n_epochs=1, clip_grad=1.0,
        progress=False)
    return model


_, (x_test30, y_test30) = held_out(30)
irnn_r2 = {n: score(train_irnn(n), x_test30, y_test30)[0] for n in (1_000, 5_000)}
tanh_r2 = score(train_reader("rnn", 30, best["rnn", 30]["lr"], n_batches=5_000)[0], x_test30, y_test30)[0]
print(f"T = 30, test R2: IRNN after 1,000 steps {irnn_r2[1_000]:.3f}, after 5,000 steps {irnn_r2[5_000]:.3f}; "
      f"tanh RNN after 5,000 steps {tanh_r2:.3f}")
checkpoint(irnn_r2[5_000] >= 0.9 and tanh_r2 < 0.1,
           f"with 5,000 steps the IRNN solves T = 30 (R2 {irnn_r2[5_000]:.3f} >= 0.9), the tanh RNN does not "
           f"(R2 {tanh_r2:.3f} < 0.1)")
# Reading: in 1,000 steps the IRNN is not yet off the plateau, but it leaves it with a longer budget,
# while the tanh RNN with the same budget stays near the constant answer. The identity start passes
# the gradient over 30 steps intact, so a plain RNN can learn the task. Le et al. trained far longer
# to reach longer distances; gates get there faster, which is why the LSTM and GRU are the default.
