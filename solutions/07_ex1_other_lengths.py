# Shorter numbers (1 or 2 digits) fit the aligned format: they only have more leading zeros.
short = generate_additions(1_000, min_len_x=1, max_len_x=2, min_len_y=1, max_len_y=2, seed=1)
x_short, _, y_short = make_tensors(short, aligned_reversed)
short_acc = exact_match(lstm, x_short, y_short)
predicted = lstm.generate(x_short.to(device), A_LEN).cpu()                     # (B, 5)
print(f"1-2 digit numbers: {short_acc:.1%} exact matches; per answer position, units first:",
      " ".join(f"{p:.0%}" for p in (predicted == y_short).float().mean(dim=0)))
show_answers(lstm, short[:4], aligned_reversed, unreverse)

# Longer numbers (5 digits) need a wider format: 5 digits per number, 6 for the answer.
def align_wide(s):
    return s.zfill(6) if s.isdigit() else re.sub(r"\d+", lambda m: m.group().zfill(5), s)

long = generate_additions(1_000, min_len_x=5, max_len_x=5, min_len_y=5, max_len_y=5, seed=2)
x_long = texts_to_codes([reverse(align_wide(q)) for q, _ in long], IN_ALPHABET, 11)  # (B, 11)
y_long = texts_to_codes([reverse(align_wide(a)) for _, a in long], OUT_ALPHABET, 6)  # (B, 6)
long_acc = exact_match(lstm, x_long, y_long)
predicted = lstm.generate(x_long.to(device), 6).cpu()                         # (B, 6)
print(f"5-digit numbers: {long_acc:.1%} exact matches; per answer position, units first:",
      " ".join(f"{p:.0%}" for p in (predicted == y_long).float().mean(dim=0)))
for (question, answer), guess in list(zip(long, codes_to_texts(predicted, OUT_ALPHABET)))[:4]:
    print(f"{question} = {answer} ? {unreverse(guess)}")

# Why: the model did not learn addition in general, it learned the sums it was shown.
# - Shorter numbers: the low digits come out right (same slots as in training), but the high ones
#   are often wrong: in training, both numbers had a 0 in the thousands slot for under 1% of the
#   sums, and no number had 0s in both the thousands and the hundreds slots, so the model never
#   learned what "0 + 0" gives there. It adds a spurious leading 1 or a wrong digit.
# - 5-digit numbers: the units digit of y now comes 6 symbols after the units digit of x, not 5,
#   so the model combines the wrong digits, and a 6th answer digit was never trained at all.
# Generalising beyond the training distribution takes training data that covers it (all lengths,
# leading zeros) or a model whose structure does the same thing at every position.
checkpoint(short_acc < 0.5 and long_acc < 0.1,
           "neither shorter nor 5-digit numbers are added reliably (< 50% and < 10% exact matches)")
