"""The E.3.1 page as built: the course's sections, worked examples, tables
and callouts (the checks every page gets are in test_pages.py)."""

import io
import json
import re
import unicodedata

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT
from .pages import LANGUAGES, TABLES, math_font, math_stylesheet, said_by
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


def heading_text(heading):
    return heading.get_text().replace("¶", "").strip()


def test_title_and_sections_in_order(page):
    """Assert the page title and the course's sections, in their order."""
    assert heading_text(page.select_one("article h1")) == (
        "E.3.1 Calculus Basics: Derivatives, Gradients, and the Chain Rule")
    assert [heading_text(h) for h in page.select("article h2")] == SECTIONS


@pytest.mark.parametrize("said", [
    "J(θ)=−(θ−0.8)2+1.",
    "J′(θ)=−2(θ−0.8).",
    "J′(0.2)=1.2.",
    "J′(1.0)=−0.4.",
    "θ←0.2+0.1×1.2=0.32.",
    "J′(0.32)=−2(0.32−0.8)=0.96,",
    "θ←0.32+0.1×0.96=0.416.",
    "J(θ1,θ2)=−(θ1−1)2−(θ2−2)2+5.",
    "∇J(0,0)=[24].",
    "=[0.20.4].",
    "y=3θ,L=(y−6)2.",
    "L=(3−6)2=9.",
    "dLdθ=2(3−6)×3=−18.",
    "dLdy=−6",
    "10−3",
    "3×10−4",
])
def test_worked_example_numbers_are_printed(page, said):
    """Assert each worked example of the course appears as a formula."""
    formulas = said_by(page.select_one("article"))
    assert any(said in formula for formula in formulas), said


def test_value_table(page):
    """Assert the value table shows theta and J(theta) as the course does."""
    table = page.select_one("article table")
    rows = [said_by(row) for row in table.select("tbody tr")]
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


def test_page_carries_its_math_font(page):
    """Assert the page's head draws its formulas in STIX Two Math, which
    it carries itself (no request for a font, none preloaded: Chromium
    would hold the first paint for it), shown only once loaded (no
    formula drawn in a fallback first), and read as the head is, ahead of
    the stylesheets."""
    css = math_stylesheet(page)
    assert re.search(r'(^|\})\s*math\{font-family:"STIX Two Math"', css)
    assert "font-display:block" in css
    assert math_font(page)[:4] == b"wOF2"
    assert not page.select('link[rel="preload"]')
    assert not page.select('link[href*="font"], link[href*="math"]')
    # read before the stylesheets: nothing holds up its script
    head = [tag for tag in page.head.find_all(True)]
    style = next(tag for tag in head if tag.name == "style")
    first_link = next(tag for tag in head if tag.name == "link"
                      and "stylesheet" in tag.get("rel", []))
    assert head.index(style) < head.index(first_link)
    assert style.find_next_sibling().name == "script"
    assert "document.fonts.load" in style.find_next_sibling().get_text()


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


def drawn_characters(math):
    """The characters a browser draws for a formula: a letter alone in an
    ``mi`` as its mathematical italic, which the font must then hold."""
    shown = set()
    for token in math.select("mi, mn, mo, mtext"):
        text = token.get_text()
        if (token.name == "mi" and len(text) == 1 and text.isalpha()
                and not token.get("mathvariant")):
            name = re.sub(r"^(LATIN|GREEK) |LETTER |LUNATE ", "",
                          unicodedata.name(text))
            try:
                text = unicodedata.lookup(f"MATHEMATICAL ITALIC {name}")
            except KeyError:  # the italic h predates the others
                text = {"h": "\u210e"}.get(text, text)
        shown |= set(text)
    if math.select("msqrt, mroot"):  # the root's sign, from the font
        shown.add("\u221a")
    return shown


def test_math_font_is_cut_to_each_pages_glyphs(site):
    """Assert each page with formulas carries the font cut to the glyphs
    its formulas draw (and those the font reaches from them), its MATH
    table kept, in far fewer bytes; and that a page without formulas
    carries none."""
    from fontTools.ttLib import TTFont

    original = ROOT / "node_modules" / "@fontsource" / "stix-two-math" / (
        "files/stix-two-math-latin-400-normal.woff2")
    full = set(map(chr, TTFont(original).getBestCmap()))
    cuts = {}
    for built in sorted(site.rglob("*.html")):
        html = BeautifulSoup(built.read_text("utf-8"), "html.parser")
        glyphs = set().union(*map(drawn_characters, html.select("math")))
        if not glyphs:
            assert math_stylesheet(html) is None, built
            continue
        font = math_font(html)
        subset = TTFont(io.BytesIO(font))
        cut = set(map(chr, subset.getBestCmap()))
        assert glyphs & full <= cut <= full, built
        assert "MATH" in subset
        assert len(font) < original.stat().st_size / 4
        cuts[built.relative_to(site).as_posix()] = cut
    # a page's font is its own: each of these draws glyphs the other lacks
    landing, gradients = cuts["index.html"], cuts[
        "policy-gradients/index.html"]
    assert landing - gradients and gradients - landing
    assert {"∇", "∂", "×", "′", "\U0001d703", "\U0001d43d"} <= set().union(
        *cuts.values())


def test_not_found_page_speaks_each_editions_language(site):
    """Assert each edition's 404 page has its heading in its own words,
    the translation's not the original's."""
    from appendix_plugin.words import words

    headings = {}
    for language in LANGUAGES:
        html = BeautifulSoup((site / language.folder / "404.html")
                             .read_text("utf-8"), "html.parser")
        headings[language.code] = html.select_one("article h1").get_text()
        assert headings[language.code] == words(TABLES[language.code])[
            "not_found"]
        assert html.html["lang"] == language.code
    assert len(set(headings.values())) == len(LANGUAGES)
