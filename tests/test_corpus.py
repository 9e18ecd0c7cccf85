"""Tests of the Molière corpus: the committed data/moliere.txt, and the cleaning that made it."""
import re

import pytest

from helpers.corpus import DEFAULT_PATH, clean_moliere, load_moliere, normalize_newlines, strip_gutenberg

HEADER = ("\ufeffThe Project Gutenberg EBook of Molière, tome premier\r\n\r\n"
          "*** START OF THIS PROJECT GUTENBERG EBOOK MOLIÈRE, TOME PREMIER ***\r\n")
FOOTER = ("\r\n*** END OF THIS PROJECT GUTENBERG EBOOK MOLIÈRE, TOME PREMIER ***\r\n"
          "Section 1. General Terms of Use (the English licence)\r\n")
# A miniature of the volume's layout: extras before, between and after the plays.
BODY = "\n".join([
    "Produced by Someone", "  Au lecteur", "  OEUVRES COMPLÈTES", "JEAN-BAPTISTE POQUELIN MOLIÈRE",
    "Une notice.", "LE MÉDECIN VOLANT[3]", "", "  SGANARELLE.  ", "", "FIN DU DÉPIT AMOUREUX", "",
    "  DEUXIÈME ÉPOQUE", "", "     V. 1659. LES PRÉCIEUSES RIDICULES.", "", "LES PRÉCIEUSES RIDICULES",
    "  [366] Une note.", "FIN DE DON GARCIE DE NAVARRE.", "TABLE", "  Liste des modifications:",
    "  Page  62: «soupcon» remplacé par «soupçon»"])
RAW = HEADER + BODY.replace("\n", "\r\n") + FOOTER


def test_committed_text_is_the_plays_and_nothing_else():
    text = load_moliere()
    lines = text.split("\n")
    assert lines[0] == "LE MÉDECIN VOLANT[3]"
    assert text.endswith("FIN DE DON GARCIE DE NAVARRE.\n")
    assert 500_000 < len(text) < 600_000 and "\r" not in text
    for extra in ("Produced by", "Au lecteur", "Liste des modifications", "PROJECT GUTENBERG",
                  "Philarète Chasles", "ÉPOQUE", "FIN DE LA TABLE"):
        assert extra not in text, extra
    assert not any(re.match(r"\s*Page +\d+:", line) for line in lines)            # errata lines
    assert not any(re.search(r"comédie +\d+$", line) for line in lines)          # table lines
    assert "TABLE" not in lines
    for play in ("FIN DU MÉDECIN VOLANT.", "FIN DE L'ÉTOURDI.", "FIN DES PRÉCIEUSES RIDICULES."):
        assert play in text


def test_clean_moliere_keeps_the_plays_and_their_notes_only():
    text = clean_moliere(RAW)
    assert text == ("LE MÉDECIN VOLANT[3]\n\n  SGANARELLE.\n\nFIN DU DÉPIT AMOUREUX\n\n"
                    "LES PRÉCIEUSES RIDICULES\n  [366] Une note.\nFIN DE DON GARCIE DE NAVARRE.\n")


def test_strip_gutenberg_and_newlines():
    assert strip_gutenberg(normalize_newlines(RAW)).startswith("\nProduced by")
    assert normalize_newlines("a\r\nb\rc\n") == "a\nb\nc\n"


@pytest.mark.parametrize("raw, error, match", [
    (b"bytes", TypeError, "must be a str"),
    ("no markers at all", ValueError, "START OF"),
    (HEADER + "LE MÉDECIN VOLANT\n", ValueError, "START OF"),                  # cut short
    (HEADER + "Une autre œuvre\n" + FOOTER, ValueError, "40086"),
    (HEADER + "LE MÉDECIN VOLANT\nFIN DE DON GARCIE DE NAVARRE.\n" + FOOTER, ValueError, "ÉPOQUE"),
])
def test_clean_moliere_rejects_other_files(raw, error, match):
    with pytest.raises(error, match=match):
        clean_moliere(raw) if isinstance(raw, str) else strip_gutenberg(raw)


def test_load_moliere_names_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="ships with the course"):
        load_moliere(tmp_path / "moliere.txt")
    assert DEFAULT_PATH.name == "moliere.txt"
