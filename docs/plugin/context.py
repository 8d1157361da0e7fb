"""What the build knows of one page, read once per build."""

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils.meta import get_data


@dataclass(frozen=True)
class PageContext:
    """One page (or notebook) of the site, as its source says."""

    src_uri: str  # below docs/
    path: str  # from the project root, as errors name it
    source: str  # the file's text
    meta: dict = field(default_factory=dict)  # the front matter
    body_line: int = 1  # the file's line where the body starts
    language: str = "en"
    notebook: bool = False

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


def read_page(file, root, language, notebook=False):
    """The context of ``file`` (a MkDocs File), reading it once."""
    source = Path(file.abs_src_path).read_text(encoding="utf-8")
    path = Path(file.abs_src_path).resolve().relative_to(root).as_posix()
    if notebook:
        return PageContext(file.src_uri, path, source, language=language,
                           notebook=True)
    body, meta = get_data(source)
    front = source[: len(source) - len(body)]
    return PageContext(file.src_uri, path, source, meta,
                       front.count("\n") + 1, language)
