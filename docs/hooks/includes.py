"""Check a page's code includes before pymdownx.snippets reads them.

Pages include code only as named sections of the snippets package::

    --8<-- "calculus_basics.py:objective"

This hook points pymdownx.snippets at this project's ``snippets/`` folder
(whatever the working directory) and stops the build, naming the page,
the line, the file and the section, when an include asks for a file or a
section that is not there, or for line numbers instead of a name.
"""

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

INCLUDE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"([^"]*)"[ \t]*$', re.M)
SECTION_MARK = re.compile(
    r"--8<--[ \t]*\[[ \t]*(start|end)[ \t]*:[ \t]*([a-z][-_0-9a-z]*)[ \t]*\]")
SECTION_NAME = re.compile(r"[a-z][-_0-9a-z]*")


def _snippets_dir(config):
    return Path(config.config_file_path).parent.resolve() / "snippets"


def on_config(config):
    options = config.mdx_configs.setdefault("pymdownx.snippets", {})
    options["base_path"] = [str(_snippets_dir(config))]
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


def on_page_markdown(markdown, page, config, files):
    if not page.file.src_uri.endswith(".md"):
        return markdown
    base = _snippets_dir(config)
    source = Path(page.file.abs_src_path).resolve()
    lines = source.read_text(encoding="utf-8").splitlines()
    for match in INCLUDE.finditer(markdown):
        # the line in the file itself, front matter included
        line = next((n for n, text in enumerate(lines, start=1)
                     if text.strip() == match.group(0).strip()), "?")
        where = f"{source.relative_to(base.parent).as_posix()}:{line}"
        target = match.group(1)
        name, _, section = target.partition(":")
        if not SECTION_NAME.fullmatch(section):
            raise PluginError(
                f"{where}: include '{target}' must name a section, as "
                "\"file.py:section\"")
        path = base / name
        if not path.is_file():
            raise PluginError(
                f"{where}: include '{target}': no file snippets/{name}")
        if section not in sections(path):
            raise PluginError(
                f"{where}: include '{target}': no section '{section}' in "
                f"snippets/{name}")
    return markdown
