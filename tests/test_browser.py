"""Every page of the site as a reader's browser gets it, in both palettes."""

import json
from urllib.parse import urlsplit

import pytest
from appendix_plugin import highlight

from .conftest import ROOT
from .pages import LANGUAGES, NAV, SITE_PAGES, SitePage

OUTPUT = ROOT / "test-output" / "screenshots"
# every page of every edition's nav, and their 404 pages
PAGES = {page.url: page for page in SITE_PAGES} | {
    f"{language.folder}404.html": None for language in LANGUAGES}
SCHEMES = {"light": "default", "dark": "slate"}  # reader's wish -> Material
# one typeset formula, whether inline or display
FORMULA = "math"
# each formula laid out as MathML, in the math font once it has loaded
DRAWN_AS_MATH = """document.fonts.ready.then(() =>
    [...document.querySelectorAll('math')].filter(formula =>
        !getComputedStyle(formula).display.endsWith('math')
        || formula.getBoundingClientRect().width === 0).length
    + (document.querySelector('math')
       && !document.fonts.check('1em "STIX Two Math"') ? 1 : 0))"""

# the math font's state in the first frame that shows a formula, read
# just before that frame is painted
FONT_IN_FIRST_FORMULA_FRAME = """window.fontInFirstFormulaFrame = new
  Promise((resolve) => {
    const frame = () => requestAnimationFrame(() => {
      if (!document.querySelector('math')) return frame();
      const face = [...document.fonts].find(
        (font) => font.family.replace(/"/g, '') === 'STIX Two Math');
      resolve(face ? face.status : 'absent');
    });
    frame();
  });"""

# marks that close a phrase, in the scripts of the book's languages
CLOSING_MARKS = ",.;:!?)]}%’”…，。：；、！？）」』》〉】"
# the text around each closing mark of the article that starts a line (a
# mark starts a line if the text or element before it ends above it);
# every section laid out, as if scrolled through
LINES_STARTING_WITH_A_MARK = """(marks) => {
  document.querySelectorAll('section').forEach(
    (section) => section.style.contentVisibility = 'visible');
  const starts = [];
  const walker = document.createTreeWalker(
    document.querySelector('article'), NodeFilter.SHOW_TEXT);
  const last = (rects) => rects[rects.length - 1];
  const rectsOf = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return range.getClientRects();
  };
  for (let node; (node = walker.nextNode());) {
    if (node.parentElement.closest('pre, code, math, script, style')) {
      continue;
    }
    const text = node.textContent;
    [...text].forEach((character, at) => {
      if (!marks.includes(character)) return;
      const mark = rectsOf(node, at, at + 1)[0];
      // what the mark follows: a character that is drawn, else the
      // element before the text (a word joiner has no box of its own)
      let from = at - 1;
      while (from >= 0 && /\\p{Cf}/u.test(text[from])) from -= 1;
      const before = from >= 0 ? last(rectsOf(node, from, from + 1))
        : node.previousSibling && node.previousSibling.nodeType === 1
          ? last(node.previousSibling.getClientRects()) : null;
      if (mark && mark.width && before && mark.top >= before.bottom - 2) {
        starts.push(text.slice(Math.max(0, at - 4), at + 4));
      }
    });
  }
  return starts;
}"""


class Visit:
    """A page opened in a fresh browser context, with all it requested."""

    def __init__(self, browser, url, **options):
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.requests, self.problems = [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.problems.append(
            f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("requestfailed", lambda r: self.problems.append(
            f"failed: {r.url} ({r.failure})"))
        self.page.on("response", lambda r: self.problems.append(
            f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        self.page.goto(url, wait_until="networkidle")

    def close(self):
        self.context.close()


class Tabs:
    """One visit per page, shared by its tests in both palettes: opened
    with the reader's preference for the palette its first tests ask
    for, then switched by the header's toggle, as a reader switches (a
    second load of a page would only repeat the first). Whatever went
    wrong in one palette fails the switch to the other."""

    def __init__(self, browser, served):
        self.browser, self.served, self.open = browser, served, None

    def visit(self, path, scheme):
        if self.open is None or self.open.path != path:
            self.close()
            self.open = Visit(self.browser, f"{self.served}/{path}",
                              color_scheme=scheme)
            self.open.path = path
        elif self.open.scheme != scheme:
            self.check()
            switch_palette(self.open.page, SCHEMES[scheme])
        self.open.scheme = scheme
        return self.open

    def check(self):
        assert self.open.problems == [], (
            f"{self.open.path or 'home'} in {self.open.scheme}")

    def close(self):
        if self.open is not None:
            opened, self.open = self.open, None
            opened.close()
            assert opened.problems == [], opened.path or "home"


def switch_palette(page, scheme):
    """Click the header's palette toggle, and wait until the page shows
    ``scheme`` with its switch done."""
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function(
        """scheme => document.body.dataset.mdColorScheme === scheme
            && !document.body.hasAttribute('data-md-color-switching')""",
        arg=scheme)


@pytest.fixture(scope="module")
def tabs(browser, served):
    opened = Tabs(browser, served)
    yield opened
    opened.close()


def in_both_palettes(paths):
    """``(path, scheme)`` for each path in each palette, every other page
    starting in the dark one: both preferences are loaded fresh."""
    schemes = list(SCHEMES)
    return [(path, scheme) for index, path in enumerate(paths)
            for scheme in (schemes if index % 2 == 0 else schemes[::-1])]


# each page in each palette, with the tests below in order (the
# screenshots, which change the page's size and then restore it, last)
@pytest.fixture(scope="module", params=in_both_palettes(PAGES),
                ids=lambda p: f"{p[0] or 'home'}-{p[1]}")
def visit(request, tabs):
    return tabs.visit(*request.param)


def load_lazy_images(page):
    """Load the images a reader would load by scrolling, and wait."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]')"
                  ".forEach(img => { img.loading = 'eager'; })")
    page.wait_for_function(
        "[...document.querySelectorAll('figure img')]"
        ".filter(img => img.offsetParent !== null)"
        ".every(img => img.complete && img.naturalWidth > 0)")


def test_page_loads_cleanly_and_only_from_the_site(visit, served):
    """Assert no console error, no failed request, and no other host."""
    assert visit.problems == []
    hosts = {urlsplit(url).netloc for url in visit.requests
             if not url.startswith("data:")}
    assert hosts == {urlsplit(served).netloc}
    scheme = visit.page.evaluate(
        "document.body.getAttribute('data-md-color-scheme')")
    assert scheme == SCHEMES[visit.scheme]


def test_every_formula_is_typeset(visit):
    """Assert MathML for each formula of the source, drawn as math in the
    math font, and no formula left as TeX or as its placeholder."""
    page = visit.page
    site_page = PAGES[visit.path]
    assert page.locator(FORMULA).count() == (site_page.formulas
                                             if site_page else 0)
    assert page.locator("[data-formula]").count() == 0
    assert "\\(" not in page.locator("body").inner_text()
    assert page.evaluate(DRAWN_AS_MATH) == 0


@pytest.mark.parametrize("path", ["", "policy-gradients/"])
def test_formulas_show_in_their_font_from_the_first_frame(browser, served,
                                                          path):
    """Assert the math font a page carries is loaded by the first frame
    that shows a formula (no formula is ever blank, or drawn in another
    font first), and that it was never requested."""
    context = browser.new_context()
    context.add_init_script(FONT_IN_FIRST_FORMULA_FRAME)
    page = context.new_page()
    fonts = []
    page.on("request", lambda request: fonts.append(request.url)
            if request.resource_type == "font" else None)
    page.goto(f"{served}/{path}", wait_until="networkidle")
    assert page.evaluate("window.fontInFirstFormulaFrame") == "loaded"
    assert fonts == []
    context.close()


def test_figures_show_in_the_readers_palette(visit):
    """Assert each figure shows exactly its palette's image, loaded."""
    page = visit.page
    load_lazy_images(page)
    shown = page.evaluate("""[...document.querySelectorAll('figure img')]
        .filter(img => img.offsetParent !== null)
        .map(img => [img.getAttribute('src'), img.naturalWidth > 0])""")
    figures = page.locator("article figure").count()
    site_page = PAGES[visit.path]
    if site_page and site_page.figures:
        assert figures == len(site_page.figures)
    assert len(shown) == figures  # one image each: the reader's palette
    assert all(src.endswith(f"#only-{visit.scheme}") and loaded
               for src, loaded in shown)


# what a palette changes: the rules about colour (the others see the same
# page in either palette)
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# a formula part not in the colour of the text around its formula
RECOLOURED = """[...document.querySelectorAll('math')]
    .filter(formula => {
        const colour = getComputedStyle(formula.parentElement).color;
        return [formula, ...formula.querySelectorAll('*')]
            .some(part => getComputedStyle(part).color !== colour);
    }).length"""


def lay_out_every_section(page):
    """Lay out the sections a reader has not scrolled to yet: the browser
    skips them, and keeps their styles from before a palette switch until
    they are shown (as they are, to a reader who scrolls), so a check of
    the whole page, or a picture of it, must show them all."""
    page.add_style_tag(
        content=".page-section { content-visibility: visible !important; }")


def test_no_accessibility_violations(visit):
    """Assert axe-core finds no violations on the page (every rule in the
    light palette, the rules about colour in the dark one), and that each
    formula is drawn in the colour of the text around it."""
    from axe_playwright_python.sync_playwright import Axe

    lay_out_every_section(visit.page)
    options = {"resultTypes": ["violations"]}  # the others are not read
    if visit.scheme != "light":
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
    results = Axe().run(visit.page, options=options)
    assert results.violations_count == 0, results.generate_report()
    assert visit.page.evaluate(RECOLOURED) == 0


# the code tokens the build unwraps (highlight.py), put back into a code
# block beside bare text: those that would look different
UNWRAPPED_TOKENS_DIFFER = """[...document.querySelectorAll(
    '.highlight code')].slice(0, 1).flatMap(code => %s.filter(
        kind => {
            const [token, bare] = [kind, ''].map(name => {
                const span = document.createElement('span');
                span.className = name;
                span.textContent = 'x';
                return code.appendChild(span);
            });
            const [a, b] = [token, bare].map(getComputedStyle);
            const differs = ['color', 'fontWeight', 'fontStyle',
                             'backgroundColor', 'textDecorationLine'].some(
                key => a[key] !== b[key]);
            token.remove();
            bare.remove();
            return differs;
        }))""" % json.dumps(highlight.UNWRAPPED)


def test_unwrapped_code_tokens_would_look_the_same(visit):
    """Assert that the theme draws the name, punctuation and whitespace
    tokens the build unwraps as the code around them, in this palette:
    unwrapping them changes nothing a reader sees."""
    assert visit.page.evaluate(UNWRAPPED_TOKENS_DIFFER) == []


@pytest.mark.screenshots
def test_screenshots_for_a_person_to_look_at(visit):
    """Save full-page screenshots at desktop and phone widths (not part of
    `make test`: `make screenshots` takes them)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    name = (visit.path.strip("/").replace("/", "-") or "home").replace(
        ".html", "")
    lay_out_every_section(visit.page)
    size = visit.page.viewport_size
    for width in (1280, 390):
        visit.page.set_viewport_size({"width": width, "height": 900})
        file = OUTPUT / f"{name}-{visit.scheme}-{width}.png"
        visit.page.screenshot(path=file, full_page=True)
        assert file.stat().st_size > 10_000
    visit.page.set_viewport_size(size)  # the other palette's tests follow


def most_formulas():
    """Of each edition's pages and of its notebooks, the one with the
    most formulas (the markup is the same on every page; test_pages.py
    checks each page's)."""
    kinds = {}
    for page in SITE_PAGES:
        kind = (page.edition, page.url.startswith(
            f"{page.edition}/notebooks/".lstrip("/")))
        if page.formulas > getattr(kinds.get(kind), "formulas", -1):
            kinds[kind] = page
    return [page.url for page in kinds.values()]


@pytest.mark.parametrize("path", most_formulas())
def test_math_needs_no_javascript(browser, served, path):
    """Assert every formula is there with JavaScript turned off."""
    opened = Visit(browser, f"{served}/{path}", java_script_enabled=False)
    assert opened.page.locator(FORMULA).count() == PAGES[path].formulas
    opened.close()


def test_instant_navigation_keeps_everything_working(browser, served):
    """Assert math, figures and explorer survive Material's navigation."""
    opened = Visit(browser, f"{served}/")
    page = opened.page
    page.evaluate("window.sameDocument = true")

    def check_calculus_page():
        page.wait_for_selector(".ascent-explorer tbody tr")
        calculus = PAGES["calculus-basics/"]
        assert page.locator(FORMULA).count() == calculus.formulas
        load_lazy_images(page)
        loaded = page.evaluate("""[...document.querySelectorAll(
            'figure img')].filter(img => img.offsetParent !== null)
            .map(img => img.complete && img.naturalWidth > 0)""")
        assert loaded == [True] * len(calculus.figures)

    page.click("article a[href$='calculus-basics/']")
    page.wait_for_url("**/calculus-basics/")
    check_calculus_page()
    page.click("a.md-footer__link--prev")  # the page before, then back
    before = NAV[NAV.index("calculus-basics.md") - 1]
    page.wait_for_url(f"**/{SitePage(before).url}")
    page.click("a.md-footer__link--next")
    page.wait_for_url("**/calculus-basics/")
    check_calculus_page()
    assert page.evaluate("window.sameDocument") is True  # never reloaded
    assert opened.problems == []
    opened.close()


@pytest.mark.parametrize("site_page", SITE_PAGES, ids=str)
def test_no_line_starts_with_a_closing_mark(browser, served, site_page):
    """Assert that no line of the page, at 390 or 1280 px, starts with a
    closing punctuation mark: after a formula, one stays on its line."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{served}/{site_page.url}")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate(LINES_STARTING_WITH_A_MARK,
                             CLOSING_MARKS) == [], width
    context.close()


# each display formula wider than its box: its start, whether it scrolls,
# whether it shows that it does (a shadow at an edge with more beyond),
# and whether it lies inside what its section paints (a section clips to
# its own box)
WIDE_FORMULAS = """[...document.querySelectorAll('div.arithmatex')]
    .filter((box) => box.scrollWidth > box.clientWidth + 1)
    .map((box) => {
      const style = getComputedStyle(box);
      const own = box.getBoundingClientRect();
      const section = (box.closest('.page-section') || box)
        .getBoundingClientRect();
      return [box.textContent.slice(0, 20),
              ['auto', 'scroll'].includes(style.overflowX),
              style.backgroundImage.includes('radial-gradient'),
              own.left >= section.left - 1 && own.right <= section.right + 1];
    })"""


@pytest.mark.parametrize("site_page", SITE_PAGES, ids=str)
def test_a_formula_wider_than_a_phone_shows_it_scrolls(browser, served,
                                                       site_page):
    """Assert that at 390 px a display formula too wide for the screen
    scrolls, shows a shadow at each edge with more of it beyond, and is
    not cut off by the section around it."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{served}/{site_page.url}")
    wide = page.evaluate(WIDE_FORMULAS)
    assert [formula for formula, *kept in wide if not all(kept)] == []
    if site_page.src_uri == "policy-gradients.md":
        assert wide  # the page has such formulas: the check is not empty
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


LEGIBLE_PX = 9  # the smallest text a phone reader should have to read
FRACTION = 0.7  # how much smaller mathtext draws \frac's parts (not \dfrac)


@pytest.mark.parametrize("site_page", [p for p in SITE_PAGES if p.figures],
                         ids=str)
def test_figure_labels_are_legible_on_a_phone(browser, served, site_page):
    """Assert that at 390 px every label drawn in a figure is at least
    9 CSS px tall, as the figure is scaled to fit the screen."""
    from matplotlib.text import Text

    from snippets.figures import PALETTES, style
    from snippets.values import texts

    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    tab.goto(f"{served}/{site_page.url}")
    scales = tab.evaluate("""Object.fromEntries([...document
        .querySelectorAll('figure[id] img')].filter(i => i.offsetParent)
        .map(i => [i.closest('figure').id, i.getBoundingClientRect().width
                   / Number(i.getAttribute('width'))]))""")
    context.close()
    import matplotlib

    values = texts(site_page.module("values").page_values())
    small = []
    for spec in site_page.figures:
        with matplotlib.rc_context(style(PALETTES[0], site_page.fonts)):
            figure = spec.draw(values, PALETTES[0], site_page.words(spec))
            figure.draw_without_rendering()
        scale = scales[f"figure-{spec.name}"]
        for text in figure.findobj(Text):
            if not (text.get_visible() and text.get_text().strip()):
                continue
            shrink = FRACTION if r"\frac" in text.get_text() else 1
            px = text.get_fontsize() * 4 / 3 * scale * shrink
            if px < LEGIBLE_PX:
                small.append(f"{spec.name}: {text.get_text()!r} {px:.1f}px")
    assert small == []


# each text an explorer draws, and its height on screen in CSS px: its
# font size scaled as the plot is to fit the screen
EXPLORER_TEXTS = """[...document.querySelectorAll(
    '.ascent-explorer__plot text, .gradient-explorer__plot text')]
    .map((text) => [text.textContent, parseFloat(getComputedStyle(text)
        .fontSize) * text.ownerSVGElement.getScreenCTM().a])"""


@pytest.mark.parametrize("language", LANGUAGES,
                         ids=lambda language: language.code)
def test_explorer_labels_are_legible_on_a_phone(browser, served, language):
    """Assert that at 390 px every label the explorers draw is at least
    9 CSS px tall, as the plot is scaled to fit the screen."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    tab.goto(f"{served}/{language.folder}calculus-basics/")
    tab.locator(".ascent-explorer__plot").scroll_into_view_if_needed()
    tab.wait_for_selector(".ascent-explorer__plot text", state="attached")
    texts = tab.evaluate(EXPLORER_TEXTS)
    context.close()
    assert texts
    assert [(text, px) for text, px in texts if px < LEGIBLE_PX] == []


def test_sections_below_the_fold_are_skipped_until_read(browser, served):
    """Assert the calculus page's sections may skip layout off screen, and
    that a link to a heading far down still lands on it."""
    opened = Visit(browser, f"{served}/calculus-basics/")
    page = opened.page
    sections = page.locator("article section.page-section")
    assert sections.count() == len(page.locator("article h2").all()) > 3
    assert sections.first.evaluate(
        "el => getComputedStyle(el).contentVisibility") == "auto"
    page.goto(f"{served}/calculus-basics/#summary")
    # the heading settles just below the header, once the sections above
    # it are laid out (a timeout here is the failure)
    page.wait_for_function("""() => {
        const top = document.querySelector('h2#summary')
            .getBoundingClientRect().top;
        return 0 <= top && top < 200;
    }""")
    opened.close()


@pytest.mark.parametrize("language", LANGUAGES,
                         ids=lambda language: language.code)
def test_search_index_waits_for_the_reader(browser, served, language):
    """Assert a page view does not fetch the search index, and that the
    first search does, and finds: the first view does not grow with the
    book."""
    opened = Visit(browser, f"{served}/{language.folder}calculus-basics/")
    page = opened.page
    index = f"/{language.folder}search/search_index.json"
    assert not [url for url in opened.requests if url.endswith(index)]
    title = page.locator("article h1").inner_text().split()[0]
    page.click("input.md-search__input")
    page.keyboard.type(title)
    page.keyboard.press("End")  # the search runs on a key
    page.wait_for_selector(".md-search-result__item", timeout=120_000)
    assert [url for url in opened.requests if url.endswith(index)]
    results = page.locator(".md-search-result__list").inner_text()
    assert "\\(" not in results and "\\[" not in results
    assert opened.problems == []
    opened.close()
