def generate_from_prompt(model, prompt, n_steps):
    # prompt: (B, T, F)
    B, T, F = prompt.shape
    hidden = model.initial_hidden.expand(B, -1)   # (B, H)
    outputs = []
    with torch.no_grad():
        for t in range(T):                        # warm up on the prompt
            x, hidden = model.step(prompt[:, t], hidden)
        for _ in range(n_steps):                  # then feed outputs back
            outputs.append(x)
            x, hidden = model.step(x, hidden)
    return torch.stack(outputs, dim=1)            # (B, n_steps, F)


from_prompt = generate_from_prompt(rnn, inputs[:2, :1], n_steps=8)
print(tuple(from_prompt.shape))
checkpoint(torch.allclose(from_prompt, generate(rnn, inputs[:2, 0], n_steps=8)),
           "a prompt of length 1 gives the same sequence as generate")
# Reading: with a prompt of length 1 the two functions agree: both take one step from the initial
# state on the first value and then feed their outputs back. A longer prompt gives generation a state
# that has already seen several true values, the warm-up notebook 03 relies on.
