"""Build caches: keyed on exactly the code that made an output.

Figures and notebooks are cached under the page module and every snippets
module it imports, so an edit redoes only what depends on it, and undoing
an edit finds the old entry again. Cache writes are atomic.
"""

import re
import shutil

import pytest

from appendix_plugin.cache import Cache, write_atomic

from .pages import ORIGINAL_PAGES

SQUARES = '''"""Code for the page "Squares" (docs/squares.md)."""

SIDE = 1.5  # the side of the square


def page_values():
    """Every number the page prints, by name.

    >>> page_values()
    {'side': 1.5}
    """
    return {"side": SIDE}
'''
SQUARES_FIGURES = '''"""Figures of the page "Squares"."""

from snippets import squares
from snippets.figures import FigureSpec, new_figure


def draw_square(values, palette, words):
    """A square of the page's side."""
    figure = new_figure(2, 2)
    ax = figure.add_subplot()
    side = squares.SIDE
    ax.plot([0, side, side, 0, 0], [0, 0, side, side, 0],
            color=palette.curve)
    ax.set_title(f"{words['side']} {values['side']}")
    return figure


FIGURES = (FigureSpec("square", draw_square, words={
    "alt": "A square drawn with sides of length %%side%%, one at each edge "
           "of the frame, nothing else in the picture at all.",
    "caption": "A square of side $s = %%side%%$.", "side": "side"}),)
'''
SQUARES_PAGE = '''---
values: squares
figures: squares_figures
---

# Squares

A square of side $s = %%side%%$.

%%figure:square%%
'''


def drawn(result):
    """(figures drawn, figures from the cache, notebooks executed)."""
    assert result.returncode == 0, result.stderr
    found = re.search(r"figures: (\d+) drawn.*?, (\d+) from the cache",
                      result.stderr)
    executed = re.search(r"notebooks: executed (.*)", result.stderr)
    return (int(found[1]), int(found[2]),
            set(executed[1].split(", ")) if executed else set())


def svgs(pages):
    """How many SVGs the figures of ``pages`` make (two palettes each)."""
    return 2 * sum(len(page.figures) for page in pages)


def test_caches_follow_the_code_that_made_them(project_copy):
    """Assert a warm build redoes nothing, a comment edit redoes nothing,
    a changed constant in one page's module redoes only that page's
    figures, undoing it hits the cache, and a change to the code a
    notebook runs re-executes the notebook."""
    root = project_copy.path
    shutil.rmtree(root / ".cache", ignore_errors=True)
    (root / "snippets" / "squares.py").write_text(SQUARES, "utf-8")
    (root / "snippets" / "squares_figures.py").write_text(SQUARES_FIGURES,
                                                          "utf-8")
    (root / "docs" / "squares.md").write_text(SQUARES_PAGE, "utf-8")
    project_copy.edit("mkdocs.yml", "nav:\n", "nav:\n  - squares.md\n")
    project_copy.without_translations()

    total = svgs(ORIGINAL_PAGES) + 2  # and the square's, light and dark
    notebooks = {f"docs/{p.src_uri}" for p in ORIGINAL_PAGES if p.notebook}
    assert drawn(project_copy.build()) == (total, 0, notebooks)
    pages = project_copy.pages()
    assert drawn(project_copy.build()) == (0, total, set())
    assert project_copy.pages() == pages  # caches change no byte of HTML

    project_copy.edit("snippets/calculus_basics.py",
                      "# learning rates the step-size figure compares",
                      "# the learning rates that the step-size figure shows")
    assert drawn(project_copy.build()) == (0, total, set())  # a comment

    project_copy.edit("snippets/squares.py", "SIDE = 1.5", "SIDE = 2.5")
    assert drawn(project_copy.build()) == (2, total - 2, set())
    assert "s=2.5" in project_copy.page("squares").get_text().replace(
        " ", "")
    project_copy.edit("snippets/squares.py", "SIDE = 2.5", "SIDE = 1.5")
    assert drawn(project_copy.build()) == (0, total, set())  # a hit
    assert project_copy.pages() == pages

    # a constant of E.3.1's module: every page and notebook whose code
    # imports it is redone, and only those
    project_copy.edit("snippets/calculus_basics.py",
                      "TABLE_THETAS = (0.2, 0.5, 0.8, 1.0)",
                      "TABLE_THETAS = (0.2, 0.5, 0.8, 1.1)")
    users = [p for p in ORIGINAL_PAGES if "calculus_basics" in p.code()]
    assert drawn(project_copy.build()) == (
        svgs(users), total - svgs(users),
        {f"docs/{p.src_uri}" for p in users if p.notebook})


def test_cache_keeps_what_recent_builds_used(tmp_path):
    """Assert an entry survives as long as one of the last builds used it,
    goes once none did, and that an entry another edition made is taken
    into this edition's folder."""
    def build(*keys, recent=2):
        store = Cache(tmp_path / "own", ".bin", recent,
                      others=[tmp_path / "other"])
        for key in keys:
            if store.get(key) is None:
                store.put(key, key.encode())
        store.prune()
        return sorted(p.stem for p in (tmp_path / "own").glob("*.bin"))

    assert build("a", "b") == ["a", "b"]
    assert build("a", "c") == ["a", "b", "c"]  # b: used one build ago
    assert build("a") == ["a", "c"]  # b: used by neither of the last two
    Cache(tmp_path / "other", ".bin").put("d", b"theirs")
    store = Cache(tmp_path / "own", ".bin", others=[tmp_path / "other"])
    assert store.get("d") == b"theirs"
    assert (tmp_path / "own" / "d.bin").read_bytes() == b"theirs"
    assert Cache(tmp_path / "own", ".bin").get("e") is None


def test_writes_are_atomic(tmp_path, monkeypatch):
    """Assert a write that fails midway leaves the old bytes and no
    temporary file."""
    target = tmp_path / "entry.svg"
    write_atomic(target, b"old")

    def broken(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.svg"]


def test_two_builds_in_one_process_with_one_config(tmp_path):
    """Assert on_config and the build run twice on one config object (as
    `mkdocs serve` does) give the same site, and that a build leaves
    nothing behind in the process: no importer, exit handler or logger
    level of its own, no process and no folder beside the site."""
    import atexit
    import logging
    import multiprocessing
    import sys

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"),
                         site_dir=str(tmp_path / "site"))
    before = list(sys.meta_path), logging.getLogger("jieba").level
    sites, handlers = [], []
    for _ in range(2):
        build(config)
        sites.append({p.relative_to(tmp_path).as_posix(): p.read_bytes()
                      for p in sorted((tmp_path / "site").rglob("*.html"))})
        assert (list(sys.meta_path),
                logging.getLogger("jieba").level) == before
        handlers.append(atexit._ncallbacks())  # the first build may load
        # a library that registers its own, once
        assert multiprocessing.active_children() == []
        assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert sites[0] == sites[1] and handlers[0] == handlers[1]
    assert config.plugins["appendix"].config.math


def test_a_warm_build_imports_nothing_that_draws_or_runs(project_copy):
    """Assert a build with warm caches imports neither matplotlib nor
    anything that runs or converts a notebook."""
    import subprocess
    import sys

    assert project_copy.build().returncode == 0  # the caches are warm
    script = ("import sys; from mkdocs.commands.build import build; "
              "from mkdocs.config import load_config; "
              "build(load_config('mkdocs.yml')); "
              "print(sorted(m for m in ('matplotlib', 'nbclient', "
              "'nbconvert', 'jupytext', 'mkdocs_jupyter') "
              "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script],
                            cwd=project_copy.path, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
