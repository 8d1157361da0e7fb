"""The numbers pages print: read from page modules, printed by context.

A page module's ``page_values()`` returns a mapping of names to numbers,
or to ``(number, format)`` pairs. This build reads it once per module and
prints a value where a marker stands (markers.py):

- in math, as TeX: ``3\\times10^{-4}``;
- in prose, alt text and captions, as plain text: ``3×10⁻⁴``;
- in an HTML attribute, as the shortest text that reads back as the same
  float (``0.0003``), for scripts.

A format written at the marker (``%%alpha:.2f%%``) wins over the value's
own. The digits come from ``snippets.values``, the same function page code
and notebooks print with.

A module's values are cached under the code that computed them (its
syntax and that of every ``snippets`` module it imports) and the version
of the library it computes with: an experiment that samples thousands of
episodes runs again when its code changes, not when a sentence does.
Claims are checked when the values are computed; the same code makes the
same values, so a cached table has passed them.
"""

import json
import traceback
from numbers import Integral
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import cache, markers

LIBRARIES = ("numpy",)  # what page code computes with

RESERVED = {"figure"}  # %%figure:name%% places a figure


class Values:
    """Every page module's values, read at most once per build.

    ``pages`` (src_uri -> PageContext, filled before any value is read)
    lets a claim that fails name the sentences that make it.
    """

    def __init__(self, modules, pages=None, store=None):
        self.modules = modules  # modules.SnippetsModules
        self.pages = {} if pages is None else pages
        self.store = store  # a cache.Cache of tables, or None
        self._read = {}
        self._data_done = set()

    def data(self, module_name, where):
        """The files a module's ``page_data()`` gives its page's scripts
        (name -> JSON text), unless this build has them already (then
        ``{}``); cached under its code, as values are."""
        if module_name in self._data_done:
            return {}
        self._data_done.add(module_name)
        module = self.module(module_name, where)
        if not hasattr(module, "page_data"):
            return {}
        key = self.store and cache.digest(self._code(module_name), "data")
        saved = self.store.get(key) if key else None
        if saved is not None:
            return json.loads(saved)
        files = {name: json.dumps(data, indent=1)
                 for name, data in module.page_data().items()}
        if key:
            self.store.put(key, json.dumps(files, sort_keys=True).encode())
        return files

    def _code(self, module_name):
        """What a module's values and data are made of: its code, all it
        imports, the library it computes with, and this file, which
        checks and shapes them."""
        return cache.digest(self.modules.key(module_name), [
            (name, cache.version(name)) for name in LIBRARIES],
            Path(__file__).read_bytes())

    def of(self, module_name, where):
        """name -> (number, format) of ``snippets/<module_name>.py``."""
        if module_name not in self._read:
            self._read[module_name] = self._load(module_name, where)
        return self._read[module_name]

    def module(self, module_name, where):
        """The page module ``snippets/<module_name>.py``."""
        try:
            return self.modules.load(module_name)
        except ModuleNotFoundError as error:
            if error.name != f"snippets.{module_name}":
                raise  # a module the page module imports is missing
            raise PluginError(
                f"{where}: no page module "
                f"{self.modules.source_path(module_name)} ({error})"
            ) from None

    def _load(self, module_name, where):
        path = self.modules.source_path(module_name)
        module = self.module(module_name, where)
        if not hasattr(module, "page_values"):
            raise PluginError(f"{where}: {path} has no page_values()")
        if self.store is None:
            return self._compute(module, path)
        key = self._code(module_name)
        saved = self.store.get(key)
        if saved is not None:
            return {name: (number, fmt) for name, (number, fmt) in
                    json.loads(saved).items()}
        table = self._compute(module, path)
        self.store.put(key, json.dumps(
            {name: [number, fmt] for name, (number, fmt) in table.items()},
            sort_keys=True).encode("utf-8"))
        return table

    def _compute(self, module, path):
        """The module's table, its claims checked and its numbers too."""
        module_name = module.__name__.rpartition(".")[2]
        try:
            declared = module.page_values()
        except Exception as error:  # a claim that fails, or a bug
            if hasattr(error, "about"):  # snippets.values.ClaimError
                raise PluginError(self._claim_failed(module_name, error)
                                  ) from None
            raise PluginError(f"{path}: page_values() raised "
                              f"{type(error).__name__}: {error}") from error
        numbers = self.modules.load("values")
        table = {}
        for name, entry in dict(declared).items():
            number, fmt = entry if isinstance(entry, tuple) else (entry,
                                                                  "auto")
            if name in RESERVED:
                raise PluginError(f"{path}: value name {name!r} is reserved")
            try:
                numbers.check_number(number, name)
                numbers.number_parts(number, fmt)
            except (TypeError, ValueError) as error:
                raise PluginError(f"{path}: page_values(): {error}"
                                  ) from None
            # as plain numbers: a float or an int reads back exactly
            table[name] = (int(number) if isinstance(number, Integral)
                           else float(number), fmt)
        return table

    def _claim_failed(self, module_name, error):
        """A message naming the sentences that print the values a failed
        claim is about, and the claim's line in its module."""
        path = self.modules.source_path(module_name)
        source = Path(self.modules.root, path)
        line = next((frame.lineno for frame in reversed(
            traceback.extract_tb(error.__traceback__))
            if Path(frame.filename) == source), None)
        claimed = f"{path}:{line}" if line else path
        places = self.sentences(module_name, error.about)
        if not places:
            return f"{claimed}: {error}"
        return (f"{places[0]}: {error} (the claim is {claimed}"
                + (f"; the same values are printed at {', '.join(places[1:])}"
                   if places[1:] else "") + ")")

    def sentences(self, module_name, names):
        """``file:line`` of every place a page prints one of ``names``
        of ``module_name``, its own page first."""
        places = []
        for page in self.pages.values():
            own = page.values_module == module_name
            for kind, start, end in markers.segments(page.source.body):
                if kind in markers.VERBATIM:
                    continue
                for match in markers.MARKER.finditer(page.source.body,
                                                     start, end):
                    module = match["module"] or page.values_module
                    if module == module_name and match["name"] in names:
                        line = markers.line_at(page.source.body,
                                               match.start(),
                                               page.body_line)
                        places.append((not own, page.path, line))
        return [f"{path}:{line}" for _, path, line in sorted(set(places))]

    def texts(self, module_name, where):
        """name -> plain text, for figure labels."""
        numbers = self.modules.load("values")
        return {name: numbers.format_number(number, fmt) for name, (
            number, fmt) in self.of(module_name, where).items()}

    def renderer(self, page_module, where):
        """A ``render`` for markers.substitute on one page."""
        numbers = self.modules.load("values")

        def render(module, name, fmt, context, place):
            module = module or page_module
            if module is None:
                raise PluginError(f"{place}: value '{name}', but the page "
                                  "names no module ('values:' in its front "
                                  "matter)")
            table = self.of(module, place)
            if name not in table:
                qualified = name if module == page_module else (
                    f"{module}.{name}")
                raise PluginError(f"{place}: unknown value name "
                                  f"'{qualified}'")
            number, own = table[name]
            if context == "attr" and fmt is None:
                return exact(number)
            try:
                parts = numbers.number_parts(number, fmt or own)
            except ValueError as error:
                raise PluginError(f"{place}: %%{name}:{fmt}%%: {error}"
                                  ) from None
            return tex(*parts) if context == "math" else (
                numbers.format_number(number, fmt or own))

        return render


def exact(number):
    """The shortest text that reads back as the same number.

    >>> exact(0.1), exact(3e-05), exact(6)
    ('0.1', '3e-05', '6')
    """
    if isinstance(number, Integral):
        return str(int(number))
    return repr(float(number))


def tex(mantissa, exponent):
    """TeX for mantissa x 10^exponent.

    >>> tex("3", -4), tex("1", -3), tex("0.416", None)
    ('3\\\\times10^{-4}', '10^{-3}', '0.416')
    >>> tex("1,000", None), tex("25%", None)
    ('1{,}000', '25\\\\%')
    """
    # a digit group's comma is not punctuation; % starts a TeX comment
    mantissa = mantissa.replace(",", "{,}").replace("%", "\\%")
    if exponent is None:
        return mantissa
    power = f"10^{{{exponent}}}"
    if mantissa in ("1", "-1"):
        return mantissa[:-1] + power
    return f"{mantissa}\\times{power}"
