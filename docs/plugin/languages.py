"""The languages of the appendix: one list, in the plugin's configuration.

The first language is the original: its pages are ``docs/``, its site is
the root. Every other one is an edition made from the same sources, at
``<site>/<code>/``, with only its words of its own::

    docs/<code>/words.yml           the words that are not in its pages
    docs/<code>/<page>.md           a page's words (the original's paths)
    docs/<code>/notebooks/<nb>.py   a notebook's Markdown cells

Code speaks the original language: the original's nav titles are in
mkdocs.yml, the figures' words in their ``FigureSpec``, the scripts' words
in the scripts, the build's own in words.py. A word table lays another
language's words over those, key by key; a word it lacks shows in the
original language and is listed in the build's log. A key it has that the
original lacks is a mistake, and stops the build.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.config import config_options as option
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError

WORD_TABLE = "words.yml"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# what a word table may hold, and what each part translates
PARTS = {
    "site_name": "the site's name (site_name in mkdocs.yml)",
    "site_description": "the site's description (site_description)",
    "nav": "nav titles, by the original's title",
    "build": "the build's own words (docs/plugin/words.py), by key",
    "figures": "figures' words, by figures module, figure and key",
    "scripts": "scripts' words, by script name and key",
    "notebooks": "the labels notebooks print, by notebook and the "
                 "label as the original writes it",
    "terms": "the glossary: each term's rendering (use) and those not "
             "used (avoid), which the tests enforce",
}


class LanguageConfig(Config):
    """One language of the appendix."""

    code = option.Type(str)  # as the theme knows it: "en", "fr", "pt-BR"
    name = option.Type(str)  # in the language itself, for the switcher
    # font families that draw its figures' words beyond Latin, in order of
    # preference (the first one is the build's); the Debian package of
    # the first, for the set-up to install
    fonts = option.ListOfItems(option.Type(str), default=[])
    font_package = option.Optional(option.Type(str))


@dataclass(frozen=True)
class Language:
    """A language of the appendix, with where its words live."""

    code: str
    name: str
    fonts: tuple = ()
    font_package: str | None = None
    original: bool = False

    @property
    def folder(self):
        """Its pages below docs/, and its site below the root."""
        return "" if self.original else f"{self.code}/"

    @classmethod
    def from_config(cls, entry, original):
        return cls(entry.code, entry.name, tuple(entry.fonts),
                   entry.font_package, original)

    @classmethod
    def from_mapping(cls, entry, original):
        """From the entry as mkdocs.yml writes it (a mapping)."""
        return cls(entry["code"], entry["name"],
                   tuple(entry.get("fonts") or ()),
                   entry.get("font_package"), original)


def read(entries, where="mkdocs.yml"):
    """``Language`` for each entry of the plugin's ``languages:``, the
    original first.

    >>> class Entry:
    ...     def __init__(self, code):
    ...         self.code, self.name, self.fonts = code, code, []
    ...         self.font_package = None
    >>> [language.folder for language in read([Entry("en"), Entry("de")])]
    ['', 'de/']
    """
    languages = [Language.from_config(entry, number == 0)
                 for number, entry in enumerate(entries)]
    if not languages:
        raise PluginError(f"{where}: the appendix plugin lists no "
                          "languages")
    codes = [language.code for language in languages]
    for code in codes:
        if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)?", code):
            raise PluginError(f"{where}: language code '{code}' is not a "
                              "language tag such as 'en' or 'fr'")
        if codes.count(code) > 1:
            raise PluginError(f"{where}: language '{code}' is listed twice")
    return tuple(languages)


def from_config_file(config_file):
    """``(raw config, languages)`` as ``config_file`` lists them, for tools
    and tests outside a build (INHERIT and !ENV resolved as MkDocs does).
    """
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, "rb") as file:
        config = yaml_load(file)
    options = next(plugin["appendix"] for plugin in config["plugins"]
                   if isinstance(plugin, dict) and "appendix" in plugin)
    return config, tuple(Language.from_mapping(entry, number == 0)
                         for number, entry in enumerate(
                             options["languages"]))


def alternates(languages):
    """Material's language switcher (``extra.alternate``): each edition's
    folder, relative to the original's address.

    >>> langs = (Language("en", "English", original=True),
    ...          Language("de", "Deutsch"))
    >>> [a["link"] for a in alternates(langs)]
    ['./', 'de/']
    """
    return [{"name": language.name, "link": language.folder or "./",
             "lang": language.code} for language in languages]


@dataclass(frozen=True)
class WordTable:
    """A language's words besides its pages (empty for the original)."""

    path: str = ""  # as messages name it
    site_name: str | None = None
    site_description: str | None = None
    nav: dict = field(default_factory=dict)
    build: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)
    scripts: dict = field(default_factory=dict)
    notebooks: dict = field(default_factory=dict)
    terms: dict = field(default_factory=dict)

    def figure_words(self, module, spec):
        """A figure's words: its own, with this table's laid over them;
        and the keys left in the original language."""
        translated = self.figures.get(module, {}).get(spec.name, {})
        unknown = set(translated) - set(spec.words)
        if unknown:
            raise PluginError(
                f"{self.path}: figures: {module}: {spec.name}: "
                f"{', '.join(sorted(unknown))}: the figure has no such "
                f"words (it has {', '.join(sorted(spec.words))})")
        for key, text in translated.items():
            check_placeholders(f"{self.path}: figures: {module}: "
                               f"{spec.name}: {key}", text,
                               spec.words[key])
        return ({**spec.words, **translated},
                sorted(set(spec.words) - set(translated)))

    def check_figures(self, modules):
        """Stop at a figures module or figure the table names that the
        site does not have (``modules``: name -> its specs by name)."""
        for module, figures in self.figures.items():
            if module not in modules:
                raise PluginError(f"{self.path}: figures: no page shows "
                                  f"figures of '{module}'")
            for name in figures:
                if name not in modules[module]:
                    raise PluginError(f"{self.path}: figures: {module}: "
                                      f"no figure '{name}'")


    def notebook_labels(self, notebook, said, where):
        """The labels of ``notebook`` (its file's stem) in this table, when
        they are exactly those its code ``said``; ``where``: the notebook,
        as messages name it."""
        translated = self.notebooks.get(notebook, {})
        missing, unknown = said - set(translated), set(translated) - said
        if missing:
            raise PluginError(
                f"{self.path}: notebooks: {notebook}: no words for "
                f"{', '.join(map(repr, sorted(missing)))}, which {where} "
                "prints")
        if unknown:
            raise PluginError(
                f"{self.path}: notebooks: {notebook}: "
                f"{', '.join(map(repr, sorted(unknown)))}: {where} prints "
                "no such label")
        for label, text in translated.items():
            check_placeholders(f"{self.path}: notebooks: {notebook}: "
                               f"{label}", text, label)
        return translated

    def check_notebooks(self, names):
        """Stop at a notebook the table names that the site does not
        have (``names``: the notebooks' stems)."""
        for notebook in self.notebooks:
            if notebook not in names:
                raise PluginError(f"{self.path}: notebooks: no notebook "
                                  f"'{notebook}'")


def read_table(path, root):
    """The word table at ``path`` (``WordTable()`` when there is none)."""
    path = Path(path)
    where = path.relative_to(root).as_posix()
    if not path.is_file():
        return WordTable(where)
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as error:
        raise PluginError(f"{where}: not YAML: {error}") from None
    if not isinstance(data, dict):
        raise PluginError(f"{where}: a word table is a mapping of "
                          f"{', '.join(PARTS)}")
    unknown = set(data) - set(PARTS)
    if unknown:
        raise PluginError(
            f"{where}: {', '.join(sorted(unknown))}: a word table holds "
            + "; ".join(f"{key} ({what})" for key, what in PARTS.items()))
    for key, depth in SHAPES.items():
        if key in data:
            _check_shape(data[key], depth, f"{where}: {key}")
    for term, entry in data.get("terms", {}).items():
        if not isinstance(entry.get("use"), str) or not all(
                isinstance(word, str) for word in entry.get("avoid", [])):
            raise PluginError(f"{where}: terms: {term}: a term is "
                              "{use: rendering, avoid: [renderings]}")
    return WordTable(where, **data)


# how deep each part's mappings go before its words (None: any depth)
SHAPES = {"site_name": 0, "site_description": 0, "nav": 1, "build": 1,
          "figures": 3, "scripts": None, "notebooks": 2, "terms": None}


def _check_shape(value, depth, where):
    """Stop unless ``value`` is words, in mappings ``depth`` deep.

    >>> _check_shape({"m": {"f": {"alt": "Bild"}}}, 3, "w.yml: figures")
    >>> _check_shape({"m": None}, 3, "w.yml: figures")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: w.yml: figures: m: a mapping is needed
    """
    if depth == 0 or (depth is None and not isinstance(value, dict)):
        if depth is None and isinstance(value, list):
            return
        if not isinstance(value, str):
            raise PluginError(f"{where}: words are needed, not {value!r}")
        return
    if not isinstance(value, dict):
        raise PluginError(f"{where}: a mapping is needed")
    for key, inner in value.items():
        _check_shape(inner, None if depth is None else depth - 1,
                     f"{where}: {key}")


def check_placeholders(where, text, original):
    """Stop unless ``text`` fills in the same ``{names}`` as ``original``.

    >>> check_placeholders("t", "Codeblock {n}", "Code block {n} actions")
    >>> check_placeholders("t", "Codeblock", "Code block {n} actions")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: t: the original fills in {n}, this \
text fills in nothing
    """
    ours = sorted(set(PLACEHOLDER.findall(str(text))))
    theirs = sorted(set(PLACEHOLDER.findall(str(original))))
    if ours != theirs:
        def named(names):
            return ", ".join(f"{{{n}}}" for n in names) or "nothing"
        raise PluginError(f"{where}: the original fills in {named(theirs)}"
                          f", this text fills in {named(ours)}")


def translate_nav(nav, titles, untranslated):
    """``nav`` with each title in ``titles`` (original -> translated);
    titles without a translation stay, and are added to
    ``untranslated``.

    >>> left = []
    >>> translate_nav([{"Home": "index.md"}, {"Part": [{"A": "a.md"}]},
    ...                "b.md"], {"Home": "Accueil"}, left)
    [{'Accueil': 'index.md'}, {'Part': [{'A': 'a.md'}]}, 'b.md']
    >>> left
    ['Part', 'A']
    """
    translated = []
    for entry in nav or []:
        if not isinstance(entry, dict):
            translated.append(entry)
            continue
        (title, value), = entry.items()
        if title not in titles:
            untranslated.append(title)
        if isinstance(value, list):
            value = translate_nav(value, titles, untranslated)
        translated.append({titles.get(title, title): value})
    return translated


def nav_titles(nav):
    """Every title of a nav, in order.

    >>> nav_titles([{"A": "a.md"}, {"B": [{"C": "c.md"}]}, "d.md"])
    ['A', 'B', 'C']
    """
    titles = []
    for entry in nav or []:
        if isinstance(entry, dict):
            (title, value), = entry.items()
            titles.append(title)
            if isinstance(value, list):
                titles += nav_titles(value)
    return titles
