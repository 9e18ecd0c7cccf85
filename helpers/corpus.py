"""The text corpus of notebook 08: Molière's plays, cleaned from Project Gutenberg eBook #40086.

``clean_moliere`` turns the raw Gutenberg file (Molière, *Œuvres complètes*, tome 1, French,
public domain) into the text the course trains and scores on: the seven plays, from
"LE MÉDECIN VOLANT" to "FIN DE DON GARCIE DE NAVARRE.", with the editor's introductions and
footnotes to each play. It drops what Project Gutenberg, the transcriber and the publisher
added (licence, "Produced by", "Au lecteur", title pages, the section title page between the
plays, the table of contents, the errata list) and the editor's biographical notice, which is
an essay about Molière rather than part of a play. ``tools/make_corpus.py`` writes the result
to ``data/moliere.txt``, which ships with the course; ``load_moliere`` reads it.
"""
import re
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "moliere.txt"
START = re.compile(r"^\*\*\* ?START OF (THE|THIS) PROJECT GUTENBERG E-?BOOK.*$", re.M | re.I)
END = re.compile(r"^\*\*\* ?END OF (THE|THIS) PROJECT GUTENBERG E-?BOOK.*$", re.M | re.I)
FIRST_LINE = re.compile(r"^LE MÉDECIN VOLANT\b.*$", re.M)         # the first play's title
LAST_LINE = "FIN DE DON GARCIE DE NAVARRE."                          # the last play's last line
# The title page of the second period, between two plays: from its heading to the next title.
SECTION_PAGE = re.compile(r"^ *DEUXIÈME ÉPOQUE *\n.*?(?=^LES PRÉCIEUSES RIDICULES *$)", re.M | re.S)


def normalize_newlines(text: str) -> str:
    """Return ``text`` with Windows (CRLF) and old Mac (CR) line endings turned into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_gutenberg(text: str) -> str:
    """Return the part of a Project Gutenberg file between its START and END marker lines."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    start, end = START.search(text), END.search(text)
    if start is None or end is None or end.start() < start.end():
        raise ValueError("expected a Project Gutenberg file with '*** START OF ...' and "
                         "'*** END OF ...' lines, in that order")
    return text[start.end():end.start()]


def clean_moliere(raw: str) -> str:
    """Return the plays of Gutenberg #40086 (raw file text): first play's title to its last line."""
    body = strip_gutenberg(normalize_newlines(raw.lstrip("\ufeff")))
    first, last = FIRST_LINE.search(body), body.find(LAST_LINE)
    if first is None or last < 0:
        raise ValueError(f"expected eBook #40086: no 'LE MÉDECIN VOLANT' title or no '{LAST_LINE}' line")
    plays = body[first.start():last + len(LAST_LINE)]
    plays, n_pages = SECTION_PAGE.subn("", plays)
    if n_pages != 1:
        raise ValueError(f"expected one 'DEUXIÈME ÉPOQUE' title page between the plays, found {n_pages}")
    return "\n".join(line.rstrip() for line in plays.split("\n")) + "\n"


def load_moliere(path=DEFAULT_PATH) -> str:
    """Return the course's cleaned Molière text (``data/moliere.txt``) as one string."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: it ships with the course (see data/README.md)")
    return path.read_text(encoding="utf-8")
