"""The words a notebook carries for its language.

A notebook downloaded from an edition in another language than the
original's carries ``words.<language>.json`` beside this package (the
build writes it there): its figures' words and fonts, and the labels its
cells print, so that its output reads in the page's language.
"""

import json
from pathlib import Path


def carried(language):
    """The words carried for ``language``; none in the original's.

    >>> carried("en")
    {}
    """
    table = Path(__file__).with_name(f"words.{language}.json")
    if not table.is_file():
        return {}
    return json.loads(table.read_text("utf-8"))


def labels(language):
    """The function a notebook prints its labels through: a label as the
    original writes it, in ``language`` (the build checks that the
    language's table has every label a notebook says, and only those).

    >>> say = labels("en")
    >>> say("variance ratio")
    'variance ratio'
    """
    table = carried(language).get("labels", {})
    return lambda label: table.get(label, label)
