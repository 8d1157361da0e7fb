"""Draw the figures pages ask for, at build time, in light and dark.

A page names its figures module in its front matter and places a figure
with a marker line of its own::

    ---
    values: calculus_basics
    figures: calculus_basics_figures
    ---

    %%figure:objective%%

For every such page, ``on_files`` renders each ``FigureSpec`` of the module
in both palettes (snippets/figures.py) and adds the SVG files to the site
as generated files under ``figures/<module>/``; nothing is written to
docs/. A cache in ``.cache/figures/`` is keyed on the source of the whole
snippets package, matplotlib's version, the style and the palette, so a
rebuild with unchanged code draws nothing. The marker becomes a figure with
both images (Material shows the one matching the reader's palette), the
alt text and the caption. This hook lints those two and fills in their
``%%name%%`` markers from the page's values, as the values hook, which runs
first, does for the rest of the page.
"""

import hashlib
import importlib
import json
import logging
import re
from importlib.metadata import version
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

log = logging.getLogger("mkdocs.hooks.figures")
SVG_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"')

_svg_sizes = {}  # src_uri of a generated SVG -> (width, height) in px


def _root(config):
    return Path(config.config_file_path).parent.resolve()


def _figure_pages(files):
    """(page, values module, figures module) for pages that have figures."""
    for file in files.documentation_pages():
        _, meta = get_data(Path(file.abs_src_path).read_text("utf-8"))
        if "figures" in meta:
            yield file, meta.get("values"), meta["figures"]


def _code_key():
    """What every figure's bytes depend on besides its name and palette."""
    from snippets import source_digest
    from snippets.figures import PALETTES, STYLE

    return hashlib.sha256(json.dumps([
        source_digest(), version("matplotlib"), STYLE, repr(PALETTES)])
        .encode()).hexdigest()


def svg_uri(module, name, palette):
    return f"figures/{module}/{name}-{palette}.svg"


def on_files(files, config):
    from snippets.figures import PALETTES, render_svg

    root = _root(config)
    cache = root / ".cache" / "figures"
    code_key = None
    drawn = reused = 0
    done = set()
    for page, values_module, module_name in _figure_pages(files):
        if module_name in done:
            continue
        done.add(module_name)
        where = f"docs/{page.src_uri}"
        module = _import(where, module_name)
        values = _import(where, values_module).page_values()
        code_key = code_key or _code_key()
        for spec in module.FIGURES:
            for palette in PALETTES:
                key = hashlib.sha256(f"{code_key} {module_name} {spec.name} "
                                     f"{palette.name}".encode()).hexdigest()
                cached = cache / f"{key}.svg"
                if cached.is_file():
                    svg = cached.read_bytes()
                    reused += 1
                else:
                    try:
                        svg = render_svg(spec, values, palette)
                    except Exception as error:
                        raise PluginError(
                            f"snippets/{module_name}.py: figure "
                            f"'{spec.name}' ({spec.draw.__name__}, "
                            f"{palette.name}) raised "
                            f"{type(error).__name__}: {error}") from error
                    cache.mkdir(parents=True, exist_ok=True)
                    cached.write_bytes(svg)
                    drawn += 1
                uri = svg_uri(module_name, spec.name, palette.name)
                width, height = map(float, SVG_SIZE.search(svg).groups())
                _svg_sizes[uri] = round(width * 4 / 3), round(height * 4 / 3)
                files.append(File.generated(config, uri, content=svg))
    if done:
        log.info("figures: %d drawn, %d from the cache", drawn, reused)
    return files


def _import(where, module_name):
    if module_name is None:
        raise PluginError(f"{where}: figures need a 'values:' module too")
    try:
        return importlib.import_module(f"snippets.{module_name}")
    except ModuleNotFoundError as error:
        raise PluginError(f"{where}: no module snippets/{module_name}.py "
                          f"({error})") from None


def _describe(spec, module_name, values):
    """The figure's alt text and caption with their values filled in."""
    from snippets.register import RegisterError, substitute, typed_numbers

    where = f"snippets/{module_name}.py: figure '{spec.name}'"
    texts = []
    for part, text in (("alt text", spec.alt), ("caption", spec.caption)):
        typed = typed_numbers(text)
        if typed:
            raise PluginError(
                f"{where}: the number {typed[0][1]} is typed into its "
                f"{part}; insert it as %%name%%")
        try:
            texts.append(substitute(text, values, f"{where} {part}"))
        except RegisterError as error:
            raise PluginError(str(error)) from None
    return texts


def on_page_markdown(markdown, page, config, files):
    module_name = page.meta.get("figures")
    if module_name is None or not page.file.src_uri.endswith(".md"):
        return markdown
    where = f"docs/{page.file.src_uri}"
    specs = {spec.name: spec for spec in _import(where, module_name).FIGURES}
    values = page.values  # set by the values hook, which runs first
    depth = page.file.src_uri.count("/")

    def figure(match):
        name = match.group(1)
        if name not in specs:
            source = Path(page.file.abs_src_path).read_text("utf-8")
            line = source[:source.find(match.group(0))].count("\n") + 1
            raise PluginError(
                f"docs/{page.file.src_uri}:{line}: %%figure:{name}%%: "
                f"snippets/{module_name}.py has no figure '{name}'")
        alt, caption = _describe(specs[name], module_name, values)
        alt = alt.replace("[", "(").replace("]", ")")
        images = []
        for scheme in ("light", "dark"):
            uri = svg_uri(module_name, name, scheme)
            width, height = _svg_sizes[uri]
            images.append(
                f"![{alt}]({'../' * depth}{uri}#only-{scheme})"
                f'{{ width="{width}" height="{height}" loading="lazy" }}')
        # one line, so that the page's later lines keep their numbers
        return (f'<figure markdown="span" id="figure-{name}">'
                + " ".join(images)
                + f" <figcaption>{caption}</figcaption></figure>")

    from snippets.register import FIGURE_MARKER

    return FIGURE_MARKER.sub(figure, markdown)
