"""The pages of the site, read from each edition's nav (mkdocs.yml and
docs/zh.yml), for checks that hold for every page: adding a page to the
nav adds it to each of them, in every language."""

import importlib
import posixpath
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from appendix_plugin.editions import nav_sources
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags only name defaults here."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


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


def count_formulas(markdown):
    """Formulas in Markdown: ``$$`` blocks, then ``$`` inline spans."""
    blocks = re.findall(r"^\s*\$\$.*?\$\$", markdown, re.S | re.M)
    rest = re.sub(r"^\s*\$\$.*?\$\$", "", markdown, flags=re.S | re.M)
    return len(blocks) + len(re.findall(r"(?<![\\$])\$[^$]+?\$", rest))


@dataclass(frozen=True)
class SitePage:
    """One page of the nav: its source and what the build makes of it.

    ``edition`` is "" for the original (English) and the folder of a
    translation ("zh") otherwise; a translation has the original's paths
    below its folder, in its docs and in the site.
    """

    src_uri: str
    edition: str = ""

    def __str__(self):
        return posixpath.join(self.edition, self.src_uri)

    @property
    def language(self):
        return self.edition or "en"

    @property
    def source(self):
        return DOCS / self.edition / self.src_uri

    @property
    def original(self):
        """The page this one translates (itself, for the original)."""
        return SitePage(self.src_uri)

    @property
    def allowed(self):
        """The literals the page may type: its edition's and its own."""
        return [*SITE_ALLOWED[self.edition],
                *self.meta.get("allowed_numbers", {})]

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
        """The front matter; a notebook's jupytext header."""
        if self.notebook:
            import jupytext

            return dict(jupytext.read(self.source).metadata)
        return get_data(self.source.read_text("utf-8"))[1]

    @cached_property
    def prose(self):
        """The text a reader reads: the page's Markdown, or a notebook's
        Markdown cells."""
        if not self.notebook:
            return get_data(self.source.read_text("utf-8"))[0]
        import jupytext

        return "\n\n".join(cell.source for cell in jupytext.read(
            self.source).cells if cell.cell_type == "markdown")

    def code(self, root=ROOT):
        """Every snippets module behind the page (its values and figures
        modules, or what the notebook imports), transitively."""
        from appendix_plugin.modules import imported_names

        if self.notebook:
            source = (root / "docs" / self.edition / self.src_uri
                      ).read_text("utf-8")
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
        return spec.words_in(self.language)

    @property
    def formulas(self):
        """How many formulas the reader sees typeset on the page."""
        return count_formulas(self.prose) + sum(
            count_formulas(self.words(spec)["caption"])
            for spec in self.figures)


def _read_config(path):
    return yaml.load(path.read_text("utf-8"), _Loader)


CONFIG = _read_config(ROOT / "mkdocs.yml")
_APPENDIX = next(plugin["appendix"] for plugin in CONFIG["plugins"]
                 if isinstance(plugin, dict) and "appendix" in plugin)
# edition folder ("" for the original) -> its config
EDITIONS = {"": CONFIG} | {
    language: _read_config(ROOT / path)
    for language, path in _APPENDIX.get("translations", {}).items()}


def _allowed(config):
    """The literals every page of an edition may type (allowed_numbers)."""
    return tuple(next(
        plugin["appendix"] for plugin in config["plugins"]
        if isinstance(plugin, dict) and "appendix" in plugin
    ).get("allowed_numbers", {}))


SITE_ALLOWED = {edition: _allowed(config)
                for edition, config in EDITIONS.items()}
SITE_PAGES = tuple(SitePage(src, edition)
                   for edition, config in EDITIONS.items()
                   for src in nav_sources(config["nav"]))
ORIGINAL_PAGES = tuple(p for p in SITE_PAGES if not p.edition)
TRANSLATED_PAGES = tuple(p for p in SITE_PAGES if p.edition)
MARKDOWN_PAGES = tuple(p for p in SITE_PAGES if not p.notebook)
FIGURES = tuple((page, spec) for page in SITE_PAGES for spec in page.figures)
MODULES = tuple(sorted((ROOT / "snippets").glob("*.py")))
