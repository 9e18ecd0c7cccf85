"""Write data/moliere.txt, the course's corpus, from Project Gutenberg's file of eBook #40086.

Usage (from the repository root):
    python tools/make_corpus.py RAW_FILE      # e.g. 40086-0.txt, "Plain Text UTF-8" from
                                              # https://www.gutenberg.org/ebooks/40086
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers.corpus import DEFAULT_PATH, clean_moliere  # noqa: E402


def main(argv: list) -> int:
    if len(argv) != 1:
        sys.exit(__doc__)
    text = clean_moliere(Path(argv[0]).read_bytes().decode("utf-8"))
    DEFAULT_PATH.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {DEFAULT_PATH.name}: {len(text):,} characters, {len(set(text))} distinct")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
