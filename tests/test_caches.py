"""Build caches: keyed on exactly the code that made an output.

Figures and notebooks are cached under the page module and every snippets
module it imports, so an edit redoes only what depends on it, and undoing
an edit finds the old entry again. Cache writes are atomic.
"""

import os
import re
import shutil
import time

import pytest

from appendix_plugin.cache import Cache, write_atomic
from appendix_plugin.dirty import RECORD

from .conftest import site_files, snippets_kept
from .pages import LANGUAGES

def redone(result):
    """What each edition's build redid, the same in every edition or
    none: (figures drawn, figures from the cache, notebooks executed)."""
    assert result.returncode == 0, result.stderr
    figures = re.findall(r"figures: (\d+) drawn.*?, (\d+) from the cache",
                         result.stderr)
    assert len(figures) == len(LANGUAGES), result.stderr
    executed = [len(line.split(", ")) for line in re.findall(
        r"notebooks: executed (.*)", result.stderr)]
    editions = {(int(drawn), int(cached),
                 executed[0] if executed else 0) for drawn, cached in figures}
    assert len(editions) == 1 and len(executed) in (0, len(LANGUAGES)), (
        result.stderr)
    return editions.pop()


def test_caches_follow_the_code_that_made_them(tiny):
    """Assert, in every edition, that a warm build redoes nothing, a
    comment edit redoes nothing, an edit of the figures' module redraws
    the figures and runs no notebook, a changed constant of the page
    module that both use redoes both, and undoing each edit finds the old
    entries again."""
    shutil.rmtree(tiny.path / ".cache")
    assert redone(tiny.build()) == (2, 0, 1)  # light and dark; a notebook
    pages = tiny.pages()
    assert redone(tiny.build()) == (0, 2, 0)
    assert tiny.pages() == pages  # caches change no byte of HTML

    tiny.edit("snippets/squares.py", "# the side of the square",
              "# the side of the square drawn")
    assert redone(tiny.build()) == (0, 2, 0)  # a comment

    edit = ("new_figure(2, 2)", "new_figure(2.5, 2)")
    tiny.edit("snippets/squares_figures.py", *edit)
    assert redone(tiny.build()) == (2, 0, 0)
    tiny.edit("snippets/squares_figures.py", *reversed(edit))
    assert redone(tiny.build()) == (0, 2, 0)  # a hit

    tiny.edit("snippets/squares.py", "SIDE = 1.5", "SIDE = 2.5")
    assert redone(tiny.build()) == (2, 0, 1)
    for language in LANGUAGES:
        assert "s=2.5" in tiny.page(language.folder).get_text().replace(
            " ", "")
    tiny.edit("snippets/squares.py", "SIDE = 2.5", "SIDE = 1.5")
    assert redone(tiny.build()) == (0, 2, 0)
    assert tiny.pages() == pages


def rewritten(result):
    """How many pages each edition's dirty build rewrote: code -> count."""
    assert result.returncode == 0, result.stderr
    found = {code or LANGUAGES[0].code: int(count) for code, count in
             re.findall(r"(?:\[(\w+)\] )?dirty build: (\d+) of \d+ pages",
                        result.stderr)}
    assert set(found) == {language.code for language in LANGUAGES}, (
        result.stderr)
    return found


def test_a_dirty_build_rewrites_what_changed_into_the_clean_site(tiny):
    """Assert that ``--dirty`` rewrites, in every edition, exactly the
    pages whose inputs changed (the original's words, and so the
    translation checked against them; a translation's words alone, which
    MkDocs's file dates do not see; code a page and its notebook show; a
    constant both use), and that the site it leaves is, file for file,
    the one a clean build makes (search index and font subsets too) and
    the subsets of fonts that pages typeset before it used; and that a
    build that warned leaves no record."""
    both = {language.code: 2 for language in LANGUAGES}
    original = {LANGUAGES[0].code: 1, LANGUAGES[1].code: 1}
    translation = {LANGUAGES[0].code: 0, LANGUAGES[1].code: 1}
    assert rewritten(tiny.build(dirty=True)) == both
    assert rewritten(tiny.build(dirty=True)) == {
        language.code: 0 for language in LANGUAGES}
    for edit, expected in (
            (("docs/index.md", "more than\nits side",
              "more than\nits own side"), original),
            (("snippets/squares.py", "# the side of the square",
              "# the side of a square"), both),
            (("snippets/squares.py", "SIDE = 1.5", "SIDE = 2.5"), both),
            # last, so that the site compared below has pages kept
            ((f"docs/{LANGUAGES[1].folder}index.md", "比边长大",
              "比它的边长大"), translation)):
        tiny.edit(*edit)
        assert rewritten(tiny.build(dirty=True)) == expected, edit
    assert "s=2.5" in tiny.page("").get_text().replace(" ", "")
    kept = site_files(tiny.path / "site")
    assert tiny.build().returncode == 0
    clean = site_files(tiny.path / "site")
    assert {path: kept.get(path) for path in clean} == clean
    # besides: the records
    assert set(kept) - set(clean) == {
        language.folder + RECORD for language in LANGUAGES}
    # a dirty build that warns (strict mode stops it after it has written)
    # leaves no record, so the next rewrites every page
    tiny.edit("docs/index.md", "The [notebook]",
              "A [lost page](lost.md). The [notebook]")
    assert tiny.build(dirty=True).returncode == 1
    assert not (tiny.path / "site" / RECORD).exists()


def test_cache_keeps_what_recent_builds_used(tmp_path):
    """Assert an entry survives as long as one of the last builds used it,
    goes once none did, that what a write cut short left goes, and that an
    entry another edition made is taken into this edition's folder."""
    def build(*keys, recent=2):
        store = Cache(tmp_path / "own", ".bin", recent,
                      others=[tmp_path / "other"])
        for key in keys:
            if store.get(key) is None:
                store.put(key, key.encode())
        store.prune()
        return sorted(p.stem for p in (tmp_path / "own").glob("*.bin"))

    assert build("a", "b") == ["a", "b"]
    for name, age in ((".tmp-cut", 3600), (".tmp-writing", 0)):
        (tmp_path / "own" / name).write_bytes(b"part of an entry")
        when = time.time() - age
        os.utime(tmp_path / "own" / name, (when, when))
    assert build("a", "c") == ["a", "b", "c"]  # b: used one build ago
    assert sorted(p.name for p in (tmp_path / "own").glob(".tmp-*")) == [
        ".tmp-writing"]  # an old write was cut short; a new one may not be
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


def test_two_builds_in_one_process_with_one_config(tiny):
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

    config = load_config(str(tiny.path / "mkdocs.yml"),
                         site_dir=str(tiny.path / "site"))
    before = list(sys.meta_path), logging.getLogger("jieba").level
    folders = sorted(p.name for p in tiny.path.iterdir())
    sites, handlers = [], []
    with snippets_kept():
        for _ in range(2):
            build(config)
            sites.append(tiny.pages())
            assert (list(sys.meta_path),
                    logging.getLogger("jieba").level) == before
            handlers.append(atexit._ncallbacks())  # the first build may
            # load a library that registers its own, once
            assert multiprocessing.active_children() == []
            assert sorted(p.name for p in tiny.path.iterdir()) == sorted(
                folders + ["site"])
    assert sites[0] == sites[1] and handlers[0] == handlers[1]
    assert config.plugins["appendix"].config.math


def test_a_warm_build_imports_nothing_that_draws_or_runs(tiny):
    """Assert a build with warm caches imports neither matplotlib nor
    anything that runs or converts a notebook."""
    import subprocess
    import sys

    script = ("import sys; from mkdocs.commands.build import build; "
              "from mkdocs.config import load_config; "
              "build(load_config('mkdocs.yml')); "
              "print(sorted(m for m in ('matplotlib', 'nbclient', "
              "'nbconvert', 'jupytext', 'mkdocs_jupyter') "
              "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script],
                            cwd=tiny.path, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_serve_keeps_each_editions_process_and_stops_it(tiny):
    """Assert that under `mkdocs serve` (which loads the config again for
    every build) each other edition is built by one process for the
    whole session, and that the session's end stops it, leaving no
    process and no folder beside the site."""
    import multiprocessing

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def config():
        return load_config(str(tiny.path / "mkdocs.yml"),
                           site_dir=str(tiny.path / "site"))

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    with snippets_kept():
        try:
            build(first)
            workers = sorted(p.pid for p in multiprocessing.active_children())
            assert len(workers) == len(LANGUAGES) - 1
            build(config())
            assert sorted(p.pid for p in multiprocessing.active_children()
                          ) == workers
        finally:
            first.plugins.on_shutdown()
    assert multiprocessing.active_children() == []
    assert [p.name for p in tiny.path.iterdir()
            if p.name.startswith(".site")] == []
