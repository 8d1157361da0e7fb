"""The companion notebook: the download runs anywhere and agrees with the
page; the notebook page shows it in the site's style."""

import json
import re
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from appendix_plugin import parity, translations
from snippets import calculus_basics as cb
from snippets.values import texts

from .conftest import ROOT
from .pages import ORIGINAL, SITE_PAGES, TABLES

SOURCE = ROOT / "docs" / "notebooks" / "calculus-basics.py"
# A kernel that cannot import this checkout's snippets: the editable
# install's finder and the checkout's folder are taken off its paths.
ISOLATE = f"""import sys
sys.meta_path[:] = [finder for finder in sys.meta_path
                    if "__editable__" not in finder.__module__]
sys.path[:] = [p for p in sys.path if p not in ({str(ROOT)!r}, "")]
from ipykernel.kernelapp import launch_new_instance
launch_new_instance()
"""


@pytest.fixture(scope="module")
def isolated_kernel(tmp_path_factory):
    """A kernel, "isolated", that has numpy and matplotlib but cannot
    import snippets (run_isolated runs it), installed while the module
    runs."""
    jupyter = tmp_path_factory.mktemp("jupyter")
    spec = jupyter / "kernels" / "isolated"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", ISOLATE, "-f", "{connection_file}"],
        "display_name": "isolated", "language": "python"}))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(jupyter))
        patch.setenv("PYTHONPATH", "")
        yield


def run_isolated(notebook, folder):
    NotebookClient(notebook, timeout=300, kernel_name="isolated",
                   resources={"metadata": {"path": str(folder)}}).execute()
    return notebook


def test_the_isolated_kernel_cannot_import_snippets(isolated_kernel,
                                                    tmp_path):
    """Assert the kernel used below really lacks this checkout's code."""
    probe = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import numpy, matplotlib"),
        nbformat.v4.new_code_cell("import snippets")])
    with pytest.raises(CellExecutionError, match="ModuleNotFoundError"):
        run_isolated(probe, tmp_path)


def run_download(site, src_uri, folder):
    """The notebook as a reader downloads it from the site, run top to
    bottom in ``folder`` by a kernel that cannot import snippets; its
    last cell says where its snippets came from."""
    ipynb = site / src_uri.replace(".py", ".ipynb")
    notebook = nbformat.reads(ipynb.read_text("utf-8"), as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(
        "import snippets\nprint('snippets from', snippets.__file__)"))
    return run_isolated(notebook, folder)


@pytest.fixture(scope="module")
def downloads(site, isolated_kernel, tmp_path_factory):
    """Each notebook, downloaded and run once for the tests below (see
    run_download): its ``src_uri`` -> the notebook run, and its folder."""
    ran = {}

    def run(src_uri):
        if src_uri not in ran:
            folder = tmp_path_factory.mktemp("reader")
            ran[src_uri] = run_download(site, src_uri, folder), folder
        return ran[src_uri]
    return run


@pytest.fixture(scope="module")
def executed(downloads):
    """The calculus notebook, downloaded and run."""
    return downloads("notebooks/calculus-basics.py")[0]


@pytest.mark.parametrize(
    "site_page", [p for p in SITE_PAGES if p.notebook], ids=str)
def test_every_download_runs_without_this_checkout(downloads, site_page):
    """Assert each notebook of every edition's nav, as downloaded, runs
    top to bottom in an empty folder with a kernel that cannot import
    snippets and uses the code it carries; that its Markdown cells are
    the page's words, its code the original's with the page's language
    set, and that it carries its figures' words in that language."""
    notebook, folder = downloads(str(site_page))
    used = re.search(r"snippets from (.*)", printed(notebook))[1]
    assert used.startswith(str(folder))
    own = [cell for cell in notebook.cells
           if "page-code" not in cell.metadata.get("tags", [])]
    def words(text):  # links point at the published pages
        return re.sub(r"\]\([^)]*\)", "](...)", text.strip())

    prose = [words(cell.source) for cell in own
             if cell.cell_type == "markdown"]
    assert prose == [words(text) for text, _ in parity.markdown_cells(
        site_page.source.read_text("utf-8"))]
    code = [cell.source for cell in own if cell.cell_type == "code"][:-1]
    original = jupytext.read(site_page.original_source)
    assert code == [translations.LANGUAGE_LINE.sub(
        f'LANGUAGE = "{site_page.language}"', cell.source)
        for cell in original.cells if cell.cell_type == "code"]
    carried = folder / "snippets" / f"words.{site_page.language}.json"
    assert carried.is_file() == (site_page.language != ORIGINAL.code)
    if carried.is_file():
        figures = json.loads(carried.read_text("utf-8"))["figures"]
        for module, specs in figures.items():
            page = next(p for p in SITE_PAGES if p.edition ==
                        site_page.edition and p.meta.get("figures") == module)
            assert specs == {spec.name: page.words(spec)
                             for spec in page.figures}


# a number as notebooks print it, in any language: 20.35, -1.1, 2.9×10⁻¹⁰
PRINTED_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?")


def label_pattern(label):
    """A label as printed, its ``{placeholders}`` filled in."""
    return re.sub(r"\\\{\w+\\\}", r"\\S+", re.escape(label))


@pytest.mark.parametrize("site_page", [
    p for p in SITE_PAGES if p.notebook and p.language != ORIGINAL.code],
    ids=str)
def test_a_translated_notebook_prints_in_its_language(downloads, site_page):
    """Assert a translated notebook, downloaded and run, prints every
    label in its language's words, where the original prints it in its
    own, and the same numbers as the original, in the same order."""
    def output(page):
        text = printed(downloads(str(page))[0])
        return text.rpartition("snippets from")[0]

    translated, original = output(site_page), output(site_page.original)
    labels = TABLES[site_page.language].notebooks[
        Path(site_page.src_uri).stem]
    assert labels
    for label, words in labels.items():
        assert re.search(label_pattern(words), translated), words
        assert re.search(label_pattern(label), original), label
    assert (PRINTED_NUMBER.findall(translated)
            == PRINTED_NUMBER.findall(original))


def printed(notebook):
    return "".join(output.get("text", "") for cell in notebook.cells
                   if cell.cell_type == "code" for output in cell.outputs
                   if output.output_type == "stream")


def test_notebook_prints_the_pages_values(executed):
    """Assert the notebook prints exactly the page's texts."""
    v = texts(cb.page_values())
    expected = [
        f"theta* = {v['theta_star']}, J max = {v['J_max']}",
        *(f"J({v[f'table_theta_{i}']}) = {v[f'table_J_{i}']}"
          for i in range(1, 5)),
        f"J'({v['start']}) = {v['dJ_start']}",
        f"J'({v['right']}) = {v['dJ_right']}",
        f"theta: {v['start']}, {v['step_1']}, {v['step_2']}",
        f"J'({v['step_1']}) = {v['dJ_step_1']}",
        f"grad J(origin) = ({v['grad_origin_1']}, {v['grad_origin_2']})",
        f"one step: ({v['update_1']}, {v['update_2']})",
        f"y = {v['chain_y']}, L = {v['chain_L']}",
        f"dL/dy = {v['dL_dy']}, dy/dtheta = {v['dy_dtheta']}, "
        f"dL/dtheta = {v['dL_dtheta']}",
        f"autodiff dL/dtheta = {v['autodiff_dL_dtheta']}",
        *(f"alpha = {v[f'demo_alpha_{i}']}: factor {v[f'demo_factor_{i}']}"
          for i in range(1, 6)),
    ]
    lines = printed(executed)
    for line in expected:
        assert line in lines
    # the code came with the notebook, not from this checkout
    used = re.search(r"snippets from (.*)", lines)[1]
    assert not used.startswith(str(ROOT)) and "__init__.py" in used


def test_notebook_shows_every_figure(executed):
    """Assert each of the page's figures is displayed as a PNG, named so
    that the site can show its own SVGs instead."""
    images = [output for cell in executed.cells if cell.cell_type == "code"
              for output in cell.outputs if "image/png" in output.get(
                  "data", {})]
    assert len(images) == 5
    assert [image.metadata["image/png"]["figure"]["name"] for image in
            images] == ["objective", "ascent", "gradient-2d", "chain-graph",
                        "learning-rates"]


def test_download_links_point_at_the_published_pages(site):
    """Assert the download's links are absolute addresses of pages."""
    notebook = json.loads((site / "notebooks" / "calculus-basics.ipynb")
                          .read_text("utf-8"))
    markdown = " ".join("".join(cell["source"]) for cell in notebook["cells"]
                        if cell["cell_type"] == "markdown")
    links = re.findall(r"\]\(([^)]+)\)", markdown)
    assert links and all(re.match(r"https?://", link) for link in links)
    assert any(link.endswith("/calculus-basics/") for link in links)


def test_notebook_source_has_no_outputs_or_typed_numbers():
    """Assert the committed notebook is text with no outputs in it."""
    text = SOURCE.read_text("utf-8")
    assert "# %%" in text and '"outputs"' not in text


@pytest.fixture(scope="module")
def notebook_page(site):
    html = (site / "notebooks" / "calculus-basics" / "index.html").read_text(
        "utf-8")
    return html, BeautifulSoup(html, "html.parser")


def test_notebook_page_has_outputs_and_typeset_math(notebook_page):
    """Assert the page shows outputs and typeset math, and no MathJax."""
    html, page = notebook_page
    article = page.select_one("article")
    assert "J'(0.2) = 1.2" in article.get_text()
    markdown = " ".join(cell.source for cell in jupytext.read(SOURCE).cells
                        if cell.cell_type == "markdown")
    formulas = len(re.findall(r"(?<!\\)\$[^$\n]+\$", markdown))
    assert formulas > 0
    assert len(article.select("math")) == formulas
    assert "mathjax" not in html.lower()
    assert not article.select("style, script")
    assert "%%writefile" not in article.get_text()  # the page's own code


def test_notebook_page_shows_the_sites_figures(site, notebook_page):
    """Assert the notebook page shows each figure as the site's SVGs, one
    per palette, with the figure's alt text and size, and no PNG."""
    _, page = notebook_page
    article = page.select_one("article")
    figures = article.select(".jp-OutputArea figure.notebook-figure")
    assert len(figures) == 5
    assert not article.select('img[src^="data:"]')
    folder = site / "notebooks" / "calculus-basics"
    for figure in figures:
        light, dark = figure.select("img")
        assert light["src"].endswith("-light.en.svg#only-light")
        assert dark["src"].endswith("-dark.en.svg#only-dark")
        for img in (light, dark):
            assert (folder / img["src"].split("#")[0]).resolve().is_file()
            assert len(img["alt"]) > 80 and "No description" not in img[
                "alt"]
            assert int(img["width"]) > 0 and int(img["height"]) > 0


def test_notebook_and_page_link_each_other(site, page, notebook_page):
    """Assert the page links the notebook and the notebook links back."""
    assert page.select('article a[href="../notebooks/calculus-basics/"]')
    _, notebook = notebook_page
    assert notebook.select('article a[href="../../calculus-basics/"]')


def test_ipynb_download_is_valid(site, notebook_page):
    """Assert the download button serves a valid nbformat notebook."""
    _, page = notebook_page
    button = page.select_one("article a.md-button[download]")
    assert button["href"] == "../calculus-basics.ipynb"
    ipynb = site / "notebooks" / "calculus-basics.ipynb"
    notebook = nbformat.reads(ipynb.read_text("utf-8"), as_version=4)
    nbformat.validate(notebook)
    assert json.loads(ipynb.read_text("utf-8"))["metadata"]["kernelspec"]
    assert not any(cell.get("outputs") for cell in notebook.cells)
