# Exercise 1: one mask at a time, same network size and budget as in section 4.
def train_variant(model_class, targets, lengths=None, seed=5):
    data = SymbolDataset(train_padded, targets, n_symbols, lengths=lengths)
    generator = set_seed(seed)
    loader = torch.utils.data.DataLoader(data, batch_size=32, shuffle=True, generator=generator,
                                         num_workers=0)
    model = model_class(n_symbols, n_hidden=128).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.005)
    fit(model, loader, sequence_cross_entropy, optimizer, n_epochs=12, clip_grad=1.0)
    return model

# Copy, loss mask only: the encoder still reads to the end of the padding.
loss_only = train_variant(RNNEncoderDecoder, masked_targets(train_padded, train_lengths))
loss_only_real = accuracies(predict_padded(loss_only, test_padded), test_padded, test_lengths)[1]

# Reverse, state mask only: the loss still counts every stop symbol.
state_only = train_variant(MaskedRNNEncoderDecoder, train_reversed, train_lengths)
state_only_real = accuracies(predict_padded(state_only, test_padded, test_lengths),
                             test_reversed, test_lengths)[1]

print(f"{'task':8s} {'no mask':>8s} {'loss mask':>10s} {'state mask':>11s} {'both':>6s}")
print(f"{'copy':8s} {copy_real:8.3f} {loss_only_real:10.3f} {'':>11s} {masked_copy_real:6.3f}")
print(f"{'reverse':8s} {reverse_real:8.3f} {'':>10s} {state_only_real:11.3f} {masked_reverse_real:6.3f}")
# The state mask decides which end of the sequences is lined up with the decoder's start: it
# is what makes reversal easy (and copying hard). The loss mask only takes the easy stop symbols
# out of the loss; in our runs it did not improve the copy (writing stops is easy once the length
# is known, and their targets even tell the decoder where the sequence ends).
