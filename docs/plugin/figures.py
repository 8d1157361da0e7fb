"""Figures of pages, drawn at build time in light and dark.

A page names its figures module in its front matter (``figures:``) and
places a figure with a line of its own, ``%%figure:name%%``. Each
``FigureSpec`` of the module is drawn as SVG in every palette and served
as a generated file under ``figures/<module>/``; nothing is written to
docs/. An SVG is cached under the code that drew it (the figures module,
the page module and every snippets module they import), the versions of
matplotlib and numpy, the palette and the language, so an edit redraws
only the figures whose code it touched. The marker becomes a figure with
both images (Material shows the one matching the reader's palette), its
alt text and its caption, their markers filled in and their numbers
linted like the page's.
"""

import html
import logging
import posixpath
import re
from importlib.metadata import version

from mkdocs.exceptions import PluginError

from . import cache, lint, markers

log = logging.getLogger("mkdocs.plugins.appendix.figures")
SVG_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"')
LIBRARIES = ("matplotlib", "numpy")


def svg_uri(module, name, palette, language):
    return f"figures/{module}/{name}-{palette}.{language}.svg"


class Figures:
    """Draws, caches and places the figures of one build."""

    def __init__(self, snippets, values, store, language, allowed):
        self.snippets = snippets  # modules.SnippetsModules
        self.values = values  # values.Values
        self.store = store  # cache.Cache
        self.language = language
        self.allowed = allowed  # site-wide allowed numbers
        self.sizes = {}  # svg uri -> (width, height) in CSS px
        self.owners = {}  # figures module -> the context of its page
        self.drawn, self.reused = [], 0

    def specs(self, module_name, where):
        try:
            module = self.snippets.load(module_name)
        except ModuleNotFoundError as error:
            if error.name != f"snippets.{module_name}":
                raise  # a module the figures module imports is missing
            raise PluginError(f"{where}: no figures module "
                              f"{self.snippets.source_path(module_name)} "
                              f"({error})") from None
        return {spec.name: spec for spec in module.FIGURES}

    def draw(self, context):
        """``{site path: SVG bytes}`` for every figure of the page."""
        module_name = context.figures_module
        if context.values_module is None:
            raise PluginError(f"{context.path}: figures need a 'values:' "
                              "module too")
        specs = self.specs(module_name, context.path)
        self.owners.setdefault(module_name, context)
        palettes = self.snippets.load("figures").PALETTES
        code = self.snippets.key(module_name, context.values_module)
        libraries = [(name, version(name)) for name in LIBRARIES]
        texts = None
        drawn = {}
        for spec in specs.values():
            for palette in palettes:
                key = cache.digest(code, libraries, spec.name, palette.name,
                                   self.language)
                svg = self.store.get(key)
                if svg is None:
                    if texts is None:
                        texts = self.values.texts(context.values_module,
                                                  context.path)
                    svg = self.store.put(key, self._render(
                        spec, texts, palette, module_name))
                    self.drawn.append(f"{spec.name}-{palette.name}")
                else:
                    self.reused += 1
                uri = svg_uri(module_name, spec.name, palette.name,
                              self.language)
                width, height = map(float, SVG_SIZE.search(svg).groups())
                self.sizes[uri] = round(width * 4 / 3), round(height * 4 / 3)
                drawn[uri] = svg
        return drawn

    def _render(self, spec, texts, palette, module_name):
        render_svg = self.snippets.load("figures").render_svg
        try:
            return render_svg(spec, texts, palette, self.language)
        except Exception as error:
            raise PluginError(
                f"{self.snippets.source_path(module_name)}: figure "
                f"'{spec.name}' ({spec.draw.__name__}, {palette.name}) "
                f"raised {type(error).__name__}: {error}") from error

    def report(self):
        if self.drawn or self.reused:
            names = f" ({', '.join(self.drawn)})" if self.drawn else ""
            log.info("figures: %d drawn%s, %d from the cache",
                     len(self.drawn), names, self.reused)

    def place(self, markdown, context, render):
        """Replace each ``%%figure:name%%`` line of ``markdown``."""
        module_name = context.figures_module
        specs = self.specs(module_name, context.path) if module_name else {}
        source = self.snippets.source_path(module_name or "")
        code = [(i, j) for kind, i, j in markers.segments(markdown)
                if kind in markers.VERBATIM]

        def figure(match):
            if any(i <= match.start() < j for i, j in code):
                return match[0]  # shown as code, not placed
            name = match["name"]
            line = markers.line_at(markdown, match.start(),
                                   context.body_line)
            if name not in specs:
                raise PluginError(
                    f"{context.path}:{line}: %%figure:{name}%%: "
                    + (f"{source} has no figure '{name}'" if module_name
                       else "the page names no 'figures:' module"))
            alt, caption = self._describe(specs[name], source,
                                          context.allowed_numbers, render)
            alt = alt.replace("[", "(").replace("]", ")")
            images = " ".join(
                f"![{alt}]({src}){{ width=\"{width}\" height=\"{height}\" "
                'loading="lazy" }' for src, width, height in self._images(
                    module_name, name, context.src_uri))
            # one line, so that the page's later lines keep their numbers
            return (f'<figure markdown="span" id="figure-{name}">{images} '
                    f"<figcaption>{caption}</figcaption></figure>")

        return markers.FIGURE_LINE.sub(figure, markdown)

    def _images(self, module_name, name, src_uri):
        """``(src, width, height)`` of the figure in each palette, its
        address relative to the page made from ``src_uri``."""
        for scheme in ("light", "dark"):
            uri = svg_uri(module_name, name, scheme, self.language)
            width, height = self.sizes[uri]
            relative = posixpath.relpath(uri, posixpath.dirname(src_uri)
                                         or ".")
            yield f"{relative}#only-{scheme}", width, height

    def html(self, module_name, name, page):
        """The figure as HTML images for a page built from other sources
        than Markdown (a notebook), with its alt text and size."""
        owner = self.owners.get(module_name)
        where = f"docs/{page.file.src_uri}: figure '{module_name}.{name}'"
        if owner is None:
            raise PluginError(f"{where}: no page places figures of "
                              f"{self.snippets.source_path(module_name)}")
        specs = self.specs(module_name, owner.path)
        if name not in specs:
            raise PluginError(f"{where}: no such figure")
        render = self.values.renderer(owner.values_module, owner.path)
        alt, _ = self._describe(specs[name],
                                self.snippets.source_path(module_name),
                                owner.allowed_numbers, render)
        # the page is served from a folder of its own (use_directory_urls)
        folder = posixpath.join(page.url.rstrip("/"), "x")
        images = "".join(
            f'<img src="{html.escape(src)}" alt="{html.escape(alt)}" '
            f'width="{width}" height="{height}" loading="lazy">'
            for src, width, height in self._images(module_name, name,
                                                   folder))
        return f'<figure class="notebook-figure">{images}</figure>'

    def _describe(self, spec, source, page_allowed, render):
        """The alt text and caption, linted, with their values filled in."""
        where = f"{source}: figure '{spec.name}'"
        try:
            words = spec.words_in(self.language)
        except LookupError as error:
            raise PluginError(f"{source}: {error}") from None
        texts = []
        for part, key in (("alt text", "alt"), ("caption", "caption")):
            text = words.get(key, "")
            typed = lint.typed_numbers(text, [*self.allowed, *page_allowed])
            if typed:
                raise PluginError(
                    f"{where}: the number {typed[0][1]} is typed into its "
                    f"{part}; insert it as %%name%%")
            texts.append(markers.substitute(text, render, f"{where} {part}"))
        return texts
