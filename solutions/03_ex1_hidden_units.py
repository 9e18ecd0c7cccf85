# Train a linear RNN with 2 hidden units, exactly as in section 3.
generator = set_seed(0)
model2 = LinearRNN(n_hidden=2).to(device)
train_loader = torch.utils.data.DataLoader(ZipDataset(train_x, train_y), batch_size=10,
                                           shuffle=True, generator=generator, num_workers=0)
history2 = fit(model2, train_loader, torch.nn.MSELoss(),
               torch.optim.Adam(model2.parameters(), lr=0.01), n_epochs=5, test_loader=test_loader)
print(f"test MSE with 2 hidden units: {history2['test'][-1].mean():.4f}")

# Generate 100 steps after the same 20-step prompt.
generated2 = generate(model2, sample[:, :20], n_steps=100)[0, :, 0].cpu()   # (100,)
plot_generation(generated2, true_signal, prompt_length=20, title="Generation with 2 hidden units")

# Why it works: the closed-loop matrix is now 2x2 and can have a pair of complex eigenvalues
# r * exp(+-i*theta) (section 5). Then h_t rotates by theta per step while its size is multiplied
# by r: with r = 1 that is a sustained oscillation whose period is 2*pi / theta steps.
eigenvalues = np.linalg.eigvals(closed_loop_matrix(model2))
theta_expected = 2 * np.pi * 1.0 * 0.1   # frequency 1, dt = 0.1: 10 steps per period
print("eigenvalues:", np.round(eigenvalues, 3))
print("sizes:", np.round(np.abs(eigenvalues), 3), " angles:", np.round(np.angle(eigenvalues), 3),
      f" expected angle 2*pi*f*dt = {theta_expected:.3f}")
# (The eigenvalues of W_hh alone do not show this: during generation the input is the output,
# so the matrix that drives the hidden state is W_hh + W_xh W_hy.)

first, last = generated2[:50].std().item(), generated2[50:].std().item()
checkpoint(history2["test"][-1].mean() < 0.01, "2 hidden units reach a test MSE below 0.01")
checkpoint(last > 0.7 * first and last > 0.5,
           "the 2-unit generator keeps oscillating for 100 steps")
checkpoint(np.allclose(np.abs(np.angle(eigenvalues)), theta_expected, atol=0.02)
           and np.allclose(np.abs(eigenvalues), 1, atol=0.01),
           "its closed-loop eigenvalues rotate by 2*pi*f*dt per step, with size 1")
