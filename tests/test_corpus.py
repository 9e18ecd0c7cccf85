"""Tests of the corpus loader against an HTTP server that each test starts on 127.0.0.1.

No test touches the network: every download goes to the local server (or to a closed
local port, for "offline"), with timeouts of a fraction of a second.
"""
import http.server
import socket
import threading
import time

import pytest

from helpers import corpus
from helpers.corpus import (CACHE_NAMES, Corpus, CorpusError, download, load_corpus,
                            mirror_urls, python_stdlib_corpus, strip_gutenberg)

HEADER = ("\ufeffThe Project Gutenberg EBook of Molière, tome premier\r\n\r\n"
          "*** START OF THIS PROJECT GUTENBERG EBOOK MOLIÈRE, TOME PREMIER ***\r\n")
FOOTER = ("\r\nEnd of the Project Gutenberg EBook of Molière, tome premier\r\n\r\n"
          "*** END OF THIS PROJECT GUTENBERG EBOOK MOLIÈRE, TOME PREMIER ***\r\n"
          "Section 1. General Terms of Use (the English licence)\r\n")
LINES = ["MOLIÈRE", "SGANARELLE", "LES PRÉCIEUSES RIDICULES", "LE DÉPIT AMOUREUX",
         "Quel est le plus grand des écrivains de mon règne?"]


def make_body(n_chars=500_000):
    """Return a fake Molière body (LF line endings) that passes the loader's checks."""
    line = "\n".join(LINES) + "\n"
    return (line * (n_chars // len(line) + 1)).rstrip("\n")


BODY = make_body()
GOOD = (HEADER + BODY.replace("\n", "\r\n") + FOOTER).encode("utf-8")


class Server:
    """A loopback HTTP server whose answer per path is set by the test."""

    def __init__(self):
        self.routes, self.requests, self.release = {}, [], threading.Event()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                mode, body = server.routes.get(self.path, ("404", b""))
                if mode == "404":
                    return self.send_error(404, "Not Found")
                if mode == "stall":                       # never answer within the timeout
                    server.release.wait(5)
                    return
                if mode == "trickle":                     # answer, then send a byte every 0.1 s
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    for i in range(len(body)):
                        if server.release.wait(0.1):
                            return
                        self.wfile.write(body[i:i + 1])
                        self.wfile.flush()
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(GOOD) if mode == "short" else len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    def close(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(autouse=True)
def downloads_allowed(monkeypatch):
    """The suite runs with COURSE_OFFLINE set (conftest.py); these tests control it themselves."""
    monkeypatch.delenv(corpus.OFFLINE_VARIABLE, raising=False)


@pytest.fixture
def server():
    srv = Server()
    yield srv
    srv.close()


@pytest.fixture
def closed_url():
    """A URL on a local port where nothing listens: the download is refused, like offline."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/40086-0.txt"


def files_in(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_good_download_strips_header_footer_and_normalises_line_endings(server, tmp_path,
                                                                       monkeypatch, capsys):
    server.routes["/mirror/40086-0.txt"] = ("ok", GOOD)
    monkeypatch.setenv(corpus.MIRROR_VARIABLE, server.url + "/mirror/")
    result = load_corpus(tmp_path, timeout=2, fallback=False)
    assert isinstance(result, Corpus) and result.name == "moliere" and result.title == "Molière"
    assert result.text == BODY                        # no header, footer, BOM or "\r"
    assert "\r" not in result.text and "PROJECT GUTENBERG" not in result.text.upper()
    assert files_in(tmp_path) == [CACHE_NAMES[0]]     # the checked file, no temporary left
    assert (tmp_path / CACHE_NAMES[0]).read_bytes() == GOOD
    out = capsys.readouterr().out
    assert out.count("Corpus:") == 1 and "Molière" in out and "downloaded from" in out


def test_second_load_reuses_the_cache_without_a_request(server, tmp_path, capsys):
    server.routes["/40086-0.txt"] = ("ok", GOOD)
    urls = [server.url + "/40086-0.txt"]
    first = load_corpus(tmp_path, timeout=2, fallback=False, urls=urls)
    second = load_corpus(tmp_path, timeout=2, fallback=False, urls=urls)
    assert server.requests == ["/40086-0.txt"]
    assert second == first._replace(reason=second.reason) and "cache" in second.reason


def test_file_dropped_by_hand_under_gutenbergs_new_name_is_used(tmp_path, closed_url):
    tmp_path.joinpath("pg40086.txt").write_bytes(GOOD)
    result = load_corpus(tmp_path, timeout=0.5, fallback=False, urls=[closed_url])
    assert result.name == "moliere" and result.text == BODY


def test_404_raises_a_clear_error_and_leaves_no_file(server, tmp_path):
    with pytest.raises(CorpusError, match=r"HTTP 404.*gutenberg.org/ebooks/40086"):
        load_corpus(tmp_path, timeout=2, fallback=False, urls=[server.url + "/missing.txt"])
    assert files_in(tmp_path) == []


def test_stalled_server_times_out_quickly_and_leaves_no_file(server, tmp_path):
    server.routes["/40086-0.txt"] = ("stall", b"")
    start = time.perf_counter()
    with pytest.raises(CorpusError, match="timed out"):
        download(server.url + "/40086-0.txt", tmp_path / CACHE_NAMES[0], timeout=0.3)
    assert time.perf_counter() - start < 2
    assert files_in(tmp_path) == []


def test_trickling_server_hits_the_overall_deadline(server, tmp_path):
    server.routes["/40086-0.txt"] = ("trickle", GOOD[:100])   # each byte within the timeout
    start = time.perf_counter()
    with pytest.raises(CorpusError, match="no complete file within"):
        download(server.url + "/40086-0.txt", tmp_path / CACHE_NAMES[0], timeout=0.5)
    assert time.perf_counter() - start < 2
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("mode, body, match", [
    ("short", GOOD[:len(GOOD) // 2], "cut short"),          # Content-Length promises more
    ("ok", GOOD[:len(GOOD) // 2], "END OF"),                 # consistent length, no END marker
    ("ok", b"<html><body>Access denied</body></html>", "web page"),
])
def test_truncated_or_wrong_body_is_rejected_and_leaves_no_file(server, tmp_path, mode, body,
                                                                match):
    server.routes["/40086-0.txt"] = (mode, body)
    with pytest.raises(CorpusError, match=match):
        download(server.url + "/40086-0.txt", tmp_path / CACHE_NAMES[0], timeout=2)
    assert files_in(tmp_path) == []


def test_corrupted_cache_is_moved_aside_and_downloaded_again(server, tmp_path, capsys):
    (tmp_path / CACHE_NAMES[0]).write_bytes(GOOD[:1000])     # e.g. an interrupted copy
    server.routes["/40086-0.txt"] = ("ok", GOOD)
    result = load_corpus(tmp_path, timeout=2, fallback=False, urls=[server.url + "/40086-0.txt"])
    assert result.text == BODY and server.requests == ["/40086-0.txt"]
    assert (tmp_path / CACHE_NAMES[0]).read_bytes() == GOOD
    assert (tmp_path / (CACHE_NAMES[0] + ".rejected")).read_bytes() == GOOD[:1000]


def test_a_rejected_file_saved_by_hand_is_kept_and_the_message_says_where(tmp_path, closed_url,
                                                                          capsys):
    page = b"<html><body>Moliere, tome 1</body></html>"         # "Save as" on the web page
    edition = HEADER.encode() + b"another, shorter edition" + FOOTER.encode()
    (tmp_path / CACHE_NAMES[1]).write_bytes(page)
    (tmp_path / (CACHE_NAMES[1] + ".rejected")).write_bytes(edition)   # set aside earlier
    result = load_corpus(tmp_path, timeout=0.5, urls=[closed_url])
    assert result.name == "python-stdlib"
    assert files_in(tmp_path) == [CACHE_NAMES[1] + ".rejected", CACHE_NAMES[1] + ".rejected-2"]
    assert (tmp_path / (CACHE_NAMES[1] + ".rejected")).read_bytes() == edition   # not overwritten
    assert (tmp_path / (CACHE_NAMES[1] + ".rejected-2")).read_bytes() == page
    out = capsys.readouterr().out
    assert f"moved to {(tmp_path / CACHE_NAMES[1]).as_posix()}.rejected-2" in out
    assert "web page" in out                                   # and why it was refused


def test_offline_falls_back_to_the_standard_library_and_says_so_once(tmp_path, closed_url,
                                                                    capsys):
    (tmp_path / CACHE_NAMES[0]).write_bytes(b"")              # a 0-byte file from a failed wget
    result = load_corpus(tmp_path, timeout=0.5, urls=[closed_url])
    assert result.name == "python-stdlib" and result.title == "Python standard library"
    assert result.text == python_stdlib_corpus()              # same text every time
    assert "def " in result.text and "import " in result.text and "\r" not in result.text
    assert files_in(tmp_path) == [CACHE_NAMES[0] + ".rejected"]   # set aside, none added
    out = capsys.readouterr().out
    assert out.count("Corpus:") == 1
    assert "fallback" in out and "moved to" in out and "refused" in out.lower()
    assert corpus.MIRROR_VARIABLE in out                      # and what to do about it


def test_fallback_corpus_is_fixed_size_and_ordered():
    text = python_stdlib_corpus(200_000)
    assert 190_000 < len(text) <= 200_000 and text.endswith("\n")
    assert text.startswith("# ---- argparse.py ----\n")


def test_strip_gutenberg_accepts_newer_headers():
    raw = ("*** START OF THE PROJECT GUTENBERG EBOOK 40086 ***\n" + BODY +
           "\n*** END OF THE PROJECT GUTENBERG EBOOK 40086 ***\n").encode()
    assert strip_gutenberg(raw) == BODY


@pytest.mark.parametrize("raw, error, match", [
    ("\xe9t\xe9".encode("latin-1"), CorpusError, "not UTF-8"),
    (HEADER.encode() + b"too short" + FOOTER.encode(), CorpusError, "characters, expected"),
    ((HEADER + make_body().replace("SGANARELLE", "HAMLET") + FOOTER).encode(), CorpusError,
     "SGANARELLE"),
    ("text", TypeError, "bytes"),
])
def test_strip_gutenberg_rejects_bad_files(raw, error, match):
    with pytest.raises(error, match=match):
        strip_gutenberg(raw)


def test_mirror_urls():
    assert mirror_urls(None) == corpus.GUTENBERG_URLS
    assert mirror_urls("http://m/books/") == ("http://m/books/40086-0.txt",)
    assert mirror_urls("http://m/x/pg40086.txt") == ("http://m/x/pg40086.txt",)


def test_an_unreachable_host_is_tried_once(tmp_path, closed_url, capsys):
    result = load_corpus(tmp_path, timeout=0.5, urls=[closed_url, closed_url + "?again"])
    assert result.name == "python-stdlib"
    assert capsys.readouterr().out.count("refused") == 1


def test_offline_variable_skips_the_mirror_and_gutenberg(server, tmp_path, monkeypatch, capsys):
    server.routes["/40086-0.txt"] = ("ok", GOOD)
    monkeypatch.setenv(corpus.MIRROR_VARIABLE, server.url)
    monkeypatch.setenv(corpus.OFFLINE_VARIABLE, "1")
    result = load_corpus(tmp_path, timeout=2)
    assert result.name == "python-stdlib" and server.requests == []
    assert files_in(tmp_path) == []
    assert corpus.OFFLINE_VARIABLE in capsys.readouterr().out
    tmp_path.joinpath(CACHE_NAMES[0]).write_bytes(GOOD)          # a cached file is still used
    assert load_corpus(tmp_path, timeout=2).name == "moliere"
    monkeypatch.setenv(corpus.OFFLINE_VARIABLE, "0")             # "0" means downloads are allowed
    tmp_path.joinpath(CACHE_NAMES[0]).unlink()
    assert load_corpus(tmp_path, timeout=2).name == "moliere" and server.requests == ["/40086-0.txt"]


def test_mirror_given_as_a_local_folder_or_file(tmp_path, monkeypatch):
    shared = tmp_path / "shared folder"
    shared.mkdir()
    (shared / CACHE_NAMES[0]).write_bytes(GOOD)
    for mirror in (str(shared), str(shared / CACHE_NAMES[0])):
        monkeypatch.setenv(corpus.MIRROR_VARIABLE, mirror)
        cache = tmp_path / f"cache{len(mirror)}"
        result = load_corpus(cache, timeout=2, fallback=False)
        assert result.name == "moliere" and result.text == BODY
        assert files_in(cache) == [CACHE_NAMES[0]]
