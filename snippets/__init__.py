"""Tested code behind the pages of Appendix E, one module per page.

Build caches (figures, notebooks) are keyed on ``source_digest()``, so a
change anywhere in this package redoes what was made from it.
"""

import hashlib
from pathlib import Path


def source_digest():
    """A digest of every module of this package, names and bytes.

    >>> len(source_digest())
    64
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
