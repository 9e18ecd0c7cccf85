# Exercise 3: accuracy of the length-10 copy model on new sequences of every length 2..20,
# each length scored in one batched call.
test_lengths = np.arange(2, 21)
length_accuracy = []
for n in test_lengths:
    indices_n = encode(random_sequences(500, "abc", int(n), seed=100 + int(n)), "abc")  # (500, n)
    predicted_n = predict_indices(copy_model, indices_n, n_symbols=3)                   # (500, n)
    length_accuracy.append((predicted_n == indices_n).mean())
length_accuracy = np.array(length_accuracy)

fig, ax = plt.subplots(figsize=(8, 3))
ax.plot(test_lengths, length_accuracy, "o-", label="copy model trained on length 10")
ax.axhline(1 / 3, color="gray", linestyle=":", label="chance (1/3)")
ax.axvline(10, color="gray", linestyle="--", linewidth=0.8)
ax.set(title="Copy accuracy by test length", xlabel="sequence length", ylabel="accuracy",
       ylim=(0, 1.05), xticks=test_lengths)
ax.legend()
plt.show()
# Perfect at length 10, and at chance level for every other length, even 9 and 11: the
# decoder has learnt to read its state out at exactly 10 steps from the end of the input.
far = np.abs(test_lengths - 10) >= 1
checkpoint(length_accuracy[test_lengths == 10][0] >= 0.99 and length_accuracy[far].max() < 0.6,
           "accuracy >= 0.99 at the trained length 10 and < 0.6 at every other length")
