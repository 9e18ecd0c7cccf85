"""The text corpus of notebook 08: Molière from Project Gutenberg, or an offline fallback.

``load_corpus()`` returns Project Gutenberg eBook #40086 (Molière, *Œuvres complètes*,
tome 1, French) without its English licence header and footer. It looks in a cache folder
first (a file downloaded earlier, or one a learner saved there by hand; a cached file that
fails the checks is renamed ``<name>.rejected``, never deleted), then downloads the
file over HTTPS (or from the mirror named by the ``GUTENBERG_MIRROR`` environment variable)
into a temporary file that is renamed into the cache only once it has been checked.
Without network and without a cached file it falls back to a fixed, ordered selection of
the Python standard library's own source code, which every Python installation has, and
says once which corpus is in use and why.
"""
import http.client
import os
import re
import sysconfig
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import NamedTuple, Optional, Sequence

MIRROR_VARIABLE = "GUTENBERG_MIRROR"
OFFLINE_VARIABLE = "COURSE_OFFLINE"               # set (not "0"): never download
GUTENBERG_URLS = ("https://www.gutenberg.org/cache/epub/40086/pg40086.txt",
                  "https://www.gutenberg.org/files/40086/40086-0.txt")
CACHE_NAMES = ("40086-0.txt", "pg40086.txt")    # the name we save, and Gutenberg's newer name
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / "data" / "cache"
# Checks that survive Project Gutenberg's renames and header edits: the body between the
# START and END markers, its size, and words that only this book contains.
BODY_CHARS = (450_000, 700_000)                   # the 2014 file's body has 575,809
LANDMARKS = ("MOLIÈRE", "SGANARELLE", "PRÉCIEUSES RIDICULES", "DÉPIT AMOUREUX")
START = re.compile(r"^\*\*\* ?START OF (THE|THIS) PROJECT GUTENBERG E-?BOOK.*$", re.M | re.I)
END = re.compile(r"^\*\*\* ?END OF (THE|THIS) PROJECT GUTENBERG E-?BOOK.*$", re.M | re.I)
END_LINE = re.compile(r"\n[^\n]*End of (the )?Project Gutenberg[^\n]*(\n[^\n]+)?\s*$", re.I)
# The offline corpus: these standard-library modules, in this order, cut to FALLBACK_CHARS.
FALLBACK_MODULES = ("argparse.py", "textwrap.py", "difflib.py", "calendar.py", "pprint.py",
                    "random.py", "dataclasses.py", "contextlib.py", "copy.py", "operator.py",
                    "heapq.py", "fractions.py", "statistics.py", "functools.py", "enum.py",
                    "tokenize.py", "inspect.py", "typing.py", "queue.py", "glob.py")
FALLBACK_CHARS = 580_000
HELP = (f"To use Molière, download 'Plain Text UTF-8' from https://www.gutenberg.org/ebooks/40086 "
        f"and save it in the cache folder as {CACHE_NAMES[0]}, or set {MIRROR_VARIABLE} to a "
        "mirror's URL or local path (of the file, or of a folder holding it).")


class CorpusError(RuntimeError):
    """The Molière text could not be obtained or failed its checks."""


class NetworkError(CorpusError):
    """The server could not be reached or stopped answering (offline, refused, timed out)."""


class Corpus(NamedTuple):
    """A training text: ``name`` is "moliere" or "python-stdlib"; ``reason`` says why."""
    text: str
    name: str
    reason: str

    @property
    def title(self) -> str:
        """Return a short readable name for plot titles: "Molière" or "Python standard library"."""
        return {"moliere": "Molière", "python-stdlib": "Python standard library"}[self.name]


def normalize_newlines(text: str) -> str:
    """Return ``text`` with Windows (CRLF) and old Mac (CR) line endings turned into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_gutenberg(raw: bytes) -> str:
    """Return the body of a Project Gutenberg #40086 file, checked; raise CorpusError if bad."""
    if not isinstance(raw, (bytes, bytearray)):
        raise TypeError(f"raw must be the file's bytes, got {type(raw).__name__}")
    try:
        text = normalize_newlines(bytes(raw).decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise CorpusError(f"the file is not UTF-8 text ({err.reason} at byte {err.start})") from None
    start, end = START.search(text), END.search(text)
    if start is None:
        page = " (it looks like a web page, e.g. a proxy or block page)" if "<html" in text[:2000].lower() else ""
        raise CorpusError(f"no '*** START OF ... PROJECT GUTENBERG EBOOK' line{page}")
    if end is None or end.start() < start.end():
        raise CorpusError("no '*** END OF ... PROJECT GUTENBERG EBOOK' line after the START "
                          "line: the file was cut short")
    body = END_LINE.sub("", text[start.end():end.start()]).strip("\n")
    if not BODY_CHARS[0] <= len(body) <= BODY_CHARS[1]:
        raise CorpusError(f"the text between the markers has {len(body):,} characters, expected "
                          f"{BODY_CHARS[0]:,} to {BODY_CHARS[1]:,}: is it eBook #40086?")
    missing = [word for word in LANDMARKS if word not in body]
    if missing:
        raise CorpusError(f"the text does not contain {missing}: it is not Molière, tome 1 (#40086)")
    return body


def download(url: str, dest: Path, timeout: float = 30.0) -> bytes:
    """Download ``url`` to ``dest`` within ``timeout`` seconds; return the checked bytes.

    The bytes go to a temporary file in ``dest``'s folder that is renamed to ``dest`` only
    after ``strip_gutenberg`` accepted them; on any failure no file is left behind.
    """
    dest, tmp = Path(dest), None
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": "seqrnn-course/0.1"})
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(request, timeout=timeout) as resp:
            expected = resp.headers.get("Content-Length")
            size = 0
            while chunk := resp.read1(1 << 16):          # whatever has arrived, so the
                out.write(chunk)                         # deadline is checked often
                size += len(chunk)
                if time.monotonic() > deadline:
                    raise NetworkError(f"no complete file within {timeout} s")
        if expected is not None and size != int(expected):
            raise CorpusError(f"got {size:,} of {int(expected):,} bytes (cut short)")
        raw = Path(tmp).read_bytes()
        strip_gutenberg(raw)
        os.replace(tmp, dest)
        return raw
    except CorpusError as err:
        raise type(err)(f"{url}: {err}") from None
    except urllib.error.HTTPError as err:
        raise CorpusError(f"{url}: the server answered HTTP {err.code} {err.reason}") from None
    except (OSError, ValueError, http.client.HTTPException) as err:  # timeouts, refusals, cuts
        reason = getattr(err, "reason", None) or err
        raise NetworkError(f"{url}: {type(err).__name__}: {reason}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.remove(tmp)


def mirror_urls(mirror: Optional[str]) -> tuple:
    """Return the URLs to try: the mirror's file (``mirror`` ending in .txt, else folder/40086-0.txt).

    ``mirror`` is a URL, or a local path, which becomes a ``file:`` URL.
    """
    if not mirror:
        return GUTENBERG_URLS
    if "://" not in mirror and Path(mirror).exists():
        mirror = Path(mirror).resolve().as_uri() + ("/" if Path(mirror).is_dir() else "")
    return (mirror,) if mirror.endswith(".txt") else (mirror.rstrip("/") + "/" + CACHE_NAMES[0],)


def python_stdlib_corpus(n_chars: int = FALLBACK_CHARS) -> str:
    """Return the fallback corpus: FALLBACK_MODULES' source, concatenated, cut at a line end."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    parts = []
    for name in FALLBACK_MODULES:
        if (stdlib / name).is_file():
            source = (stdlib / name).read_text(encoding="utf-8", errors="replace")
            parts.append(f"# ---- {name} ----\n" + normalize_newlines(source))
    text = "\n".join(parts)
    if len(text) < n_chars // 2:
        raise CorpusError(f"the Python standard library sources were not found in {stdlib}")
    return text[:text.rfind("\n", 0, n_chars) + 1]


def load_corpus(cache_dir=None, timeout: float = 30.0, fallback: bool = True,
                urls: Optional[Sequence[str]] = None) -> Corpus:
    """Return the Molière corpus (cached, else downloaded), else the fallback; print which.

    ``urls`` defaults to the ``GUTENBERG_MIRROR`` variable's file, or to gutenberg.org; when
    the ``COURSE_OFFLINE`` variable is set (the test suite sets it), those defaults are not
    tried. With ``fallback=False`` a failure raises CorpusError instead of falling back.
    """
    cache = Path(DEFAULT_CACHE if cache_dir is None else cache_dir)
    problems, unreachable = [], set()
    for name in CACHE_NAMES:
        path = cache / name
        if path.is_file():
            try:
                return _announce(Corpus(strip_gutenberg(path.read_bytes()), "moliere",
                                        f"read from the cache, {path.as_posix()}"))
            except CorpusError as err:
                aside = set_aside(path)
                problems.append(f"the cached {path.as_posix()} failed its checks ({err}); "
                                f"it was moved to {aside.as_posix()}")
    if urls is None and os.environ.get(OFFLINE_VARIABLE, "") not in ("", "0"):
        urls = ()
        problems.append(f"downloads are switched off: {OFFLINE_VARIABLE} is set")
    for url in (mirror_urls(os.environ.get(MIRROR_VARIABLE)) if urls is None else urls):
        host = urllib.parse.urlsplit(url).netloc
        if host in unreachable:                  # offline: do not wait twice for one host
            continue
        try:
            raw = download(url, cache / CACHE_NAMES[0], timeout)
            return _announce(Corpus(strip_gutenberg(raw), "moliere", f"downloaded from {url}"))
        except CorpusError as err:
            problems.append(str(err))
            if isinstance(err, NetworkError):
                unreachable.add(host)
    if not fallback:
        raise CorpusError("Molière (#40086) is unavailable: " + "; ".join(problems) + ". " + HELP)
    return _announce(Corpus(python_stdlib_corpus(), "python-stdlib",
                            "Molière is unavailable (" + "; ".join(problems) + "). " + HELP))


def set_aside(path: Path) -> Path:
    """Rename a rejected file to ``<name>.rejected`` (or ``.rejected-2``, ...); return the new path.

    Nothing a learner saved is deleted: a file that is another edition, or a web page saved
    by mistake, stays next to the cache, under a name the loader no longer reads.
    """
    path = Path(path)
    aside, n = path.with_name(path.name + ".rejected"), 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.rejected-{n}")
    os.replace(path, aside)
    return aside


def _announce(corpus: Corpus) -> Corpus:
    """Print, once per load, which corpus is in use and why; return it unchanged."""
    title = {"moliere": "Molière, Œuvres complètes, tome 1 (Project Gutenberg #40086)",
             "python-stdlib": "the offline fallback, Python standard library source code"}
    print(f"Corpus: {title[corpus.name]}, {len(corpus.text):,} characters; {corpus.reason}")
    return corpus
