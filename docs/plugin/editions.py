"""The appendix in several languages: one build per language.

Each edition is a plain MkDocs site made from the same config,
``mkdocs.yml``, with its own ``theme.language`` (Material's documented way
for a site in several languages: the theme's strings, ``<html lang>``,
the search language and segmentation follow it). The appendix plugin
finds the edition among its ``languages`` (languages.py) and derives the
rest: the nav titles and site name from the edition's word table, each
page's words from its folder, the language switcher from the list.

The original's build builds every other edition at the same time as
itself, each in a process of its own (spawned, as Material's projects
plugin builds its projects: MkDocs is not made to build two sites in one
process, and nothing one build sets can then reach another). An edition
is written into a folder beside the site and moved to ``site/<code>/``
once the original is written, at the original's address plus ``<code>/``,
so one ``mkdocs build`` or ``mkdocs serve`` gives the whole site. Its log
lines carry its code (``[zh] figures: ...``).
"""

import importlib
import logging
import multiprocessing
import shutil
import sys
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


class Builds:
    """The other editions of one build of the original, running."""

    def __init__(self, config_file, codes, site_dir, site_url,
                 framework="mkdocs"):
        self.site_dir = Path(site_dir)
        # beside the site, so that moving an edition into it is a rename
        self.folder = Path(tempfile.mkdtemp(
            prefix=f".{self.site_dir.name}-editions-",
            dir=self.site_dir.parent))
        context = multiprocessing.get_context("spawn")
        level = logging.getLogger("mkdocs").getEffectiveLevel()
        self.running = {}
        for code in codes:
            receive, send = context.Pipe(duplex=False)
            process = context.Process(
                target=_build_in_process, name=f"edition-{code}",
                args=(str(config_file), code, str(self.folder / code),
                      f"{site_url}{code}/" if site_url else None, level,
                      framework, send))
            process.start()
            send.close()
            self.running[code] = (process, receive)
            log.info("Building the '%s' edition", code)

    def finish(self):
        """Wait for every edition; move each into the site, or stop with
        the first that failed (its own log has said why)."""
        try:
            failed = [code for code in self.running if not self._ended(code)]
            if failed:
                raise PluginError(f"the '{failed[0]}' edition failed to "
                                  "build (its errors are above)")
            for code in self.running:
                target = self.site_dir / code
                shutil.rmtree(target, ignore_errors=True)
                (self.folder / code).rename(target)
        finally:
            self.stop()

    def _ended(self, code):
        process, receive = self.running[code]
        try:
            succeeded = receive.recv()
        except EOFError:  # the process died before it could say
            succeeded = False
        process.join()
        return succeeded and process.exitcode == 0

    def stop(self):
        """End every edition still running; leave nothing behind."""
        for process, receive in self.running.values():
            if process.is_alive():
                process.terminate()
            process.join()
            receive.close()
        self.running = {}
        shutil.rmtree(self.folder, ignore_errors=True)


def _build_in_process(config_file, code, site_dir, site_url, level,
                      framework, send):
    """Build one edition (in a process of its own, with ``framework``,
    the package that builds the original) and say whether it was built."""
    formatter = importlib.import_module(f"{framework}.__main__")
    build_site = importlib.import_module(f"{framework}.commands.build").build

    class EditionFormatter(formatter.ColorFormatter):
        def format(self, record):
            record.msg = f"[{code}] {record.msg}"
            return super().format(record)

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(EditionFormatter())
    for name in {framework, "mkdocs"}:  # our plugin logs as mkdocs's
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.propagate = False
        logger.addHandler(handler)
    try:
        build_site(config(Path(config_file), code, framework,
                          site_dir=site_dir, site_url=site_url))
    except Exception as error:  # the build has logged its cause
        logger.error("%s", error)
        send.send(False)
    else:
        send.send(True)
    finally:
        send.close()
