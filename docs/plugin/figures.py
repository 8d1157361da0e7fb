"""Figures of pages, drawn at build time in light and dark.

A page names its figures module in its front matter (``figures:``) and
places a figure with a line of its own, ``%%figure:name%%``. Each
``FigureSpec`` of the module is drawn as SVG in every palette, with its
words in the page's language, and served as a generated file under
``figures/<module>/``; nothing is written to docs/. A figure's words are
its spec's (the original language), laid over by the edition's word
table (languages.py), and drawn with that language's fonts. An SVG is
cached under the code that drew it (the figures module, the page module
and every snippets module they import), the versions of matplotlib and
numpy, the palette, the words and the fonts, so an edit redraws only the
figures it touched. The marker becomes a figure with both images
(Material shows the one matching the reader's palette), its alt text and
its caption, their markers filled in and their numbers linted like the
page's.
"""

import html
import logging
import posixpath
import re

from mkdocs.exceptions import PluginError

from . import cache, lint, markers

log = logging.getLogger("mkdocs.plugins.appendix.figures")
SVG_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"')
LIBRARIES = ("matplotlib", "numpy")


def svg_uri(module, name, palette, language):
    return f"figures/{module}/{name}-{palette}.{language}.svg"


class Figures:
    """Draws, caches and places the figures of one edition's build.

    ``languages``: code -> languages.Language; ``table``: the edition's
    word table; ``original``: the original language's code.
    """

    def __init__(self, snippets, values, store, languages, table,
                 original, allowed):
        self.snippets = snippets  # modules.SnippetsModules
        self.values = values  # values.Values
        self.store = store  # cache.Cache
        self.languages = languages
        self.table = table
        self.original = original
        self.allowed = allowed  # site-wide allowed numbers
        self.sizes = {}  # svg uri -> (width, height) in CSS px
        self.owners = {}  # figures module -> the context of its page
        self.done = set()  # (module, language) drawn in this build
        self.drawn, self.reused, self.untranslated = [], 0, set()

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

    def words(self, module_name, spec, language):
        """A figure's words in ``language``: its own, or the table's."""
        if language == self.original:
            return spec.words
        words, missing = self.table.figure_words(module_name, spec)
        self.untranslated.update(f"{spec.name}.{key}" for key in missing)
        return words

    def draw(self, context):
        """``{site path: SVG bytes}`` for every figure of the page, in
        the language of its words."""
        module_name = context.figures_module
        if context.values_module is None:
            raise PluginError(f"{context.path}: figures need a 'values:' "
                              "module too")
        self.specs(module_name, context.path)  # a missing module stops
        self.owners.setdefault(module_name, context)
        return self.ensure(module_name, context.language)

    def ensure(self, module_name, language):
        """The figures of ``module_name`` in ``language``, unless this
        build has them already (then ``{}``)."""
        if (module_name, language) in self.done:
            return {}
        self.done.add((module_name, language))
        owner = self.owners[module_name]
        specs = self.specs(module_name, owner.path)
        palettes = self.snippets.load("figures").PALETTES
        code = self.snippets.key(module_name, owner.values_module)
        libraries = [(name, cache.version(name)) for name in LIBRARIES]
        fonts = self.languages[language].fonts
        texts = None
        drawn = {}
        for spec in specs.values():
            words = self.words(module_name, spec, language)
            for palette in palettes:
                key = cache.digest(code, libraries, spec.name, palette.name,
                                   words, fonts)
                svg = self.store.get(key)
                if svg is None:
                    if texts is None:
                        texts = self.values.texts(owner.values_module,
                                                  owner.path)
                    svg = self.store.put(key, self._render(
                        spec, texts, palette, words, language, module_name))
                    self.drawn.append(f"{spec.name}-{palette.name}")
                else:
                    self.reused += 1
                uri = svg_uri(module_name, spec.name, palette.name, language)
                width, height = map(float, SVG_SIZE.search(svg).groups())
                self.sizes[uri] = round(width * 4 / 3), round(height * 4 / 3)
                drawn[uri] = svg
        return drawn

    def _render(self, spec, texts, palette, words, language, module_name):
        figures = self.snippets.load("figures")
        fonts = self.languages[language].fonts
        try:
            return figures.render_svg(spec, texts, palette, words, fonts)
        except figures.MissingFont as missing:
            package = self.languages[language].font_package
            hint = (f" (on Debian or Ubuntu: apt-get install {package})"
                    if package else "")
            raise PluginError(
                f"drawing figures in '{language}': {missing}; install it"
                f"{hint}, then build again (if it is installed, delete "
                "matplotlib's font cache: the folder python -c 'import "
                "matplotlib; print(matplotlib.get_cachedir())' prints)"
            ) from None
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
        if self.untranslated:
            log.info("figures: words not in %s yet, shown in the original "
                     "language: %s", self.table.path or "a word table",
                     ", ".join(sorted(self.untranslated)))

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
            alt, caption = self._describe(
                module_name, specs[name], context.language,
                context.allowed_numbers, render)
            alt = alt.replace("[", "(").replace("]", ")")
            images = " ".join(
                f"![{alt}]({src}){{ width=\"{width}\" height=\"{height}\" "
                'loading="lazy" }' for src, width, height in self._images(
                    module_name, name, context.language, context.src_uri))
            # one line, so that the page's later lines keep their numbers
            return (f'<figure markdown="span" id="figure-{name}">{images} '
                    f"<figcaption>{caption}</figcaption></figure>")

        return markers.FIGURE_LINE.sub(figure, markdown)

    def _images(self, module_name, name, language, src_uri):
        """``(src, width, height)`` of the figure in each palette, its
        address relative to the page made from ``src_uri``."""
        for scheme in ("light", "dark"):
            uri = svg_uri(module_name, name, scheme, language)
            width, height = self.sizes[uri]
            relative = posixpath.relpath(uri, posixpath.dirname(src_uri)
                                         or ".")
            yield f"{relative}#only-{scheme}", width, height

    def html(self, module_name, name, page, language):
        """The figure as HTML images for a page built from other sources
        than Markdown (a notebook), with its alt text and size."""
        owner = self.owners.get(module_name)
        where = f"docs/{page.file.src_uri}: figure '{module_name}.{name}'"
        if owner is None or (module_name, language) not in self.done:
            raise PluginError(f"{where}: no page places figures of "
                              f"{self.snippets.source_path(module_name)}")
        specs = self.specs(module_name, owner.path)
        if name not in specs:
            raise PluginError(f"{where}: no such figure")
        render = self.values.renderer(owner.values_module, owner.path)
        alt, _ = self._describe(module_name, specs[name], language,
                                owner.allowed_numbers, render)
        # the page is served from a folder of its own (use_directory_urls)
        folder = posixpath.join(page.url.rstrip("/"), "x")
        images = "".join(
            f'<img src="{html.escape(src)}" alt="{html.escape(alt)}" '
            f'width="{width}" height="{height}" loading="lazy">'
            for src, width, height in self._images(module_name, name,
                                                   language, folder))
        return f'<figure class="notebook-figure">{images}</figure>'

    def _describe(self, module_name, spec, language, page_allowed, render):
        """The alt text and caption, linted, with their values filled in."""
        source = (self.snippets.source_path(module_name)
                  if language == self.original else self.table.path)
        where = f"{source}: figure '{spec.name}'"
        words = self.words(module_name, spec, language)
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
