"""A translation holds words only; the build takes the rest from its original.

A translated page (``docs/<code>/<page>.md``) is the original's page in
other words: its Markdown body, and front matter that may name only its
``title`` and ``translated_from``, the digest of the original it was
translated from. Values, figures, assets and allowed numbers are the
original's. A translated notebook (``docs/<code>/notebooks/<nb>.py``)
holds only the Markdown cells, in the original's order; the build puts
the original's code cells between them and sets the notebook's
``LANGUAGE``; its digest is of the original's Markdown cells alone, so
that a change to the code needs no new translation.

A page of an edition is therefore in one of four states:

- ``translated``: its words from the translation, which was made from the
  original as it is now;
- ``outdated``: the same, but the original has changed since: the page
  says so and links the original, and the build's log lists it;
- ``untranslated``: no translation yet; the original is served, with a
  notice in the edition's language;
- ``original``: a page of the original edition.

Numbers are never typed into either file, so none of these shows a wrong
one; a translation whose structure differs from its original's stops the
build (parity.py), or, if the plugin's ``out_of_step`` is ``original``,
is served as an untranslated page and listed in the log.
"""

import hashlib
import html
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from . import context, modules

# what a translation's front matter may say: nothing of the original's
OWN_META = ("title", "translated_from")
CELL = re.compile(r"^# %%.*$", re.M)
MARKDOWN_CELL = re.compile(r"^# %% \[markdown\]")
NOTEBOOK_HEADER = re.compile(r"\A# ---\n(.*?)^# ---\n", re.M | re.S)
LANGUAGE_LINE = re.compile(r'^LANGUAGE = "[^"]*"', re.M)


def digest(data):
    """The short digest a translation records of its original's bytes.

    >>> digest(b"# Title\\n")
    'e01b17ff9af7'
    """
    return hashlib.sha256(data).hexdigest()[:12]


def words_digest(path):
    """The digest a translation records of its original at ``path``: of
    the whole page, or of a notebook's words alone (a change to its code
    needs no new translation)."""
    data = path.read_bytes()
    if path.suffix == ".py":
        data = notebook_words(data.decode("utf-8")).encode("utf-8")
    return digest(data)


def notebook_words(source):
    """A percent-format notebook's Markdown cells: what its translation
    says in its own words.

    >>> notebook_words("# %% [markdown]\\n# A\\n\\n# %%\\nx = 1\\n")
    '# %% [markdown]\\n# A\\n\\n'
    """
    return "".join(block for kind, _, block in notebook_cells(source)
                   if kind == "markdown")


@dataclass(frozen=True)
class Translation:
    """The words of one translated page or notebook."""

    where: str  # the file, from the project root
    body: str  # its Markdown (a notebook's: the whole file)
    body_line: int  # the file's line where ``body`` starts
    title: str | None
    translated_from: str | None

    def outdated(self, original_digest):
        return self.translated_from != original_digest


def notebook_header(source):
    """``(meta, the line the cells start at)`` of a percent-format
    notebook: its ``# ---`` header as YAML, if it has one.

    >>> notebook_header("# ---\\n# jupyter:\\n#   x: 1\\n# ---\\n\\n# %%\\n")
    ({'jupyter': {'x': 1}}, 5)
    """
    header = NOTEBOOK_HEADER.match(source)
    if not header:
        return {}, 1
    meta = yaml.safe_load(re.sub(r"(?m)^# ?", "", header[1])) or {}
    return meta, source.count("\n", 0, header.end()) + 1


def read_page(path, root):
    """The translation at ``path``; its front matter must hold only its
    own title and the digest it was translated from."""
    where = Path(path).resolve().relative_to(root).as_posix()
    body, meta = context.split_page(Path(path).read_text("utf-8"), where)
    _check_meta(meta, where, OWN_META)
    return Translation(where, body.body, body.body_line, meta.get("title"),
                       _recorded(meta, where))


def read_notebook(path, root):
    """The translated notebook at ``path``: a header (``# ---`` lines)
    that may record ``translated_from``, then Markdown cells only."""
    where = Path(path).resolve().relative_to(root).as_posix()
    source = Path(path).read_text("utf-8")
    meta, body_line = notebook_header(source)
    _check_meta(meta, where, ("translated_from",))  # its title is a cell
    body = "\n".join(source.split("\n")[body_line - 1:])
    for match in CELL.finditer(body):
        if not MARKDOWN_CELL.match(match[0]):
            line = body_line + body.count("\n", 0, match.start())
            raise PluginError(
                f"{where}:{line}: a translated notebook holds only "
                "Markdown cells ('# %% [markdown]'); its code is the "
                "original's")
    return Translation(where, body, body_line, None, _recorded(meta, where))


def _check_meta(meta, where, own):
    extra = [key for key in meta if key not in own]
    if extra:
        raise PluginError(
            f"{where}: front matter {', '.join(extra)}: a translation "
            f"holds only words; it may name its {' and '.join(own)}, "
            "and takes everything else from its original")


def _recorded(meta, where):
    recorded = meta.get("translated_from")
    if recorded is not None and not re.fullmatch(r"[0-9a-f]{12}",
                                                 str(recorded)):
        raise PluginError(f"{where}: translated_from: '{recorded}' is not "
                          "the twelve-digit digest the build prints")
    return None if recorded is None else str(recorded)


def notebook_cells(source, first_line=1):
    """``[(kind, line, block)]``: each cell of a percent-format notebook
    with the line its marker is on and its text, marker included.

    >>> [(k, n) for k, n, _ in notebook_cells(
    ...     "# %% [markdown]\\n# A\\n\\n# %%\\nx = 1\\n")]
    [('markdown', 1), ('code', 4)]
    """
    cells = []
    starts = [match.start() for match in CELL.finditer(source)]
    for start, end in zip(starts, [*starts[1:], len(source)]):
        block = source[start:end]
        kind = "markdown" if MARKDOWN_CELL.match(block) else "code"
        cells.append((kind, first_line + source.count("\n", 0, start),
                      block))
    return cells


def merge_notebook(original, translation, original_where, language):
    """The notebook to build: ``original``'s header and code cells (its
    ``LANGUAGE`` set to ``language``), with the Markdown cells of
    ``translation`` (a ``context.Source``: its path, body and first line;
    None for the original's own).
    """
    first = CELL.search(original)
    head = original[:first.start()] if first else original
    cells = notebook_cells(original[len(head):])
    words = ([block for kind, _, block in notebook_cells(
        translation.body, translation.body_line) if kind == "markdown"]
        if translation else None)
    wanted = sum(kind == "markdown" for kind, _, _ in cells)
    if words is not None and len(words) != wanted:
        found = notebook_cells(translation.body, translation.body_line)
        line = (found[wanted][1] if len(found) > wanted else
                translation.body_line + translation.body.count("\n"))
        raise PluginError(
            f"{translation.path}:{line} is out of step with its original "
            f"{original_where}: it has {len(words)} Markdown cells, the "
            f"original {wanted}")
    if (words is not None and not LANGUAGE_LINE.search(original)
            and f"{modules.PACKAGE}.figures" in modules.imported_names(
                original)):
        raise PluginError(
            f"{original_where}: a notebook that draws figures names their "
            f'language in a line LANGUAGE = "...", which each edition\'s '
            "build sets")
    parts, taken = [head], iter(words or [])
    for kind, _, block in cells:
        if kind == "markdown":
            parts.append(_ends_blank(next(taken)) if words is not None
                         else block)
        else:
            parts.append(LANGUAGE_LINE.sub(f'LANGUAGE = "{language}"',
                                           block))
    return "".join(parts)


def _ends_blank(block):
    """A cell block followed by one empty line, as jupytext writes it."""
    return block.rstrip("\n") + "\n\n"


class Edition:
    """Reads the pages of one edition: each page's words from its
    translation where there is one, everything else from the original.

    ``check(original, translation, notebook, meta)`` stops the build where a
    translation's structure is not its original's (parity.py, with the
    values' own checks first); with ``fallback`` such a page is served as
    if untranslated instead.
    """

    def __init__(self, root, docs_dir, language, original_language,
                 check, fallback=False):
        self.root = root
        self.docs_dir = docs_dir
        self.language = language  # languages.Language of the edition
        self.original_language = original_language
        self.check = check
        self.fallback = fallback
        self.states = {}  # src_uri -> (status, the words' file, detail)

    def _where(self, path):
        return path.resolve().relative_to(self.root).as_posix()

    def _translation_path(self, src_uri):
        if self.language.original:
            return None
        path = self.docs_dir / self.language.folder / src_uri
        return path if path.is_file() else None

    def page(self, file):
        """The ``PageContext`` of a Markdown page."""
        original_path = self.docs_dir / file.src_uri
        data = original_path.read_bytes()
        original, meta = context.split_page(data.decode("utf-8"),
                                            self._where(original_path))
        found = self._translation_path(file.src_uri)
        if found is None:
            return self._untranslated(file.src_uri, original, meta)
        translation = read_page(found, self.root)
        words = context.Source(translation.where, translation.body,
                               translation.body_line)
        if translation.title:
            meta = {**meta, "title": translation.title}
        return self._translated(file.src_uri, words, meta, original,
                                translation, digest(data))

    def notebook(self, file):
        """The ``PageContext`` of a notebook: its words' file as its
        source, and the notebook to build (the original's code, the
        translation's Markdown cells) as its ``notebook_text``."""
        original_path = self.docs_dir / file.src_uri
        data = original_path.read_bytes()
        original = context.Source(self._where(original_path),
                                  data.decode("utf-8"))
        found = self._translation_path(file.src_uri)
        if found is None:
            return self._untranslated(file.src_uri, original, {},
                                      notebook=True)
        translation = read_notebook(found, self.root)
        words = context.Source(translation.where, translation.body,
                               translation.body_line)
        return self._translated(file.src_uri, words, {}, original,
                                translation, words_digest(original_path),
                                notebook=True)

    def checked(self, page):
        """``page``, if its translation has its original's structure;
        else the build stops, or with ``fallback`` the original is served
        in its place."""
        if not page.translated:
            return page
        try:
            self.check(page.original, page.source, page.notebook,
                       page.meta)
        except PluginError as error:
            if not self.fallback:
                raise
            self.states[page.src_uri] = (context.OUT_OF_STEP, page.path,
                                         str(error).split("\n", 1)[0])
            meta = {key: value for key, value in page.meta.items()
                    if key != "title"}
            return self._untranslated(page.src_uri, page.original, meta,
                                      context.OUT_OF_STEP, page.notebook)
        if page.notebook:
            return replace(page, notebook_text=merge_notebook(
                page.original.body, page.source, page.original.path,
                self.language.code))
        return page

    def _untranslated(self, src_uri, original, meta, status=None,
                      notebook=False):
        if status is None:
            status = (context.ORIGINAL if self.language.original
                      else context.UNTRANSLATED)
        if status == context.UNTRANSLATED:
            self.states[src_uri] = (status, original.path, "")
        text = merge_notebook(original.body, None, original.path,
                              self.original_language) if notebook else ""
        return context.PageContext(src_uri, original, meta,
                                   self.original_language, notebook, status,
                                   None, text)

    def _translated(self, src_uri, words, meta, original, translation,
                    original_digest, notebook=False):
        status = context.TRANSLATED
        if translation.outdated(original_digest):
            status = context.OUTDATED
            self.states[src_uri] = (status, translation.where, (
                f"translated from {translation.translated_from}, "
                if translation.translated_from else
                "no translated_from recorded; ")
                + f"the original {original.path} is now {original_digest}")
        # a notebook is merged once its structure is checked (checked())
        return context.PageContext(src_uri, words, meta, self.language.code,
                                   notebook, status, original)

    def check_orphans(self, pages, notebook_folder):
        """Stop at a translated page or notebook whose original is not a
        page of the site (``pages``: the originals' source paths)."""
        if self.language.original:
            return
        folder = self.docs_dir / self.language.folder
        for path in sorted(folder.rglob("*")):
            src_uri = path.relative_to(folder).as_posix()
            page = path.suffix == ".md" or (
                path.suffix == ".py" and src_uri.startswith(notebook_folder))
            if page and src_uri not in pages:
                raise PluginError(
                    f"{self._where(path)}: a translation of "
                    f"docs/{src_uri}, which is not a page of the site")

    def report(self):
        """Lines for the build's log: the pages not shown as translated
        from their original as it is now, by file."""
        by_status = {}
        for src_uri, (status, path, detail) in sorted(self.states.items()):
            by_status.setdefault(status, []).append(
                f"{path} ({detail})" if detail else path)
        return [f"{self.language.code}: {status}: {', '.join(paths)}"
                for status, paths in by_status.items()]


def page_source(page):
    """The Markdown MkDocs reads for a page: the original's front matter
    (with a translation's own title) and the page's words."""
    if not page.meta:
        return page.source.body
    front = yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n{page.source.body}"


def notice(page, words, original_url, original_language):
    """What a reader of an edition is told about a page's words, in the
    edition's ``words`` (the build's): nothing for a page translated from
    its original as it is now."""
    if page.status in (context.UNTRANSLATED, context.OUT_OF_STEP):
        text = html.escape(words["untranslated"])
    elif page.status == context.OUTDATED:
        link = (f'<a href="{html.escape(original_url)}" '
                f'hreflang="{original_language}">'
                f'{html.escape(words["original"])}</a>')
        text = html.escape(words["outdated"]).replace("{original}", link)
    else:
        return ""
    return (f'<div class="admonition info translation-notice">'
            f"<p>{text}</p></div>")
