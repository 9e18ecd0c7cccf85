# A beam of K keeps the K best partial outputs; K = 1 keeps only the best one, which is greedy decoding.
for K in (1, 2, 4, 8):
    rows, _ = compare_decoders(reversal_model, long_strings, "reversal", K=K)
    exact, logp = rows[f"beam, K={K}"]
    same_as_greedy = torch.equal(logp, rows["greedy"][1])
    print(f"K={K}: exact match {exact:.3f}, mean log-probability {logp.mean():7.3f}"
          f"   (greedy: {rows['greedy'][0]:.3f}, {rows['greedy'][1].mean():7.3f}; same as greedy: {same_as_greedy})")

# What to read: K=1 gives exactly greedy decoding's log-probabilities. A wider beam can only find
# outputs the model rates more probable; whether they are more often right depends on how many of
# greedy decoding's errors are search errors (section 8) rather than model errors.
