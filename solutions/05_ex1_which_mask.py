# Exercise 1: one mask at a time, with the budget and seed of the model each variant is compared
# with: 12 epochs and seed 2 for the copy (as in sections 3 and 4), 20 epochs and seed 3 for the
# reversal (train_reverse of section 4). Same seed: same initial weights and same order of batches.

# Copy, loss mask only: the unmasked model (its encoder still reads to the end of the padding),
# trained on targets that leave the padding out of the loss.
loss_only_set = SymbolDataset(train_padded, masked_targets(train_padded, train_lengths), n_symbols)
generator = set_seed(2)
loader = torch.utils.data.DataLoader(loss_only_set, batch_size=32, shuffle=True, generator=generator,
                                     num_workers=0)
loss_only = RNNEncoderDecoder(n_symbols, n_hidden=128).to(device)
optimizer = torch.optim.Adam(loss_only.parameters(), lr=0.005)
fit(loss_only, loader, sequence_cross_entropy, optimizer, n_epochs=12, clip_grad=1.0)
loss_only_real = accuracies(predict_padded(loss_only, test_padded), test_padded, test_lengths)[1]

# Reverse, state mask only: the full padded reversed targets, so the loss still counts every stop.
state_only = train_reverse(MaskedRNNEncoderDecoder, train_reversed, train_lengths)   # 20 epochs, seed 3
state_only_real = accuracies(predict_padded(state_only, test_padded, test_lengths),
                             test_reversed, test_lengths)[1]

print(f"{'task':8s} {'no mask':>8s} {'loss mask':>10s} {'state mask':>11s} {'both':>6s}")
print(f"{'copy':8s} {copy_real:8.3f} {loss_only_real:10.3f} {'':>11s} {masked_copy_real:6.3f}")
print(f"{'reverse':8s} {reverse_real:8.3f} {'':>10s} {state_only_real:11.3f} {masked_reverse_real:6.3f}")
# The state mask decides which end of the sequences is lined up with the decoder's start: it
# is what makes reversal easy (0.99 with the state mask alone, as with both masks).
# The loss mask only takes the easy stop symbols out of the loss. For the copy, read its effect
# against the spread between seeds: in this run the loss mask alone reached about 0.74 against
# 0.54 without masks, but in the course team's runs with 5 seeds the unmasked copy model alone went
# from 0.34 to 0.98 (section 3), and the masks gave no reliable gain. One seed proves little: rerun
# the variants with a few other seeds (the set_seed and train_reverse seeds) before trusting a gap.
