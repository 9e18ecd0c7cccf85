# The LSTM's logits for the character after the prompt.
model.eval()
with torch.no_grad():
    logits, _ = model(torch.tensor([[char_to_id[ch] for ch in prompt]], device=device))
logits = logits[0, -1].cpu()                                 # (V,)

temperatures = [0.25, 0.5, 1, 2, 4]
entropies = []
for temperature in temperatures:
    probs = torch.softmax(logits / temperature, dim=-1)      # (V,)
    entropies.append(-(probs * probs.clamp_min(1e-30).log2()).sum().item())
    top = probs.topk(5)
    likely = ", ".join(f"{alphabet[i]!r}: {q:.2f}" for q, i in zip(top.values.tolist(), top.indices.tolist()))
    print(f"temperature {temperature:4}: entropy {entropies[-1]:.2f} bits; most likely {likely}")

fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(temperatures, entropies, "o-", label="next-character distribution")
ax.axhline(math.log2(V), color="gray", linestyle="--", label="uniform (log2 V)")
ax.set_xscale("log", base=2)
ax.set(title="Temperature flattens the distribution", xlabel="temperature (log scale)",
       ylabel="entropy (bits)")
ax.legend()
plt.show()

# Towards 0 the distribution puts everything on the most likely character (entropy 0: greedy,
# repetitive text); towards infinity it tends to the uniform distribution (entropy log2 V).
checkpoint(all(np.diff(entropies) > 0) and entropies[-1] < math.log2(V),
           "the entropy grows with the temperature and stays below log2 V")
