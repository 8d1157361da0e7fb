"""Insert computed values into pages, and refuse numbers typed by hand.

A page names its snippets module in its front matter::

    ---
    values: calculus_basics
    ---

and writes ``%%name%%`` wherever a number computed by that module belongs.
Before Markdown runs, this hook checks that no number is typed into the
page (``snippets.register.typed_numbers``) and replaces every marker with
the value ``snippets.<module>.page_values()`` registers under that name.
Any fault stops the build with the file, the line and the item.

It also publishes the data a page module returns from ``page_data()``.
"""

import hashlib
import importlib
import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data


def on_config(config):
    root = Path(config.config_file_path).parent.resolve()
    _import_snippets_from(root)


def on_page_markdown(markdown, page, config, files):
    if not page.file.src_uri.endswith(".md"):
        return markdown  # a notebook: docs/hooks/notebooks.py lints it
    from snippets.register import RegisterError, substitute, typed_numbers

    where, first_line = _source_position(page, config)
    typed = typed_numbers(markdown)
    if typed:
        line, number = typed[0]
        raise PluginError(
            f"{where}:{first_line + line - 1}: the number {number} is typed "
            "into the page; insert it from the page's values as %%name%% "
            "(or, if it is not a computed result, list it with a reason in "
            "ALLOWED_LITERALS of snippets/register.py)")
    try:
        register = _page_register(page)
        page.values = register  # the figures hook fills in captions with it
        return substitute(markdown, register, where, first_line)
    except RegisterError as error:
        raise PluginError(str(error)) from None


def on_files(files, config):
    """Publish what a page module's ``page_data()`` returns, as JSON files
    under ``data/<module>/`` (for example what a script must reproduce)."""
    for file in files.documentation_pages():
        if not file.src_uri.endswith(".md"):
            continue
        _, meta = get_data(Path(file.abs_src_path).read_text("utf-8"))
        if "values" not in meta:
            continue
        module = _page_module(f"docs/{file.src_uri}", meta["values"])
        for name, data in getattr(module, "page_data", dict)().items():
            files.append(File.generated(
                config, f"data/{meta['values']}/{name}",
                content=json.dumps(data, indent=1)))
    return files


def _page_register(page):
    from snippets.register import Register

    module_name = page.meta.get("values")
    if module_name is None:
        return Register()  # a page without values: every marker is unknown
    module = _page_module(f"docs/{page.file.src_uri}", module_name)
    _stamp_sources()
    return module.page_values()


def _page_module(where, module_name):
    try:
        return importlib.import_module(f"snippets.{module_name}")
    except ModuleNotFoundError as error:
        raise PluginError(
            f"{where}: front matter 'values: {module_name}' names no module "
            f"snippets/{module_name}.py ({error})") from None


def _source_position(page, config):
    """The page's path from the project root, and its body's first line."""
    root = Path(config.config_file_path).parent.resolve()
    source = Path(page.file.abs_src_path).resolve()
    text = source.read_text(encoding="utf-8")
    body, _ = get_data(text)  # the text after the front matter
    front_matter = text[: len(text) - len(body)]
    return source.relative_to(root).as_posix(), front_matter.count("\n") + 1


def _digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _snippets_modules():
    return [(name, module) for name, module in list(sys.modules.items())
            if name == "snippets" or name.startswith("snippets.")]


def _stamp_sources():
    """Remember each loaded snippets module's source, to see edits later."""
    for _, module in _snippets_modules():
        if not hasattr(module, "__source_digest__"):
            module.__source_digest__ = _digest(module.__file__)


def _import_snippets_from(root):
    """Make ``import snippets`` load this project's package, as it is now.

    ``mkdocs serve`` keeps one process across rebuilds, and a test may build
    a copy of the project: drop loaded snippets modules that come from
    another folder or whose source changed since they were imported.
    """
    sys.path[:] = [str(root)] + [p for p in sys.path if p != str(root)]
    loaded = _snippets_modules()
    stale = any(
        not Path(module.__file__).resolve().is_relative_to(root)
        or not Path(module.__file__).is_file()
        or getattr(module, "__source_digest__", None)
        not in (None, _digest(module.__file__))
        for _, module in loaded)
    if stale:
        for name, _ in loaded:
            del sys.modules[name]
    importlib.invalidate_caches()
