"""Check a page's code includes before pymdownx.snippets reads them.

Pages show code only as named sections of page modules::

    --8<-- "calculus_basics.py:objective"

The build points pymdownx.snippets at this project's ``snippets/`` folder
and stops, naming the page, the line, the file and the section, when an
include asks for a file or a section that is not there, or for line
numbers instead of a name.
"""

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import markers

INCLUDE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"([^"]*)"[ \t]*$', re.M)
SECTION_MARK = re.compile(
    r"--8<--[ \t]*\[[ \t]*(start|end)[ \t]*:[ \t]*([a-z][-_0-9a-z]*)[ \t]*\]")
SECTION_NAME = re.compile(r"[a-z][-_0-9a-z]*")


def configure(mdx_configs, folder):
    """Point pymdownx.snippets at ``folder``; insist on check_paths."""
    options = mdx_configs.setdefault("pymdownx.snippets", {})
    options["base_path"] = [str(folder)]
    if not options.get("check_paths"):
        raise PluginError(
            "mkdocs.yml: pymdownx.snippets needs 'check_paths: true' so that "
            "a missing include stops the build")


def sections(path):
    """Names of the complete ``[start:name]`` / ``[end:name]`` sections."""
    opened, closed = set(), set()
    for kind, name in SECTION_MARK.findall(path.read_text(encoding="utf-8")):
        (opened if kind == "start" else closed).add(name)
    return opened & closed


def targets(markdown):
    r"""The files ``markdown`` includes, by their names in the folder.

    >>> sorted(targets('--8<-- "b.py:y"\ntext\n --8<-- "a.py:x"'))
    ['a.py', 'b.py']
    """
    return {match[1].partition(":")[0]
            for match in INCLUDE.finditer(markdown)}


def check(markdown, folder, where, first_line):
    """Stop at the first include of ``markdown`` that cannot be served."""
    folder = Path(folder)
    for kind, start, end in markers.segments(markdown):
        if kind != "fence":
            continue
        for match in INCLUDE.finditer(markdown, start, end):
            line = markers.line_at(markdown, match.start(), first_line)
            target = match[1]
            name, _, section = target.partition(":")
            place = f"{where}:{line}: include '{target}'"
            if not SECTION_NAME.fullmatch(section):
                raise PluginError(f"{place} must name a section, as "
                                  "\"file.py:section\"")
            path = folder / name
            if not path.is_file():
                raise PluginError(f"{place}: no file snippets/{name}")
            if section not in sections(path):
                raise PluginError(f"{place}: no section '{section}' in "
                                  f"snippets/{name}")
