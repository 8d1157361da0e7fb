"""The pages of the site, in every language the plugin lists: each page of
mkdocs.yml's nav in each edition, for checks that hold for every page.
Adding a page to the nav adds it to each of them, and adding a language
adds its edition: nothing here names one."""

import base64
import importlib
import posixpath
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from appendix_plugin import languages, parity, translations
from appendix_plugin.editions import nav_sources
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def read_config(path=ROOT / "mkdocs.yml"):
    """A project's mkdocs.yml, as MkDocs reads it."""
    return languages.from_config_file(path)[0]


def plugin_config(config):
    """The appendix plugin's options in a config."""
    return next(plugin["appendix"] for plugin in config["plugins"]
                if isinstance(plugin, dict) and "appendix" in plugin)


def snippets_closure(names, root=ROOT):
    """The snippets modules ``names`` import, transitively, themselves
    included (as read from the files under ``root``)."""
    from appendix_plugin.modules import imported_names

    seen, todo = set(), [name for name in names if name]
    while todo:
        name = todo.pop()
        path = root / "snippets" / f"{name}.py"
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        todo += [n.split(".", 1)[1] for n in imported_names(
            path.read_text("utf-8"))]
    return seen


def formulas(markdown):
    """The TeX of each formula in Markdown: ``$$`` blocks, then ``$``
    inline spans (which may run over a line break)."""
    blocks = re.findall(r"^\s*\$\$(.*?)\$\$", markdown, re.S | re.M)
    rest = re.sub(r"^\s*\$\$.*?\$\$", "", markdown, flags=re.S | re.M)
    return blocks + re.findall(r"(?<![\\$])\$([^$]+?)\$", rest)


def count_formulas(markdown):
    """How many formulas Markdown holds."""
    return len(formulas(markdown))


def said_by(element):
    """What each formula in ``element`` (parsed HTML) shows, in its
    characters without spaces: a script follows its base, a numerator
    precedes its denominator (``dLdθ=−18``)."""
    return [re.sub(r"\s+", "", math.get_text())
            for math in element.select("math")]


def math_stylesheet(html):
    """The stylesheet in a page's head (parsed HTML) that draws its
    formulas, or None."""
    styles = [tag.get_text() for tag in html.select("head style")
              if "STIX Two Math" in tag.get_text()]
    assert len(styles) <= 1, "more than one math stylesheet"
    return styles[0] if styles else None


def math_font(html):
    """The math font a page (parsed HTML) carries, as bytes."""
    [data] = re.findall(r"url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)",
                        math_stylesheet(html))
    return base64.b64decode(data)


CONFIG, LANGUAGES = languages.from_config_file(ROOT / "mkdocs.yml")
ORIGINAL = LANGUAGES[0]
TABLES = {language.code: languages.read_table(
    DOCS / language.folder / languages.WORD_TABLE, ROOT)
    for language in LANGUAGES}
SITE_ALLOWED = tuple(plugin_config(CONFIG).get("allowed_numbers", {}))


@dataclass(frozen=True)
class SitePage:
    """One page of the nav in one edition: its sources and what the build
    makes of them.

    ``edition`` is "" for the original and a translation's folder (its code)
    otherwise; every edition has the original's paths below its folder.
    A page of an edition takes its words from its translation when there
    is one, and everything else from the original.
    """

    src_uri: str
    edition: str = ""

    def __str__(self):
        return posixpath.join(self.edition, self.src_uri)

    @property
    def edition_language(self):
        return next(language for language in LANGUAGES
                    if language.folder == (self.edition and
                                           self.edition + "/"))

    @property
    def original_source(self):
        return DOCS / self.src_uri

    @property
    def translation(self):
        """The translation's file, or None."""
        path = DOCS / self.edition / self.src_uri
        return path if self.edition and path.is_file() else None

    @property
    def source(self):
        """The file the page's words come from."""
        return self.translation or self.original_source

    @property
    def language(self):
        """The language of the page's words."""
        return (self.edition_language.code if self.translation
                else ORIGINAL.code)

    @property
    def original(self):
        """The page this one translates (itself, for the original)."""
        return SitePage(self.src_uri)

    @property
    def allowed(self):
        """The literals the page may type: the site's and its own."""
        return [*SITE_ALLOWED, *self.meta.get("allowed_numbers", {})]

    @property
    def notebook(self):
        return self.src_uri.endswith(".py")

    @property
    def url(self):
        """The page's address below the site root."""
        stem = posixpath.join(self.edition, self.src_uri.rsplit(".", 1)[0])
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    @property
    def html_path(self):
        return self.url + "index.html"

    @cached_property
    def meta(self):
        """The original's front matter; a notebook's jupytext header."""
        text = self.original_source.read_text("utf-8")
        if self.notebook:
            meta, _ = translations.notebook_header(text)
            return dict(meta.get("jupyter") or {})
        return get_data(text)[1]

    @cached_property
    def prose(self):
        """The text a reader reads: the page's Markdown, or a notebook's
        Markdown cells."""
        text = self.source.read_text("utf-8")
        if not self.notebook:
            return get_data(text)[0]
        return "\n\n".join(cell for cell, _ in parity.markdown_cells(text))

    def code(self, root=ROOT):
        """Every snippets module behind the page (its values and figures
        modules, or what the notebook imports), transitively."""
        from appendix_plugin.modules import imported_names

        if self.notebook:
            source = (root / "docs" / self.src_uri).read_text("utf-8")
            names = [n.split(".", 1)[1] for n in imported_names(source)]
        else:
            names = [self.meta.get("values"), self.meta.get("figures")]
        return snippets_closure(names, root)

    def module(self, key):
        """The snippets module named in the front matter under ``key``."""
        name = self.meta.get(key)
        return importlib.import_module(f"snippets.{name}") if name else None

    @property
    def figures(self):
        module = self.module("figures")
        return tuple(module.FIGURES) if module else ()

    def words(self, spec):
        """A figure's words in the page's language."""
        if self.language == ORIGINAL.code:
            return spec.words
        return TABLES[self.language].figure_words(
            self.meta["figures"], spec)[0]

    @property
    def fonts(self):
        """The fonts the page's figures are drawn with, beyond Latin."""
        return next(language.fonts for language in LANGUAGES
                    if language.code == self.language)

    @property
    def formulas(self):
        """How many formulas the reader sees typeset on the page."""
        return count_formulas(self.prose) + sum(
            count_formulas(self.words(spec)["caption"])
            for spec in self.figures)


NAV = tuple(nav_sources(CONFIG["nav"]))
SITE_PAGES = tuple(SitePage(src, language.folder.rstrip("/"))
                   for language in LANGUAGES for src in NAV)
ORIGINAL_PAGES = tuple(p for p in SITE_PAGES if not p.edition)
TRANSLATED_PAGES = tuple(p for p in SITE_PAGES if p.translation)
MARKDOWN_PAGES = tuple(p for p in SITE_PAGES if not p.notebook)
FIGURES = tuple((page, spec) for page in SITE_PAGES for spec in page.figures)
MODULES = tuple(sorted((ROOT / "snippets").glob("*.py")))
