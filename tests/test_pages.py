"""Checks that hold for every page of the nav and every page module.

A page added to the nav is covered here with no new test code: its build,
its values, its lint, its code blocks, its figures and its assets.
"""

import os
import re
import subprocess
import sys

import pytest

from appendix_plugin import highlight, lint, markers

from .conftest import parsed
from .pages import (FIGURES, MARKDOWN_PAGES, MODULES, ROOT, SITE_PAGES,
                    SitePage, count_formulas, formulas, math_stylesheet)

by_page = pytest.mark.parametrize("site_page", SITE_PAGES, ids=str)
by_markdown_page = pytest.mark.parametrize("site_page", MARKDOWN_PAGES,
                                           ids=str)
by_module = pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
by_figure = pytest.mark.parametrize(
    "site_page, spec", FIGURES, ids=lambda x: getattr(x, "name", str(x)))


def built(site, site_page):
    return parsed(site / site_page.html_path)


# ---- the sources ---------------------------------------------------------

@by_page
def test_prose_types_no_computed_number(site_page):
    """Assert no number is typed where the page's reader reads it."""
    assert lint.typed_numbers(site_page.prose, site_page.allowed) == []


@by_markdown_page
def test_page_prints_every_value_of_its_module(site_page):
    """Assert the page and its figures use each value of its module, and
    name no value the module lacks."""
    module = site_page.module("values")
    if module is None:
        assert not markers.MARKER.search(site_page.prose)
        return
    text = markers.FIGURE_LINE.sub("", site_page.prose) + "".join(
        site_page.words(spec)["alt"] + site_page.words(spec)["caption"]
        for spec in site_page.figures)
    used = {m["name"] for m in markers.MARKER.finditer(text)
            if m["module"] in (None, site_page.meta["values"])}
    assert used == set(module.page_values())


@by_module
def test_module_doctests_as_a_plain_file(path):
    """Assert `python -m doctest snippets/X.py` passes, as a reader runs
    it from the project's folder."""
    result = subprocess.run(
        [sys.executable, "-m", "doctest", str(path.relative_to(ROOT))],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, PYTHONPATH="", MPLBACKEND="Agg"))
    assert result.returncode == 0, result.stdout + result.stderr


@by_module
def test_code_lines_fit_on_a_page(path):
    """Assert page-module lines are at most 79 characters."""
    long = [n for n, line in enumerate(path.read_text("utf-8").splitlines(),
                                       start=1) if len(line) > 79]
    assert long == []


@by_module
def test_sections_are_balanced(path):
    """Assert every named section that starts also ends, once, in order."""
    text = path.read_text("utf-8")
    starts = re.findall(r"--8<-- \[start:([\w-]+)\]", text)
    ends = re.findall(r"--8<-- \[end:([\w-]+)\]", text)
    assert starts == ends
    assert len(set(starts)) == len(starts)


@by_module
def test_module_never_imports_the_build(path):
    """Assert page code imports neither mkdocs nor the build plugin."""
    text = path.read_text("utf-8")
    assert not re.search(r"^\s*(from|import)\s+(mkdocs|appendix_plugin)",
                         text, re.M)


# ---- the built pages -----------------------------------------------------

@by_page
def test_every_formula_is_typeset_with_mathml(site, site_page):
    """Assert each source formula became MathML as browsers draw it: a
    display formula in its block, an inline one bare; letters styled by
    their characters, not by attributes only some browsers read."""
    article = built(site, site_page).select_one("article")
    formulas = article.select("math")
    assert len(formulas) == site_page.formulas
    assert not article.select("[data-formula]")
    for math in formulas:
        display = math.parent.name == "div"
        assert (math.get("display") == "block") == display, math
        assert not display or math.parent["class"] == ["arithmatex"]
        assert not math.select("semantics, annotation"), math
        assert {part.get("mathvariant", "normal")
                for part in math.select("[mathvariant]")} <= {"normal"}


@by_page
def test_no_raw_tex_or_marker_left(site, site_page):
    """Assert no TeX delimiter or marker survives outside code and
    formulas."""
    article = built(site, site_page).select_one("article")
    text = "".join(string for string in article.find_all(string=True)
                   if not string.find_parent(["math", "pre", "code"]))
    for delimiter in (r"\(", r"\)", r"\[", r"\]", "$$", "%%"):
        assert delimiter not in text


def snippet_section(path, name):
    """The lines of a named section, as pymdownx.snippets includes them."""
    body = re.search(rf"# --8<-- \[start:{name}\]\n(.*?)"
                     rf"^[ \t]*# --8<-- \[end:{name}\]",
                     path.read_text("utf-8"), re.S | re.M)
    return body.group(1)


@by_page
def test_code_names_and_spaces_are_bare_text(site, site_page):
    """Assert the page's code blocks keep no span for a name, punctuation
    or whitespace (highlight.py unwraps them), but do for other tokens,
    one span for a run of tokens of one kind."""
    blocks = built(site, site_page).select(".highlight code")
    spans = {kind for block in blocks for span in block.select("span")
             for kind in span.get("class", [])}
    assert not spans & set(highlight.UNWRAPPED)
    assert not blocks or spans & {"o", "k"}
    for block in blocks:
        assert not re.search(r'<span class="([\w-]+)">[^<]*</span>\s*'
                             r'<span class="\1">', block.decode()), block


@by_markdown_page
def test_code_blocks_are_the_snippets_sections(site, site_page):
    """Assert each code block shows exactly its included section, and
    that pages hold no other code block."""
    includes = re.findall(r'--8<-- "([\w.]+):([\w-]+)"', site_page.prose)
    blocks = built(site, site_page).select("article .highlight code")
    assert len(blocks) == len(includes)
    for block, (file, section) in zip(blocks, includes):
        expected = snippet_section(ROOT / "snippets" / file, section)
        assert block.get_text() == expected, section
        assert max(map(len, expected.splitlines())) <= 79


@by_page
def test_no_request_leaves_the_site(site, site_page):
    """Assert the page loads scripts, styles and images only from the
    site, and no math script at all."""
    html = built(site, site_page)
    urls = [tag.get("src") or tag.get("href") for tag in html.select(
        "script[src], link[href]:not([rel=canonical]), img[src]")]
    assert urls
    assert not [u for u in urls if re.match(r"(\w+:)?//", u)]
    scripts = " ".join(tag["src"] for tag in html.select("script[src]"))
    assert not re.search(r"katex|mathjax", scripts, re.I)


@by_page
def test_page_loads_only_the_assets_it_uses(site, site_page):
    """Assert the explorer's files load only with an explorer, the math
    font comes only with math, the notebook CSS only on notebook pages;
    and that every stylesheet and script a page names exists."""
    html = built(site, site_page)
    links = [tag["href"] for tag in html.select('link[rel="stylesheet"]')]
    scripts = [tag["src"] for tag in html.select("script[src]")]
    has = {
        "explorer": bool(html.select(".ascent-explorer, "
                                     ".gradient-explorer")),
        "math": bool(html.select("math")),
        "notebook": site_page.notebook,
    }
    loads = {
        "explorer": any("explorer" in u for u in links + scripts),
        "math": math_stylesheet(html) is not None,
        "notebook": any(u.endswith("notebook.css") for u in links),
    }
    assert loads == has
    folder = (site / site_page.html_path).parent
    for url in links + scripts:
        assert (folder / url).resolve().is_file(), url


@by_figure
def test_figure_is_on_its_page_in_both_palettes(site, site_page, spec):
    """Assert both SVGs exist and the page shows them with alt text,
    size and a typeset caption."""
    figure = built(site, site_page).select_one(f"figure#figure-{spec.name}")
    module = site_page.meta["figures"]
    images = figure.select("img")
    language = site_page.language
    assert [re.sub(r"^.*?figures/", "", img["src"]) for img in images] == [
        f"{module}/{spec.name}-light.{language}.svg#only-light",
        f"{module}/{spec.name}-dark.{language}.svg#only-dark"]
    folder = (site / site_page.html_path).parent
    for img in images:
        assert (folder / img["src"].split("#")[0]).resolve().is_file()
        assert "%%" not in img["alt"] and len(img["alt"]) > 80
        assert int(img["width"]) > 0 and int(img["height"]) > 0
    caption = figure.select_one("figcaption")
    assert len(caption.select("math")) == count_formulas(
        site_page.words(spec)["caption"])
    assert "%%" not in caption.get_text()


@by_figure
def test_alt_and_caption_use_markers_not_typed_numbers(site_page, spec):
    """Assert alt text and caption carry numbers only through markers."""
    words = site_page.words(spec)
    for text in (words["alt"], words["caption"]):
        assert lint.typed_numbers(text, site_page.allowed) == []
        assert markers.MARKER.search(text)
    assert lint.word_count(words["alt"]) >= 15


@by_figure
def test_svgs_carry_no_date_and_palettes_differ(site, site_page, spec):
    """Assert the built SVGs carry no date (so that they repeat: the cold
    build in test_reproducible.py draws them again and must give the same
    bytes) and that dark is not light, each in its palette's text colour."""
    from snippets.figures import PALETTES

    images = built(site, site_page).select(f"figure#figure-{spec.name} img")
    folder = (site / site_page.html_path).parent
    light, dark = ((folder / img["src"].split("#")[0]).read_bytes()
                   for img in images)
    assert light != dark
    for palette, svg in zip(PALETTES, (light, dark)):
        assert svg.startswith(b"<?xml") and b"<dc:date>" not in svg
        assert palette.text.encode() in svg


# MathML's scripts take exactly two or three children; KaTeX emits more
# for some TeX (J_{\max}: an operator name as a subscript), which HTML
# validators reject
SCRIPT_CHILDREN = {"msub": 2, "msup": 2, "msubsup": 3, "munder": 2,
                   "mover": 2, "munderover": 3, "mfrac": 2}


@by_page
def test_mathml_scripts_have_the_right_number_of_children(site, site_page):
    """Assert every MathML script and fraction has as many children as
    MathML allows, so that the page validates."""
    article = built(site, site_page).select_one("article")
    wrong = [str(node)[:120] for name, count in SCRIPT_CHILDREN.items()
             for node in article.select(f"math {name}")
             if len(node.find_all(recursive=False)) != count]
    assert wrong == []


@by_markdown_page
def test_no_derivative_mixes_subscripts_and_primes(site_page):
    """Assert one notation for derivatives: J' or dJ/dw, never a
    subscript and primes together (J_{ww}'')."""
    text = site_page.source.read_text("utf-8")
    assert not re.findall(r"_\{\w+\}'+|_\w'+", text)


# V, Q and A alone: a value or an advantage that does not say whose
BARE_VALUE = re.compile(r"(?<![\\\w])[VQA](?!\w)")
POLICY_SYMBOL = re.compile(r"[A-Za-z]_\\pi\b")
INTRODUCTION = SitePage("index.md")


def reader_formulas(site_page):
    """The TeX of every formula on a page and in its figures' captions."""
    return formulas(site_page.prose) + [
        tex for spec in site_page.figures
        for tex in formulas(site_page.words(spec)["caption"])]


@by_page
def test_values_say_which_policy_they_belong_to(site_page):
    """Assert one notation for values: V_pi, Q_pi, A_pi (or an iterate
    V_k), never a bare V, Q or A, in formulas, captions and alt texts."""
    bare = [tex for tex in reader_formulas(site_page)
            if BARE_VALUE.search(tex)]
    alts = [site_page.words(spec)["alt"] for spec in site_page.figures]
    bare += [alt for alt in alts if re.search(r"\b[VQA]\(", alt)]
    assert bare == []


@by_page
def test_policy_symbols_are_in_the_notation_table(site_page):
    """Assert every symbol with the subscript pi that a page writes is a
    row of the introduction's notation table."""
    table = "\n".join(line for line in INTRODUCTION.prose.splitlines()
                      if line.startswith("| $"))
    used = {symbol for tex in reader_formulas(site_page)
            for symbol in POLICY_SYMBOL.findall(tex)}
    assert used - set(POLICY_SYMBOL.findall(table)) == set()
