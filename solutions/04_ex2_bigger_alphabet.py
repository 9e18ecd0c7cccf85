# Exercise 2: 6 symbols, sequences of length 12, for a few hidden sizes, same short budget each
# (3 epochs of 4000 sequences in batches of 64: about 190 updates, a few seconds per model).
big_alphabet = "abcdef"
big_train = encode(random_sequences(4000, big_alphabet, 12, seed=21), big_alphabet)  # (4000, 12)
big_test = encode(random_sequences(2000, big_alphabet, 12, seed=22), big_alphabet)   # (2000, 12)
big_set = SymbolDataset(big_train, big_train, n_symbols=6)

print(f"{'hidden units':>12s} {'test accuracy':>14s} {'seconds':>8s}")
for n_hidden in (16, 64, 256):
    generator = set_seed(23)
    big_loader = torch.utils.data.DataLoader(big_set, batch_size=64, shuffle=True,
                                             generator=generator, num_workers=0)
    big_model = EncoderDecoder(n_symbols=6, n_hidden=n_hidden).to(device)
    optimizer = torch.optim.Adam(big_model.parameters(), lr=0.01)
    start = time.perf_counter()
    fit(big_model, big_loader, sequence_cross_entropy, optimizer, n_epochs=3, progress=False)
    seconds = time.perf_counter() - start
    big_accuracy = (predict_indices(big_model, big_test, n_symbols=6) == big_test).mean()
    print(f"{n_hidden:12d} {big_accuracy:14.3f} {seconds:8.1f}")
# Chance is 1/6 = 0.167. 12 symbols of 6 kinds are about 31 bits: a small state cannot hold
# them, and even a large one needs far more training than this budget to reach the accuracy of
# the 3-symbol task (try n_epochs=20 when you have a few minutes).
