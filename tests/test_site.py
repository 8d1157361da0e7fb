"""The E.3.1 page as built: the course's sections, worked examples, tables
and callouts (the checks every page gets are in test_pages.py)."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT
SECTIONS = [
    "Functions, Objectives, and Rates of Change",
    "Derivatives Through a One-Dimensional Function",
    "Gradient Ascent and Gradient Descent",
    "From Derivatives to Gradients: What If There Is More Than One "
    "Parameter?",
    "The Chain Rule: How Signals Pass Between Layers",
    "Partial Derivatives: Move One Knob and Hold the Others Fixed",
    "Learning Rate: How Far Each Step Goes",
    "From Mathematical Formulas to Backpropagation in Code",
    "Summary",
]


def tex_of(element):
    """The TeX of every formula in ``element``, spaces removed."""
    return [re.sub(r"\s+", "", a.get_text()) for a in
            element.select('annotation[encoding="application/x-tex"]')]


def heading_text(heading):
    return heading.get_text().replace("¶", "").strip()


def test_title_and_sections_in_order(page):
    """Assert the page title and the course's sections, in their order."""
    assert heading_text(page.select_one("article h1")) == (
        "E.3.1 Calculus Basics: Derivatives, Gradients, and the Chain Rule")
    assert [heading_text(h) for h in page.select("article h2")] == SECTIONS


@pytest.mark.parametrize("tex", [
    r"J(\theta)=-(\theta-0.8)^2+1.",
    r"J'(\theta)=-2(\theta-0.8).",
    r"J'(0.2)=1.2.",
    r"J'(1.0)=-0.4.",
    r"\theta\leftarrow0.2+0.1\times1.2=0.32.",
    r"J'(0.32)=-2(0.32-0.8)=0.96,",
    r"\theta\leftarrow0.32+0.1\times0.96=0.416.",
    r"J(\theta_1,\theta_2)=-(\theta_1-1)^2-(\theta_2-2)^2+5.",
    r"\nablaJ(0,0)=\begin{bmatrix}2\\4\end{bmatrix}.",
    r"=\begin{bmatrix}0.2\\0.4\end{bmatrix}.",
    r"y=3\theta,\qquadL=(y-6)^2.",
    r"L=(3-6)^2=9.",
    r"\frac{dL}{d\theta}=2(3-6)\times3=-18.",
    r"\frac{dL}{dy}=-6",
    r"10^{-3}",
    r"3\times10^{-4}",
])
def test_worked_example_numbers_are_printed(page, tex):
    """Assert each worked example of the course appears as a formula."""
    formulas = tex_of(page.select_one("article"))
    assert any(tex in formula for formula in formulas), tex


def test_value_table(page):
    """Assert the value table shows theta and J(theta) as the course does."""
    table = page.select_one("article table")
    rows = [tex_of(row) for row in table.select("tbody tr")]
    assert rows == [["0.2", "0.64"], ["0.5", "0.91"], ["0.8", "1.00"],
                    ["1.0", "0.96"]]


def test_summary_table(page):
    """Assert the summary lists the five concepts with two roles each."""
    table = page.select("article table")[-1]
    rows = [[cell.get_text() for cell in row.select("td")]
            for row in table.select("tbody tr")]
    assert [row[0] for row in rows] == [
        "Derivative", "Gradient", "Chain rule", "Partial derivative",
        "Learning rate"]
    assert all(len(row) == 3 and all(row) for row in rows)


def test_callouts(page):
    """Assert the prerequisite note and the pitfall are admonitions."""
    titles = {a.select_one(".admonition-title").get_text(): a["class"]
              for a in page.select("article .admonition")}
    assert "warning" in titles["Common Pitfall"]
    assert "info" in titles["Before you start"]
    note = page.select_one("article .admonition.info").get_text()
    assert "E.1.1 Vectors and Matrices" in note
    assert "two-state running example" in " ".join(note.split())


def katex_stylesheet(site, page):
    """The KaTeX stylesheet the page links, as a path in the site."""
    links = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    hrefs = [href for href in links if "/katex/" in href]
    assert len(hrefs) == 1
    return site / hrefs[0].removeprefix("../")


def test_katex_assets_come_from_the_site(site, page):
    """Assert KaTeX's CSS and the fonts it names are served locally, each
    file named by a digest of its bytes."""
    from appendix_plugin.cache import digest

    version = json.loads((ROOT / "node_modules" / "katex" / "package.json")
                         .read_text("utf-8"))["version"]
    stylesheet = katex_stylesheet(site, page)
    css = stylesheet.read_bytes()
    assert version in css.decode()
    assert stylesheet.name == f"katex.{digest(css)[:10]}.min.css"
    fonts = re.findall(r"url\((fonts/[^)]+)\)", css.decode())
    assert fonts and all(f.endswith(".woff2") for f in fonts)
    for font in fonts:
        served = stylesheet.parent / font
        assert served.name.split(".")[1] == digest(served.read_bytes())[:10]


def test_search_index_holds_readable_text(site):
    """Assert the search index has what formulas say, in words a reader
    reads and searches (each symbol a word), neither their TeX nor KaTeX
    markup."""
    index = json.loads((site / "search" / "search_index.json")
                       .read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "J ′ ( 0.2 ) = 1.2" in text
    assert "θ ← 0.2 + 0.1 × 1.2 = 0.32" in text
    assert "katex" not in text.lower()
    assert not re.search(r"\\[(\[)]|\\frac|\\theta", text)


def test_landing_page_links_to_the_page(site):
    """Assert the landing page says what the site is and links the page."""
    html = BeautifulSoup((site / "index.html").read_text("utf-8"),
                         "html.parser")
    article = html.select_one("article")
    assert "Appendix E" in article.get_text()
    assert article.select('a[href="calculus-basics/"]')


def test_katex_fonts_are_cut_to_the_glyphs_in_use(site):
    """Assert each served font keeps exactly the used glyphs it had."""
    from fontTools.ttLib import TTFont

    glyphs = set()
    for page in site.rglob("*.html"):
        html = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for shown in html.select(".katex-html"):
            glyphs |= set(shown.get_text())
    fonts = ROOT / "node_modules" / "katex" / "dist" / "fonts"
    served = site / "assets" / "katex" / "fonts"
    smaller = 0
    for original in sorted(fonts.glob("*.woff2")):
        [subset] = served.glob(f"{original.stem}.*.woff2")
        full = set(map(chr, TTFont(original).getBestCmap()))
        cut = set(map(chr, TTFont(subset).getBestCmap()))
        assert full & glyphs <= cut, original.name
        assert cut <= full
        smaller += subset.stat().st_size < original.stat().st_size
    assert smaller == len(list(fonts.glob("*.woff2")))
    assert {"θ", "∇", "∂", "×", "′"} <= glyphs
