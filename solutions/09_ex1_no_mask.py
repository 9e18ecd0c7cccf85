# The same recipe as the copy model of section 3, with attention allowed to read the padding.
unmasked_model, unmasked_losses, unmasked_seconds = train("copy", use_mask=False)
acc21, acc31, same = padding_test(unmasked_model, test_strings, "copy")
print(f"trained without the mask: accuracy {acc21:.3f} padded to 21 columns (as in training), "
      f"{acc31:.3f} padded to 31; identical predictions: {same:.1%}")
print(f"trained with the mask:    accuracy {padding[True][0]:.3f} and {padding[True][1]:.3f}")

# Where does it look? The weights it gives to the padding, averaged over the output steps of the
# first 200 test sequences, padded to 31 columns.
_, weights = predict(unmasked_model, test_strings[:200], n_steps=31)          # (B, T, T)
lengths = torch.as_tensor([len(s) for s in test_strings[:200]])
on_padding = torch.arange(31) > lengths[:, None]                               # (B, T): True on padding
steps = torch.arange(31) <= lengths[:, None]                                   # (B, T): real output steps
print(f"mean attention weight on the padding: {(weights * on_padding[:, None, :]).sum(-1)[steps].mean():.4f}")

# What to read: the accuracy at 21 columns tells whether the model learned the task without the mask;
# the share of identical predictions, at 21 and 31 columns, tells whether it learned to ignore the
# padding (with the mask it is 100% by construction); the mean weight on the padding tells how much of
# its attention goes where nothing is. A model can learn to give padding small weights, since the
# padding's states are zeros and differ from every real state, but only the mask makes them exactly 0.
