"""A dirty build (``mkdocs serve --dirty``, ``mkdocs build --dirty``)
rewrites only the pages whose inputs changed, and keeps the site whole.

MkDocs alone rewrites a page whose Markdown file is newer than its HTML.
A page here is made of more than its file: a translation's words, its
values and figures from ``snippets``, the code it includes, the edition's
word table, the config. So a dirty build writes, into the site it builds,
a record (``RECORD``) of a digest of each page's inputs; the next dirty
build removes the output of every page whose digest is not the recorded
one, and MkDocs rewrites exactly those. A site without a record (a clean
build's) is rewritten whole.

What a clean build makes from every page is made the same: the search
index keeps the entries of the pages kept and takes those of the pages
rewritten (a page carries its own math font). A clean build writes no
record.
"""

import functools
import json
import logging
import re
from pathlib import Path

from . import cache

RECORD = ".dirty-build.json"
INDEX = "search/search_index.json"
# what of the config, as read (``!ENV`` resolved), every page shows
CONFIG_KEYS = ("site_url", "site_name", "repo_url", "repo_name", "edit_uri",
               "copyright", "extra")
# the libraries every page is made with, besides the framework
LIBRARIES = ("mkdocs-material", "pymdown-extensions", "markdown",
             "pygments")
HEADING = re.compile(r"^#{1,6}[ \t].*$", re.M)


def headings(markdown):
    r"""The heading lines of a page's Markdown (others link to them).

    >>> headings("# Title\n\ntext\n\n## Part\n")
    ['# Title', '## Part']
    """
    return HEADING.findall(markdown)


class Record:
    """What the last dirty build of the site in ``site_dir`` was made of,
    taken out of the site: a build that fails, or a clean one (which
    keeps a site's hidden files), leaves none, and the next dirty build
    then rewrites every page."""

    def __init__(self, site_dir):
        self.path = Path(site_dir) / RECORD
        try:
            saved = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            saved = {}
        self.path.unlink(missing_ok=True)
        self.inputs = saved.get("inputs", {})  # src_uri -> digest

    def keep(self, outputs, inputs):
        """Remove the output of each page whose inputs changed; the
        src_uris of the pages kept. ``outputs``: src_uri -> the page's
        HTML file; ``inputs``: src_uri -> the digest of its inputs."""
        kept = []
        for src_uri, output in outputs.items():
            output = Path(output)
            if self.inputs.get(src_uri) == inputs[src_uri] and (
                    output.is_file()):
                kept.append(src_uri)
            else:
                output.unlink(missing_ok=True)
        return kept

    def save(self, inputs):
        """Record this build's pages: their inputs."""
        cache.write_atomic(self.path, json.dumps(
            {"inputs": inputs}, sort_keys=True).encode("utf-8"))


@functools.cache
def plugin_code():
    """A digest of this plugin's files (read once: a running build does
    not load them again)."""
    return cache.digest(*(
        (path.name, path.read_bytes()) for path in sorted(
            Path(__file__).parent.iterdir()) if path.suffix in (".py", ".js")))


def page_inputs(site, page, code, root):
    """The digest of what ``page`` (a PageContext) is made of: the
    ``site``'s digest (config, word table, plugin), the page's words and
    front matter, and the bytes of its ``code`` files (below ``root``)."""
    return cache.digest(site, repr(page), [
        (path.relative_to(root).as_posix(), path.read_bytes())
        for path in code if path.is_file()])


class Outputs:
    """A dirty build's pages: what their ``inputs`` are now (src_uri ->
    digest), which were kept (the others' HTML is removed from
    ``site_dir`` by the ``record``), each page's URL in the site's order,
    and the search index's entries before this build."""

    def __init__(self, record, inputs, files, site_dir):
        self.record = record
        self.inputs = inputs
        pages = [file for file in files.documentation_pages()
                 if file.src_uri in inputs]
        self.kept = record.keep({file.src_uri: file.abs_dest_path
                                 for file in pages}, inputs)
        self.urls = {file.src_uri: page_url(file) for file in pages}
        self.index = previous_index(site_dir)

    def save(self, site_dir, written, search, warned):
        """Complete the ``search`` index with the pages kept (if the site
        has a search), and record this build's inputs, unless it
        ``warned``; ``written``: the pages this build wrote."""
        if search:
            merge_index(site_dir, self.index, {
                self.urls[src_uri] for src_uri in written
                if src_uri in self.urls}, list(self.urls.values()))
        if warned:
            return
        self.record.save(self.inputs)


def previous_index(site_dir):
    """The entries of the search index a build left in ``site_dir``."""
    try:
        return json.loads((Path(site_dir) / INDEX).read_text("utf-8"))[
            "docs"]
    except (OSError, ValueError, KeyError):
        return []


def page_url(file):
    """The URL of ``file``'s page, as the search index writes it (a
    page's ``url``: the home page's is empty)."""
    return "" if file.url in (".", "./") else file.url


def page_of(location):
    """The page a search entry belongs to.

    >>> page_of("calculus-basics/#the-chain-rule"), page_of("#intro")
    ('calculus-basics/', '')
    """
    return location.partition("#")[0]


def merge_index(site_dir, previous, rewritten, order):
    """Put into the search index in ``site_dir`` (as the theme wrote it)
    the ``previous`` entries of the pages not ``rewritten`` (URLs), every
    page's entries in the site's ``order`` of page URLs.

    The theme puts the entries of the pages it indexed in this build after
    any it carried over, so a rewritten page's entries are the last run
    of entries with its URL.
    """
    path = Path(site_dir) / INDEX
    index = json.loads(path.read_text("utf-8"))
    index["docs"] = merge_entries(previous, index["docs"], rewritten, order)
    path.write_text(json.dumps(index, separators=(",", ":"), default=str),
                    "utf-8")


def merge_entries(previous, written, rewritten, order):
    """The entries of the index as a clean build writes them (see
    ``merge_index``).

    >>> merge_entries([{"location": "a/"}, {"location": "b/", "v": 1}],
    ...               [{"location": "b/", "v": 2}, {"location": "b/#x"}],
    ...               {"b/"}, ["b/", "a/"])
    [{'location': 'b/', 'v': 2}, {'location': 'b/#x'}, {'location': 'a/'}]
    """
    pages = {url: [] for url in order}
    for entry in previous:
        if page_of(entry["location"]) not in rewritten:
            pages.get(page_of(entry["location"]), []).append(entry)
    last = {}  # url -> the entries of its last run
    run_url = None
    for entry in written:
        url = page_of(entry["location"])
        if url != run_url:
            last[url], run_url = [], url
        last[url].append(entry)
    for url in rewritten:
        if url in pages:
            pages[url] = last.get(url, [])
    return [entry for url in order for entry in pages[url]]


class Warnings(logging.Handler):
    """Counts the warnings a build logs: a dirty build that logged one
    keeps no record (strict mode stops the build after the record would
    be written, and the next dirty build would keep the page that warned
    and say nothing)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


class QuietDirtyWarning(logging.Filter):
    """MkDocs warns at every dirty build that its navigation and links
    may be wrong; here they are not (the record rewrites every page they
    changed), and strict mode would stop the build on the warning."""

    def filter(self, record):
        return "'dirty' build" not in record.getMessage()


QUIET = QuietDirtyWarning()
