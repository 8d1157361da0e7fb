"""Companion notebooks: executed at build time, shown as pages, downloadable.

Notebooks live in ``docs/notebooks/`` as jupytext percent-format ``.py``
files, with no outputs in git, and import their page's code from
``snippets``. The build makes each one self-contained: its first cells
write the snippets modules it imports (transitively) into a folder
``snippets/`` beside it, so the download runs with numpy, matplotlib and a
kernel alone, and its links point at the published pages. On a cache miss
that notebook runs top to bottom in a fresh kernel, in an empty folder (a
raising cell stops the build, naming the notebook and the cell), and
mkdocs-jupyter's templates turn it into HTML; the page leaves out the
cells that carry the code, and shows each figure as the site's own SVGs
in the reader's palette, with the figure's alt text and size.
The cache key is the notebook's text, the code of every ``snippets``
module it imports (transitively), the versions of the libraries that run
and draw it, the language and this file: an edit elsewhere reuses it, and
nothing that runs a notebook is even imported on a warm build.

The page is then fitted to the site: JupyterLab's inlined CSS, the MathJax
loader and the clipboard script go (Material and a small stylesheet of ours
style the cells, KaTeX typesets the math), links to ``.md`` sources point at
their pages, and a button offers the ``.ipynb`` (made by jupytext).
"""

import ast
import html as html_text
import logging
import posixpath
import re
import tempfile
from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from . import cache, modules, translations

STYLESHEET = "stylesheets/notebook.css"
LIBRARIES = ("nbclient", "nbconvert", "ipykernel", "mkdocs-jupyter",
             "jupytext", "numpy", "matplotlib", "pillow")
DROP = [
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"<style[^>]*>.*?</style>", re.S),
    re.compile(r"<script\b[^>]*>.*?</script>", re.S),  # MathJax, clipboard
    re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>'
               r"\s*</div>", re.S),
    re.compile(r'<div class="clipboard-copy-txt"[^>]*>.*?</div>', re.S),
]
CELL_ID = re.compile(r'id="cell-id=[^"]*"')
# Material adds its copy button to "pre > code", and styles "headerlink"
CODE = re.compile(r'(<div class="highlight-ipynb[^"]*"><pre>)(.*?)(</pre>)',
                  re.S)
MARKDOWN_CELL = re.compile(
    r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)'
    r"(.*?)(</div>)", re.S)
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE_MATH = re.compile(r"(?<![\\$])\$([^$\n]+?)\$")
MD_LINK = re.compile(r'href="([^":#]+\.md)(#[^"]*)?"')
MARKDOWN_LINK = re.compile(r"\]\(([^():#\s]+\.md)(#[^)\s]*)?\)")
CODE_TAG = "page-code"  # cells that write the page's modules
# a figure output, as nbconvert writes it (attributes in any order)
FIGURE_OUTPUT = re.compile(r'<div class="appendix-figure"([^>]*)></div>')
ATTRIBUTE = re.compile(r'data-(module|figure)="([-\w]+)"')
HEADING = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>(.*?)</h\1>', re.S)


class NotebookFile(File):
    """A notebook source that the site builds as a page."""

    def is_documentation_page(self):
        return True


def is_notebook(file, folder):
    return file.src_uri.startswith(folder) and file.src_uri.endswith(".py")


def as_page(file, config):
    """The notebook ``file`` as a page of the site."""
    return NotebookFile(file.src_uri, file.src_dir, config.site_dir,
                        config.use_directory_urls)


def download_uri(src_uri):
    return PurePosixPath(src_uri).with_suffix(".ipynb").as_posix()


class Notebooks:
    """Runs, converts and caches the notebooks of one edition.

    A notebook arrives as a ``PageContext`` whose ``notebook_text`` is the
    notebook to build (translations.py); ``extra`` files are written into
    ``snippets/`` beside the code it imports, ``(name, text)`` pairs (the
    figures' words in another language).
    """

    def __init__(self, root, snippets, store, words):
        self.root = Path(root)
        self.words = words  # the build's words in the edition's language
        self.snippets = snippets  # modules.SnippetsModules
        self.store = store  # cache.Cache
        self.executed = []  # notebooks run in this build

    @staticmethod
    def read(text):
        import jupytext

        notebook = jupytext.reads(text, fmt="py:percent")
        for number, cell in enumerate(notebook.cells, start=1):
            cell.id = f"cell-{number}"  # not random: builds repeat exactly
        return notebook

    def _imported(self, text):
        return {name.removeprefix(f"{modules.PACKAGE}.") for name in
                modules.imported_names(text)}

    def _key(self, context, extra, *more):
        text = context.notebook_text
        return cache.digest(
            text, self.snippets.key(*sorted(self._imported(text))), extra,
            more, [(name, cache.version(name)) for name in LIBRARIES],
            Path(__file__).read_bytes())

    def _page_code(self, text):
        """``[(file name, source)]``: the package's ``__init__`` and the
        snippets modules the notebook imports, transitively."""
        names = sorted(name.removeprefix(f"{modules.PACKAGE}.") for name in
                       self.snippets.closure(sorted(self._imported(text))))
        folder = self.root / modules.PACKAGE
        return [(f"{name}.py", (folder / f"{name}.py").read_text("utf-8"))
                for name in ["__init__", *names]]

    def imported_modules(self, context):
        """The snippets modules the notebook runs, transitively."""
        return [name.removeprefix(f"{modules.PACKAGE}.") for name in
                self.snippets.closure(sorted(self._imported(
                    context.notebook_text)))]

    def self_contained(self, context, extra):
        """The notebook with the code it imports (and ``extra``) written
        by its first cells (tagged ``page-code``)."""
        import nbformat

        notebook = self.read(context.notebook_text)
        files = [*self._page_code(context.notebook_text), *extra]
        listed = ", ".join(f"`snippets/{name}`" for name, _ in files
                           if name.endswith(".py"))
        cells = [nbformat.v4.new_markdown_cell(
            self.words["carries"].format(listed=listed)),
            nbformat.v4.new_code_cell(
                "import os\n\nos.makedirs(\"snippets\", exist_ok=True)")]
        cells += [nbformat.v4.new_code_cell(
            f"%%writefile snippets/{name}\n{text}") for name, text in files]
        for cell in cells:
            cell.metadata["tags"] = [CODE_TAG]
        notebook.cells[1:1] = cells  # after the title and introduction
        for number, cell in enumerate(notebook.cells, start=1):
            cell.id = f"cell-{number}"
        return notebook

    def download(self, context, extra, absolute_url):
        """The ``.ipynb`` readers download: self-contained, without
        outputs, its links to pages made absolute by ``absolute_url``
        (a page's source path -> its published address)."""
        text = context.notebook_text
        src_dir = posixpath.dirname(context.src_uri)
        targets = sorted({posixpath.normpath(posixpath.join(src_dir, m[1]))
                          for m in MARKDOWN_LINK.finditer(text)})
        links = {target: absolute_url(target) for target in targets}
        key = cache.digest(text, self._page_code(text), extra, links,
                           self.words["carries"], cache.version("jupytext"),
                           Path(__file__).read_bytes())
        data = self.store.get(key)
        if data is None:
            import jupytext

            notebook = self.self_contained(context, extra)
            for cell in notebook.cells:
                if cell.cell_type == "markdown":
                    cell.source = MARKDOWN_LINK.sub(lambda m: "](" + links[
                        posixpath.normpath(posixpath.join(src_dir, m[1]))]
                        + (m[2] or "") + ")", cell.source)
            data = self.store.put(key, jupytext.writes(
                notebook, fmt="ipynb").encode("utf-8"))
        return data

    def page_html(self, context, extra):
        """``(html, toc tokens)`` of the executed notebook, from the cache
        when the notebook and the code it runs are unchanged."""
        key = self._key(context, extra, "page")
        cached = self.store.get(key)
        if cached is None:
            cached = self.store.put(key, self._convert(
                context, extra).encode("utf-8"))
        return cached.decode("utf-8")

    def _convert(self, context, extra):
        notebook = self.self_contained(context, extra)
        self._execute(notebook, context.path)
        self.executed.append(context.path)
        # the page shows the notebook's own cells; the code is the page's
        notebook.cells = [cell for cell in notebook.cells
                          if CODE_TAG not in cell.metadata.get("tags", [])]
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue  # only code cells have outputs
            cell["outputs"] = merge_streams(cell.get("outputs", []))
            for output in cell["outputs"]:
                # what snippets.figures.show() says of the image
                figure = output.get("metadata", {}).get(
                    "image/png", {}).get("figure")
                if figure:  # shown as the site's SVGs, on the page
                    output["data"] = {"text/html": (
                        f'<div class="appendix-figure" data-module='
                        f'"{figure["module"]}" data-figure="{figure["name"]}"'
                        "></div>")}
        import nbformat
        from mkdocs_jupyter.convert import nb2html

        converter = logging.getLogger("mkdocs.mkdocs-jupyter")
        level = converter.level  # it names our temporary file: not news
        converter.setLevel(logging.WARNING)
        with tempfile.TemporaryDirectory() as folder:
            executed = Path(folder) / "notebook.ipynb"
            executed.write_text(nbformat.writes(notebook), "utf-8")
            try:
                content = nb2html(str(executed), execute=False, theme="",
                                  no_prompt=True, allow_errors=False,
                                  highlight_extra_classes="highlight",
                                  custom_mathjax_url="")
            finally:
                converter.setLevel(level)
        return trim(content)

    def _execute(self, notebook, where):
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
        from traitlets.config import Config as KernelConfig

        with tempfile.TemporaryDirectory() as folder:
            # the kernel's sockets are files (IPC), not TCP ports open to
            # the machine; it runs in an empty folder, where the notebook
            # writes the code it imports
            kernel = KernelConfig({"KernelManager": {
                "transport": "ipc",
                "connection_file": str(Path(folder) / "kernel.json")}})
            client = NotebookClient(
                notebook, timeout=600, kernel_name="python3", config=kernel,
                allow_errors=False,
                resources={"metadata": {"path": folder}})
            # what the kernel process itself prints (its own shutdown
            # races, under load) is not the build's: kept for a failure
            said = Path(folder) / "kernel.log"
            try:
                with said.open("w") as stderr:
                    client.execute(stderr=stderr)
            except CellExecutionError as error:
                raise PluginError(f"{where}: {_failed_cell(notebook)} "
                                  f"raised: {_plain(str(error))}") from None
            except Exception as error:  # a kernel that died or timed out
                raise PluginError(f"{where}: the notebook's kernel failed: "
                                  f"{type(error).__name__}: {error}"
                                  f"{_last_lines(said)}") from error


def _last_lines(log, count=5):
    """The end of what a kernel printed, to follow a failure's message.

    >>> import pathlib, tempfile
    >>> log = pathlib.Path(tempfile.mkdtemp()) / "kernel.log"
    >>> _ = log.write_text("a\\nb\\n")
    >>> _last_lines(log, 1)
    '; the kernel printed: b'
    """
    lines = log.read_text("utf-8", "replace").strip().splitlines()
    return f"; the kernel printed: {' | '.join(lines[-count:])}" if (
        lines) else ""


def merge_streams(outputs):
    """``outputs`` with each run of printed text to one stream made one
    output: how a kernel splits what a cell prints depends on timing, and
    the page must not.

    >>> merge_streams([{"output_type": "stream", "name": "stdout",
    ...                 "text": "a\\n"},
    ...                {"output_type": "stream", "name": "stdout",
    ...                 "text": "b\\n"}])
    [{'output_type': 'stream', 'name': 'stdout', 'text': 'a\\nb\\n'}]
    """
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            previous["text"] = previous["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def labels_said(text, where):
    """The labels a notebook's code (``text``) prints through ``say``
    (snippets.words.labels), each a string as the original writes it.

    >>> sorted(labels_said('say = labels(LANGUAGE)\\n'
    ...                    'print(say("gap"), say("fit"))', "n.py"))
    ['fit', 'gap']
    """
    said = set()
    for node in ast.walk(ast.parse(text)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "say"):
            label = node.args[0] if len(node.args) == 1 else None
            if not (isinstance(label, ast.Constant)
                    and isinstance(label.value, str)):
                raise PluginError(f"{where}:{node.lineno}: say() takes a "
                                  "label written out, for the word tables")
            said.add(label.value)
    return said


def allowed_numbers(text):
    """The numbers a notebook may type: ``allowed_numbers`` under
    ``jupyter:`` in its header.

    >>> allowed_numbers("# ---\\n# jupyter:\\n#   allowed_numbers:\\n"
    ...                 "#     2(: the factor of a square, 2(x)\\n# ---\\n")
    {'2(': 'the factor of a square, 2(x)'}
    """
    meta, _ = translations.notebook_header(text)
    return dict((meta.get("jupyter") or {}).get("allowed_numbers") or {})


def _failed_cell(notebook):
    """The cell that raised, numbered as in the notebook's source (the
    cells that carry the page's code are not counted there)."""
    number = 0
    for cell in notebook.cells:
        page_code = CODE_TAG in cell.metadata.get("tags", [])
        number += not page_code
        if any(o.get("output_type") == "error" for o in cell.get("outputs",
                                                                 [])):
            return "a cell of the page's code" if page_code else (
                f"cell {number}")
    return "a cell"


def _plain(text):
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def trim(content):
    """nbconvert's page without what the site does its own way."""
    for pattern in DROP:
        content = pattern.sub("", content)
    numbers = iter(range(1, 10**6))  # nbconvert's cell ids are random
    content = CELL_ID.sub(lambda _: f'id="cell-{next(numbers)}"', content)
    content = CODE.sub(r"\1<code>\2</code>\3", content)
    return content.replace('class="anchor-link"', 'class="headerlink"')


def toc_tokens(content):
    """The page's headings, nested, as MkDocs' ``get_toc`` takes them."""
    root = {"level": 0, "children": []}
    stack = [root]
    for level, anchor, inner in HEADING.findall(content):
        name = html_text.unescape(re.sub(r"<[^>]*>", "", inner)).replace(
            "¶", "").strip()
        token = {"level": int(level), "id": anchor, "name": name,
                 "html": html_text.escape(name), "data-toc-label": "",
                 "children": []}
        while stack[-1]["level"] >= int(level):
            stack.pop()
        stack[-1]["children"].append(token)
        stack.append(token)
    return root["children"]


def fit_page(content, page, files, math_span, figure_html, download):
    """Point the notebook's links at the site, mark its math for
    typesetting (``math_span(tex, display)``), show its figures
    (``figure_html(module, name)``), add the download button (labelled
    ``download``)."""
    def mark(cell):
        cell = DISPLAY_MATH.sub(
            lambda m: math_span(html_text.unescape(m[1]), True), cell)
        return INLINE_MATH.sub(
            lambda m: math_span(html_text.unescape(m[1]), False), cell)

    content = MARKDOWN_CELL.sub(
        lambda m: m[1] + mark(m[2]) + m[3], content)

    def page_link(match):
        source = posixpath.normpath(posixpath.join(
            posixpath.dirname(page.file.src_uri), match[1]))
        target = files.get_file_from_path(source)
        if target is None:
            raise PluginError(f"docs/{page.file.src_uri}: link to "
                              f"'{match[1]}', which is not a page")
        return f'href="{target.url_relative_to(page.file)}{match[2] or ""}"'

    content = MD_LINK.sub(page_link, content)

    def figure(match):
        named = dict(ATTRIBUTE.findall(match[1]))
        return figure_html(named["module"], named["figure"])

    content = FIGURE_OUTPUT.sub(figure, content)
    ipynb = files.get_file_from_path(download_uri(page.file.src_uri))
    button = (f'<p><a class="md-button md-button--primary" '
              f'href="{ipynb.url_relative_to(page.file)}" download>'
              f"{html_text.escape(download)}</a></p>")
    return button + content
