def cache_bytes(n_layers, D, t, bytes_per_number=4):
    """Each block keeps a key and a value of D numbers for each of the t characters."""
    return n_layers * 2 * t * D * bytes_per_number


with torch.no_grad():
    _, caches = model(val_ids[:80].view(1, -1).to(device))            # the caches after 80 characters
print("measured", n_bytes(caches), "bytes; formula", cache_bytes(model.n_layers, model.D, 80), "bytes")
checkpoint(n_bytes(caches) == cache_bytes(model.n_layers, model.D, 80), "the cache holds 2 x blocks x t x D numbers")

big = cache_bytes(32, 4096, 100_000, bytes_per_number=2)
print(f"32 blocks, D = 4096, 16-bit numbers, 100,000 tokens: {big / 2**30:.0f} GiB for one sequence")

# What to read: our small model's cache is 3 x 2 x 96 numbers, 2.3 KB, per character. A model of 32
# blocks with D = 4096 keeps 0.5 MB per token: about 49 GiB for one sequence of 100,000 tokens, more
# than the memory of most GPUs. This is why large models share keys and values between heads, and why
# a recurrent state of fixed size is attractive for very long texts.
