"""Every heading has the same id in every edition.

A heading's id comes from its words in the original (Python-Markdown's
``toc`` extension, configured as the site configures it). A translated
page's headings take the original's ids in order, as if the translator
had written ``{ #id }`` after each; a notebook page's headings, which
nbconvert names after their own words, take the ids of its original's
Markdown cells. So a link to a section, the table of contents, the ¶
links, the language switcher's section and search results work alike
in every language. parity.py has already checked that the headings are
the same, level by level.
"""

import html
import re

from mkdocs.exceptions import PluginError

from . import parity

# an attribute list that names an id, at the end of a heading line
ID_LIST = re.compile(r"[ \t]*\{:?[^{}\n]*#[^{}\n]*\}[ \t]*$")
HTML_HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)"(?P<rest>[^>]*)>(?P<inner>.*?)'
    r"</h(?P=level)>", re.S)
ANCHOR = re.compile(
    r'(<a class="(?:anchor-link|headerlink)" href=")#[^"]*(")')


def ids(markdown_text, converter):
    """``[(level, id)]`` of the headings of ``markdown_text`` (its values
    filled in), as the site's Markdown names them (``converter``: a
    ``markdown.Markdown`` with the site's extensions), ids made unique
    across the page as the table of contents makes them.

    >>> import markdown
    >>> ids("# A\\n\\n!!! note\\n\\n    ## B\\n\\n## B\\n",
    ...     markdown.Markdown(extensions=["toc", "admonition"]))
    [(1, 'a'), (2, 'b'), (2, 'b_1')]
    """
    converter.reset()
    converter.convert(markdown_text)
    found = []

    def walk(tokens):
        for token in tokens:
            found.append((token["level"], token["id"]))
            walk(token["children"])

    walk(converter.toc_tokens)
    return found


def assign(markdown_text, wanted, first_line, where):
    """``markdown_text`` with its headings given the ids ``wanted``
    (``[(level, id)]``, in order); an id the translator wrote is
    replaced.

    >>> print(assign("# Titel\\n\\n## Teil { #old }\\n",
    ...              [(1, "title"), (2, "part")], 1, "p.md"))
    # Titel { #title }
    <BLANKLINE>
    ## Teil { #part }
    <BLANKLINE>
    """
    lines = markdown_text.split("\n")
    found = parity.headings(markdown_text, 1)
    for number, (level, line) in enumerate(found, start=1):
        theirs = wanted[number - 1][0] if number <= len(wanted) else None
        if level != theirs:
            raise PluginError(
                f"{where}:{first_line + line - 1}: heading {number} has no "
                "heading of its level in the original's page")
    if len(found) != len(wanted):
        raise PluginError(f"{where}: {len(found)} headings, the original's "
                          f"page {len(wanted)}")
    for (_, line), (_, anchor) in zip(found, wanted):
        text = ID_LIST.sub("", lines[line - 1]).rstrip()
        lines[line - 1] = f"{text} {{ #{anchor} }}"
    return "\n".join(lines)


def assign_html(content, wanted, where):
    """Notebook HTML with its headings' ids, and their ¶ links, set to
    ``wanted`` in order."""
    found = list(HTML_HEADING.finditer(content))
    levels = [int(match["level"]) for match in found]
    if levels != [level for level, _ in wanted]:
        raise PluginError(
            f"{where}: its page has headings of levels {levels}, its "
            f"Markdown cells {[level for level, _ in wanted]}")
    anchors = iter(anchor for _, anchor in wanted)

    def rename(match):
        anchor = html.escape(next(anchors))
        inner = ANCHOR.sub(rf"\g<1>#{anchor}\g<2>", match["inner"])
        return (f'<h{match["level"]} id="{anchor}"{match["rest"]}>'
                f'{inner}</h{match["level"]}>')

    return HTML_HEADING.sub(rename, content)
