"""Companion notebooks: executed by mkdocs-jupyter, fitted to this site.

Notebooks live in ``docs/notebooks/`` as jupytext percent-format ``.py``
files, with no outputs in git; mkdocs-jupyter executes them at build time
and stops the build if a cell raises. This hook does the rest:

- keys mkdocs-jupyter's cache on the snippets package too (its own key is
  the notebook's bytes only): the cache folder is named after a digest of
  ``snippets/``, so changed code re-executes the notebook and unchanged
  code reuses it;
- lets the kernel import this project's ``snippets`` (PYTHONPATH);
- lints the Markdown cells for typed numbers, like every page;
- serves an ``.ipynb`` (made by jupytext, no outputs) to download;
- on the page: drops the inlined JupyterLab CSS (Material and a small
  stylesheet of ours style the cells), the MathJax loader and the
  clipboard script with its hidden copies of the code (Material's own copy
  button takes over); marks math for the KaTeX hook; points links to
  ``.md`` sources at their pages; adds the download button.
"""

import os
import re
import shutil
from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

PLUGIN = "mkdocs-jupyter"
FOLDER = "notebooks/"
STYLESHEET = "stylesheets/notebook.css"

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


def _root(config):
    return Path(config.config_file_path).parent.resolve()


def _is_notebook(file):
    return file.src_uri.startswith(FOLDER) and file.src_uri.endswith(".py")


def on_config(config):
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return
    from snippets import source_digest

    root = _root(config)
    cache = root / ".cache" / "notebooks"
    plugin.config["cache_dir"] = str(cache / source_digest()[:16])
    paths = [str(root)] + [p for p in os.environ.get(
        "PYTHONPATH", "").split(os.pathsep) if p and p != str(root)]
    os.environ["PYTHONPATH"] = os.pathsep.join(paths)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)


def on_files(files, config):
    import jupytext

    from snippets.register import typed_numbers

    for file in [f for f in files if _is_notebook(f)]:
        notebook = jupytext.read(file.abs_src_path)
        for number, cell in enumerate(notebook.cells, start=1):
            typed = typed_numbers(cell.source) if (
                cell.cell_type == "markdown") else []
            if typed:
                raise PluginError(
                    f"docs/{file.src_uri}: markdown cell {number}: the "
                    f"number {typed[0][1]} is typed into the notebook; let "
                    "a code cell compute and print it")
        for number, cell in enumerate(notebook.cells, start=1):
            cell.id = f"cell-{number}"  # not random: builds repeat exactly
        ipynb = PurePosixPath(file.src_uri).with_suffix(".ipynb").as_posix()
        files.append(File.generated(
            config, ipynb, content=jupytext.writes(notebook, fmt="ipynb")))
    return files


def _typeset_marks(cell_html):
    """Wrap $...$ and $$...$$ as the KaTeX hook expects (arithmatex's
    generic form); nbconvert leaves them as plain text."""
    cell_html = DISPLAY_MATH.sub(
        lambda m: f'<span class="arithmatex">\\[{m.group(1)}\\]</span>',
        cell_html)
    return INLINE_MATH.sub(
        lambda m: f'<span class="arithmatex">\\({m.group(1)}\\)</span>',
        cell_html)


def on_page_content(html, page, config, files):
    if not _is_notebook(page.file):
        return html
    for pattern in DROP:
        html = pattern.sub("", html)
    # nbconvert's cell ids are random; number the cells instead
    numbers = iter(range(1, 10**6))
    html = CELL_ID.sub(lambda _: f'id="cell-{next(numbers)}"', html)
    html = CODE.sub(r"\1<code>\2</code>\3", html)
    html = html.replace('class="anchor-link"', 'class="headerlink"')
    html = MARKDOWN_CELL.sub(
        lambda m: m.group(1) + _typeset_marks(m.group(2)) + m.group(3), html)

    def page_link(match):
        source = os.path.normpath(os.path.join(
            os.path.dirname(page.file.src_uri), match.group(1)))
        target = files.get_file_from_path(source)
        if target is None:
            raise PluginError(f"docs/{page.file.src_uri}: link to "
                              f"'{match.group(1)}', which is not a page")
        return f'href="{target.url_relative_to(page.file)}' \
               f'{match.group(2) or ""}"'

    html = MD_LINK.sub(page_link, html)
    ipynb = PurePosixPath(page.file.src_uri).with_suffix(".ipynb")
    href = files.get_file_from_path(str(ipynb)).url_relative_to(page.file)
    button = (f'<p><a class="md-button md-button--primary" href="{href}" '
              'download>'
              "Download this notebook (.ipynb)</a></p>")
    return button + html


def on_post_build(config):
    """Drop cached notebooks keyed on snippets code that is gone."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return
    current = Path(plugin.config["cache_dir"])
    for folder in current.parent.glob("*"):
        if folder.is_dir() and folder != current:
            shutil.rmtree(folder)
