"""The Chinese edition: the same appendix in every respect but words.

The build refuses a translation that drifts from its original (parity) and
a number typed into Chinese text (lint); both are shown here on broken
copies. The built editions share formulas, code and heading ids, each has
its own language, search index and figures, and the language switcher
keeps the reader on the page.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup

from appendix_plugin import editions, parity

from .pages import (EDITIONS, ORIGINAL_PAGES, ROOT, TRANSLATED_PAGES,
                    nav_sources)
from .test_build_faults import failure, line_of

ZH_PAGE = "docs/zh/calculus-basics.md"
EN_PAGE = "docs/calculus-basics.md"
ZH_NOTEBOOK = "docs/zh/notebooks/calculus-basics.py"
CJK = re.compile(r"[\u3400-\u9fff]")
TERMS = ROOT / "docs" / "zh" / "terminology.md"


def html(site, site_page):
    return BeautifulSoup((site / site_page.html_path).read_text("utf-8"),
                         "html.parser")


def pairs():
    """(original, translation) pages: every page of every translation."""
    originals = {page.src_uri: page for page in ORIGINAL_PAGES}
    return [(originals[page.src_uri], page) for page in TRANSLATED_PAGES]


by_pair = pytest.mark.parametrize("original, translation", pairs(),
                                  ids=lambda p: str(p))


# ---- the sources ---------------------------------------------------------

def test_every_edition_names_the_same_pages_in_the_same_order():
    """Assert each translation's nav is the original's, page for page."""
    original = list(nav_sources(EDITIONS[""]["nav"]))
    for edition, config in EDITIONS.items():
        assert list(nav_sources(config["nav"])) == original, edition
    assert len(TRANSLATED_PAGES) == len(ORIGINAL_PAGES) > 0


def test_a_nav_out_of_step_is_refused():
    """Assert the nav check names the config and the missing page."""
    original = editions.Original(ROOT / "mkdocs.yml", ROOT / "docs", "/",
                                 "en", ("index.md", "calculus-basics.md"))
    editions.check_nav(original, ["index.md", "calculus-basics.md"],
                       "docs/zh.yml")
    with pytest.raises(Exception, match=r"docs/zh.yml: .*missing "
                       r"calculus-basics.md"):
        editions.check_nav(original, ["index.md"], "docs/zh.yml")


@by_pair
def test_translation_has_the_structure_of_its_original(original,
                                                       translation):
    """Assert markers, includes, figures, formulas, code, links and
    sections match (the build's own check, run on the sources)."""
    parity.check(str(original.source), original.source.read_text("utf-8"),
                 str(translation.source),
                 translation.source.read_text("utf-8"), ("en", "zh"),
                 notebook=original.notebook)


@by_pair
def test_translation_is_chinese_prose(original, translation):
    """Assert the translation reads in Chinese: most of its letters are
    CJK characters, and no paragraph is wrapped across lines between
    two of them (a browser would show a space there)."""
    prose = translation.prose
    letters = re.findall(r"[A-Za-z\u3400-\u9fff]", re.sub(
        r"\$.*?\$|`[^`]*`|\(.*?\)|%%.*?%%", "", prose, flags=re.S))
    assert sum(bool(CJK.match(c)) for c in letters) > 0.6 * len(letters)
    assert not re.search(r"[\u3400-\u9fff，。；：]\n[\u3400-\u9fff]", prose)


def terminology():
    """Rows of the terminology table: (English, 中文, [not used])."""
    rows = []
    for line in TERMS.read_text("utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("English", "---"):
            avoid = [word.strip() for word in cells[2].split(",")
                     if word.strip()]
            rows.append((cells[0], cells[1], avoid))
    return rows


def ruled_out(text):
    """Renderings of the table's 不用 column in ``text``, not counting
    those inside a preferred term (值函数 inside 价值函数)."""
    rows = terminology()
    for chinese in sorted((row[1] for row in rows), key=len, reverse=True):
        text = text.replace(chinese, "\0")
    return [word for _, _, avoid in rows for word in avoid if word in text]


def test_terminology_table_is_read():
    """Assert the table is there and has its core terms."""
    terms = {english: chinese for english, chinese, _ in terminology()}
    assert terms["gradient"] == "梯度"
    assert terms["chain rule"] == "链式法则"
    assert len(terms) > 40


@by_pair
def test_translation_follows_the_terminology(original, translation):
    """Assert no rendering the table rules out is used, and that each
    term of the original appears in its Chinese form."""
    text = translation.prose + "".join(
        translation.words(spec)["alt"] + translation.words(spec)["caption"]
        for spec in translation.figures)
    english = original.prose.lower()
    assert ruled_out(text) == []
    for term, chinese, _ in terminology():
        if re.search(rf"\b{re.escape(term.lower())}s?\b", english):
            assert chinese in text, f"{term} -> {chinese}"


def test_figure_words_follow_the_terminology():
    """Assert the Chinese words drawn in figures avoid ruled-out terms."""
    from .pages import FIGURES

    for page, spec in FIGURES:
        words = " ".join(str(value) for value in spec.words_in("zh")
                         .values())
        assert CJK.search(words), spec.name
        assert ruled_out(words) == [], spec.name


def test_every_figure_has_the_same_words_in_each_language():
    """Assert each figure labels the same things in every language."""
    from snippets.figures import LANGUAGES

    from .pages import FIGURES

    for _, spec in FIGURES:
        keys = {language: set(spec.words_in(language))
                for language in LANGUAGES}
        assert all(k == keys["en"] for k in keys.values()), spec.name


# ---- broken copies: the build stops ---------------------------------------

BREAKS = {
    "value marker": ("%%dJ_start%%", "1.2"),
    "formula": (r"$J'(\theta)$", "J"),
    "include": ('--8<-- "calculus_basics.py:ascent"', ""),
    "figure": ("%%figure:ascent%%", ""),
    "section": ("\n## ", "\n### "),
}


@pytest.mark.parametrize("kind", BREAKS)
def test_translation_out_of_step_stops_the_build(project_copy, kind):
    """Assert a translation that lost an item of its original stops the
    build, naming both files and the item."""
    old, new = BREAKS[kind]
    project_copy.edit(ZH_PAGE, old, new)
    printed = failure(project_copy)
    assert (f"{ZH_PAGE} is out of step with its original {EN_PAGE}"
            in printed)
    assert re.search(rf"^  - {kind} .*: \d+ in the original, \d+ in the "
                     "translation", printed, re.M), printed


def test_changed_notebook_code_stops_the_build(project_copy):
    """Assert a notebook whose code differs from the original's stops the
    build, naming the cell."""
    project_copy.edit(ZH_NOTEBOOK, "steps=2", "steps=3")
    printed = failure(project_copy)
    assert (f"{ZH_NOTEBOOK} is out of step with its original "
            "docs/notebooks/calculus-basics.py") in printed
    assert "code cell" in printed


def test_number_typed_in_chinese_text_stops_the_build(project_copy):
    """Assert the lint catches a number beside Chinese characters, with
    the file and the line."""
    text = (project_copy.path / ZH_PAGE).read_text("utf-8")
    sentence = next(line for line in text.splitlines()
                    if CJK.search(line) and "。" in line
                    and not line.startswith(("#", "!", "|", "<")))
    project_copy.edit(ZH_PAGE, sentence, sentence.replace("。", "，约为0.42。",
                                                          1))
    line = line_of(project_copy, ZH_PAGE, "约为0.42")
    assert (f"{ZH_PAGE}:{line}: the number 0.42 is typed into the page"
            in failure(project_copy))


def test_missing_font_stops_the_build_with_how_to_install_it(project_copy):
    """Assert that without the Chinese font the build says how to get it."""
    project_copy.edit("snippets/figures.py", '("Noto Sans CJK SC",',
                      '("No Such Font SC",')
    printed = failure(project_copy)
    assert "needs the font 'No Such Font SC'" in printed
    assert "apt-get install fonts-noto-cjk" in printed


# ---- the built editions ----------------------------------------------------

@by_pair
def test_editions_share_formulas_code_and_section_ids(site, original,
                                                      translation):
    """Assert the two built pages typeset the same formulas, show the same
    code and give their sections the same ids (so a link to a section
    works in either language)."""
    ours, theirs = html(site, translation), html(site, original)

    def formulas(page):  # as typed: line breaks may differ
        return sorted(" ".join(a.get_text().split()) for a in page.select(
            "article annotation"))

    def code(page):  # a notebook names the language of its figures
        return [parity.LANGUAGE.sub("LANGUAGE = ...", c.get_text())
                for c in page.select("article pre code")]

    def ids(page):
        return [h["id"] for h in page.select("article h2[id], article "
                                              "h3[id]")]

    assert formulas(ours) == formulas(theirs)
    assert code(ours) == code(theirs)
    if not original.notebook:  # a notebook's ids are its headings' words
        assert ids(ours) == ids(theirs)


@by_pair
def test_each_edition_states_its_language(site, original, translation):
    """Assert lang attributes, theme strings and switcher targets."""
    for page, language in ((original, "en"), (translation, "zh")):
        document = html(site, page)
        assert document.html["lang"] == language
        links = {a["hreflang"]: a["href"] for a in document.select(
            "a.md-select__link[hreflang]")}
        path = original.url
        assert links == {"en": f"/{path}", "zh": f"/zh/{path}"}
    search = html(site, translation).select_one("input.md-search__input")
    assert CJK.search(search["placeholder"])


def test_each_edition_has_its_own_search_index(site):
    """Assert each index holds only its edition's pages, and that the
    Chinese one is segmented into words."""
    english = json.loads((site / "search" / "search_index.json")
                         .read_text("utf-8"))
    chinese = json.loads((site / "zh" / "search" / "search_index.json")
                         .read_text("utf-8"))
    english_text = " ".join(d["title"] + d["text"] for d in english["docs"])
    chinese_text = " ".join(d["title"] + d["text"] for d in chinese["docs"])
    assert "梯度" in chinese_text and "\u200b" in chinese_text
    assert "梯度" not in english_text
    assert not [d for d in chinese["docs"] if d["location"].startswith(
        ("zh/", "/"))]
    assert "\\u200b" in chinese["config"]["separator"]


def test_figures_differ_only_in_words(site):
    """Assert each Chinese figure exists beside its English one, in both
    palettes, drawn at the same size with other text."""
    english = sorted((site / "figures").rglob("*.en.svg"))
    assert english
    differ = 0
    for svg in english:
        relative = svg.relative_to(site).as_posix().replace(".en.svg",
                                                            ".zh.svg")
        chinese = site / "zh" / relative
        assert chinese.is_file(), relative
        size = re.compile(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"')
        assert size.search(svg.read_bytes()).groups() == size.search(
            chinese.read_bytes()).groups()
        differ += svg.read_bytes() != chinese.read_bytes()
    assert differ >= len(english) / 2  # a figure without words is alike


# ---- in the browser --------------------------------------------------------

def test_switcher_keeps_the_page_and_section(tab, served):
    """Assert switching language lands on the same page and section, also
    after instant navigation."""
    tab.goto(f"{served}/zh/", wait_until="networkidle")
    tab.evaluate("window.sameDocument = true")
    tab.click("article a[href$='calculus-basics/']")
    tab.wait_for_url("**/zh/calculus-basics/")
    assert tab.evaluate("window.sameDocument") is True  # instant navigation
    tab.evaluate("location.hash = '#summary'")
    tab.hover(".md-header .md-select")
    tab.click("a.md-select__link[hreflang=en]")
    tab.wait_for_url("**/calculus-basics/#summary")
    assert tab.evaluate("document.documentElement.lang") == "en"
    assert not tab.url.rstrip("#summary").endswith("/zh/calculus-basics/")
    tab.hover(".md-header .md-select")
    tab.click("a.md-select__link[hreflang=zh]")
    tab.wait_for_url("**/zh/calculus-basics/#summary")
    assert tab.problems == []


def test_search_in_chinese_finds_chinese_pages(tab, served):
    """Assert a Chinese query on the Chinese site lists Chinese pages."""
    tab.goto(f"{served}/zh/", wait_until="networkidle")
    tab.click("input.md-search__input")
    tab.keyboard.type("链式法则")
    tab.wait_for_selector(".md-search-result__item")
    links = tab.locator(".md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)")
    assert links and all("/zh/" in link for link in links)
    assert any("/zh/calculus-basics/" in link for link in links)
    assert tab.problems == []
