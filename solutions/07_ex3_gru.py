# The same model and budget with a GRU (no forget-gate trick: a GRU has no separate forget gate).
gru, _, gru_acc, gru_seconds = train_adder(aligned_reversed, N_EPOCHS, cell="gru")
for name, acc, seconds in [("RNN", rnn_acc, rnn_seconds), ("LSTM", lstm_acc, lstm_seconds),
                           ("GRU", gru_acc, gru_seconds)]:
    print(f"{name:5s} {acc:7.2%} exact matches on held-out sums ({seconds:.0f} s)")
show_answers(gru, test_examples[:4], aligned_reversed, unreverse)

# Reading: in PyTorch's GRU the new state is h_t = (1 - z_t) * n_t + z_t * h_{t-1}, where the update
# gate z_t decides how much of the old state is kept and the candidate n_t is computed from the input
# and from the old state filtered by the reset gate r_t. With z_t near 1 the state passes on almost
# unchanged, like the LSTM's cell state with its forget gate open: a path along which a digit (and its
# gradient) can survive for several steps, which the plain RNN lacks. Compare the three rows above,
# and the positions where the GRU's wrong answers, if any, go wrong.
checkpoint(gru_acc >= 0.95, "the GRU adds held-out sums with >= 95% exact match")
