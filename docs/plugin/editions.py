"""The appendix in several languages: one build per language.

Each edition is a plain MkDocs site made from the same config,
``mkdocs.yml``, with its own ``theme.language`` (Material's documented way
for a site in several languages: the theme's strings, ``<html lang>``,
the search language and segmentation follow it). The appendix plugin
finds the edition among its ``languages`` (languages.py) and derives the
rest: the nav titles and site name from the edition's word table, each
page's words from its folder, the language switcher from the list.

The original's build builds every other edition at the same time as
itself, each in a process of its own (as Material's projects plugin
builds its projects: MkDocs is not made to build two sites in one
process, and nothing one build sets can then reach another). The
processes are forked from multiprocessing's fork server, a clean process
that imports MkDocs, the theme's search and this plugin once: a process
made from it holds nothing of the original's, as a spawned one, and
costs a fork rather than a Python's start with those imports (about two
seconds, the most of a small project's build). An edition
is written into a folder beside the site and moved to ``site/<code>/``
once the original is written, at the original's address plus ``<code>/``,
so one ``mkdocs build`` or ``mkdocs serve`` gives the whole site (a dirty
build rewrites it in place, in ``site/<code>/``: dirty.py). Its log lines
carry its code (``[zh] figures: ...``).

The fork server is the one piece this module leaves for the rest of the
process: it goes when the process ends.
"""

import importlib
import logging
import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.appendix.editions")


def nav_sources(nav):
    """Every file a nav names, in order.

    >>> list(nav_sources(["a.md", {"B": [{"C": "c.md"}]}]))
    ['a.md', 'c.md']
    """
    for entry in nav or []:
        value = entry if isinstance(entry, str) else next(iter(
            entry.values()))
        if isinstance(value, list):
            yield from nav_sources(value)
        else:
            yield value


def theme_of(config_file, framework="mkdocs"):
    """The ``theme`` mapping that ``config_file`` sets (INHERIT and !ENV
    resolved as ``framework`` resolves them)."""
    yaml_load = importlib.import_module(f"{framework}.utils.yaml").yaml_load

    with open(config_file, "rb") as file:
        theme = yaml_load(file).get("theme") or {}
    return {"name": theme} if isinstance(theme, str) else dict(theme)


def config(config_file, language, framework="mkdocs", **options):
    """The config of the edition in ``language`` (a code), loaded by
    ``framework`` (MkDocs, or a drop-in fork of it: the one that builds
    the original) from the original's ``config_file`` with ``options``
    (site_dir, site_url...)."""
    load_config = importlib.import_module(f"{framework}.config").load_config
    theme = {**theme_of(config_file, framework), "language": language}
    return load_config(str(config_file), theme=theme, **options)


def framework_of(config):
    """The package that loaded ``config``: "mkdocs", or a drop-in fork."""
    return type(config).__module__.partition(".")[0]


def preloaded(framework):
    """What the fork server imports before it forks an edition's process:
    the framework's command line (a fork's sets up what plugins made for
    MkDocs import), its build, this plugin, the theme's search, the
    library page code computes with, and what preload.py readies."""
    package = __name__.rpartition(".")[0]
    return [f"{framework}.__main__", f"{framework}.commands.build",
            f"{package}.plugin", "material.plugins.search.plugin", "numpy",
            f"{package}.preload"]


class Worker:
    """A process of its own that builds one edition on request. Kept for
    a whole ``mkdocs serve`` session, it keeps what it imported, so that a
    rebuild costs what the build costs and not a Python's start.

    Each request carries what a build started then would see (the
    environment), and each answer what the build logged, for the original
    to log: the process may outlive the streams it was started with."""

    def __init__(self, code, framework, level):
        self.code = code
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(preloaded(framework))
        self.connection, theirs = context.Pipe()
        self.process = context.Process(
            target=_serve_builds, name=f"edition-{code}",
            args=(theirs, code, framework, level), daemon=True)
        self.process.start()
        theirs.close()
        self.pending = False  # a build requested and not answered yet

    def build(self, config_file, site_dir, site_url, dirty=False,
              serving=False):
        """Request a build (``serving``: for ``mkdocs serve``'s preview,
        at ``site_url``, as the original's)."""
        if self.pending:  # a build the original gave up on: let it end
            self.built()
        self.connection.send((str(config_file), str(site_dir), site_url,
                              dirty, serving, dict(os.environ)))
        self.pending = True

    def built(self):
        """``(whether the requested build succeeded, [(level, message)
        for each line it logged])``; waits for it."""
        self.pending = False
        try:
            return self.connection.recv()
        except (EOFError, OSError):  # the process died before it could say
            return False, [(logging.ERROR, "its process ended")]

    def close(self):
        if self.process.is_alive():
            try:
                self.connection.send(None)
            except OSError:
                pass
            self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.connection.close()


class Builds:
    """The other editions, each built in a process of its own at the same
    time as the original: started, then finished (moved into the site) or
    stopped. With ``keep`` the processes serve the next builds too."""

    def __init__(self, codes, framework="mkdocs", keep=False):
        self.codes = codes
        self.framework = framework
        self.keep = keep
        self.workers = {}
        self.folder = self.site_dir = None
        self.running = False  # started, and neither finished nor stopped
        self.abandoned = []  # folders of builds given up, still being built

    def start(self, config_file, site_dir, site_url, dirty=False):
        """Start every edition's build; a ``dirty`` one rewrites the
        edition in the site, where its last build left it (dirty.py)."""
        self.site_dir = Path(site_dir)
        self.running = True
        # beside the site, so that moving an edition into it is a rename
        self.folder = self.site_dir if dirty else Path(tempfile.mkdtemp(
            prefix=f".{self.site_dir.name}-editions-",
            dir=self.site_dir.parent))
        level = logging.getLogger("mkdocs").getEffectiveLevel()
        for code in self.codes:
            worker = self.workers.get(code)
            if worker is None or not worker.process.is_alive():
                if worker is not None:  # it died since the last build
                    worker.close()
                self.workers[code] = Worker(code, self.framework, level)
            self.workers[code].build(config_file, self.folder / code,
                                     f"{site_url}{code}/" if site_url
                                     else None, dirty, self.keep)
            log.info("Building the '%s' edition", code)
        self._remove_abandoned()  # their builds have ended

    def finish(self):
        """Wait for every edition and log what it logged; move each into
        the site, or stop with the first that failed."""
        failed = []
        for code, worker in self.workers.items():
            succeeded, lines = worker.built()
            for level, message in lines:
                log.log(level, "[%s] %s", code, message)
            if not succeeded:
                failed.append(code)
        try:
            if failed:
                raise PluginError(f"the '{failed[0]}' edition failed to "
                                  "build (its errors are above)")
            for code in self.codes:
                target = self.site_dir / code
                if self.folder != self.site_dir:
                    shutil.rmtree(target, ignore_errors=True)
                    (self.folder / code).rename(target)
        finally:
            self._tidy(stop=not self.keep)

    def stop(self):
        """End the builds still running; leave nothing behind."""
        self._tidy(stop=True)

    def abandon(self):
        """Give up the builds under way, but keep the processes that run
        them if they serve the next builds (their answers are awaited
        then)."""
        self._tidy(stop=not self.keep)

    def _tidy(self, stop):
        self.running = False
        if stop:
            for worker in self.workers.values():
                worker.close()
            self.workers = {}
        if self.folder and self.folder != self.site_dir:
            self.abandoned.append(self.folder)
        self.folder = None
        if not any(worker.pending for worker in self.workers.values()):
            self._remove_abandoned()

    def _remove_abandoned(self):
        for folder in self.abandoned:
            shutil.rmtree(folder, ignore_errors=True)
        self.abandoned = []


def _serve_builds(connection, code, framework, level):
    """Build the edition ``code`` (with ``framework``, the package that
    builds the original) for each request that arrives, until None; answer
    each with whether it was built."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the original stops us
    # the command line, as the original's: a fork's sets up what plugins
    # made for MkDocs import (ProperDocs answers for `mkdocs` there)
    importlib.import_module(f"{framework}.__main__")
    build_site = importlib.import_module(f"{framework}.commands.build").build
    lines = Lines()
    logger = logging.getLogger("mkdocs")
    for name in {framework, "mkdocs"}:  # our plugin logs as mkdocs's
        logging.getLogger(name).setLevel(level)
        logging.getLogger(name).propagate = False
        logging.getLogger(name).addHandler(lines)
    while True:
        try:
            request = connection.recv()
        except EOFError:
            break
        if request is None:
            break
        config_file, site_dir, site_url, dirty, serving, environ = request
        os.environ.clear()
        os.environ.update(environ)
        lines.taken = []
        try:
            edition = config(Path(config_file), code, framework,
                             site_dir=site_dir, site_url=site_url)
            edition.plugins.on_startup(
                command="serve" if serving else "build", dirty=dirty)
            try:
                build_site(edition, dirty=dirty, serve_url=(
                    edition.site_url if serving else None))
            finally:
                edition.plugins.on_shutdown()
        except Exception as error:  # the build has logged its cause
            logger.error("%s", error)
            connection.send((False, lines.taken))
        else:
            connection.send((True, lines.taken))
    connection.close()


class Lines(logging.Handler):
    """What a build logs, taken for its answer: ``(level, message)``."""

    def __init__(self):
        super().__init__()
        self.taken = []

    def emit(self, record):
        self.taken.append((record.levelno, record.getMessage()))
