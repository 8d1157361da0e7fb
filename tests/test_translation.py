"""Every edition: the same appendix in every respect but words.

A translation holds words only, and the build takes everything else from
its original; the build refuses a translation that drifts from its
original in structure, and tells readers when a page is untranslated or
its original has changed. Nothing here names a language: each check runs
for every translated edition the plugin lists.
"""

import json
import re

import pytest

from appendix_plugin import context, languages, parity, translations

from .conftest import parsed
from .pages import (LANGUAGES, NAV, ORIGINAL, ORIGINAL_PAGES, ROOT,
                    SITE_PAGES, TABLES, TRANSLATED_PAGES, said_by)
from .test_browser import switch_palette
from .test_build_faults import failure, line_of

CJK = re.compile(r"[\u3400-\u9fff]")
EDITIONS = [language for language in LANGUAGES if not language.original]
PAGE = "calculus-basics.md"  # the page the broken copies below break


def html(site, site_page):
    return parsed(site / site_page.html_path)


def pairs():
    """(original, translation) pages: every translated page."""
    originals = {page.src_uri: page for page in ORIGINAL_PAGES}
    return [(originals[page.src_uri], page) for page in TRANSLATED_PAGES]


by_pair = pytest.mark.parametrize("original, translation", pairs(),
                                  ids=lambda p: str(p))
by_edition = pytest.mark.parametrize("language", EDITIONS,
                                     ids=lambda language: language.code)


def source_of(path):
    """``(path, body, body line)`` of a page or notebook, as parity and
    the build read it."""
    where = path.relative_to(ROOT).as_posix()
    if path.suffix == ".md":
        source = context.split_page(path.read_text("utf-8"), where)[0]
    elif path.is_relative_to(ROOT / "docs" / "notebooks"):
        source = context.Source(where, path.read_text("utf-8"))
    else:
        source = translations.read_notebook(path, ROOT)
        source = context.Source(where, source.body, source.body_line)
    return where, source.body, source.body_line


# ---- the sources ---------------------------------------------------------

def test_there_is_a_translated_edition_with_every_page():
    """Assert the suite sees translated editions, and that each of ours
    translates every page of the nav."""
    assert EDITIONS and len(TRANSLATED_PAGES) == len(EDITIONS) * len(NAV)


@by_edition
def test_an_editions_folder_holds_only_words(language):
    """Assert every file of an edition's folder is its word table or a
    translation of a page of the nav, whose front matter names nothing
    but its title and its original's digest, and whose notebooks hold
    Markdown cells only: no code, configuration or link to the original
    folders."""
    folder = ROOT / "docs" / language.folder
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        assert not path.is_symlink(), relative
        if path.is_dir() or relative == languages.WORD_TABLE:
            continue
        assert relative in NAV, relative
        if path.suffix == ".md":
            translations.read_page(path, ROOT)
        else:
            notebook = translations.read_notebook(path, ROOT)
            assert "import" not in notebook.body


@by_pair
def test_translation_has_the_structure_of_its_original(original,
                                                       translation):
    """Assert markers, includes, figures, formulas, code, links and
    headings match (the build's own check, run on the sources)."""
    parity.check(source_of(original.source), source_of(translation.source),
                 notebook=original.notebook)


@by_pair
def test_translation_is_of_the_original_as_it_is_now(original,
                                                     translation):
    """Assert each translation records the digest of its original as it
    is: the committed editions are in step."""
    read = (translations.read_notebook if original.notebook
            else translations.read_page)
    recorded = read(translation.source, ROOT).translated_from
    assert recorded == translations.words_digest(original.source)


def words_of(prose):
    """The words of prose, without code, math, markers and links."""
    text = re.sub(r"\$\$.*?\$\$|\$.*?\$|`[^`]*`|\]\([^)]*\)|%%.*?%%|"
                  r"<[^>]*>", " ", prose, flags=re.S)
    return re.findall(r"[^\W\d_]{3,}", text)


@by_pair
def test_translation_is_written_in_its_own_words(original, translation):
    """Assert a translation is not its original: few of its words are the
    original's; and that no paragraph breaks a line between two CJK
    characters (a browser would show a space there)."""
    ours, theirs = words_of(translation.prose), set(words_of(
        original.prose))
    shared = [word for word in ours if word in theirs]
    assert len(shared) < 0.2 * len(ours), sorted(set(shared))[:20]
    assert not re.search(r"[\u3400-\u9fff，。；：]\n[\u3400-\u9fff]",
                         translation.prose)


def terms(language):
    """``(term, rendering, [renderings not used])`` of a word table."""
    return [(term, entry["use"], list(entry.get("avoid", [])))
            for term, entry in TABLES[language].terms.items()]


def ruled_out(text, language):
    """Renderings the table rules out in ``text``, not counting those
    inside a preferred term (a shorter word inside a longer one)."""
    rows = terms(language)
    for rendering in sorted((row[1] for row in rows), key=len,
                            reverse=True):
        text = text.replace(rendering, "\0")
    return [word for _, _, avoid in rows for word in avoid if word in text]


@by_pair
def test_translation_follows_its_terminology(original, translation):
    """Assert no rendering the edition's terms rule out is used, and that
    each term of the original appears in its rendering."""
    language = translation.language
    text = translation.prose + "".join(
        translation.words(spec)["alt"] + translation.words(spec)["caption"]
        for spec in translation.figures)
    english = original.prose.lower()
    assert ruled_out(text, language) == []
    for term, rendering, _ in terms(language):
        if re.search(rf"\b{re.escape(term.lower())}s?\b", english):
            assert rendering in text, f"{term} -> {rendering}"


@by_edition
def test_a_callout_title_reads_the_same_on_every_page(site, language):
    """Assert an edition renders each callout title of the original one
    way on all its pages ("Run it yourself" is one title, not two)."""
    renderings = {}
    for original, translation in pairs():
        if translation.edition_language != language:
            continue
        titles = [[title.get_text() for title in html(site, page).select(
            "article .admonition-title")] for page in (original,
                                                       translation)]
        for english, translated in zip(*titles, strict=True):
            renderings.setdefault(english, set()).add(translated)
    assert renderings
    assert {english: ways for english, ways in renderings.items()
            if len(ways) > 1} == {}


@by_edition
def test_word_table_translates_only_what_the_original_has(language):
    """Assert the table's nav titles, figures and figure words all exist
    in the original, and its figures follow its terms."""
    from .pages import FIGURES, read_config

    table = TABLES[language.code]
    titles = languages.nav_titles(read_config()["nav"])
    assert set(table.nav) <= set(titles)
    modules = {}
    for page, spec in FIGURES:
        modules.setdefault(page.meta["figures"], {})[spec.name] = spec
        if not page.edition:
            words, _ = table.figure_words(page.meta["figures"], spec)
            assert ruled_out(" ".join(map(str, words.values())),
                             language.code) == [], spec.name
    table.check_figures(modules)


def test_no_language_is_named_outside_its_folder_and_the_config():
    """Assert a translated language's code appears nowhere in the code,
    scripts, tests or set-up, and no CJK text in the page code or the
    scripts: languages come from the plugin's list alone, their words
    from their folders. (The lint's own tests hold CJK text: they check a
    rule about scripts, not a language.)"""
    words = [*(ROOT / "snippets").glob("*.py"),
             *(ROOT / "docs" / "javascripts").glob("*.js"),
             ROOT / "Makefile", ROOT / ".ci" / "run"]
    code = [*words, *(ROOT / "docs" / "plugin").glob("*.py"),
            *(ROOT / "tests").glob("*.py"), ROOT / "pyproject.toml"]
    for path in code:
        text = path.read_text("utf-8")
        for language in EDITIONS:
            named = re.compile(rf"""["'/]{re.escape(language.code)}["'/.]""")
            assert not named.search(text), (
                f"{path.name} names '{language.code}'")
        if path in words:
            assert not CJK.search(text), f"{path.name} holds CJK text"


# ---- broken copies: the build stops, naming what the author wrote ---------

def edition_file(language, src_uri=PAGE):
    return f"docs/{language.folder}{src_uri}"


BREAKS = {
    "value marker": ("%%dJ_start%%", "1.2"),
    "formula": (r"$J'(\theta)$", "J"),
    "include": ('--8<-- "calculus_basics.py:ascent"', ""),
    "figure": ("%%figure:ascent%%", ""),
    "heading": ("\n## ", "\n### "),
}


@pytest.mark.parametrize("kind", BREAKS)
def test_parity_names_both_files_and_the_lines(kind):
    """Assert each kind of lost item is named with its line in the
    original, and a heading of another level with its lines in both."""
    language = EDITIONS[0]
    original = source_of(ROOT / "docs" / PAGE)
    old = BREAKS[kind][0]
    ours = original[2] + original[1][:original[1].index(old) + len(old)
                                     - len(old.lstrip("\n"))].count("\n")
    ours -= kind == "include"  # named by its fence's first line
    where, body, first = source_of(ROOT / edition_file(language))
    old, new = BREAKS[kind]
    if kind == "value marker":
        old, new = old, "%%dJ_right%%"  # a marker the page knows
    assert old in body
    broken = body.replace(old, new, 1)
    start = body.index(old) + len(old) - len(old.lstrip("\n"))
    line = first + body[:start].count("\n")
    with pytest.raises(Exception) as raised:
        parity.check(original, (where, broken, first))
    message = str(raised.value)
    assert f"{where} is out of step with its original docs/{PAGE}" in (
        message)
    assert re.search(rf"^  - {kind}.*docs/{PAGE}:{ours}\b", message,
                     re.M), message
    if kind in ("value marker", "heading"):  # found in both files
        assert f"{where}:{line}" in message, message


# the small project's page and notebook (tests/tiny), in an edition
TINY_PAGE, TINY_NOTEBOOK = "index.md", "notebooks/squares.py"


def test_a_structural_mismatch_stops_the_build(tiny):
    """Assert a translation that lost a formula stops the build with both
    files, the item and its lines."""
    language = EDITIONS[0]
    page = edition_file(language, TINY_PAGE)
    tiny.edit(page, "$4s$", "4s")
    printed = failure(tiny)
    assert (f"{page} is out of step with its original "
            f"docs/{TINY_PAGE}") in printed
    assert re.search(rf"^\s+- formula .*docs/{TINY_PAGE}:\d+", printed,
                     re.M), printed


def test_a_marker_typo_in_a_translation_is_named_as_such(tiny):
    """Assert a misspelt value marker in a translation is reported as an
    unknown value, with the translation's file and line."""
    page = edition_file(EDITIONS[0], TINY_PAGE)
    tiny.edit(page, "%%side%%", "%%sied%%")
    line = line_of(tiny, page, "%%sied%%")
    assert f"{page}:{line}: unknown value name 'sied'" in failure(tiny)


def test_a_translated_notebook_with_code_is_refused(tiny):
    """Assert a code cell in a translated notebook stops the build: its
    code is the original's."""
    notebook = edition_file(EDITIONS[0], TINY_NOTEBOOK)
    text = (tiny.path / notebook).read_text("utf-8")
    (tiny.path / notebook).write_text(text + "\n# %%\nprint(1)\n", "utf-8")
    line = text.count("\n") + 2
    printed = failure(tiny)
    assert (f"{notebook}:{line}: a translated notebook holds only Markdown "
            "cells") in printed, printed


def notice(page):
    """The words of a page's translation notice, or None."""
    box = page.select_one("article .translation-notice")
    return box.get_text(" ", strip=True) if box else None


def formulas(page):
    return said_by(page.select_one("article"))


def build_words(project, language):
    """The build's words in a project's word table of ``language``."""
    return languages.read_table(project.path / "docs" / language.folder
                                / languages.WORD_TABLE, project.path).build


def test_untranslated_and_out_of_step_pages_show_the_numbers(tiny):
    """Assert that with OUT_OF_STEP=original a page whose translation
    lost a formula is served in its original words, like a notebook with
    no translation, both under a notice in the edition's language; that
    the log lists both by file; and that every number shown is the
    original's."""
    language = EDITIONS[0]
    tiny.edit(edition_file(language, TINY_PAGE), "$4s$", "4s")
    (tiny.path / edition_file(language, TINY_NOTEBOOK)).unlink()
    result = tiny.build({"OUT_OF_STEP": "original"})
    assert result.returncode == 0, result.stderr
    log, code = result.stderr, language.code
    assert re.search(rf"translations: {code}: out of step: "
                     rf"{edition_file(language, TINY_PAGE)} \(", log), log
    assert re.search(rf"translations: {code}: untranslated: "
                     rf"docs/{TINY_NOTEBOOK}", log), log
    untranslated = build_words(tiny, language)["untranslated"]
    for name in ("", "notebooks/squares/"):
        page, original = tiny.page(f"{code}/{name}"), tiny.page(name)
        assert notice(page) == untranslated, name
        assert page.html["lang"] == code
        assert page.select_one("article div[lang]")["lang"] == ORIGINAL.code
        assert formulas(page) == formulas(original)
        assert page.select_one("article").get_text().count(
            "2.25") == original.select_one("article").get_text().count(
                "2.25")


def test_an_outdated_translation_says_so_and_links_its_original(tiny):
    """Assert a translation of an original changed since is served in
    its words with a notice linking the original, listed in the log; and
    that a notebook whose code alone changed needs no new translation."""
    language = EDITIONS[0]
    tiny.edit(f"docs/{TINY_PAGE}", "computes it again",
              "computes it once more")
    tiny.edit(f"docs/{TINY_NOTEBOOK}", 'print("area:",', 'print("area =",')
    result = tiny.build()
    assert result.returncode == 0, result.stderr
    assert edition_file(language, TINY_NOTEBOOK) + " (translated" not in (
        result.stderr)
    assert re.search(
        rf"translations: {language.code}: outdated: "
        rf"{edition_file(language, TINY_PAGE)} \(translated "
        rf"from [0-9a-f]{{12}}, the original docs/{TINY_PAGE} is now "
        r"[0-9a-f]{12}\)", result.stderr), result.stderr
    home = tiny.page(f"{language.code}/")
    link = home.select_one("article .translation-notice a")
    assert link["href"] == "/" and link["hreflang"] == ORIGINAL.code
    assert build_words(tiny, language)["original"] in notice(home)
    assert formulas(home) == formulas(tiny.page(""))


def test_a_new_language_is_an_entry_a_word_table_and_its_pages(tiny):
    """Assert a further, toy language needs one entry in the plugin's
    list, a word table and the pages it translates (here one): its
    edition is built at /<code>/ with the switcher listing every
    language, its one page in its words, the rest in the original's with
    its notice, and no other file of the project changed."""
    root = tiny.path
    before = {p.relative_to(root).as_posix(): p.read_bytes()
              for p in root.rglob("*") if p.is_file()
              and ".cache" not in p.parts}
    tiny.edit(  # the last entry of the plugin's languages
        "mkdocs.yml", "      # a translation whose structure",
        "        - code: fr\n          name: Français\n"
        "      # a translation whose structure")
    (root / "docs" / "fr").mkdir()
    (root / "docs" / "fr" / "words.yml").write_text(
        "nav:\n  Squares: Carrés\n"
        "build:\n  untranslated: Cette page n'est pas encore traduite.\n",
        "utf-8")
    original = (root / "docs" / TINY_PAGE).read_text("utf-8")
    body = original.split("\n---\n", 1)[1]
    (root / "docs" / "fr" / TINY_PAGE).write_text(
        f'---\ntranslated_from: "{translations.digest(original.encode())}"'
        "\n---\n" + body.replace("# Squares", "# Carrés", 1), "utf-8")
    result = tiny.build()
    assert result.returncode == 0, result.stderr
    home = tiny.page("fr/")
    assert home.html["lang"] == "fr"
    assert home.select_one("article h1").get_text().startswith("Carrés")
    assert notice(home) is None
    switcher = {a["hreflang"]: a["href"] for a in home.select(
        "a.md-select__link[hreflang]")}
    assert switcher == {language.code: f"/{language.folder}"
                        for language in LANGUAGES} | {"fr": "/fr/"}
    page = tiny.page("fr/notebooks/squares")
    assert notice(page) == "Cette page n'est pas encore traduite."
    assert page.select_one("article div[lang]")["lang"] == ORIGINAL.code
    titles = [a.get_text(strip=True) for a in page.select(
        "nav.md-nav--primary .md-nav__link")]
    assert "Carrés" in titles and "Squares notebook" in titles
    assert re.search(r"translations: fr: untranslated: docs/", result.stderr)
    after = {p.relative_to(root).as_posix(): p.read_bytes()
             for p in root.rglob("*") if p.is_file()
             and not {".cache", "site"} & set(p.parts)}
    changed = {name for name in before.keys() | after.keys()
               if before.get(name) != after.get(name)}
    assert changed == {"mkdocs.yml", "docs/fr/words.yml",
                       f"docs/fr/{TINY_PAGE}"}


# ---- the built editions ----------------------------------------------------

@by_pair
def test_editions_share_formulas_and_code(site, original, translation):
    """Assert the two built pages typeset the same formulas and show the
    same code."""
    ours, theirs = html(site, translation), html(site, original)

    def formulas(page):  # as typeset, to the last attribute
        return sorted(map(str, page.select("article math")))

    def code(page):  # a notebook names the language of its figures
        return [translations.LANGUAGE_LINE.sub("LANGUAGE = ...",
                                               c.get_text())
                for c in page.select("article pre code")]

    assert formulas(ours) == formulas(theirs)
    assert code(ours) == code(theirs)


def heading_ids(page):
    return [h.get("id") for h in page.select(
        "article h1, article h2, article h3, article h4, article h5, "
        "article h6")]


def test_every_heading_has_its_originals_id_in_every_edition(site):
    """Assert no heading of any built page of any edition has an empty or
    repeated id, and that each page's ids are its original's, in order
    (so links to sections, the table of contents, the switcher and
    search results work in every language), notebook pages included."""
    originals = {page.src_uri: heading_ids(html(site, page))
                 for page in ORIGINAL_PAGES}
    for site_page in SITE_PAGES:
        ids = heading_ids(html(site, site_page))
        assert all(ids) and len(set(ids)) == len(ids), str(site_page)
        if site_page.edition:
            assert ids == originals[site_page.src_uri], str(site_page)
        toc = [a["href"] for a in html(site, site_page).select(
            ".md-nav--secondary a.md-nav__link")]
        assert toc and all(href.lstrip("#") in ids for href in toc), (
            str(site_page))


@pytest.mark.parametrize("site_page", SITE_PAGES, ids=str)
def test_each_edition_states_its_language(site, site_page):
    """Assert lang attributes and the switcher's targets: this page in
    every edition."""
    document = html(site, site_page)
    assert document.html["lang"] == site_page.edition_language.code
    links = {a["hreflang"]: a["href"] for a in document.select(
        "a.md-select__link[hreflang]")}
    path = site_page.original.url
    assert links == {language.code: f"/{language.folder}{path}"
                     for language in LANGUAGES}


def search_index(site, language):
    return json.loads((site / language.folder / "search" /
                       "search_index.json").read_text("utf-8"))


@by_edition
def test_each_edition_has_its_own_search_index(site, language):
    """Assert each index holds only its edition's pages, with relative
    locations, and that text in a script without spaces is segmented
    into words."""
    ours = search_index(site, language)
    theirs = search_index(site, ORIGINAL)
    text = " ".join(d["title"] + d["text"] for d in ours["docs"])
    assert not [d for d in ours["docs"] if d["location"].startswith(
        (language.folder, "/"))]
    assert {d["location"].split("#")[0] for d in ours["docs"]} == {
        d["location"].split("#")[0] for d in theirs["docs"]}
    chain_rule = dict((t, r) for t, r, _ in terms(language.code))[
        "chain rule"]
    assert chain_rule in text
    if CJK.search(text):
        assert "\u200b" in text and "\\u200b" in ours["config"][
            "separator"]


@by_edition
def test_figures_differ_only_in_words(site, language):
    """Assert each figure of the original is in the edition too, in both
    palettes, drawn at the same size with other text."""
    original = sorted((site / "figures").rglob(f"*.{ORIGINAL.code}.svg"))
    assert original
    size = re.compile(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"')
    differ = 0
    for svg in original:
        relative = svg.relative_to(site).as_posix().replace(
            f".{ORIGINAL.code}.svg", f".{language.code}.svg")
        translated = site / language.folder / relative
        assert translated.is_file(), relative
        assert size.search(svg.read_bytes()).groups() == size.search(
            translated.read_bytes()).groups()
        differ += svg.read_bytes() != translated.read_bytes()
    assert differ >= len(original) / 2  # a figure without words is alike


# ---- in the browser --------------------------------------------------------

@by_edition
def test_switcher_keeps_the_page_and_section(tab, served, language):
    """Assert switching language lands on the same page and section, also
    after instant navigation."""
    tab.goto(f"{served}/{language.folder}", wait_until="networkidle")
    tab.evaluate("window.sameDocument = true")
    tab.click("article a[href$='calculus-basics/']")
    tab.wait_for_url(f"**/{language.folder}calculus-basics/")
    assert tab.evaluate("window.sameDocument") is True  # instant navigation
    tab.evaluate("location.hash = '#summary'")
    tab.hover(".md-header .md-select")
    tab.click(f"a.md-select__link[hreflang={ORIGINAL.code}]")
    tab.wait_for_url(f"{served}/calculus-basics/#summary")
    assert tab.evaluate("document.documentElement.lang") == ORIGINAL.code
    tab.hover(".md-header .md-select")
    tab.click(f"a.md-select__link[hreflang={language.code}]")
    tab.wait_for_url(f"**/{language.folder}calculus-basics/#summary")
    assert tab.problems == []


# the id of a heading halfway down the page, or ``later`` headings on
HALFWAY = """(later) => {
  const headings = document.querySelectorAll('article h2[id]');
  return headings[Math.floor(headings.length / 2) + later].id;
}"""
# scrolls, with no link followed, until the heading rests at the top for
# a few frames (the sections it passes are laid out as they come into
# view, and move it)
SITEMAP_FETCHED = """(root) => performance.getEntriesByType('resource')
  .some((entry) => entry.name === root + 'sitemap.xml' && entry.responseEnd)"""
SCROLLED_TO = """(id) => {
  const heading = document.getElementById(id);
  const header = document.querySelector('.md-header')
    .getBoundingClientRect().bottom;
  const top = heading.getBoundingClientRect().top;
  const still = top >= header && top < header + 60;
  window.framesAtRest = still ? (window.framesAtRest || 0) + 1 : 0;
  if (!still) window.scrollBy({top: top - header - 10, behavior: 'instant'});
  return window.framesAtRest >= 5;
}"""


@by_edition
def test_switcher_keeps_the_palette_and_the_section_scrolled_to(
        tab, served, language):
    """Assert a reader who chose the dark palette and scrolled to a
    section, following no link, keeps both across a language switch,
    either way."""
    tab.goto(f"{served}/{language.folder}calculus-basics/",
             wait_until="networkidle")
    switch_palette(tab, "slate")
    # The theme fetches each edition's sitemap; holding the translation's
    # and not yet the original's, it sends a click on a language link to
    # the address's old #fragment. The original's never arrives here (and
    # is cut off when the page goes).
    held = f"{served}/sitemap.xml"
    tab.route(held, lambda route: None)
    # a heading the address does not name yet, each way: the reader's
    # scrolling, not the #fragment, names the section
    for later, code, folder in ((0, ORIGINAL.code, ""),
                                (1, language.code, language.folder)):
        heading = tab.evaluate(HALFWAY, later)
        tab.evaluate("window.framesAtRest = 0")
        tab.wait_for_function(SCROLLED_TO, arg=heading)
        tab.wait_for_function(SITEMAP_FETCHED,
                              arg=f"{served}/{language.folder}")
        tab.hover(".md-header .md-select")
        tab.click(f"a.md-select__link[hreflang={code}]")
        tab.wait_for_url(f"{served}/{folder}calculus-basics/#{heading}")
        tab.wait_for_function(f"document.documentElement.lang === '{code}'")
        assert tab.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert [p for p in tab.problems if held not in p] == []


@by_edition
def test_search_finds_the_editions_pages(tab, served, language):
    """Assert a query in the edition's words lists the edition's pages,
    the chain-rule page among them with no word of the query missing
    (Chinese included: the theme's query segmenter, fixed at build time,
    finds a query that is one word of the index)."""
    chain_rule = dict((t, r) for t, r, _ in terms(language.code))[
        "chain rule"]
    tab.goto(f"{served}/{language.folder}", wait_until="networkidle")
    tab.click("input.md-search__input")
    tab.keyboard.type(chain_rule)  # characters without key events...
    tab.keyboard.press("End")  # ...and a key, on which the search runs
    tab.wait_for_selector(".md-search-result__item", timeout=120_000)
    links = tab.locator(".md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)")
    assert links and all(f"/{language.folder}" in link for link in links)
    assert any(f"/{language.folder}calculus-basics/" in link
               for link in links)
    # the chain-rule page holds every word of the query: none is missing
    missing = tab.locator(".md-search-result__item").evaluate_all(
        """items => items.filter(item => item.querySelector(
            "a[href*='/calculus-basics/']")).flatMap(item => [
            ...item.querySelectorAll(".md-search-result__terms del")]
            .map(term => term.textContent))""")
    assert missing == []
    assert tab.problems == []


def test_a_missing_font_stops_the_build_saying_how_to_install_it(tiny):
    """Assert that without the font an edition's figures need, the build
    names it and the package that brings it."""
    language = next(language for language in EDITIONS if language.fonts)
    tiny.edit("mkdocs.yml", f"fonts: [{language.fonts[0]},",
              "fonts: [No Such Font,")
    printed = failure(tiny)
    assert "needs the font 'No Such Font'" in printed
    assert f"apt-get install {language.font_package}" in printed
