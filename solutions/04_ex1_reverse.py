# Exercise 1: the same network, trained to write its input backwards.
# Only the targets change: each index row reversed (copy() makes the reversed view a real array).
reverse_set = SymbolDataset(train_indices, train_indices[:, ::-1].copy(), n_symbols=3)
generator = set_seed(11)
reverse_loader = torch.utils.data.DataLoader(reverse_set, batch_size=32, shuffle=True,
                                             generator=generator, num_workers=0)
reverse_model = EncoderDecoder(n_symbols=3, n_hidden=32).to(device)
optimizer = torch.optim.Adam(reverse_model.parameters(), lr=0.01)
fast = fit(reverse_model, reverse_loader, sequence_cross_entropy, optimizer, n_epochs=12)
for group in optimizer.param_groups:
    group["lr"] = 0.001                            # the last 2 of the 14 epochs with a 10 times smaller step
slow = fit(reverse_model, reverse_loader, sequence_cross_entropy, optimizer, n_epochs=2)
reverse_history = {"train": np.concatenate([fast["train"], slow["train"]])}

reverse_predicted = predict_indices(reverse_model, test_indices, n_symbols=3)
reverse_accuracy = (reverse_predicted == test_indices[:, ::-1]).mean()
print(f"reverse accuracy on 2000 new sequences: {reverse_accuracy:.4f}")

fig, ax = plt.subplots(figsize=(8, 3))
plot_losses(history, per="epoch", log=True, ax=ax, ylabel="cross-entropy",
            title="Training loss per epoch: copy vs reverse")
ax.lines[-1].set_label("copy")
plot_losses(reverse_history, per="epoch", log=True, ax=ax, ylabel="cross-entropy",
            title="Training loss per epoch: copy vs reverse")
ax.lines[-1].set_label("reverse")
ax.legend()
plt.show()
# Same network, same budget (14 epochs). Reversing puts the last symbol read one step away from
# the first symbol to write, and the first one read 19 steps away: short and long dependencies
# mixed, where the copy has all of them about 10 steps apart. Compare the two curves: at this
# budget both tasks end up nearly perfect, and which one gets there first varies between runs.
# The last two epochs take a 10 times smaller step (notebook 07 does the same): at a constant step,
# some seeds stop near 0.98 on some CPUs (seeds 7 and 11 on ours); with it, seeds 0-7 and 11 all
# reached 1.0 on ours.
checkpoint(reverse_accuracy >= 0.99, "reverse accuracy on new length-10 sequences >= 0.99")
