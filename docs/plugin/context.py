"""What the build knows of one page of an edition, read once per build."""

from dataclasses import dataclass, field

from mkdocs.utils.meta import get_data

# how a page of an edition came to be (translations.py)
ORIGINAL, TRANSLATED, OUTDATED, UNTRANSLATED, OUT_OF_STEP = (
    "original", "translated", "outdated", "untranslated", "out of step")


@dataclass(frozen=True)
class Source:
    """A file as the build reads it: its text from ``body_line`` on."""

    path: str  # from the project root, as errors name it
    body: str
    body_line: int = 1


@dataclass(frozen=True)
class PageContext:
    """One page (or notebook) of an edition.

    ``source`` holds the words the page shows (the translation, or the
    original); ``meta`` is always the original's front matter, and
    ``original`` the original's source, for a translated page.
    """

    src_uri: str  # below docs/
    source: Source
    meta: dict = field(default_factory=dict)
    language: str = "en"  # the language of its words
    notebook: bool = False
    status: str = ORIGINAL
    original: Source | None = None  # a translation's original
    notebook_text: str = ""  # a notebook: the notebook to build

    @property
    def path(self):
        return self.source.path

    @property
    def body_line(self):
        return self.source.body_line

    @property
    def translated(self):
        return self.status in (TRANSLATED, OUTDATED)

    @property
    def values_module(self):
        return self.meta.get("values")

    @property
    def figures_module(self):
        return self.meta.get("figures")

    @property
    def allowed_numbers(self):
        return dict(self.meta.get("allowed_numbers") or {})

    @property
    def assets(self):
        return list(self.meta.get("assets") or [])


def split_page(text, path):
    """``(Source of the body, front matter)`` of a Markdown page."""
    body, meta = get_data(text)
    front = text[: len(text) - len(body)]
    return Source(path, body, front.count("\n") + 1), meta
