# Exercise 1: the GRU at the longest distance, with the learning rate the sweep chose for it.
start = time.perf_counter()
trained["gru"], histories["gru"] = train_reader("gru", N_STEPS, best["gru", N_STEPS]["lr"])
test_scores["gru"] = score(trained["gru"], x_test, y_test)
print(f"gru  test R2 {test_scores['gru'][0]:6.3f}, accuracy within 0.04 {test_scores['gru'][1]:.2f} "
      f"(script: {best['gru', N_STEPS]['test_r2']:.3f}), {time.perf_counter() - start:.0f} s")

trained_grads = {cell: input_gradients(trained[cell], probe_x) for cell in ("lstm", "gru")}  # (T,) each
fig, ax = plt.subplots(figsize=(7, 3.5))
for cell in ("lstm", "gru"):
    ax.semilogy(init_grads[cell].numpy(), linestyle=":", label=f"{cell}, at initialisation")
    ax.semilogy(trained_grads[cell].numpy(), label=f"{cell}, trained")
ax.set(title=f"LSTM and GRU: gradient of the output with respect to each input, T = {N_STEPS}",
       xlabel="distance back in time, T - t", ylabel=r"$\|\partial L / \partial x_t\|$")
ax.legend()
plt.show()

# nn.GRU orders its gate blocks r, z, n, and z, like the LSTM's f, sums an input and a hidden part:
# block 2 of forget_gates' computation is the GRU's update gate z_t.
z = forget_gates(trained["gru"], probe_x[:1])[0]                        # (T, H)
keeper = z.min(dim=0).values.argmax().item()                            # the unit that holds its gate highest
far_to_near = (trained_grads["gru"][N_STEPS // 2:].mean() / trained_grads["gru"][0]).item()
print(f"GRU unit {keeper}: lowest update gate over one sequence {z[:, keeper].min():.3f}; gradient "
      f"beyond distance {N_STEPS // 2} / gradient at distance 0: {far_to_near:.2f}")
checkpoint(test_scores["gru"][0] >= 0.95 and z[:, keeper].min() > 0.85 and far_to_near > 0.01,
           f"GRU R2 {test_scores['gru'][0]:.3f} >= 0.95, one unit's update gate stays above 0.85, and the "
           f"far inputs keep {far_to_near:.2f} (> 0.01) of the last input's gradient")
# Reading: like the LSTM, the trained GRU's output depends on inputs from the whole sequence (the far
# inputs' gradient is about as large as the last input's), and one unit holds its update gate z near 1
# at every step (lowest 0.92 in our run): the GRU's version of an open forget gate, with no bias trick.
# nn.GRU trains several times slower than nn.LSTM per step on a CPU (79 s under load in our run).
