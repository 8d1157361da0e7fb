"""Checks on the built site: what a reader receives for the E.3.1 page."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from snippets.calculus_basics_figures import FIGURES

from .conftest import ROOT

PAGE_SOURCE = ROOT / "docs" / "calculus-basics.md"
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
    assert "two-state running example" in note


def count_formulas(markdown):
    """Formulas in a page's source: $$ blocks, then $ inline spans."""
    blocks = re.findall(r"^\s*\$\$.*?\$\$", markdown, re.S | re.M)
    rest = re.sub(r"^\s*\$\$.*?\$\$", "", markdown, flags=re.S | re.M)
    return len(blocks), len(re.findall(r"(?<!\\)\$[^$]+?\$", rest))


def test_every_formula_is_typeset_with_mathml(page):
    """Assert each source formula became KaTeX HTML plus MathML."""
    captions = " ".join(spec.caption for spec in FIGURES)
    blocks, inline = count_formulas(PAGE_SOURCE.read_text("utf-8"))
    inline += count_formulas(captions)[1]
    assert len(page.select("article div.arithmatex")) == blocks
    assert len(page.select("article span.arithmatex")) == inline
    for math in page.select("article .arithmatex"):
        assert math.select_one(".katex > .katex-mathml > math"), math
        assert math.select_one(".katex > .katex-html"), math
    assert not page.select(".katex-error")


def test_no_raw_tex_left(page):
    """Assert no TeX delimiter survives outside KaTeX's annotations."""
    article = BeautifulSoup(str(page.select_one("article")), "html.parser")
    for node in article.select("annotation, pre, code"):
        node.decompose()
    text = article.get_text()
    for delimiter in (r"\(", r"\)", r"\[", r"\]", "$$", "%%"):
        assert delimiter not in text


def snippet_section(path, name):
    """The lines of a named section, as pymdownx.snippets includes them."""
    text = path.read_text("utf-8")
    body = re.search(rf"# --8<-- \[start:{name}\]\n(.*?)"
                     rf"^[ \t]*# --8<-- \[end:{name}\]", text, re.S | re.M)
    return body.group(1)


def test_code_blocks_are_the_snippets_sections(page):
    """Assert each code block shows exactly its included section."""
    includes = re.findall(r'--8<-- "([\w.]+):([\w-]+)"',
                          PAGE_SOURCE.read_text("utf-8"))
    blocks = page.select("article .highlight code")
    assert len(blocks) == len(includes) > 0
    for block, (file, section) in zip(blocks, includes):
        expected = snippet_section(ROOT / "snippets" / file, section)
        assert block.get_text() == expected, section


def test_katex_assets_come_from_the_site(site, page):
    """Assert KaTeX's CSS and the fonts it names are served locally."""
    version = json.loads((ROOT / "node_modules" / "katex" / "package.json")
                         .read_text("utf-8"))["version"]
    css = (site / "assets" / "katex" / "katex.min.css").read_text("utf-8")
    assert f"KaTeX v{version}" in css or version in css
    fonts = re.findall(r"url\((fonts/[^)]+)\)", css)
    assert fonts and all(f.endswith(".woff2") for f in fonts)
    for font in fonts:
        assert (site / "assets" / "katex" / font).is_file(), font
    links = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assert "../assets/katex/katex.min.css" in links


@pytest.mark.parametrize("name", ["index.html", "calculus-basics/index.html",
                                  "404.html"])
def test_no_request_leaves_the_site(site, name):
    """Assert pages load scripts, styles and images only from the site,
    and no math script at all."""
    html = BeautifulSoup((site / name).read_text("utf-8"), "html.parser")
    # rel=canonical names the page's published address; it loads nothing
    urls = [tag.get("src") or tag.get("href") for tag in html.select(
        "script[src], link[href]:not([rel=canonical]), img[src]")]
    assert urls
    assert not [u for u in urls if re.match(r"(\w+:)?//", u)]
    scripts = " ".join(tag["src"] for tag in html.select("script[src]"))
    assert not re.search(r"katex|mathjax", scripts, re.I)


def test_search_index_holds_readable_text(site):
    """Assert the search index has the page's TeX, not KaTeX markup."""
    index = json.loads((site / "search" / "search_index.json")
                       .read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "J'(0.2) = 1.2" in text
    assert "katex" not in text.lower()


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
        full = set(map(chr, TTFont(original).getBestCmap()))
        cut = set(map(chr, TTFont(served / original.name).getBestCmap()))
        assert full & glyphs <= cut, original.name
        assert cut <= full
        smaller += (served / original.name).stat().st_size < (
            original.stat().st_size)
    assert smaller == len(list(fonts.glob("*.woff2")))
    assert {"θ", "∇", "∂", "×", "′"} <= glyphs
