# Bits per character on a piece of the training text, which every model has counted.
train_bits = witten_bell_bits(markov, train_np[-60_000:])
orders = np.array([m["k"] for m in markov])
memory = [megabytes(m) for m in markov]
for k, b_train, b_val, mb in zip(orders, train_bits, wb_bits, memory):
    print(f"order {k}: training {b_train:.2f}, validation {b_val:.2f} bits per character, {mb:.1f} MB")

fig, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(orders, train_bits, "o-", label="training text")
ax.plot(orders, wb_bits, "o-", label="validation text")
ax.set(title="Markov models: the gap between training and validation",
       xlabel="Markov order k", ylabel="bits per character")
ax.legend(loc="upper center")
memory_axis = ax.twinx()
memory_axis.bar(orders, memory, color="gray", alpha=0.25)
memory_axis.set_ylabel("memory (MB, grey bars)")
plt.show()

# Past the best validation order, longer contexts are mostly unique: the model memorises the
# training text (its bits there keep falling) while the validation loss rises and memory grows.
checkpoint(train_bits[-1] < 0.5 * wb_bits[-1] and memory[-1] > memory[best_wb],
           "at order 8 the training text costs less than half the validation bits, in more memory")
