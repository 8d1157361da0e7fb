"""The pages of the site, read from mkdocs.yml's nav, for checks that hold
for every page: adding a page to the nav adds it to each of them."""

import importlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags only name defaults here."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


def nav_sources(nav):
    """Every file the nav names, in order."""
    for entry in nav:
        value = entry if isinstance(entry, str) else next(iter(
            entry.values()))
        if isinstance(value, list):
            yield from nav_sources(value)
        else:
            yield value


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
    """One page of the nav: its source and what the build makes of it."""

    src_uri: str

    def __str__(self):
        return self.src_uri

    @property
    def source(self):
        return DOCS / self.src_uri

    @property
    def notebook(self):
        return self.src_uri.endswith(".py")

    @property
    def url(self):
        """The page's address below the site root."""
        stem = self.src_uri.rsplit(".", 1)[0]
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

        return "\n".join(cell.source for cell in jupytext.read(
            self.source).cells if cell.cell_type == "markdown")

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

    @property
    def formulas(self):
        """How many formulas the reader sees typeset on the page."""
        return count_formulas(self.prose) + sum(
            count_formulas(spec.caption) for spec in self.figures)


CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), _Loader)
SITE_PAGES = tuple(SitePage(src) for src in nav_sources(CONFIG["nav"]))
# the literals every page may type (the plugin's allowed_numbers)
SITE_ALLOWED = tuple(next(
    plugin["appendix"] for plugin in CONFIG["plugins"]
    if isinstance(plugin, dict) and "appendix" in plugin)["allowed_numbers"])
MARKDOWN_PAGES = tuple(p for p in SITE_PAGES if not p.notebook)
FIGURES = tuple((page, spec) for page in SITE_PAGES for spec in page.figures)
MODULES = tuple(sorted((ROOT / "snippets").glob("*.py")))
