# The same recipe as the copy model of section 4, with attention allowed to read the padding.
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

checkpoint(acc21 >= 0.98 and same >= 0.99,
           "trained without the mask, the copy model still gets >= 0.98 and ignores the extra padding")

# What to read: in our run (the third decimal varies from one CPU to another), the model trained
# without the mask does as well as the masked one (0.989 against 0.988), gives the same predictions at
# 31 columns as at 21, and puts a mean weight of 0.0000 on the padding. It ignores the padding without
# the mask for the reason section 6 gave: after packing, the padding's states are zeros, so their scores
# are 0, far below the score of the position it reads. That is a property of this encoder, not a
# guarantee: feed it padding states that are not zeros (no packing, or a bidirectional layer run over
# the padding) and only the mask keeps the decoder from reading them, as section 6's ReadsPadding showed.
