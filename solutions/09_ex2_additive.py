class AdditiveAttentionSeq2Seq(AttentionSeq2Seq):
    def build(self):
        super().build()
        self.W = nn.Linear(self.n_hidden, self.n_hidden, bias=False)   # reads the decoder's state h_t
        self.U = nn.Linear(self.n_hidden, self.n_hidden)               # reads the encoder's states s_j
        self.v = nn.Linear(self.n_hidden, 1, bias=False)

    def decode_steps(self, previous, state, states, mask):
        queries, state = self.decoder(self.embed_out(previous), state)                 # (B, T', H)
        hidden = torch.tanh(self.W(queries)[:, :, None] + self.U(states)[:, None])     # (B, T', T, H)
        scores = self.v(hidden)[..., 0]                                                # (B, T', T)
        weights = scores.masked_fill(~mask[:, None, :], float("-inf")).softmax(dim=-1)  # (B, T', T)
        context = weights @ states                                                     # (B, T', H)
        return self.readout(torch.cat([queries, context], dim=-1)), state, weights

additive_model, additive_losses, additive_seconds = train("reversal", model_class=AdditiveAttentionSeq2Seq)
additive_results = (exact_match(additive_model, test_strings, "reversal"),
                    exact_match(additive_model, long_strings, "reversal"))
print(f"{'reversal, score':19s} {'lengths 1-20':>12s} {'lengths 21-30':>13s} {'seconds':>7s}")
for name, (short, long), seconds in [("dot (Luong)", results["reversal"], reversal_seconds),
                                     ("additive (Bahdanau)", additive_results, additive_seconds)]:
    print(f"{name:19s} {short:12.3f} {long:13.3f} {seconds:7.0f}")
offsets_additive = alignment_offsets(additive_model, test_strings, "reversal")
print(f"additive: largest weight on the expected position {np.mean(offsets_additive == 0):.3f}, "
      f"one after it {np.mean(offsets_additive == 1):.3f}")

fig, axes = plt.subplots(1, 2, figsize=(10, 5))
for ax, (name, model) in zip(axes, [("dot", reversal_model), ("additive", additive_model)]):
    predicted, weights = predict(model, test_strings[:1])
    plot_attention(ax, weights[0], test_strings[0], predicted[0], f"reversal, {name} score")
plt.show()

checkpoint(additive_results[0] >= 0.99, "additive attention: the reversal at >= 0.99 on lengths 1-20")

# What to read: in our run the additive score does as well as the dot product with the same recipe
# (0.997 against 0.998 at lengths 1-20, 0.343 against 0.336 at lengths 21-30) and takes longer to train
# (28 s against 18 s on our last machine, 33 s against 29 s on another: the ratio depends on the CPU): it
# builds a (B, T', T, H) tensor where the dot score needs (B, T', T).
# Its anti-diagonal is also shifted: the largest weight falls one position after the symbol being
# written at 66% of the steps, and on the symbol itself at 20%, where the dot-product model almost never
# reads the symbol itself. So the shift does not come from the score: both read a forward LSTM's
# states, and the state one position later still holds the symbol (section 4).
