"""The companion notebook: it runs, agrees with the page, and is served."""

import json
import re

import jupytext
import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient

from snippets import calculus_basics as cb
from snippets.values import texts

from .conftest import ROOT

SOURCE = ROOT / "docs" / "notebooks" / "calculus-basics.py"


@pytest.fixture(scope="module")
def executed():
    """The notebook run top to bottom by a fresh kernel."""
    notebook = jupytext.read(SOURCE)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return notebook


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


def test_notebook_shows_every_figure(executed):
    """Assert each of the page's figures is displayed as a PNG."""
    images = [output for cell in executed.cells if cell.cell_type == "code"
              for output in cell.outputs if "image/png" in output.get(
                  "data", {})]
    assert len(images) == 5


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
    """Assert the page shows outputs and KaTeX math, and no MathJax."""
    html, page = notebook_page
    article = page.select_one("article")
    assert "J'(0.2) = 1.2" in article.get_text()
    markdown = " ".join(cell.source for cell in jupytext.read(SOURCE).cells
                        if cell.cell_type == "markdown")
    formulas = len(re.findall(r"(?<!\\)\$[^$\n]+\$", markdown))
    assert formulas > 0
    assert len(article.select(".arithmatex .katex .katex-mathml math")) == (
        formulas)
    assert "mathjax" not in html.lower()
    assert not article.select("style, script")
    assert len(article.select(".jp-OutputArea img")) == 5


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
