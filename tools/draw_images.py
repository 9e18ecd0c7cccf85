"""Draw every diagram in images/ from code, so that anyone can re-draw or change them.

Usage (from the repository root):  python tools/draw_images.py
"""
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.layout import IMAGE_DIR as IMAGES  # noqa: E402
COLORS = {"x": "#cde5f7", "h": "#ffe0b2", "y": "#d7f0d0", "zero": "#eeeeee"}


def box(ax, x, y, text, kind="h", w=0.8, h=0.6, fontsize=13):
    """Draw a rounded box centred on (x, y) with ``text`` inside."""
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.05",
                                facecolor=COLORS[kind], edgecolor="#333333", linewidth=1.2))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize)


def arrow(ax, start, end, color="#333333", style="-|>", rad=0.0, label=None, lw=1.4):
    """Draw an arrow from ``start`` to ``end``, with an optional label at its middle."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=14, color=color,
                                 linewidth=lw, connectionstyle=f"arc3,rad={rad}"))
    if label:
        mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
        ax.text(mx + 0.08, my, label, fontsize=10, color=color, va="center")


def canvas(width, height, xlim, ylim):
    """Return a new figure and an axes with no frame and the given limits."""
    fig, ax = plt.subplots(figsize=(width, height))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def save(fig, name):
    fig.savefig(IMAGES / name, dpi=110, bbox_inches="tight", facecolor="white")
    plt.close(fig)


def draw_rnn_cell():
    """The folded cell with its loop, '=', and the same cell unrolled over 4 steps."""
    fig, ax = canvas(10, 3.6, (-0.8, 10.2), (-0.6, 3.2))
    box(ax, 0.5, 0, "$x_t$", "x")
    box(ax, 0.5, 1.3, "$h_t$")
    box(ax, 0.5, 2.6, "$y_t$", "y")
    arrow(ax, (0.5, 0.3), (0.5, 1.0), label="$W_{xh}$")
    arrow(ax, (0.5, 1.6), (0.5, 2.3), label="$W_{hy}$")
    arrow(ax, (0.9, 1.42), (0.9, 1.18), rad=-2.6)
    ax.text(1.35, 1.3, "$W_{hh}$", fontsize=10, va="center")
    ax.text(2.05, 1.3, "=", fontsize=24, ha="center", va="center")
    for k, t in enumerate(["1", "2", "3", "4"]):
        cx = 3 + 2 * k
        box(ax, cx, 0, f"$x_{t}$", "x")
        box(ax, cx, 1.3, f"$h_{t}$")
        box(ax, cx, 2.6, f"$y_{t}$", "y")
        arrow(ax, (cx, 0.3), (cx, 1.0))
        arrow(ax, (cx, 1.6), (cx, 2.3))
        prev = (cx - 1.6, 1.3) if k else (cx - 0.75, 1.3)
        arrow(ax, prev, (cx - 0.4, 1.3))
        if k == 1:
            ax.text(cx - 1.0, 1.42, "$W_{hh}$", fontsize=10, ha="center")
    ax.text(2.25, 1.42, "$h_0$", fontsize=11)
    ax.text(5, -0.95, r"$h_t = \rho(W_{hh} h_{t-1} + W_{xh} x_t + b_h)\qquad y_t = W_{hy} h_t + b_y$",
            fontsize=14, ha="center")
    ax.set_title("One RNN cell, folded (left) and unrolled over time (right): "
                 "the same weights at every step", fontsize=12)
    save(fig, "rnn_cell_unrolled.png")


def _setup(ax, x0, title, n_in, n_out, n_hidden, out_start):
    """One setup diagram: which steps take an input, which produce an output."""
    for k in range(n_hidden):
        cx = x0 + 1.1 * k
        box(ax, cx, 1.2, "", "h", w=0.6, h=0.5)
        if k:
            arrow(ax, (cx - 0.8, 1.2), (cx - 0.3, 1.2))
        if k < n_in:
            box(ax, cx, 0, "", "x", w=0.6, h=0.5)
            arrow(ax, (cx, 0.25), (cx, 0.95))
        if out_start <= k < out_start + n_out:
            box(ax, cx, 2.4, "", "y", w=0.6, h=0.5)
            arrow(ax, (cx, 1.45), (cx, 2.15))
    ax.text(x0 + 1.1 * (n_hidden - 1) / 2, 3.1, title, ha="center", fontsize=12)


def draw_setups():
    """One-to-many, many-to-one, many-to-many and encoder-decoder, side by side."""
    fig, ax = canvas(15.5, 3.6, (-0.6, 22.0), (-0.9, 3.5))
    _setup(ax, 0, "one-to-many\n(captioning, generation)", 1, 4, 4, 0)
    _setup(ax, 5.2, "many-to-one\n(classification)", 4, 1, 4, 3)
    _setup(ax, 10.4, "many-to-many\n(next-step prediction)", 4, 4, 4, 0)
    _setup(ax, 15.6, "encoder-decoder\n(translation, copy)", 3, 3, 6, 3)
    ax.text(15.6 + 1.1, -0.75, "encoder", ha="center", fontsize=10)
    ax.text(15.6 + 4.4, -0.75, "decoder", ha="center", fontsize=10)
    for kind, label, x in [("x", "input", 0), ("h", "hidden state", 2.2), ("y", "output", 5.2)]:
        box(ax, x, -0.75, "", kind, w=0.4, h=0.3)
        ax.text(x + 0.35, -0.75, label, va="center", fontsize=10)
    save(fig, "rnn_setups.png")


def draw_next_step_vs_generation():
    """Training feeds the true signal in; generation feeds the model's own output back."""
    fig, axes = plt.subplots(1, 2, figsize=(12, 3.4))
    for ax, title, generate in [(axes[0], "next-step prediction (training)", False),
                                (axes[1], "generation (outputs fed back)", True)]:
        ax.set_xlim(-0.8, 7.6)
        ax.set_ylim(-0.7, 3.3)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(title, fontsize=12)
        for k in range(4):
            cx = 2 * k
            inp = "$x_1$" if (generate and k == 0) else (f"$\\hat{{x}}_{k + 1}$" if generate else f"$x_{k + 1}$")
            box(ax, cx, 0, inp, "x")
            box(ax, cx, 1.3, f"$h_{k + 1}$")
            box(ax, cx, 2.6, f"$\\hat{{x}}_{k + 2}$", "y")
            arrow(ax, (cx, 0.3), (cx, 1.0))
            arrow(ax, (cx, 1.6), (cx, 2.3))
            if k:
                arrow(ax, (cx - 1.6, 1.3), (cx - 0.4, 1.3))
            if generate and k < 3:
                arrow(ax, (cx + 0.42, 2.6), (cx + 1.6, 0.2), color="#c0392b", rad=-0.25)
    axes[0].text(3, -0.6, "inputs: the true signal; loss compares $\\hat{x}_{t+1}$ with $x_{t+1}$",
                 ha="center", fontsize=10)
    axes[1].text(3, -0.6, "inputs: the model's own previous prediction (red)", ha="center",
                 fontsize=10)
    save(fig, "next_step_vs_generation.png")


HISTORY = [
    (1986, "backpropagation;\nJordan networks"),
    (1990, "Elman's simple\nrecurrent network"),
    (1994, "vanishing / exploding\ngradients (Bengio et al.;\nHochreiter 1991)"),
    (1997, "LSTM (Hochreiter\n& Schmidhuber)"),
    (2013, "speech recognition\nwith deep LSTMs (Graves)"),
    (2014, "seq2seq translation;\nGRU (Cho et al.)"),
    (2015, "attention (Bahdanau);\nchar-RNN (Karpathy)"),
    (2017, "Transformer: \"Attention\nis all you need\""),
]


def draw_timeline():
    """A horizontal timeline of the milestones named in notebook 01."""
    fig, ax = plt.subplots(figsize=(13, 3.4))
    years = [y for y, _ in HISTORY]
    ax.axhline(0, color="#555555", linewidth=2, zorder=0)
    for i, (year, text) in enumerate(HISTORY):
        pos = i  # evenly spaced, labelled with the real year
        up = 1 if i % 2 == 0 else -1
        ax.plot([pos, pos], [0, 0.55 * up], color="#888888", linewidth=1)
        ax.scatter([pos], [0], s=60, color="#e67e22", zorder=3)
        ax.text(pos, 0.6 * up, text, ha="center", va="bottom" if up > 0 else "top", fontsize=9.5)
        ax.text(pos, -0.12 * up, str(year), ha="center", va="top" if up > 0 else "bottom",
                fontsize=10, fontweight="bold")
    ax.set_xlim(-0.7, len(years) - 0.3)
    ax.set_ylim(-1.6, 1.6)
    ax.axis("off")
    ax.set_title("A short history of recurrent neural networks", fontsize=13)
    save(fig, "history_timeline.png")


# ---------------------------------------------------------------------------------------
# Notebooks 04-05: one-hot codes and the encoder-decoder that goes through one latent state
# ---------------------------------------------------------------------------------------

def draw_one_hot():
    """Each symbol of the alphabet 'abc' becomes a vector with a single 1; a sequence, a matrix."""
    fig, axes = plt.subplots(1, 2, figsize=(8, 4.2))
    codes = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    ax = axes[0]
    ax.imshow(codes, cmap="Blues", vmin=0, vmax=1.6)
    for i in range(3):
        for j in range(3):
            ax.text(j, i, str(codes[i][j]), ha="center", va="center", fontsize=14)
    ax.set_xticks(range(3), ["0", "1", "2"])
    ax.set_yticks(range(3), ["'a'", "'b'", "'c'"], fontsize=13)
    ax.set_xlabel("vector entry (symbol index)")
    ax.set_title("the alphabet: one vector per symbol", fontsize=12)
    word = "cabbac"
    matrix = [[1 if "abc".index(c) == j else 0 for j in range(3)] for c in word]   # (T, V)
    ax = axes[1]
    ax.imshow(matrix, cmap="Blues", vmin=0, vmax=1.6)
    for t in range(len(word)):
        for j in range(3):
            ax.text(j, t, str(matrix[t][j]), ha="center", va="center", fontsize=12)
    ax.set_yticks(range(len(word)), [f"t={t + 1}  '{c}'" for t, c in enumerate(word)])
    ax.set_xticks(range(3), ["0", "1", "2"])
    ax.set_xlabel("vector entry (symbol index)")
    ax.set_ylabel("time step and symbol")
    ax.set_title("the sequence 'cabbac': one row per step,\na T x V matrix (T = 6, V = 3)",
                 fontsize=12)
    fig.tight_layout()
    save(fig, "one_hot.png")


def draw_encoder_decoder_latent():
    """Encoder reads x_1..x_4 into one state h; the decoder unrolls h, with no input, into y_1..y_4."""
    fig, ax = canvas(13, 3.9, (-0.9, 12.6), (-0.9, 3.4))
    for k in range(4):
        cx = 1.4 * k
        box(ax, cx, 0, f"$x_{k + 1}$", "x")
        box(ax, cx, 1.3, "", "h")
        arrow(ax, (cx, 0.3), (cx, 1.0))
        arrow(ax, (cx - 1.0 if k else cx - 0.85, 1.3), (cx - 0.4, 1.3))
    ax.text(-0.95, 1.55, "$h_0$", fontsize=11)
    box(ax, 6.1, 1.3, "$h$", "h", w=0.9, h=0.8, fontsize=15)
    arrow(ax, (4.6, 1.3), (5.6, 1.3))
    for k in range(4):
        cx = 7.6 + 1.4 * k
        box(ax, cx, 1.3, "", "h")
        box(ax, cx, 2.6, f"$\\hat{{y}}_{k + 1}$", "y")
        arrow(ax, (cx, 1.6), (cx, 2.3))
        arrow(ax, (6.6, 1.3) if k == 0 else (cx - 1.0, 1.3), (cx - 0.4, 1.3))
    ax.text(2.1, -0.75, "encoder: reads the sequence, keeps only its last state", ha="center",
            fontsize=11)
    ax.text(6.1, 0.55, "latent state", ha="center", fontsize=10)
    ax.text(9.7, -0.75, "decoder: no input, unrolls the state into outputs", ha="center",
            fontsize=11)
    ax.text(9.7, 3.15, "copy task: $\\hat{y}_t = x_t$;  reverse task: $\\hat{y}_t = x_{5-t}$",
            ha="center", fontsize=11)
    save(fig, "encoder_decoder_latent.png")


# ---------------------------------------------------------------------------------------
# Notebook 06: the LSTM and GRU cells, with the path along which the state is kept
# ---------------------------------------------------------------------------------------

def op(ax, x, y, text, r=0.28):
    """Draw a small circle at (x, y) holding an element-wise operation (⊙, +, 1-)."""
    ax.add_patch(plt.Circle((x, y), r, facecolor="white", edgecolor="#333333", linewidth=1.2))
    ax.text(x, y, text, ha="center", va="center", fontsize=12)


def gate(ax, x, y, text, label):
    """Draw a gate box (sigma or tanh) with the name of what it computes beside it."""
    box(ax, x, y, text, "y", w=0.7, h=0.5, fontsize=12)
    ax.text(x + 0.42, y - 0.42, label, fontsize=11, color="#1a5e1a")


KEEP = "#c0392b"


def state_line(ax, names, times, kept, kept_x, start_x):
    """Draw the kept state's path along the top: start -> (x) at times[0] -> (+) at times[1] -> end."""
    ax.text(-1.1, 4.0, names[0], fontsize=14, va="center")
    arrow(ax, (start_x, 4.0), (times[0] - 0.28, 4.0), color=KEEP, lw=2.4)
    op(ax, times[0], 4.0, "$\\odot$")
    arrow(ax, (times[0] + 0.28, 4.0), (times[1] - 0.28, 4.0), color=KEEP, lw=2.4)
    op(ax, times[1], 4.0, "+")
    end = 10.3 if names[1] == "$c_t$" else 10.2
    arrow(ax, (times[1] + 0.28, 4.0), (end, 4.0), color=KEEP, lw=2.4)
    ax.text(end + 0.1, 4.0, names[1], fontsize=14, va="center")
    ax.text(kept_x, 4.45, kept, ha="center", fontsize=10, color=KEEP)


def draw_lstm_cell():
    """One LSTM step: four gates from [h_{t-1}, x_t], the cell-state line kept by f_t and added to."""
    fig, ax = canvas(9, 5, (-1.2, 11.2), (-1.2, 5.2))
    state_line(ax, ("$c_{t-1}$", "$c_t$"), (3.0, 6.0), "kept: $c_{t-1} \\odot f_t$ (no weights, no tanh)",
               kept_x=4.4, start_x=-0.3)
    box(ax, 4.8, 0.3, "$[h_{t-1}, x_t]$", "x", w=9.0, h=0.5, fontsize=12)
    for x, text, label in [(3.0, "$\\sigma$", "$f_t$"), (4.7, "$\\sigma$", "$i_t$"),
                           (6.0, "tanh", "$g_t$"), (7.8, "$\\sigma$", "$o_t$")]:
        gate(ax, x, 1.6, text, label)
        arrow(ax, (x, 0.55), (x, 1.35))
    arrow(ax, (3.0, 1.85), (3.0, 3.72))
    op(ax, 5.35, 2.8, "$\\odot$")
    arrow(ax, (4.7, 1.85), (5.15, 2.6))
    arrow(ax, (6.0, 1.85), (5.55, 2.6))
    arrow(ax, (5.35, 3.08), (5.85, 3.76))
    box(ax, 8.6, 3.1, "tanh", "h", w=0.8, h=0.45, fontsize=11)
    arrow(ax, (8.6, 4.0), (8.6, 3.33))
    op(ax, 8.6, 2.2, "$\\odot$")
    arrow(ax, (8.6, 2.87), (8.6, 2.48))
    arrow(ax, (7.8, 1.85), (8.36, 2.06))
    arrow(ax, (8.88, 2.2), (10.3, 2.2))
    ax.text(10.4, 2.2, "$h_t$", fontsize=14, va="center")
    ax.text(-1.1, 0.3, "inputs", fontsize=11, va="center")
    ax.text(4.8, -0.6, "$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$,   "
            "$h_t = o_t \\odot \\tanh(c_t)$", ha="center", fontsize=12)
    ax.set_title("An LSTM step: the cell state $c$ runs along the top, kept by the forget gate",
                 fontsize=12)
    save(fig, "lstm_cell.png")


def draw_gru_cell():
    """One GRU step: the update gate mixes the old state with a candidate read through the reset gate."""
    fig, ax = canvas(9, 5, (-1.2, 11.2), (-1.2, 5.2))
    state_line(ax, ("$h_{t-1}$", "$h_t$"), (4.0, 7.5), "kept: $z_t \\odot h_{t-1}$", kept_x=5.6,
               start_x=-0.2)
    box(ax, 4.6, 0.3, "$[h_{t-1}, x_t]$", "x", w=8.6, h=0.5, fontsize=12)
    gate(ax, 1.6, 1.6, "$\\sigma$", "$r_t$")
    gate(ax, 4.0, 1.6, "$\\sigma$", "$z_t$")
    for x in (1.6, 4.0):
        arrow(ax, (x, 0.55), (x, 1.35))
    arrow(ax, (4.0, 1.85), (4.0, 3.72))
    box(ax, 7.5, 1.6, "tanh", "y", w=0.8, h=0.5, fontsize=12)
    ax.text(7.95, 1.18, "$n_t$", fontsize=11, color="#1a5e1a")
    arrow(ax, (1.6, 1.85), (7.1, 1.7), rad=-0.15)
    ax.text(-0.9, 2.55, "reset: how much of $h_{t-1}$\nthe candidate reads", fontsize=10)
    arrow(ax, (7.5, 0.55), (7.5, 1.35))
    op(ax, 7.5, 2.9, "$\\odot$")
    arrow(ax, (7.5, 1.85), (7.5, 2.62))
    op(ax, 5.7, 2.9, "1-", r=0.3)
    ax.plot([4.0], [2.9], "o", color="#333333", markersize=4)
    arrow(ax, (4.0, 2.9), (5.4, 2.9))
    arrow(ax, (6.0, 2.9), (7.22, 2.9))
    arrow(ax, (7.5, 3.18), (7.5, 3.72))
    ax.text(-1.1, 0.3, "inputs", fontsize=11, va="center")
    ax.text(4.6, -0.6, "$n_t = \\tanh(W_{xn} x_t + r_t \\odot (W_{hn} h_{t-1} + b_{hn}) + b_{xn})$,   "
            "$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$", ha="center", fontsize=11)
    ax.set_title("A GRU step: the update gate $z$ keeps the old state or takes the candidate $n$",
                 fontsize=12)
    save(fig, "gru_cell.png")


# ---------------------------------------------------------------------------------------
# Notebook 07: the adder's encoder-decoder on aligned, reversed sums
# ---------------------------------------------------------------------------------------

def draw_adder_reversed():
    """The encoder reads 0123+4567 reversed (units first); the decoder writes 04690 reversed, units first."""
    fig, ax = canvas(15, 4.4, (-1.0, 17.4), (-1.3, 3.7))
    question, answer = "3210+7654", "09640"
    for k, symbol in enumerate(question):
        cx = 1.05 * k
        box(ax, cx, 0, f"${symbol}$", "x", w=0.7)
        box(ax, cx, 1.3, "", "h", w=0.7)
        arrow(ax, (cx, 0.3), (cx, 1.0))
        if k:
            arrow(ax, (cx - 0.7, 1.3), (cx - 0.35, 1.3))
    arrow(ax, (0.0, -0.62), (4.2 * 1.05 - 0.3, -0.62), color="#1f77b4", lw=1.0)
    ax.text(0.0, -1.05, "x = 123, units first", fontsize=10, color="#1f77b4")
    ax.text(5 * 1.05, -1.05, "y = 4567, units first", fontsize=10, color="#1f77b4")
    arrow(ax, (0.0, 1.7), (5 * 1.05, 1.7), color=KEEP, rad=-0.3, lw=1.2)
    ax.text(2.6, 1.85, "units of x and of y: 5 steps apart", ha="center", fontsize=10, color=KEEP)
    inputs = ["S"] + list(answer[:-1])
    for k, (read, write) in enumerate(zip(inputs, answer)):
        cx = 11.0 + 1.3 * k
        box(ax, cx, 0, f"${read}$" if read != "S" else "start", "zero" if read == "S" else "y",
            w=0.8 if read == "S" else 0.7, fontsize=11 if read == "S" else 13)
        box(ax, cx, 1.3, "", "h", w=0.7)
        box(ax, cx, 2.6, f"${write}$", "y", w=0.7)
        arrow(ax, (cx, 0.3), (cx, 1.0))
        arrow(ax, (cx, 1.6), (cx, 2.3))
        arrow(ax, (cx - 0.95, 1.3) if k else (8 * 1.05 + 0.35, 1.3), (cx - 0.35, 1.3))
        if k < len(answer) - 1:
            arrow(ax, (cx + 0.3, 2.35), (cx + 1.3 - 0.3, 0.3), color="#888888", lw=0.9)
    ax.text(4.2, 3.4, "encoder: reads the aligned, reversed question", ha="center", fontsize=11)
    ax.text(13.6, 3.4, "decoder: writes 4690 as 09640, units first", ha="center", fontsize=11)
    ax.text(13.6, -1.05, "reads the previous correct digit (teacher forcing)", ha="center", fontsize=10)
    save(fig, "adder_reversed.png")


def draw_alignment():
    """Copy and reversal, without and with the stop-state mask: which end is lined up, and how far the
    first symbol to write lies from the encoder state the decoder starts from."""
    T = 10
    sequences = ["bca", "cabbacb"]                                       # lengths 3 and 7
    fig, axes = plt.subplots(2, 2, figsize=(13, 5.2))
    for row, task in enumerate(["copy", "reversal"]):
        for col, masked in enumerate([False, True]):
            ax = axes[row, col]
            ax.set_xlim(0.3, T + 0.9)
            ax.set_ylim(-1.0, 2.5)
            ax.axis("off")
            distances = []
            for k, seq in enumerate(sequences):
                y = 1.5 - 1.7 * k
                L = len(seq)
                state_step = L + 1 if masked else T                      # step whose state is kept
                first = 1 if task == "copy" else L                       # first symbol to write
                for t in range(1, T + 1):
                    text = seq[t - 1] if t <= L else "■"
                    kind = "x" if t <= L + 1 else "zero"                   # letters, the stop symbol
                    if t == first:
                        kind = "y"
                    ax.add_patch(FancyBboxPatch((t - 0.4, y - 0.3), 0.8, 0.6, boxstyle="round,pad=0.02",
                                                facecolor=COLORS[kind], edgecolor="#333333",
                                                linewidth=2.5 if t == state_step else 1.0))
                    ax.text(t, y, text, ha="center", va="center", fontsize=12)
                ax.text(state_step, y - 0.55, "h", ha="center", va="center", fontsize=11, color="#b35900",
                        fontweight="bold")
                distance = state_step - first
                distances.append(distance)
                arrow(ax, (first, y + 0.5), (state_step, y + 0.5), color="#b35900", style="<|-|>")
                ax.text((first + state_step) / 2, y + 0.62, f"{distance} step{'s' if distance > 1 else ''}",
                        ha="center", va="bottom", fontsize=10, color="#b35900")
            same = distances[0] == distances[1]
            verdict = f"always {distances[0]}" if same else "depends on the length"
            ax.set_title(f"{task}, {'state at the stop symbol (mask)' if masked else 'no mask: last state'}:"
                         f" {verdict}", fontsize=11)
    fig.suptitle("How far back is the first symbol to write (green) from the state h the decoder starts "
                 "from?   (■ = stop symbol; padding in grey)", fontsize=12)
    fig.tight_layout()
    save(fig, "alignment.png")


def draw_packing():
    """A padded batch, and what pack_padded_sequence keeps of it: at each step, the sequences still
    running; the padding is never fed to the RNN."""
    rows = [("cabba", 5), ("bca", 3), ("ab", 2)]                          # letters; stop symbol added
    T = 6
    fig, ax = plt.subplots(figsize=(12, 3.6))
    ax.set_xlim(-0.6, 15.2)
    ax.set_ylim(-1.6, 3.2)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.text(3.5, 2.9, "padded batch (B, T): every row runs T steps", ha="center", fontsize=11)
    for b, (seq, L) in enumerate(rows):
        y = 2 - b
        ax.text(0.0, y, f"length {L}", ha="right", va="center", fontsize=10)
        for t in range(T):
            real = t <= L                                                 # letters and the stop symbol
            text = seq[t] if t < L else "■"
            ax.add_patch(FancyBboxPatch((t + 0.6, y - 0.35), 0.8, 0.7, boxstyle="round,pad=0.02",
                                        facecolor=COLORS["x"] if real else COLORS["zero"],
                                        edgecolor="#333333" if real else "#aaaaaa", linewidth=1.0))
            ax.text(t + 1, y, text, ha="center", va="center", fontsize=12,
                    color="#000000" if real else "#aaaaaa")
    arrow(ax, (7.2, 1), (8.4, 1))
    ax.text(7.8, 1.35, "pack", ha="center", fontsize=10)
    ax.text(11.9, 2.9, "packed: at step t, only the sequences still running", ha="center", fontsize=11)
    for t in range(T):
        running = [b for b, (_, L) in enumerate(rows) if t <= L]
        for b in running:
            seq, L = rows[b]
            text = seq[t] if t < L else "■"
            ax.add_patch(FancyBboxPatch((t + 8.6, 2 - b - 0.35), 0.8, 0.7, boxstyle="round,pad=0.02",
                                        facecolor=COLORS["x"], edgecolor="#333333", linewidth=1.0))
            ax.text(t + 9, 2 - b, text, ha="center", va="center", fontsize=12)
        ax.text(t + 9, -0.85, str(len(running)), ha="center", fontsize=11, color="#b35900")
    ax.text(8.3, -0.85, "batch_sizes", ha="right", fontsize=10, color="#b35900")
    ax.text(11.9, -1.45, "each sequence stops after its stop symbol: last holds its own final state",
            ha="center", fontsize=10)
    save(fig, "packing.png")


def draw_last_ten():
    """The copy model trained on length 10, at lengths 9 and 11: output step t is input step t-1 or
    t+1; it writes the last ten symbols it read, lined up on the end of the input."""
    fig, axes = plt.subplots(2, 1, figsize=(11, 4.6))
    for ax, n in zip(axes, (9, 11)):
        ax.set_xlim(-0.9, 12)
        ax.set_ylim(-0.8, 2.3)
        ax.set_aspect("equal")
        ax.axis("off")
        shift = -1 if n == 9 else 1                                      # output t = input t + shift
        for t in range(1, n + 1):
            written = 1 <= t - shift <= n                                # is input t ever written?
            ax.add_patch(FancyBboxPatch((t - 0.35, 1.2), 0.7, 0.6, boxstyle="round,pad=0.02",
                                        facecolor=COLORS["x"] if written else COLORS["zero"],
                                        edgecolor="#333333", linewidth=1.0))
            ax.text(t, 1.5, f"$x_{{{t}}}$", ha="center", va="center", fontsize=11)
            source = t + shift
            ax.add_patch(FancyBboxPatch((t - 0.35, -0.3), 0.7, 0.6, boxstyle="round,pad=0.02",
                                        facecolor=COLORS["y"] if 1 <= source <= n else COLORS["zero"],
                                        edgecolor="#333333", linewidth=1.0))
            ax.text(t, 0.0, f"$x_{{{source}}}$" if 1 <= source <= n else "?", ha="center", va="center",
                    fontsize=11)
            if 1 <= source <= n:
                arrow(ax, (source, 1.15), (t, 0.35), color="#b35900", lw=1.0)
        ax.text(-0.5, 1.5, "input", ha="right", va="center", fontsize=11)
        ax.text(-0.5, 0.0, "output", ha="right", va="center", fontsize=11)
        lost = f"$x_{{{n}}}$ is never written" if n == 9 else "$x_1$ is skipped"
        ax.set_title(f"length {n}: output step t = input step t{shift:+d};  {lost}", fontsize=12)
    fig.suptitle("Trained on length 10, the decoder writes the last ten symbols it read", fontsize=12)
    fig.tight_layout()
    save(fig, "last_ten.png")


def draw_char_lm_unrolled():
    """The character LSTM unrolled over two training windows, the state carried between them."""
    fig, ax = canvas(13, 4.2, (-1.6, 14.4), (-1.2, 3.6))
    windows = [("M", "a", "i", "s"), (" ", "q", "u", "e")]
    targets = [("a", "i", "s", "␣"), ("q", "u", "e", "l")]
    for w, (xs, ys) in enumerate(zip(windows, targets)):
        x0 = 7.6 * w
        ax.text(x0 + 2.25, 3.45, f"window {w + 1} (T = 4 here; 100 in the notebook)", ha="center", fontsize=11)
        for t in range(4):
            cx = x0 + 1.5 * t
            box(ax, cx, 0, repr(xs[t]).strip("'") if xs[t] != " " else "␣", "x")
            box(ax, cx, 1.3, "LSTM", w=1.0)
            box(ax, cx, 2.6, f"p(· | …)\n→ {ys[t]}", "y", w=1.1, h=0.7, fontsize=10)
            arrow(ax, (cx, 0.3), (cx, 1.0), label="embed" if t == 0 and w == 0 else None)
            arrow(ax, (cx, 1.6), (cx, 2.25))
            if t:
                arrow(ax, (cx - 1.0, 1.3), (cx - 0.5, 1.3))
    box(ax, -1.2, 1.3, "(h, c)\n= 0", "zero", w=0.7, h=0.8, fontsize=9)
    arrow(ax, (-0.85, 1.3), (-0.5, 1.3))
    arrow(ax, (5.0, 1.3), (7.1, 1.3), color="#c0392b", lw=2.0)
    ax.text(6.05, 1.75, "(h, c) carried,\ndetached", ha="center", fontsize=10, color="#c0392b")
    ax.text(6.05, 0.55, "gradients stop here", ha="center", fontsize=9, color="#c0392b")
    ax.text(6.4, -0.95, "inputs: the text; targets: the same text shifted by one. Reset training starts every "
            "window from (h, c) = 0; stateful training carries the state, as generation and scoring do.",
            ha="center", fontsize=10)
    save(fig, "char_lm_unrolled.png")


def draw_transformer_block():
    """The character Transformer: embedding + positions, blocks of attention and MLP; the causal mask."""
    fig, ax = canvas(11, 7.4, (-3.2, 11.0), (-0.9, 9.2))
    box(ax, 1.6, 0, "characters $x_0 \\dots x_{T-1}$", "x", w=3.8, h=0.6, fontsize=11)
    box(ax, 1.6, 1.1, "embedding + position code", "x", w=3.8, h=0.6, fontsize=11)
    arrow(ax, (1.6, 0.3), (1.6, 0.8))
    ax.add_patch(FancyBboxPatch((-0.6, 1.65), 4.9, 4.75, boxstyle="round,pad=0.1", facecolor="none",
                                edgecolor="#777777", linestyle="--", linewidth=1.2))
    ax.text(-0.45, 6.15, "× 3 blocks", fontsize=11, color="#555555", ha="left")
    layers = [(2.45, "layer norm", "zero"), (3.2, "causal self-attention\n4 heads", "h"),
              (4.6, "layer norm", "zero"), (5.35, "MLP: D → 4D → D", "h")]
    for y, label, kind in layers:
        box(ax, 1.6, y, label, kind, w=2.8, h=0.45 if kind == "zero" else 0.7, fontsize=10)
    for y in (3.95, 6.1):
        op(ax, 1.6, y, "+")
    for y0, y1 in ((1.4, 2.22), (2.68, 2.85), (4.23, 4.37), (4.83, 5.0)):
        arrow(ax, (1.6, y0), (1.6, y1))
    for y0, y1 in ((3.55, 3.67), (5.7, 5.82)):
        ax.plot([1.6, 1.6], [y0, y1], color="#333333", linewidth=1.4)
    for y_from, y_to in ((1.9, 3.95), (4.3, 6.1)):                     # residual paths, around each part
        ax.plot([1.6, 3.5, 3.5], [y_from, y_from, y_to], color="#1f77b4", linewidth=1.4)
        arrow(ax, (3.5, y_to), (1.88, y_to), color="#1f77b4")
    ax.text(3.6, 2.9, "residual", fontsize=9, color="#1f77b4")
    ax.text(3.6, 5.1, "residual", fontsize=9, color="#1f77b4")
    box(ax, 1.6, 7.1, "layer norm, read-out", "y", w=2.8, h=0.5, fontsize=10)
    box(ax, 1.6, 8.1, "p(next character) at every position", "y", w=3.9, h=0.6, fontsize=10)
    arrow(ax, (1.6, 6.38), (1.6, 6.85))
    arrow(ax, (1.6, 7.35), (1.6, 7.8))
    n, x0, y0, cell = 6, 6.2, 1.4, 0.65                              # the causal mask, T = 6
    for t in range(n):
        for j in range(n):
            allowed = j <= t
            ax.add_patch(plt.Rectangle((x0 + j * cell, y0 + (n - 1 - t) * cell), cell, cell,
                                       facecolor="#ffb74d" if allowed else "#eeeeee", edgecolor="white"))
            if not allowed:
                ax.text(x0 + (j + 0.5) * cell, y0 + (n - 0.5 - t) * cell, "−∞", ha="center", va="center",
                        fontsize=8, color="#888888")
        ax.text(x0 - 0.15, y0 + (n - 0.5 - t) * cell, str(t), ha="right", va="center", fontsize=9)
        ax.text(x0 + (t + 0.5) * cell, y0 - 0.2, str(t), ha="center", va="top", fontsize=9)
    ax.text(x0 + n * cell / 2, y0 - 0.75, "key position j (read)", ha="center", fontsize=10)
    ax.text(x0 - 0.75, y0 + n * cell / 2, "query position t", rotation=90, ha="center", va="center", fontsize=10)
    ax.text(x0 + n * cell / 2, y0 + n * cell + 0.5, "causal mask: position t reads j ≤ t;\n"
            "scores above the diagonal are −∞ (weight 0)", ha="center", fontsize=10)
    save(fig, "transformer_block.png")


# ---------------------------------------------------------------------------------------
# Notebook 09: one decoder step without attention, with Luong's and with Bahdanau's
# ---------------------------------------------------------------------------------------

ATTEND, QUERY = "#b35900", "#1f77b4"


def _attention_panel(ax, x0, variant):
    """One decoder step t of the LSTM encoder-decoder, at x0: variant 'none', 'luong' or 'bahdanau'."""
    xs = [x0 + 1.1 * j for j in range(4)]
    for j, (cx, text) in enumerate(zip(xs, ["$x_1$", "$x_2$", "$x_3$", "stop"])):
        box(ax, cx, 0, text, "x", w=0.7, fontsize=13 if j < 3 else 10)
        box(ax, cx, 1.3, f"$s_{j + 1}$", "h", w=0.7)
        arrow(ax, (cx, 0.3), (cx, 1.0))
        if j:
            arrow(ax, (cx - 0.7, 1.3), (cx - 0.4, 1.3))
    prev, now = x0 + 5.2, x0 + 6.7                                      # decoder: h_{t-1}, h_t
    arrow(ax, (xs[3] + 0.4, 1.3), (prev - 0.5, 1.3))
    ax.text((xs[3] + 0.4 + prev - 0.5) / 2, 1.4, "$h_0 \\cdots$", ha="center", va="bottom", fontsize=10)
    box(ax, prev, 1.3, "$h_{t-1}$", w=0.9)
    box(ax, now, 1.3, "$h_t$", w=0.9)
    arrow(ax, (prev + 0.5, 1.3), (now - 0.5, 1.3))
    box(ax, now, 0, "$y_{t-1}$", "y", w=0.9)
    arrow(ax, (now, 0.3), (now, 1.0))
    ax.text(now - 0.15, 0.6, "embed", ha="right", va="center", fontsize=10)
    box(ax, now, 4.2, "$y_t$", "y", w=0.9)
    encoder = "encoder\nkeys $W s_j$: once per sequence" if variant == "luong" else "encoder"
    ax.text(x0 + 1.65, -0.45, encoder, ha="center", va="top", fontsize=10)
    ax.text(now, -0.45, "decoder, step t", ha="center", va="top", fontsize=10)
    if variant == "none":
        arrow(ax, (now, 1.6), (now, 3.9), label="linear")
        return
    total = (x0 + 1.65, 3.3)                                            # the weighted sum
    for cx, a in zip(xs, [0.15, 0.5, 0.25, 0.1]):                       # line width: the weight a_tj
        dx, dy = total[0] - cx, total[1] - 1.65
        r = 0.3 / (dx * dx + dy * dy) ** 0.5
        ax.plot([cx, total[0] - r * dx], [1.65, total[1] - r * dy], color=ATTEND, linewidth=0.6 + 6 * a,
                solid_capstyle="butt")
    op(ax, *total, "$\\Sigma$")
    ax.text(x0, 2.45, "softmax\n$a_{tj}$", ha="center", va="center", fontsize=10, color=ATTEND)
    if variant == "luong":
        score, query, start, at = "$h_t \\cdot W s_j$", "query $h_t$", (now - 0.3, 1.65), (x0 + 5.05, 2.45)
        box(ax, now, 2.7, "$[h_t\\,;\\,c_t]$", "y", w=1.1, h=0.5, fontsize=11)
        arrow(ax, (now, 1.6), (now, 2.4))
        arrow(ax, (now, 3.0), (now, 3.9), label="linear")
        arrow(ax, (total[0] + 0.3, total[1]), (now - 0.62, 2.75), color=ATTEND)
        ax.text(x0 + 4.0, 3.12, "$c_t = \\Sigma_j\\, a_{tj} s_j$", fontsize=11, color=ATTEND, ha="center",
                va="bottom")
    else:
        score, query, start, at = ("$v^\\top \\tanh(W h_{t-1} + U s_j)$", "query $h_{t-1}$", (prev - 0.2, 1.65),
                                    (x0 + 4.0, 2.55))
        arrow(ax, (now, 1.6), (now, 3.9), label="linear")
        arrow(ax, (total[0] + 0.3, total[1]), (now - 0.35, 1.65), color=ATTEND, rad=-0.2)
        ax.text(x0 + 4.7, 2.95, "$c_t = \\Sigma_j\\, a_{tj} s_j$", fontsize=11, color=ATTEND, va="bottom")
    arrow(ax, start, (xs[3] - 0.4, 2.4), color=QUERY, rad=0.15)
    ax.text(*at, query, fontsize=10, color=QUERY, ha="center")
    ax.text(total[0], 3.75, "score " + score, fontsize=10, color=ATTEND, ha="center", va="bottom")


def draw_attention_decoders():
    """Decoder step t without attention, with Luong's (context read after the step) and with Bahdanau's
    (context fed into the step): the encoder states s_j, the weights a_tj, the context c_t."""
    fig, ax = canvas(15, 4.6, (-0.6, 24.8), (-1.3, 5.6))
    panels = [("none", "No attention", "only the last state $s_4$ starts the decoder"),
              ("luong", "Luong (this notebook)", "context read after the step: $y_t$ from $[h_t\\,;\\,c_t]$"),
              ("bahdanau", "Bahdanau (2015)", "context fed into the step, with $y_{t-1}$")]
    for k, (variant, title, subtitle) in enumerate(panels):
        x0 = 8.5 * k
        _attention_panel(ax, x0, variant)
        ax.text(x0 + 3.3, 5.35, title, ha="center", fontsize=13, fontweight="bold")
        ax.text(x0 + 3.3, 4.9, subtitle, ha="center", fontsize=10.5)
    save(fig, "attention_decoders.png")


def main():
    IMAGES.mkdir(exist_ok=True)
    for draw in (draw_rnn_cell, draw_setups, draw_next_step_vs_generation, draw_timeline,
                 draw_one_hot, draw_encoder_decoder_latent, draw_lstm_cell, draw_gru_cell,
                 draw_alignment, draw_packing, draw_last_ten, draw_adder_reversed, draw_char_lm_unrolled,
                 draw_transformer_block, draw_attention_decoders):
        draw()
    print(f"drew {len(list(IMAGES.glob('*.png')))} images in {IMAGES.name}/")


if __name__ == "__main__":
    main()
